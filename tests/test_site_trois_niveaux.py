"""Construire le second centre de test (trois niveaux, comme un projet social importé) et
vérifier que le HTML publie tout le contenu chargé.

Jamais sur le contenu du dépôt, que l'équipe modifie : ce qui doit tenir pour tout contenu y est
contrôlé par tests/test_contenu_du_centre.py ; test_fidelite.py relie la source à l'import.
"""

import re

import pytest
from bs4 import BeautifulSoup

from outils import FIXTURE_TROIS_NIVEAUX, construire, copier_centre_avec_menu
from projet_social.chargement import charger


@pytest.fixture(scope="module")
def projet(centre_trois_niveaux):
    projet, erreurs = charger(centre_trois_niveaux)
    assert not [e for e in erreurs if e.bloquante]
    return projet


@pytest.fixture(scope="module")
def site(site_trois_niveaux):
    return site_trois_niveaux


def soupe(site, chemin):
    return BeautifulSoup((site / chemin).read_text(encoding="utf-8"), "html.parser")


def normal(texte: str) -> str:
    return re.sub(r"\s+", " ", texte).strip()


def test_check_sans_avertissement_inexplique(centre_trois_niveaux):
    _, erreurs = charger(centre_trois_niveaux)
    assert erreurs == []


def test_chaque_fiche_publie_ses_champs(site, projet):
    for fiche in projet.fiches.values():
        article = soupe(site, f"{fiche.fichier.removesuffix('.md')}/index.html").select_one(
            "article"
        )
        texte = re.sub(r"\s+", "", article.get_text())
        assert normal(article.h1.get_text()) == f"{fiche.code} · {normal(fiche.titre)}"
        for element in (
            fiche.objectifs_operationnels
            + fiche.indicateurs_quantitatifs
            + fiche.indicateurs_qualitatifs
        ):
            morceau = re.sub(r"\s+", "", BeautifulSoup(element, "html.parser").get_text()).replace(
                "*", ""
            )[:50]
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
    assert {r.id: len(projet.fiches_principales(r)) for r in projet.racines} == {
        "axe-1": 2,
        "axe-2": 2,
        "axe-t": 1,
    }


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
    assert len(sigles) == 5
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


def test_contacts_ecrits_a_la_main(site):
    """Les numéros du centre de test, écrits ici à la main (plage 01 99 00, réservée à la fiction)."""
    accueil = soupe(site, "index.html").select_one("article")
    for telephone in ("01 99 00 00 01", "01 99 00 00 02"):
        assert accueil.find("a", string=telephone), telephone


def test_fiche_avec_budget_financeurs_et_tarifs(site):
    article = soupe(site, "fiches/1-01/index.html").select_one("article")
    texte = normal(article.get_text(" "))
    assert (
        "Budget prévisionnel" in texte
        and "2021 12 000 € investissement" in texte
        and "2022 4 500,50 € fonctionnement" in texte
    )
    assert article.find("a", href="../../acteurs/caf-de-fictivie/")
    assert "Gratuit ; adhésion au centre social de 5 € par an." in texte
    financeur = soupe(site, "acteurs/caf-de-fictivie/index.html").select_one("article")
    assert financeur.find("a", string=re.compile(r"^1-01 · "))


def test_poids_des_pages_avec_beaucoup_de_fiches(tmp_path):
    """Soixante fiches de plus : le poids d'une page de fiche ne grandit pas avec leur nombre."""
    centre = copier_centre_avec_menu(FIXTURE_TROIS_NIVEAUX, tmp_path / "centre")
    modele = (centre / "docs/fiches/1-02.md").read_text(encoding="utf-8")
    for n in range(3, 63):
        code = f"1-{n:02d}"
        (centre / f"docs/fiches/{code}.md").write_text(
            modele.replace('code: "1-02"', f'code: "{code}"').replace(
                "titre: L'accueil", f"titre: Action {n}, l'accueil"
            ),
            encoding="utf-8",
        )
    resultat = construire(centre, tmp_path / "site")
    assert resultat.returncode == 0, resultat.stderr
    tailles = {p: p.stat().st_size for p in (tmp_path / "site/fiches").glob("*/index.html")}
    assert len(tailles) == 65
    assert max(tailles.values()) <= 60_000, max(tailles.items(), key=lambda kv: kv[1])
