"""Construire le site réel (Territoire Sud) et vérifier que le HTML publie tout le contenu.

test_fidelite.py relie la source au contenu chargé ; ici, le contenu chargé au HTML.
"""
import re

import pytest
from bs4 import BeautifulSoup

from outils import RACINE, construire
from projet_social.chargement import charger


@pytest.fixture(scope="module")
def projet():
    projet, erreurs = charger(RACINE)
    assert not [e for e in erreurs if e.bloquante]
    return projet


@pytest.fixture(scope="module")
def site(site_reel):
    return site_reel


def soupe(site, chemin):
    return BeautifulSoup((site / chemin).read_text(encoding="utf-8"), "html.parser")


def normal(texte: str) -> str:
    return re.sub(r"\s+", " ", texte).strip()


def test_check_sans_avertissement_inexplique():
    _, erreurs = charger(RACINE)
    assert erreurs == []


def test_chaque_fiche_publie_ses_champs(site, projet):
    for fiche in projet.fiches.values():
        article = soupe(site, f"{fiche.fichier.removesuffix('.md')}/index.html").select_one("article")
        texte = re.sub(r"\s+", "", article.get_text())
        assert normal(article.h1.get_text()) == f"{fiche.code} · {normal(fiche.titre)}"
        for element in fiche.objectifs_operationnels + fiche.indicateurs_quantitatifs + fiche.indicateurs_qualitatifs:
            morceau = re.sub(r"\s+", "", BeautifulSoup(element, "html.parser").get_text()).replace("*", "")[:50]
            assert morceau in texte.replace("*", ""), (fiche.code, morceau)
        for acteur in fiche.partenaires:
            assert article.find("a", href=f"../../acteurs/{acteur.id}/"), (fiche.code, acteur.id)


def test_nombre_de_fiches_par_axe_dans_l_arbre(site, projet):
    arbre = soupe(site, "arbre/index.html").select_one("article")
    for racine in projet.racines:
        section = arbre.find(id=racine.id)
        liens = set()
        for element in section.find_all_next():
            if element.name == "h2":
                break
            if element.name == "a" and "/fiches/" in element.get("href", ""):
                liens.add(element["href"])
        principales = [f for f in projet.fiches.values() if f.principal.racine is racine]
        attendus = {"../" + f.fichier.removesuffix(".md") + "/" for f in principales}
        assert attendus <= liens, attendus - liens
    assert len(projet.fiches) == 47


def test_arbre_imbrique(site):
    arbre = soupe(site, "arbre/index.html").select_one("article")
    enjeu = arbre.find("a", string=re.compile(r"^Enjeu n° 1 : ")).find_parent("li")
    objectif = enjeu.find("a", string="Développer l'inclusion numérique").find_parent("li")
    assert objectif.find_parent("li") is enjeu
    assert objectif.find("a", string=re.compile(r"^1-01 · "))


def test_tous_les_sigles_au_glossaire_et_en_abbr(site, projet):
    glossaire = soupe(site, "glossaire/index.html").select_one("article table")
    sigles = [normal(tr.find("td").get_text()) for tr in glossaire.select("tbody tr")]
    assert sorted(sigles) == sorted(normal(s) for s in projet.sigles)
    assert len(sigles) == 70
    fiche = soupe(site, "fiches/1-01/index.html")
    assert fiche.select("article abbr[title]")


def test_poids_des_pages(site):
    tailles = {p: p.stat().st_size for p in (site / "fiches").glob("*/index.html")}
    assert max(tailles.values()) <= 60_000, max(tailles.items(), key=lambda kv: kv[1])


def test_contacts_tels_que_la_source(site, projet):
    accueil = soupe(site, "index.html").select_one("article")
    for site_ in projet.centre.sites:
        assert site_.nom in accueil.get_text()
        if site_.telephone:
            assert accueil.find("a", string=site_.telephone)
