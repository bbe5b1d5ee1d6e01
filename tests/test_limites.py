"""Limites du contenu : ce qu'on tape ne peut pas rendre make check ou make build interminable.

Chaque test donne au centre de test (une copie de tests/fixtures/centre-mini) un
contenu hostile, et vérifie le message en français et la durée.
"""

import json
import re
import time

import pytest

from outils import seule
from projet_social.chargement import charger
from projet_social.export import _cellule
from projet_social.lecture import (
    LONGUEUR_MAX_CHAMP,
    PROFONDEUR_MAX,
    TAILLE_MAX_FICHIER,
    lire_yaml,
    texte_markdown_borne,
)
from projet_social.schemas import DOSSIER_SCHEMAS


def bombe_yaml() -> str:
    """Neuf niveaux de neuf références : un demi-kilo-octet qui se déplierait en 9⁹ valeurs."""
    lettres = "abcdefghi"
    lignes = ["a: &a [x,x,x,x,x,x,x,x,x]"]
    for precedente, lettre in zip(lettres, lettres[1:]):
        lignes.append(f"{lettre}: &{lettre} [" + ",".join([f"*{precedente}"] * 9) + "]")
    return "\n".join(lignes) + "\n"


# 1. Ancres, références et fusions YAML


def test_bombe_de_references_refusee_en_quelques_millisecondes(centre):
    (centre / "data" / "sigles.yml").write_text(bombe_yaml(), encoding="utf-8")
    debut = time.perf_counter()
    erreur = seule(centre, "data/sigles.yml")
    duree = time.perf_counter() - debut
    assert duree < 2, duree  # avant : 40 s, puis MemoryError
    assert erreur.fichier == "data/sigles.yml" and erreur.ligne == 2
    assert "une référence YAML « * » (alias) est utilisée" in erreur.message
    assert erreur.attendu.startswith("la valeur écrite en toutes lettres")


def test_lecture_de_la_bombe_lineaire():
    debut = time.perf_counter()
    lu = lire_yaml(bombe_yaml(), "data/sigles.yml")
    assert time.perf_counter() - debut < 0.1
    assert len(lu.erreurs) == 1 and "(et 71 autres dans le fichier)" in lu.erreurs[0].message


def test_reference_simple_refusee_a_sa_ligne(centre):
    (centre / "data" / "sigles.yml").write_text(
        "CAF: &c Caisse d'allocations familiales\nCNAF: *c\n", encoding="utf-8"
    )
    erreur = seule(centre, "data/sigles.yml")
    assert (erreur.fichier, erreur.ligne, erreur.champ) == ("data/sigles.yml", 2, "CNAF")
    assert erreur.message == "une référence YAML « * » (alias) est utilisée"


def test_reference_qui_se_contient_elle_meme():
    lu = lire_yaml("a: &a [1, *a]\n", "data/sigles.yml")
    assert [e.message for e in lu.erreurs] == ["une référence YAML « * » (alias) est utilisée"]
    assert lu.erreurs[0].ligne == 1


def test_fusion_refusee():
    lu = lire_yaml("base: &b {x: 1}\nautre:\n  <<: *b\n  y: 2\n", "data/lieux.yml")
    assert [(e.ligne, e.champ, e.message) for e in lu.erreurs] == [
        (3, "autre", "une fusion YAML « << » est utilisée")
    ]


def test_ancre_sans_reference_acceptee():
    lu = lire_yaml("a: &inutile 1\nb: 2\n", "data/sigles.yml")
    assert lu.erreurs == [] and lu.valeur == {"a": 1, "b": 2}


def test_imbrication_trop_profonde_refusee_sans_planter():
    # 100 000 « [ » faisaient planter libyaml (erreur de segmentation).
    for texte in ("a: " + "[" * 100_000 + "]" * 100_000, "- " * 20_000 + "x"):
        debut = time.perf_counter()
        lu = lire_yaml(texte, "data/lieux.yml")
        assert time.perf_counter() - debut < 2
        assert len(lu.erreurs) == 1 and lu.erreurs[0].ligne == 1
        assert (
            lu.erreurs[0].message
            == f"plus de {PROFONDEUR_MAX} groupes ou listes imbriqués les uns dans les autres"
        )


# 2. Tailles


def test_fichier_trop_gros_refuse_avant_lecture(centre):
    sigles = centre / "data" / "sigles.yml"
    sigles.write_text("CAF: " + "x" * TAILLE_MAX_FICHIER + "\n", encoding="utf-8")
    erreur = seule(centre, "data/sigles.yml")
    assert erreur.fichier == "data/sigles.yml" and erreur.ligne is None
    assert erreur.message == "le fichier est trop gros : plus de 1 Mo"


def test_page_trop_grosse_refusee(centre):
    page = centre / "docs" / "quartier.md"
    page.write_text(page.read_text(encoding="utf-8") + "x" * TAILLE_MAX_FICHIER, encoding="utf-8")
    erreur = seule(centre, "docs/quartier.md")
    assert erreur.fichier == "docs/quartier.md" and "trop gros" in erreur.message


def test_champ_trop_long_refuse(centre):
    fiche = centre / "docs" / "fiches" / "a-01.md"
    texte = fiche.read_text(encoding="utf-8")
    fiche.write_text(
        texte.replace(
            "objectif_general: Créer du lien entre voisins",
            "objectif_general: " + "x" * (LONGUEUR_MAX_CHAMP + 1),
        ),
        encoding="utf-8",
    )
    erreur = seule(centre)
    assert (erreur.fichier, erreur.champ) == ("docs/fiches/a-01.md", "objectif_general")
    assert (
        erreur.ligne == texte.split("\n").index("objectif_general: Créer du lien entre voisins") + 1
    )
    assert erreur.message == "le texte est trop long (50\u202f001 caractères)"


# 3. Motifs des schémas : linéaires


def _motifs():
    for chemin in sorted(DOSSIER_SCHEMAS.glob("*.schema.json")):
        pile = [json.loads(chemin.read_text(encoding="utf-8"))]
        while pile:
            noeud = pile.pop()
            if isinstance(noeud, dict):
                for cle, valeur in noeud.items():
                    if cle == "pattern" and isinstance(valeur, str):
                        yield chemin.name, valeur
                    else:
                        pile.append(valeur)
            elif isinstance(noeud, list):
                pile.extend(noeud)


def _adverses(motif: str, n: int = 50_000):
    """Des textes de 50 ko faits des caractères du motif, suivis d'un caractère qui fait échouer."""
    caracteres = sorted(set(re.sub(r"\\.", "", motif)) - set("^$()[]{}*+?|\\") | set("a0.-@ /:"))
    for a in caracteres:
        yield a * n + "!"
        yield a * n + "\n!"
        for b in caracteres:
            yield (a + b) * (n // 2) + "!"
    yield "a@" + "." * n + " "
    yield "a@" + "a." * (n // 2) + " "
    yield "https://" + "a" * n + " "


@pytest.mark.parametrize("fichier,motif", list(_motifs()))
def test_motif_lineaire(fichier, motif):
    compile = re.compile(motif)
    for texte in _adverses(motif):
        debut = time.perf_counter()
        compile.search(texte)
        assert time.perf_counter() - debut < 0.5, (fichier, motif, texte[:20])


def test_courriel_de_150_ko_verifie_vite(centre):
    centre_yml = centre / "data" / "centre.yml"
    centre_yml.write_text(
        centre_yml.read_text(encoding="utf-8") + "signalement: a@" + "a." * 75_000 + "\n",
        encoding="utf-8",
    )
    debut = time.perf_counter()
    _, liste = charger(centre)
    assert time.perf_counter() - debut < 5  # avant : 69 s
    assert any(e.champ == "signalement" for e in liste)


# 4. Markdown


def test_liens_jamais_refermes_dans_le_corps():
    probleme = texte_markdown_borne("Intro\n\n" + "[a](" * 5_000, premiere_ligne=10)
    assert probleme is not None
    message, attendu = probleme
    assert message.startswith(
        "le texte contient des crochets « [ » ou des liens « ]( » jamais refermés"
    )
    assert message.endswith("(voir la ligne 12)") and "[texte](https://…)" in attendu


@pytest.mark.parametrize(
    "motif", ["[a](", "[", "[a][", "![a](", "[^", "[a](b ", "[a](<", "[[", "[a]((", '[a](")']
)
def test_crochets_refuses_avant_de_couter(motif):
    assert texte_markdown_borne(motif * 20_000) is not None
    # Juste sous la limite, Python-Markdown construit le texte en moins de deux secondes.
    n = 1
    while texte_markdown_borne(motif * (2 * n)) is None and 2 * n * len(motif) < 50_000:
        n *= 2
    markdown = pytest.importorskip("markdown")
    debut = time.perf_counter()
    markdown.markdown(motif * n, extensions=["footnotes", "attr_list", "toc"])
    assert time.perf_counter() - debut < 2


def test_texte_ordinaire_accepte():
    paragraphe = "Voir [le site](https://exemple.fr \"titre\") et [l'annexe](annexe.md), l'atelier (mardi) [sic].\n\n"
    assert texte_markdown_borne(paragraphe * 400) is None  # 400 paragraphes, 1 200 liens


def test_titres_et_longueur_bornes():
    assert texte_markdown_borne("# a\n" * 301)[0] == "le texte contient 301 titres"
    assert (
        texte_markdown_borne("x" * 50_001)[0] == "le texte est trop long (50\u202f001 caractères)"
    )


def test_champ_markdown_d_un_yaml_refuse(centre):
    fiche = centre / "docs" / "fiches" / "a-01.md"
    texte = fiche.read_text(encoding="utf-8")
    fiche.write_text(
        texte.replace(
            "objectif_general: Créer du lien entre voisins",
            "objectif_general: '" + "[a](" * 5_000 + "'",
        ),
        encoding="utf-8",
    )
    erreur = seule(centre)
    assert erreur.champ == "objectif_general" and "jamais refermés" in erreur.message


# 6. Cellules CSV prises pour des formules


@pytest.mark.parametrize(
    "cellule", ["\t=SOMME(A1)", "\r=1+1", " =1", "\n@x", "  +33 4", " -2+3", "\t- liste", "\rtexte"]
)
def test_formule_precedee_d_espaces_neutralisee(cellule):
    assert _cellule(cellule) == "'" + cellule


@pytest.mark.parametrize(
    "cellule", ["texte", "- un repas partagé", "-", " texte", "a=b", "\ntexte"]
)
def test_cellule_ordinaire_intacte(cellule):
    assert _cellule(cellule) == cellule
