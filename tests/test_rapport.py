"""Le rapport de make check et les annotations GitHub : rien de tapé ne devient une commande d'atelier."""

import io

import pytest

from projet_social.annotations import annotation, echapper_message, echapper_propriete, publier
from projet_social.chargement import charger
from projet_social.erreurs import AVERTISSEMENT, Erreur, ligne_sure, rapport

HOSTILES = [
    "a\n::error file=README.md,line=1::faux",
    "a\r\n::warning::faux",
    "a\u2028::add-mask::secret",
    "a\x85::stop-commands::jeton",
    "a\n  ::error::faux",
    "a\n\u200b::error::faux",
    "a\n##[error]faux",
]


def _aucune_commande(sortie: str) -> None:
    for ligne in sortie.splitlines():
        assert not ligne.lstrip().startswith("::"), ligne
        assert "##[" not in ligne, ligne


@pytest.mark.parametrize("texte", HOSTILES)
def test_rapport_sans_commande(texte):
    erreurs = [
        Erreur(texte, 3, texte, texte, texte),
        Erreur(texte, None, "", texte, texte, AVERTISSEMENT),
    ]
    sortie = rapport(erreurs)
    assert len(sortie.splitlines()) == 4  # deux lignes, une ligne vide, le bilan
    _aucune_commande(sortie)


def test_ligne_qui_commence_par_deux_points_precedee():
    assert ligne_sure("::error::x") == "› ::error::x"
    assert ligne_sure(" \u200b::error::x").startswith("› ")
    assert ligne_sure("docs/a.md:3 — champ") == "docs/a.md:3 — champ"
    assert str(Erreur("::error file=a", 1, "c", "m", "a")).startswith(
        "› ::error file=a:1 — c — m — a"
    )


def test_caracteres_de_controle_remplaces_par_des_espaces():
    assert (
        str(Erreur("data/sigles.yml", 2, "a\nb\tc\x1b[31m", "m", "a"))
        == "data/sigles.yml:2 — a b c [31m — m — a"
    )


def test_cle_yaml_avec_saut_de_ligne_dans_le_rapport(centre):
    sigles = centre / "data" / "sigles.yml"
    sigles.write_text(
        sigles.read_text(encoding="utf-8") + '"x\\n::error file=README.md,line=1::faux": y\n',
        encoding="utf-8",
    )
    _, erreurs = charger(centre)
    sortie = rapport(erreurs)
    assert "x ::error file=README.md" in sortie
    _aucune_commande(sortie)


def test_echappement_selon_github():
    assert echapper_message("100 %\r\nfin") == "100 %25%0D%0Afin"
    assert echapper_propriete("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert echapper_message("a\tb\u2028c") == "a b c"


@pytest.mark.parametrize("texte", HOSTILES)
def test_annotation_sur_une_seule_ligne(texte):
    ligne = annotation(Erreur(texte, 4, texte, texte, texte))
    assert "\n" not in ligne and "\r" not in ligne and len(ligne.splitlines()) == 1
    commande, proprietes, _message = ligne.split("::", 2)[0], *ligne[2:].split("::", 1)
    assert commande == "" and proprietes.startswith("error file=")
    # Les propriétés ne contiennent ni « : » ni « , » venus du texte : seules file, line et title.
    assert [p.split("=", 1)[0] for p in proprietes.removeprefix("error ").split(",")] == [
        "file",
        "line",
        "title",
    ]


def test_publier_n_ecrit_que_des_annotations(tmp_path):
    sortie = io.StringIO()
    publier(
        [Erreur(t, 1, t, t, t) for t in HOSTILES],
        tmp_path,
        sortie,
        env={"GITHUB_STEP_SUMMARY": str(tmp_path / "resume.md")},
    )
    lignes = sortie.getvalue().splitlines()
    assert len(lignes) == len(HOSTILES) and all(l.startswith("::error file=") for l in lignes)
    # Le résumé (un fichier, pas le journal) : une ligne de tableau par erreur, sans saut de ligne venu du texte.
    resume = (tmp_path / "resume.md").read_text(encoding="utf-8")
    assert sum(l.startswith("| ❌ erreur |") for l in resume.splitlines()) == len(HOSTILES)
    assert all(l.startswith(("|", "#", "*", "Pour")) or not l for l in resume.splitlines())
