"""Construire le site du centre de test dans un dossier temporaire et lire son HTML."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from outils import construire, copier_centre


@pytest.fixture(scope="module")
def site(site_mini):
    """Le site du centre de test, construit une fois pour la session (conftest.py) : à lire seulement."""
    return site_mini


def page(site, chemin):
    return BeautifulSoup((site / chemin).read_text(encoding="utf-8"), "html.parser")


def test_toutes_les_sortes_de_pages(site):
    for chemin in [
        "index.html",
        "arbre/index.html",
        "arbre/domaine-a/index.html",
        "arbre/domaine-b/index.html",
        "fiches/index.html",
        "fiches/a-01/index.html",
        "fiches/b-01/index.html",
        "acteurs/index.html",
        "acteurs/mjc-des-tilleuls/index.html",
        "glossaire/index.html",
        "mots-cles/index.html",
        "quartier/index.html",
    ]:
        assert (site / chemin).exists(), chemin


def test_langue_francaise(site):
    assert page(site, "index.html").html["lang"] == "fr"


def test_accueil(site):
    html = page(site, "index.html")
    article = html.select_one("article")
    assert article.h1.get_text() == "Centre social des Tilleuls (centre fictif de test)"
    assert "Projet social 2023-2026, porté par Association des Tilleuls." in article.get_text()
    assert "Objectifs : 2 · Fiches actions : 1" in article.get_text()
    cartes = article.select(".grid.cards li")
    assert [c.a.get_text() for c in cartes] == [
        "Domaine A : Vivre ensemble au quartier",
        "Domaine B : Grandir et apprendre",
    ]
    tel = article.select_one('a[href^="tel:"]')
    assert tel["href"] == "tel:+33102030405" and tel.get_text() == "01 02 03 04 05"
    assert "Horaires non renseignés." in article.get_text()


def test_fiche_tous_les_champs_dans_l_ordre(site):
    article = page(site, "fiches/a-01/index.html").select_one("article")
    titres = [h.get_text() for h in article.find_all("h2")]
    # Seules les rubriques renseignées ont leur section ; les autres sont nommées sur une ligne (test_formes.py).
    # « Comment en profiter ? » (pour les habitants) d'abord, puis le document (test_comment_en_profiter.py).
    assert titres == [
        "Comment en profiter ?",
        "Pour les partenaires",
        "Contexte",
        "Objectifs",
        "Présentation de l'action",
        "Échéancier",
        "Partenaires",
        "Lieux",
        "Résultats attendus",
        "Indicateurs d'évaluation",
        "Freins à lever",
        "Bilans",
        "Voir aussi",
        "Compléments",
    ]
    assert article.h1.get_text() == "A-01 · La fête du quartier"
    assert [h.get_text() for h in article.find_all("h3")][:2] == [
        "Objectif général",
        "Objectifs opérationnels",
    ]
    texte = article.get_text(" ")
    assert "Non renseignés : public cible, moyens." in texte


def test_fiche_liens_vers_l_arbre_et_les_partenaires(site):
    article = page(site, "fiches/a-01/index.html").select_one("article")
    liens = {a.get_text(): a["href"] for a in article.find_all("a")}
    assert (
        liens["Objectif A.1 : Créer des occasions de rencontre"]
        == "../../arbre/domaine-a/#objectif-a1"
    )
    assert (
        liens["Maison des jeunes et de la culture des Tilleuls (MJC)"]
        == "../../acteurs/mjc-des-tilleuls/"
    )
    assert (
        liens["Objectif B.2 : Ouvrir aux loisirs"] == "../../arbre/domaine-b/#objectif-b2"
    )  # voir aussi


def test_voir_aussi_dans_les_deux_sens(site):
    domaine_b = page(site, "arbre/domaine-b/index.html").select_one("article")
    section = domaine_b.find(id="objectif-b2").find_next("ul")
    assert "A-01 · La fête du quartier" in section.get_text()
    assert "fiche rattachée principalement à Domaine A" in section.get_text()


def test_projets_inconnus_dits_clairement(site):
    article = page(site, "fiches/b-01/index.html").select_one("article")
    dl = {dt.get_text(): dt.find_next("dd").get_text() for dt in article.select("dl dt")}
    assert dl["Projets"] == "Information non disponible."
    assert dl["Publics"] == "Enfants, Parents"
    assert "Pas encore de bilan pour cette action." in article.get_text()


def test_sigles_en_abbr_partout_et_glossaire(site):
    quartier = page(site, "quartier/index.html")
    abbr = quartier.select_one("article abbr")
    assert abbr.get_text() == "MJC" and abbr["title"] == "Maison des jeunes et de la culture"
    glossaire = page(site, "glossaire/index.html").select_one("article table")
    lignes = [[td.get_text() for td in tr.find_all("td")] for tr in glossaire.select("tbody tr")]
    assert lignes == [
        ["CLAS", "Contrat local d'accompagnement à la scolarité"],
        ["MJC", "Maison des jeunes et de la culture"],
    ]


def test_index_des_fiches_sans_javascript(site):
    article = page(site, "fiches/index.html").select_one("article")
    items = article.select("li[data-axe]")
    assert [li["data-axe"] for li in items] == ["domaine-a", "domaine-b"]
    assert items[1]["data-publics"].split() == ["enfants", "parents"]
    assert article.find(id="par-publics") and article.find(id="publics-enfants")


def test_arbre_renvoie_a_l_echeancier(site):
    article = page(site, "arbre/index.html").select_one("article")
    assert article.find(id="echeancier").find_next("a")["href"] == "../echeancier/"
    # L'échéancier lui-même (année en cours comprise) : voir test_suivi.py.
    tableau = page(site, "echeancier/index.html").find(id="echeancier-domaine-a").find_next("table")
    assert [th.get_text() for th in tableau.select("thead th")][:3] == ["Fiche", "Statut", "2023"]


def test_tags_de_la_fiche(site):
    tags = [a.get_text() for a in page(site, "fiches/a-01/index.html").select(".md-tag")]
    assert tags == ["Fête de quartier", "Tous publics"]


def test_bouton_modifier(site):
    fiche = page(site, "fiches/a-01/index.html").select_one('a[rel="edit"]')
    assert fiche["href"] == "https://github.com/exemple/tilleuls/edit/main/docs/fiches/a-01.md"
    noeud = page(site, "arbre/domaine-a/index.html").select_one('a[rel="edit"]')
    assert noeud["href"] == "https://github.com/exemple/tilleuls/edit/main/data/arbre.yml"
    # Les pages tirées de toutes les fiches (index, suivi, bilans) ouvrent le dossier des fiches.
    for chemin in (
        "fiches/index.html",
        "tableau-de-bord/index.html",
        "bilans/2024/index.html",
        "echeancier/index.html",
    ):
        assert (
            page(site, chemin).select_one('a[rel="edit"]')["href"]
            == "https://github.com/exemple/tilleuls/tree/main/docs/fiches/"
        ), chemin


def test_schemas_publies(site):
    schema = json.loads((site / "schemas/fiche.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Fiche action" and schema["$schema"].endswith("2020-12/schema")
    assert (site / "schemas/commun.schema.json").exists()


def test_recherche_en_francais(site):
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"]
    assert "'" in index["config"]["separator"] and "stemmer" in index["config"]["pipeline"]


def test_aucune_ressource_tierce(site):
    for fichier in site.rglob("*.html"):
        html = BeautifulSoup(fichier.read_text(encoding="utf-8"), "html.parser")
        for balise, attribut in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
        ):
            for element in html.find_all(balise):
                adresse = element.get(attribut, "")
                assert not re.match(r"^(https?:)?//", adresse), f"{fichier}: {adresse}"
        assert html.select_one(".md-source") is None  # pas d'appel à api.github.com
        assert "fonts.googleapis" not in str(html)


def test_les_fiches_ne_sont_pas_dans_le_menu(site):
    menu = page(site, "fiches/a-01/index.html").select_one("nav.md-nav--primary")
    assert "A-01" not in menu.get_text()


def test_un_lien_casse_arrete_la_construction(centre):
    """Les constructions des tests sont strictes comme « make build » : un avertissement (lien cassé) arrête tout."""
    copier_centre(centre, centre.parent / "copie")
    page = centre.parent / "copie/docs/quartier.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[cassé](nulle-part.md)\n", encoding="utf-8"
    )
    resultat = construire(centre.parent / "copie", centre.parent / "site")
    # make check l'arrête dès le début (rapport en français, sur la sortie standard).
    assert resultat.returncode != 0 and "nulle-part.md" in resultat.stdout + resultat.stderr
