"""Suivi et évaluation : tableau de bord, échéancier, pages « Bilan {année} », export des actions.

Le centre de test (bilans de A-01 en 2023 et 2024, aucun pour B-01) est construit avec
l'année en cours fixée à 2024 ; les chiffres lus dans le HTML sont comparés aux données.
Le second centre de test (trois niveaux, agrément 2021-2024) n'a aucun bilan : partout zéro ou
« pas encore de bilan ». Le contenu du dépôt n'est jamais lu ici : l'équipe y saisit ses bilans.
"""

import csv
import io
import json
import re

import pytest
from bs4 import BeautifulSoup

from outils import FIXTURE, FIXTURE_TROIS_NIVEAUX, construire, copier_centre
from projet_social import suivi
from projet_social.chargement import charger


def _construire(centre, sortie, annee):
    with pytest.MonkeyPatch.context() as m:
        m.setenv(suivi.VARIABLE_ANNEE, str(annee))
        resultat = construire(centre, sortie)
    assert resultat.returncode == 0, resultat.stderr
    return sortie


@pytest.fixture(scope="module")
def centre(tmp_path_factory):
    return copier_centre(FIXTURE, tmp_path_factory.mktemp("suivi") / "centre")


@pytest.fixture(scope="module")
def projet(centre):
    projet, _ = charger(centre)
    return projet


@pytest.fixture(scope="module")
def site(centre):
    return _construire(centre, centre.parent / "site", 2024)


@pytest.fixture(scope="module")
def centre_sans_bilan(tmp_path_factory):
    return copier_centre(
        FIXTURE_TROIS_NIVEAUX, tmp_path_factory.mktemp("suivi-sans-bilan") / "centre"
    )


@pytest.fixture(scope="module")
def site_sans_bilan(centre_sans_bilan):
    return _construire(centre_sans_bilan, centre_sans_bilan.parent / "site", 2024)


def article(site, chemin):
    return BeautifulSoup((site / chemin).read_text(encoding="utf-8"), "html.parser").select_one(
        "article"
    )


def lire_tableau(tableau):
    """{titre de ligne: {colonne: texte}} d'un tableau à en-têtes de lignes et de colonnes."""
    colonnes = [th.get_text() for th in tableau.select("thead th")][1:]
    return {
        tr.th.get_text(): dict(zip(colonnes, [td.get_text() for td in tr.find_all("td")]))
        for tr in tableau.select("tbody tr")
    }


def attendu_avancement(projet, annee):
    """Le décompte, fait ici directement sur les bilans des fiches."""
    resultat = {}
    for racine in projet.racines:
        ligne = {t.libelle: 0 for t in projet.vocabulaire("statuts_avancement")} | {"Sans bilan": 0}
        for fiche in projet.fiches.values():
            if fiche.principal.racine is racine:
                statuts = [b.statut_avancement.libelle for b in fiche.bilans if b.annee == annee]
                ligne[statuts[0] if statuts else "Sans bilan"] += 1
        resultat[racine.titre_complet] = {k: str(v) for k, v in ligne.items()}
    return resultat


# -- Tableau de bord -------------------------------------------------------------------------------


def test_avancement_par_axe_et_par_annee_egal_aux_donnees(site, projet):
    page = article(site, "tableau-de-bord/index.html")
    for annee in projet.centre.annees:
        tableau = page.find(id=f"avancement-{annee}").find_next("table")
        assert (
            tableau.caption.get_text()
            == f"Fiches actions par statut d'avancement et par domaine, {annee}"
        )
        assert all(th["scope"] == "col" for th in tableau.select("thead th"))
        assert lire_tableau(tableau) == attendu_avancement(projet, annee)
    # Vérification écrite à la main, pour ne pas seulement recopier la logique.
    tableau_2023 = lire_tableau(page.find(id="avancement-2023").find_next("table"))
    assert tableau_2023["Domaine A : Vivre ensemble au quartier"]["Réalisée"] == "1"
    assert tableau_2023["Domaine B : Grandir et apprendre"]["Sans bilan"] == "1"
    assert page.find(id="avancement-2024").get_text() == "2024 (année en cours)"


def test_chaque_graphique_a_son_tableau_et_les_memes_chiffres(site):
    page = article(site, "tableau-de-bord/index.html")
    images = page.select("img.ps-graphique")
    assert len(images) == 5  # 4 années d'avancement + les indicateurs de A-01
    for image in images:
        assert not re.match(r"^(https?:)?//", image["src"]) and image["src"].endswith(".svg")
        assert "Les mêmes données figurent dans le tableau qui suit" in image["alt"]
        tableau = image.find_next("table")
        assert tableau.caption.get_text() in image["alt"]
        svg = (site / "tableau-de-bord" / image["src"]).read_text(encoding="utf-8")
        assert "<script" not in svg and 'role="img"' in svg and "<title" in svg
        textes = re.findall(r">([^<>]+)</text>", svg)
        for ligne in tableau.select("tbody tr"):
            for cellule in ligne.find_all("td"):
                valeur = cellule.get_text()
                assert (valeur if valeur != "—" else "non renseigné") in textes


def test_valeurs_des_indicateurs_au_fil_des_annees(site, projet):
    tableau = (
        article(site, "tableau-de-bord/index.html").find(id="indicateurs-a-01").find_next("table")
    )
    lu = lire_tableau(tableau)
    assert lu == {
        "Nombre de participants": {
            "2023": "250 personnes",
            "2024": "310 personnes",
            "2025": "—",
            "2026": "—",
        }
    }
    for bilan in projet.fiches["A-01"].bilans:
        for v in bilan.indicateurs:
            if v.valeur is not None:
                assert lu[v.indicateur][str(bilan.annee)] == f"{v.valeur:g} {v.unite}"


# -- Échéancier --------------------------------------------------------------------------------------


def test_echeancier_accessible_avec_l_annee_en_cours(site):
    page = article(site, "echeancier/index.html")
    tableau = page.find(id="echeancier-domaine-a").find_next("table")
    assert (
        tableau.caption.get_text()
        == "Échéancier 2023-2026 : Domaine A : Vivre ensemble au quartier"
    )
    assert [th.get_text() for th in tableau.select("thead th")] == [
        "Fiche",
        "Statut",
        "2023",
        "2024 (année en cours)",
        "2025",
        "2026",
    ]
    ligne = tableau.select("tbody tr")[0]
    assert ligne.th["scope"] == "row" and ligne.th.get_text() == "A-01 · La fête du quartier"
    assert [td.get_text() for td in ligne.find_all("td")] == [
        "continuee",
        "prévu · bilan : réalisée",
        "prévu · bilan : en cours",
        "prévu",
        "prévu",
    ]
    assert "Nous sommes en 2024" in page.get_text()


def test_annee_en_cours_hors_de_la_periode(projet, monkeypatch):
    monkeypatch.setenv(suivi.VARIABLE_ANNEE, "2031")
    assert suivi.annee_courante() == 2031
    echeancier = suivi.echeancier(projet)
    assert not echeancier.dans_la_periode and echeancier.entetes == ["2023", "2024", "2025", "2026"]
    monkeypatch.delenv(suivi.VARIABLE_ANNEE)
    assert suivi.annee_courante() >= 2024  # l'année de la construction


# -- Fiches et pages « Bilan {année} » ---------------------------------------------------------------


def test_bilans_de_la_fiche_du_plus_recent_au_plus_ancien(site):
    etapes = article(site, "fiches/a-01/index.html").select("h3.ps-etape-bilan")
    assert [h.get_text() for h in etapes] == ["Bilan 2024 : En cours", "Bilan 2023 : Réalisée"]
    assert all(h.find_previous("h2").get_text() == "Bilans" for h in etapes)


def test_page_bilan_d_une_annee(site):
    page = article(site, "bilans/2024/index.html")
    assert page.h1.get_text() == "Bilan 2024"
    texte = page.get_text(" ")
    assert "1 fiche sur 2 a un bilan pour 2024." in texte
    fiche = page.find(id="a-01")
    assert fiche.get_text() == "A-01 · La fête du quartier"
    assert (
        "Deuxième édition, avec un stand du conseil citoyen." in texte and "310 personnes" in texte
    )
    assert "Peu de jeunes parmi les bénévoles." in texte
    sans = page.find(id="domaine-b").find_next("li")
    assert sans.get_text() == "B-01 · L'accompagnement à la scolarité (CLAS) : pas encore de bilan."
    assert lire_tableau(page.find("table")) == attendu_avancement_2024()


def attendu_avancement_2024():
    return {
        "Domaine A : Vivre ensemble au quartier": {
            "À venir": "0",
            "En cours": "1",
            "Réalisée": "0",
            "Sans bilan": "0",
        },
        "Domaine B : Grandir et apprendre": {
            "À venir": "0",
            "En cours": "0",
            "Réalisée": "0",
            "Sans bilan": "1",
        },
    }


def test_annee_sans_bilan(site):
    page = article(site, "bilans/2025/index.html")
    assert "Pas encore de bilan pour 2025" in page.get_text()
    assert page.find("table") is None


def test_menu_du_suivi(site):
    menu = BeautifulSoup(
        (site / "tableau-de-bord/index.html").read_text(encoding="utf-8"), "html.parser"
    ).select_one("nav.md-nav--primary")
    texte = menu.get_text(" ")
    for entree in [
        "Suivi et évaluation",
        "Échéancier",
        "Bilan 2023",
        "Bilan 2026",
        "Données ouvertes",
    ]:
        assert entree in texte


# -- Export dans les champs de la base nationale ----------------------------------------------------


def test_export_json_et_csv(site, projet):
    donnees = json.loads((site / "donnees/actions.json").read_text(encoding="utf-8"))
    assert donnees["periode"] == "2023-2026" and len(donnees["actions"]) == len(projet.fiches)
    a01, b01 = donnees["actions"]
    assert a01["Nom de l'action"] == "La fête du quartier"
    assert (
        a01["Statut de l'action"] == "En cours" and a01["Année du bilan"] == 2024
    )  # le dernier bilan
    assert a01["Suite de l'action : Limites"] == "Peu de jeunes parmi les bénévoles."
    assert a01["Mots clés associés à l'action"] == ["Fête de quartier"]
    assert a01["Avec qui cette action a-t-elle été menée ?"] == [
        "Maison des jeunes et de la culture des Tilleuls"
    ]
    assert (
        b01["Statut de l'action"] == "" and b01["Résultat pour les habitants"] == ""
    )  # rien d'inventé
    brut = (site / "donnees/actions.csv").read_text(encoding="utf-8")
    assert brut.startswith("\ufeff")
    lignes = list(csv.DictReader(io.StringIO(brut.removeprefix("\ufeff")), delimiter=";"))
    assert list(lignes[0]) == donnees["champs"]
    assert lignes[0]["Statut de l'action"] == "En cours" and lignes[0]["Public"] == "Tous publics"
    assert lignes[1]["Public"] == "Enfants, Parents"


def test_page_de_l_export_documente_la_correspondance(site):
    page = article(site, "donnees/index.html")
    liens = {a.get_text(): a["href"] for a in page.find_all("a")}
    assert liens["actions.json"] == "actions.json" and liens["actions.csv"] == "actions.csv"
    correspondance = lire_tableau(page.find(id="actions").find_next("table"))
    assert (
        correspondance["Statut de l'action"]["Ce qu'il contient"]
        == "statut d'avancement du dernier bilan (vide sans bilan)"
    )
    assert (
        correspondance["Suite de l'action : Perspectives"]["Ce qu'il contient"]
        == "perspectives, du dernier bilan"
    )


def test_cellule_csv_qui_ressemble_a_une_formule():
    from projet_social.export import _cellule

    assert _cellule("=SOMME(A1)") == "'=SOMME(A1)" and _cellule("-2+3") == "'-2+3"
    assert _cellule("- un repas partagé") == "- un repas partagé" and _cellule(["a", "b"]) == "a, b"


# -- Un centre sans aucun bilan : rien d'inventé -----------------------------------------------------


def test_centre_sans_bilan_tout_a_zero(centre_sans_bilan, site_sans_bilan):
    projet, _ = charger(centre_sans_bilan)
    assert sum(len(f.bilans) for f in projet.fiches.values()) == 0
    assert projet.centre.annees == [2021, 2022, 2023, 2024]
    page = article(site_sans_bilan, "tableau-de-bord/index.html")
    assert "Aucun bilan n'est encore saisi" in page.get_text()
    assert "Aucune valeur d'indicateur n'est encore saisie." in page.get_text()
    for annee in projet.centre.annees:
        lu = lire_tableau(page.find(id=f"avancement-{annee}").find_next("table"))
        for racine in projet.racines:
            ligne = lu[racine.titre_complet]
            assert set(v for k, v in ligne.items() if k != "Sans bilan") == {"0"}
            assert ligne["Sans bilan"] == str(len(projet.fiches_principales(racine)))
        bilan = article(site_sans_bilan, f"bilans/{annee}/index.html")
        assert f"Pas encore de bilan pour {annee}" in bilan.get_text()
    echeancier = article(site_sans_bilan, "echeancier/index.html")
    assert "2024 (année en cours)" in [th.get_text() for th in echeancier.select("thead th")]
    assert "bilan :" not in echeancier.get_text()
    actions = json.loads((site_sans_bilan / "donnees/actions.json").read_text(encoding="utf-8"))[
        "actions"
    ]
    assert len(actions) == len(projet.fiches) and {a["Statut de l'action"] for a in actions} == {""}
