"""« Comment en profiter ? » : où, quand, pour qui, comment s'inscrire, qui appeler, en tête des fiches.

Sur une copie du centre de test : une fiche reçoit les nouveaux champs (en_bref, horaires,
inscription, contact), l'autre n'en a aucun et renvoie vers l'accueil du centre social.
"""

import pytest
from bs4 import BeautifulSoup

from outils import FIXTURE, construire, copier_centre
from projet_social import reference
from projet_social.chargement import charger

EN_BREF = "Un repas partagé et des jeux pour toute la famille, une fois par an."
AJOUT = f"""en_bref: {EN_BREF}
horaires: We 14:00-17:00
inscription: Sans inscription, venez directement.
contact:
  telephone: 01 99 00 00 01
  courriel: fete@exemple.fr
"""


def ajouter_a_l_en_tete(fichier, texte):
    contenu = fichier.read_text(encoding="utf-8")
    fin = contenu.index("\n---", 3)
    fichier.write_text(contenu[: fin + 1] + texte + contenu[fin + 1 :], encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    centre = copier_centre(FIXTURE, tmp_path_factory.mktemp("centre") / "centre")
    ajouter_a_l_en_tete(centre / "docs/fiches/a-01.md", AJOUT)
    sortie = tmp_path_factory.mktemp("site") / "site"
    resultat = construire(centre, sortie)
    assert resultat.returncode == 0, resultat.stderr
    return sortie


def article(site, chemin):
    return BeautifulSoup((site / chemin).read_text(encoding="utf-8"), "html.parser").select_one(
        "article"
    )


def bloc(page):
    """Le titre « Comment en profiter ? » et ce qui le suit jusqu'au titre suivant."""
    titre = page.find("h2", id="comment-en-profiter")
    assert titre is not None and titre.get_text(strip=True).startswith("Comment en profiter ?")
    elements = []
    for frere in titre.find_next_siblings():
        if frere.name == "h2":
            break
        elements.append(frere)
    return titre, elements


def test_une_fiche_renseignee_le_dit_en_premier(site):
    page = article(site, "fiches/a-01/index.html")
    titres = [h.get_text(strip=True) for h in page.find_all("h2")]
    assert (
        titres.index("Comment en profiter ?")
        < titres.index("Pour les partenaires")
        < titres.index("Contexte")
    )
    # En bref : le premier paragraphe de la page, avant tout intertitre.
    premier = page.find("h1").find_next("p", class_="ps-en-bref")
    assert premier is not None and premier.get_text(strip=True) == EN_BREF
    assert premier.find_next("h2").get("id") == "comment-en-profiter"
    _, elements = bloc(page)
    texte = " ".join(e.get_text(" ", strip=True) for e in elements)
    assert "mercredi : 14 h – 17 h" in texte
    assert "Sans inscription, venez directement." in texte
    assert "Maison des Tilleuls" in texte
    liens = [a["href"] for e in elements for a in e.find_all("a")]
    assert "tel:+33199000001" in liens and "mailto:fete@exemple.fr" in liens
    assert "non précisé" not in texte


def test_une_fiche_sans_rien_renvoie_vers_l_accueil(site):
    page = article(site, "fiches/b-01/index.html")
    assert page.find(class_="ps-en-bref") is None
    _, elements = bloc(page)
    texte = " ".join(e.get_text(" ", strip=True) for e in elements)
    assert "Où et quand a lieu cette action, et qui appeler : non précisé dans sa fiche" in texte
    assert "Pour savoir quand et où : appelez l'accueil du centre social" in texte
    assert "Maison des Tilleuls" in texte and "1 place des Tilleuls" in texte
    liens = [a["href"] for e in elements for a in e.find_all("a")]
    assert "tel:+33102030405" in liens  # l'accueil du site du centre (data/centre.yml)
    titres = [h.get_text(strip=True) for h in page.find_all("h2")]
    assert titres.index("Comment en profiter ?") < titres.index("Pour les partenaires")


def test_en_bref_dans_l_index_et_la_rubrique(site):
    index = article(site, "fiches/index.html")
    assert EN_BREF in index.get_text(" ", strip=True)
    rubrique = site / "guide/besoin/fete/index.html"
    page = article(site, rubrique.relative_to(site))
    item = next(li for li in page.select("li") if "La fête du quartier" in li.get_text())
    texte = item.get_text(" ", strip=True)
    assert EN_BREF in texte and "Quand" in texte and "Quand : mercredi : 14 h – 17 h" in texte
    assert "tel:+33199000001" in [a["href"] for a in item.find_all("a")]


def test_rubrique_sans_precisions_donne_l_accueil(site):
    page = article(site, "guide/besoin/scolarite/index.html")
    item = next(li for li in page.select("li") if "accompagnement à la scolarité" in li.get_text())
    assert "Où et quand : non précisé" in item.get_text(" ", strip=True)
    assert "tel:+33102030405" in [a["href"] for a in item.find_all("a")]


def test_horaires_mal_ecrits(tmp_path):
    centre = copier_centre(FIXTURE, tmp_path / "centre")
    ajouter_a_l_en_tete(centre / "docs/fiches/a-01.md", "horaires: mercredi 14h-17h\n")
    _, erreurs = charger(centre)
    erreurs = [e for e in erreurs if e.niveau == "erreur"]
    assert len(erreurs) == 1
    e = erreurs[0]
    lignes = (centre / "docs/fiches/a-01.md").read_text(encoding="utf-8").splitlines()
    assert e.fichier == "docs/fiches/a-01.md" and lignes[e.ligne - 1].startswith("horaires:")
    assert "horaires" in e.champ and "n'est pas au format des horaires OpenStreetMap" in e.message


def test_en_bref_trop_long(tmp_path):
    centre = copier_centre(FIXTURE, tmp_path / "centre")
    ajouter_a_l_en_tete(centre / "docs/fiches/a-01.md", "en_bref: " + "Très long. " * 40 + "\n")
    _, erreurs = charger(centre)
    erreurs = [e for e in erreurs if e.niveau == "erreur"]
    assert len(erreurs) == 1 and erreurs[0].champ == "en_bref"


def test_le_guide_des_champs_les_explique():
    noms = [champ.nom for champ in reference.fichier("fiche").champs]
    for nom in ("en_bref", "horaires", "inscription", "contact"):
        assert nom in noms
