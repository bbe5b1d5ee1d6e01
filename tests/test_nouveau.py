"""``make nouvelle-fiche`` / ``make nouvel-acteur`` (projet_social.nouveau) du point de vue de l'équipe.

- sans terminal (entrée fermée ou vide), une valeur qui manque : la commande complète à taper,
  les identifiants des nœuds, code de sortie 2, aucune trace Python, rien d'écrit ;
- un nœud inconnu est refusé avant toute question, avec les identifiants les plus proches ;
- un acteur qui existe déjà (nom, sigle, identifiant) n'est pas ajouté en double : le message
  le nomme (identifiant, nom, ligne de data/acteurs.yml) ; un ID différent, donné exprès, passe ;
- les commentaires du modèle ne coupent aucun code, décrivent la ligne qui les suit, et les
  modèles passent la validation ;
- la page « Ajouter un bilan » : son exemple passe la validation, sa date s'affiche en français.

Tous les tests travaillent sur une copie du centre de test (fixture ``centre``),
jamais sur data/ ni docs/ du dépôt.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from atelier import lancer
from outils import PYTHON, RACINE
from projet_social import nouveau, reference, rendu
from projet_social.chargement import charger

# Les seuls fichiers du dépôt lus ici : les pages « Contribuer » (leur exemple, pas le contenu du centre).


def _nouveau(
    centre: Path, *arguments: str, entree: str | None = None, fermee: bool = False, **env
) -> subprocess.CompletedProcess:
    """``python -m projet_social.nouveau`` dans ``centre``, l'entrée vide (« </dev/null »), fermée (« <&- ») ou ``entree``."""
    environnement = {k: v for k, v in os.environ.items() if not k.startswith("PROJET_SOCIAL_")}
    environnement.update(PYTHONPATH=str(RACINE / "macros"), **env)
    commande = [PYTHON, "-m", "projet_social.nouveau", *arguments]
    if fermee:
        commande = ["sh", "-c", 'exec "$@" <&-', "sh", *commande]
    return lancer(  # par l'atelier des tests (tests/atelier.py) quand l'entrée est vide
        commande,
        cwd=centre,
        env=environnement,
        input=entree,
        stdin=None if entree is not None or fermee else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _sans_erreur(centre: Path):
    projet, erreurs = charger(centre)
    assert [str(e) for e in erreurs if e.bloquante] == []
    return projet


class Terminal:
    """Une entrée de terminal (``isatty``) dont les réponses viennent de ``input`` (remplacé)."""

    closed = False

    def isatty(self) -> bool:
        return True


def _repondre(monkeypatch, *reponses: str) -> list[str]:
    questions: list[str] = []
    suite = iter(reponses)

    def repondre(question=""):
        questions.append(question)
        return next(suite)

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("builtins.input", repondre)
    return questions


# -- sans terminal ------------------------------------------------------------------------


@pytest.mark.parametrize("fermee", [False, True], ids=["dev-null", "entree-fermee"])
def test_fiche_sans_terminal_donne_la_commande_et_les_noeuds(centre, fermee):
    avant = sorted((centre / "docs" / "fiches").iterdir())
    resultat = _nouveau(centre, "fiche", fermee=fermee)
    assert resultat.returncode == 2, resultat.stderr
    assert "Traceback" not in resultat.stderr and "RuntimeError" not in resultat.stderr
    assert "pas de terminal" in resultat.stderr
    assert 'make nouvelle-fiche NOEUD=<identifiant> TITRE="…"' in resultat.stderr
    for noeud in (
        "domaine-a",
        "objectif-a1",
        "objectif-a2",
        "domaine-b",
        "objectif-b1",
        "objectif-b2",
    ):
        assert re.search(rf"^ +{noeud} ", resultat.stderr, re.M), noeud
    assert sorted((centre / "docs" / "fiches").iterdir()) == avant


def test_fiche_sans_terminal_reprend_ce_qui_est_donne(centre):
    resultat = _nouveau(centre, "fiche", PROJET_SOCIAL_NOEUD="objectif-a2")
    assert resultat.returncode == 2
    assert 'make nouvelle-fiche NOEUD=objectif-a2 TITRE="…"' in resultat.stderr
    assert "Il manque le titre (TITRE)" in resultat.stderr
    titre = _nouveau(
        centre, "fiche", PROJET_SOCIAL_TITRE="L'accueil du public", PROJET_SOCIAL_CODE="A-09"
    )
    assert titre.returncode == 2
    assert (
        """make nouvelle-fiche NOEUD=<identifiant> TITRE="L'accueil du public" CODE=A-09"""
        in titre.stderr
    )


@pytest.mark.parametrize("fermee", [False, True], ids=["dev-null", "entree-fermee"])
def test_acteur_sans_terminal_donne_la_commande(centre, fermee):
    avant = (centre / "data" / "acteurs.yml").read_bytes()
    resultat = _nouveau(centre, "acteur", fermee=fermee)
    assert resultat.returncode == 2
    assert "Traceback" not in resultat.stderr
    assert 'make nouvel-acteur NOM="…"' in resultat.stderr
    assert (centre / "data" / "acteurs.yml").read_bytes() == avant


def test_reponses_d_un_script_encore_lues(centre):
    # Une entrée qui n'est pas un terminal mais qui contient les réponses : lue comme au clavier.
    resultat = _nouveau(centre, "fiche", entree="2\nJardin partagé\n\n")
    assert resultat.returncode == 0, resultat.stderr
    assert _sans_erreur(centre).fiches["A-02"].titre == "Jardin partagé"
    # Des réponses qui s'arrêtent en route : la commande à taper reprend le nœud déjà choisi.
    coupe = _nouveau(centre, "fiche", entree="2\n")
    assert coupe.returncode == 2 and "make nouvelle-fiche NOEUD=objectif-a2 TITRE=" in coupe.stderr


# -- le nœud, vérifié d'abord ---------------------------------------------------------------


def test_noeud_inconnu_refuse_avant_toute_question(centre, monkeypatch, capsys):
    monkeypatch.setattr(
        "builtins.input", lambda *_: pytest.fail("aucune question ne devait être posée")
    )
    monkeypatch.setattr("sys.stdin", Terminal())
    assert nouveau.main(["fiche", "--racine", str(centre), "--noeud", "objectif-a3"]) == 1
    erreur = capsys.readouterr().err
    assert "Nœud inconnu « objectif-a3 » : vouliez-vous dire « objectif-a2 »" in erreur
    # Sans terminal non plus, c'est le nœud qui est signalé, pas le titre manquant.
    resultat = _nouveau(centre, "fiche", PROJET_SOCIAL_NOEUD="objectif-a3")
    assert (
        resultat.returncode == 1
        and "Nœud inconnu « objectif-a3 »" in resultat.stderr
        and "TITRE" not in resultat.stderr
    )
    # Un code mal formé est lui aussi refusé avant toute question.
    assert (
        nouveau.main(["fiche", "--racine", str(centre), "--noeud", "objectif-a2", "--code", "A 2"])
        == 1
    )
    assert "Code « A 2 » invalide" in capsys.readouterr().err


@pytest.mark.parametrize(
    "tape, propose",
    [
        ("objectif-a3", "objectif-a2"),
        ("B.2", "objectif-b2"),
        ("Objectif-B1", "objectif-b1"),
        ("scolarité", "objectif-b1"),
    ],
)
def test_noeuds_proches(centre, tape, propose):
    projet = nouveau._charger(centre)
    assert propose in [n.id for n in nouveau.noeuds_proches(projet, tape)]
    with pytest.raises(nouveau.Abandon, match=f"vouliez-vous dire « {propose} »"):
        nouveau.noeud_connu(projet, tape)


def test_noeud_inconnu_sans_proche_liste_les_identifiants(centre):
    with pytest.raises(nouveau.Abandon) as exc:
        nouveau.noeud_connu(nouveau._charger(centre), "zzz")
    assert "Identifiants possibles" in str(exc.value) and "objectif-b2" in str(exc.value)


def test_au_terminal_un_noeud_inconnu_est_redemande(centre, monkeypatch, capsys):
    questions = _repondre(monkeypatch, "9", "objectif-a3", "objectif-a2", "Jardin partagé", "")
    assert nouveau.main(["fiche", "--racine", str(centre)]) == 0
    sortie = capsys.readouterr().out
    assert "Pas de n° 9" in sortie and "vouliez-vous dire « objectif-a2 »" in sortie
    assert len([q for q in questions if "nœud" in q]) == 3
    assert _sans_erreur(centre).fiches["A-02"].rattachements[0].id == "objectif-a2"


# -- pas d'acteur en double -----------------------------------------------------------------


@pytest.mark.parametrize(
    "nom", ["École des Tilleuls", "ecole des tilleuls", "ÉCOLE DES TILLEULS !"]
)
def test_acteur_du_meme_nom_refuse_en_nommant_l_existant(centre, nom):
    acteurs = centre / "data" / "acteurs.yml"
    avant = acteurs.read_bytes()
    ligne = avant.decode("utf-8").splitlines().index("- id: ecole-des-tilleuls") + 1
    with pytest.raises(nouveau.Doublon) as exc:
        nouveau.creer_acteur(centre, nom)
    message = str(exc.value)
    assert f"« ecole-des-tilleuls » (École des Tilleuls), data/acteurs.yml ligne {ligne}" in message
    assert "ID=ecole-des-tilleuls-2" in message
    assert acteurs.read_bytes() == avant
    resultat = _nouveau(centre, "acteur", PROJET_SOCIAL_NOM=nom)
    assert resultat.returncode == 1 and "Traceback" not in resultat.stderr
    assert f"data/acteurs.yml ligne {ligne}" in resultat.stderr
    assert acteurs.read_bytes() == avant


def test_acteur_du_meme_sigle_refuse(centre):
    with pytest.raises(
        nouveau.Doublon,
        match=r"« mjc-des-tilleuls » \(Maison des jeunes et de la culture des Tilleuls\), data/acteurs.yml ligne 1",
    ):
        nouveau.creer_acteur(centre, "MJC")


def test_acteur_du_meme_nom_avec_un_autre_id_donne_expres(centre):
    with pytest.raises(nouveau.Doublon, match="L'identifiant « ecole-des-tilleuls » est déjà pris"):
        nouveau.creer_acteur(centre, "École des Tilleuls", "ecole-des-tilleuls")
    _, id_ = nouveau.creer_acteur(centre, "École des Tilleuls", "ecole-des-tilleuls-nord")
    assert id_ == "ecole-des-tilleuls-nord"
    resultat = _nouveau(
        centre,
        "acteur",
        PROJET_SOCIAL_NOM="École des Tilleuls",
        PROJET_SOCIAL_ID="ecole-des-tilleuls-sud",
    )
    assert resultat.returncode == 0, resultat.stderr
    projet = _sans_erreur(centre)
    assert {"ecole-des-tilleuls", "ecole-des-tilleuls-nord", "ecole-des-tilleuls-sud"} <= set(
        projet.acteurs
    )


def test_au_terminal_un_doublon_demande_un_autre_identifiant(centre, monkeypatch, capsys):
    acteurs = centre / "data" / "acteurs.yml"
    avant = acteurs.read_bytes()
    _repondre(monkeypatch, "École des Tilleuls", "")
    assert nouveau.main(["acteur", "--racine", str(centre)]) == 1  # rien répondu : rien d'ajouté
    assert "Un acteur porte déjà ce nom" in capsys.readouterr().out
    assert acteurs.read_bytes() == avant
    _repondre(monkeypatch, "École des Tilleuls", "ecole-des-tilleuls-annexe")
    assert nouveau.main(["acteur", "--racine", str(centre)]) == 0
    assert _sans_erreur(centre).acteurs["ecole-des-tilleuls-annexe"].nom == "École des Tilleuls"


# -- les commentaires des modèles -------------------------------------------------------------

# Des codes longs, avec des tirets : textwrap les coupait en fin de ligne (« langue-⏎# francaise »).
CODES_LONGS = {
    "publics": [
        "langue-francaise",
        "parents-d-eleves",
        "jeunes-de-16-a-25-ans",
        "seniors-isoles",
        "familles-monoparentales",
        "personnes-en-situation-de-handicap",
        "demandeurs-d-emploi",
        "habitants-du-quartier-prioritaire",
    ],
    "mots_cles": [
        "acces-aux-droits",
        "inclusion-numerique",
        "soutien-a-la-parentalite",
        "vivre-ensemble",
        "lien-social",
        "sante-et-bien-etre",
        "culture-et-loisirs",
        "mobilite-internationale",
        "citoyennete-et-engagement",
    ],
}


def _vocabulaires_longs(centre: Path, decalage: int) -> dict[str, list[str]]:
    """Ajoute au centre des codes longs ; ``decalage`` change leur ordre, donc les fins de ligne."""
    chemin = centre / "data" / "vocabulaires.yml"
    donnees = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    for nom, codes in CODES_LONGS.items():
        codes = codes[decalage:] + codes[:decalage]
        donnees[nom] += [{"code": c, "libelle": c.replace("-", " ").capitalize()} for c in codes]
    chemin.write_text(
        yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return {nom: [t["code"] for t in termes] for nom, termes in donnees.items()}


def _commentaires(texte: str) -> list[str]:
    return [
        ligne.strip()[1:].strip() for ligne in texte.splitlines() if ligne.strip().startswith("#")
    ]


@pytest.mark.parametrize("decalage", range(4))
def test_aucun_code_coupe_dans_les_commentaires(centre, decalage):
    vocabulaires = _vocabulaires_longs(centre, decalage)
    fiche = nouveau.creer_fiche(centre, "objectif-a2", "Jardin partagé").read_text(encoding="utf-8")
    chemin, _ = nouveau.creer_acteur(centre, "Ludothèque des Tilleuls")
    acteur = chemin.read_text(encoding="utf-8").split("# Acteur ajouté par")[1]
    codes = [c for liste in vocabulaires.values() for c in liste]
    for texte in (fiche, acteur):
        lignes = _commentaires(texte)
        for avant, apres in zip(lignes, lignes[1:]):
            assert not avant.endswith(("-", "«")), avant
            for code in codes:
                for i in range(1, len(code)):
                    assert not (avant.endswith(code[:i]) and apres.startswith(code[i:])), (
                        f"{code} coupé : {avant!r} / {apres!r}"
                    )
        # Chaque code énuméré l'est en entier, sur une seule ligne.
        for liste in ("publics", "mots_cles"):
            for code in vocabulaires[liste]:
                assert any(
                    re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", ligne) for ligne in lignes
                ), code
    _sans_erreur(centre)  # make check


def test_envelopper_ne_coupe_ni_code_ni_citation():
    texte = (
        "Valeurs possibles : "
        + ", ".join(f"{c} ({c})" for c in CODES_LONGS["publics"])
        + ". Écrit sous « publics_precisions: | »."
    )
    for largeur in range(20, 100):
        lignes = nouveau.envelopper(texte, largeur)
        assert " ".join(lignes) == texte
        for ligne in lignes:
            assert not ligne.endswith(("-", "«")) and not ligne.startswith(("»", ":", "|"))
        assert any("« publics_precisions: | »" in ligne for ligne in lignes)


def test_chaque_commentaire_decrit_la_ligne_qui_le_suit(centre):
    fiche = nouveau.creer_fiche(centre, "objectif-a2", "Jardin partagé").read_text(encoding="utf-8")
    chemin, id_ = nouveau.creer_acteur(centre, "Ludothèque des Tilleuls")
    bloc_acteur = chemin.read_text(encoding="utf-8").split("# Acteur ajouté par")[1]
    for texte, fichier, retrait in ((fiche, "fiche", ""), (bloc_acteur, "acteurs", "  ")):
        lignes = texte.splitlines()
        for champ in reference.fichier(fichier).champs:
            if champ.nom == "id":
                continue
            fin = max(
                i for i, l in enumerate(lignes) if re.match(rf"^{retrait}(# )?{champ.nom}:( |$)", l)
            )

            def du_modele(ligne: str) -> bool:  # les lignes d'un modèle de liste à décommenter
                return (
                    ligne.startswith(f"{retrait}#   ")
                    or ligne.rstrip() == f"{retrait}# {champ.nom}:"
                )

            debut = fin
            while lignes[debut - 1].startswith(f"{retrait}#") and (
                du_modele(lignes[debut - 1])
                or not re.match(rf"^{retrait}# [a-z_]+:", lignes[debut - 1])
            ):
                debut -= 1
            commentaire = " ".join(
                l.strip()[1:].strip() for l in lignes[debut:fin] if not du_modele(l)
            )
            ligne = lignes[fin].strip()
            assert commentaire.startswith(champ.titre), (champ.nom, commentaire)
            assert ("[developper" not in commentaire) and (
                "[premier, second]" not in commentaire
            ), champ.nom
            if ligne.endswith(": []"):
                assert "[]" in commentaire or "crochets" in commentaire, champ.nom
            if ligne.endswith(": |"):
                assert f"« {champ.nom}: | »" in commentaire, champ.nom
            if "une ligne par élément" in commentaire:
                assert ligne.endswith(": []") and "remplacez" in commentaire, champ.nom
        # L'en-tête donne en exemple un champ en commentaire qui est bien dans ce modèle.
        exemple = re.search(r"« # ([a-z_]+:[^»]*?) »", texte).group(1)
        assert f"{retrait}# {exemple}".rstrip() in [l.rstrip() for l in lignes], exemple
    assert "statut" not in bloc_acteur.split("\n- id:")[0]  # les acteurs n'ont pas de statut


@pytest.mark.parametrize("champ", ["echeancier", "budget", "bilans"])
def test_les_modeles_de_liste_decommentes_sont_valides(centre, champ):
    chemin = nouveau.creer_fiche(centre, "objectif-a2", "Jardin partagé")
    texte = chemin.read_text(encoding="utf-8")
    modele = re.search(rf"^# {champ}:\n((?:#   .*\n)+){champ}: \[\]\n", texte, re.M)
    assert modele, champ
    decommente = f"{champ}:\n" + "".join(l[2:] + "\n" for l in modele.group(1).splitlines())
    valeur = yaml.safe_load(decommente)[champ][0]
    attendus = {
        s.nom
        for s in next(c for c in reference.fichier("fiche").champs if c.nom == champ).sous_champs
    }
    assert set(valeur) == attendus
    if champ == "bilans":
        # L'indicateur du modèle (« … ») n'est pas un indicateur de la fiche : on le retire.
        decommente = re.sub(r"    indicateurs:.*\n(        .*\n|      - .*\n)+", "", decommente)
    chemin.write_text(texte.replace(modele.group(0), decommente), encoding="utf-8")
    _sans_erreur(centre)


def test_modele_de_permanences_decommente_valide(centre):
    chemin, id_ = nouveau.creer_acteur(centre, "Ludothèque des Tilleuls")
    texte = chemin.read_text(encoding="utf-8")
    modele = re.search(r"^  # permanences:\n((?:  #   .*\n)+)  permanences: \[\]\n", texte, re.M)
    assert modele
    decommente = "  permanences:\n" + "".join(
        "  " + l[4:] + "\n" for l in modele.group(1).splitlines()
    )
    chemin.write_text(texte.replace(modele.group(0), decommente), encoding="utf-8")
    projet = _sans_erreur(centre)
    assert projet.acteurs[id_].permanences[0].lieu.id == "maison-des-tilleuls"


def test_date_du_bilan_ecrite_en_toutes_lettres(centre):
    projet = _sans_erreur(centre)
    bilan = projet.fiches["A-01"].bilans[0]
    assert str(bilan.date) == "2024-12-12"
    env = rendu._environnement()
    texte = env.from_string('{% import "_suivi.md.j2" as s %}{{ s.bilan(b) }}').render(b=bilan)
    assert "Bilan du 12 décembre 2024, rédigé par : Référente familles." in texte
    assert "2024-12-12" not in texte
