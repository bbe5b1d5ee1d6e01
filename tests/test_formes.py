"""Les formes des vrais documents (issue « Votre centre sur le même outil », § 4-5).

Le centre de test ``centre-formes`` (fictif) a des porteurs, des sous-actions, des financements,
des tarifs en liste, ni gestionnaire ni fin d'agrément, aucun statut ni projet, et des niveaux
nommés « Domaine » / « Orientation ». On construit son site et on relit : la fiche, la page d'un
acteur, le document complet, les exports, l'accueil, l'arbre et le guide des champs.
"""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from outils import RACINE, construire, copier_centre
from projet_social import schemas
from projet_social.chargement import charger

FIXTURE_FORMES = RACINE / "tests" / "fixtures" / "centre-formes"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    dossier = tmp_path_factory.mktemp("formes")
    centre = copier_centre(FIXTURE_FORMES, dossier / "centre")
    resultat = construire(centre, dossier / "site")
    assert resultat.returncode == 0, resultat.stderr[-3000:]
    return dossier / "site"


def article(site: Path, chemin: str):
    return BeautifulSoup((site / chemin).read_text(encoding="utf-8"), "html.parser").select_one(
        "article"
    )


def texte(element) -> str:
    return (
        re.sub(r"\s+", " ", element.get_text(" "))
        .replace(" .", ".")
        .replace("( ", "(")
        .replace(" )", ")")
    )


def lignes_du_tableau(table) -> list[list[str]]:
    return [[texte(td).strip() for td in tr.find_all("td")] for tr in table.select("tbody tr")]


def table_apres(element, titre: str):
    h2 = next(h for h in element.find_all("h2") if h.get_text().strip() == titre)
    return h2.find_next("table")


# -- Le modèle -----------------------------------------------------------------------------------------


def test_le_centre_se_charge_sans_erreur_et_n_invente_rien():
    projet, erreurs = charger(FIXTURE_FORMES)
    assert [e for e in erreurs if e.bloquante] == []
    centre = projet.centre
    assert centre.gestionnaire == "" and centre.debut == 2024 and centre.fin is None
    assert centre.periode == "à partir de 2024"
    assert centre.annees == [2024, 2025, 2026]  # les années citées par les fiches, jamais inventées
    fiche = projet.fiches["A-01"]
    assert [a.id for a in fiche.porteurs] == ["mjc-des-tilleuls"]
    assert [a.id for a in fiche.tous_les_financeurs] == [
        "ecole-des-tilleuls",
        "ville-de-villefictive",
    ]
    assert projet.acteurs["ville-de-villefictive"].fiches == [
        fiche
    ]  # un financeur des « financements » compte


def test_une_annee_avant_le_debut_connu_est_refusee(tmp_path):
    centre = copier_centre(FIXTURE_FORMES, tmp_path / "centre")
    fiche = centre / "docs" / "fiches" / "b-01.md"
    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace("annee: 2025", "annee: 2020"), encoding="utf-8"
    )
    _, erreurs = charger(centre)
    messages = [e.message for e in erreurs if e.bloquante]
    assert messages == ["l'année 2020 est hors de la période d'agrément, qui commence en 2024"]


def test_un_tarif_sans_montant_ni_condition_est_dit_en_francais(tmp_path):
    centre = copier_centre(FIXTURE_FORMES, tmp_path / "centre")
    fiche = centre / "docs" / "fiches" / "a-01.md"
    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace("    condition: gratuit\n", ""), encoding="utf-8"
    )
    _, erreurs = charger(centre)
    bloquantes = [e for e in erreurs if e.bloquante]
    assert [(e.champ, e.message) for e in bloquantes] == [
        ("tarifs › n° 2", "il manque « montant » ou « condition »")
    ]


# -- La fiche -------------------------------------------------------------------------------------------


def _verifier_la_fiche(fiche):
    contenu = texte(fiche)
    assert "Action portée par Maison des jeunes et de la culture des Tilleuls (MJC)." in contenu
    titres = [h.get_text().strip() for h in fiche.find_all(re.compile("^h[23]$"))]
    assert (
        "Sous-actions" in titres
        and "Le repas partagé" in titres
        and "Les jeux pour les enfants" in titres
    )
    assert "Période : en juin" in contenu and "Chacun apporte un plat à partager." in contenu
    assert lignes_du_tableau(table_apres(fiche, "Financements")) == [
        [
            "Ville de Villefictive",
            "2024",
            "1 500 €",
            "Subvention de fonctionnement (montant fictif).",
        ],
        ["Ville de Villefictive", "2025", "1 200,50 €", ""],
    ]
    assert "Autres financeurs : École des Tilleuls." in contenu
    assert lignes_du_tableau(table_apres(fiche, "Tarifs")) == [
        ["Repas partagé (adulte)", "5 €"],
        ["Repas partagé (enfant)", "gratuit"],
    ]
    # Les rubriques vides : une seule ligne, et aucune section vide.
    assert contenu.count("Non renseignés :") == 1
    assert (
        "Non renseignés : public cible, moyens, résultats attendus, indicateurs qualitatifs, freins à lever."
        in contenu
    )
    assert (
        "Non renseigné dans le projet social" not in contenu
        and "Information non disponible" not in contenu
    )
    for absente in (
        "Public cible",
        "Moyens",
        "Résultats attendus",
        "Freins à lever",
        "Indicateurs qualitatifs",
        "Budget prévisionnel",
    ):
        assert absente not in titres
    # Sans statuts ni projets dans data/vocabulaires.yml : ni ligne « Statut », ni ligne « Projets ».
    assert "Statut" not in [dt.get_text().strip() for dt in fiche.select("dl dt")]
    assert "Projets" not in [dt.get_text().strip() for dt in fiche.select("dl dt")]
    assert "statut" not in contenu.lower().replace("statut d'avancement", "")


def test_la_fiche(site):
    _verifier_la_fiche(article(site, "fiches/a-01/index.html"))


def test_une_fiche_sans_porteur_ni_tarifs_en_liste(site):
    fiche = article(site, "fiches/b-01/index.html")
    contenu = texte(fiche)
    assert "Action portée par" not in contenu
    assert "Gratuit pour les familles adhérentes." in contenu
    assert contenu.count("Non renseignés :") == 1
    assert (
        "Non renseignés : objectifs, public cible, présentation de l'action, moyens, lieux, résultats attendus, indicateurs, freins à lever."
        in contenu
    )


def test_le_document_complet_reprend_la_fiche(site):
    document = article(site, "projet-social-complet/index.html")
    sections = document.select("section.ps-fiche")
    fiche = next(
        s
        for s in sections
        if "A-01 · La fête du quartier" in s.find(re.compile(r"^h\d$")).get_text()
    )
    contenu = texte(fiche)
    assert "Action portée par Maison des jeunes et de la culture des Tilleuls (MJC)." in contenu
    assert (
        "Le repas partagé" in contenu
        and "1 200,50 €" in contenu
        and "Repas partagé (enfant)" in contenu
    )
    assert contenu.count("Non renseignés :") == 1
    assert "Non renseigné dans le projet social" not in texte(document)
    # La couverture : ni gestionnaire ni période inventés.
    assert "Gestionnaire : non précisé dans le projet social." in texte(document)
    assert "Porté par" not in texte(document)


# -- Les acteurs ----------------------------------------------------------------------------------------


def test_la_page_du_porteur(site):
    contenu = texte(article(site, "acteurs/mjc-des-tilleuls/index.html"))
    assert "A-01 · La fête du quartier : porte l'action" in contenu
    assert "B-01 · L'accompagnement à la scolarité (CLAS) : porte l'action" not in contenu


def test_la_page_du_financeur(site):
    contenu = texte(article(site, "acteurs/ville-de-villefictive/index.html"))
    assert (
        "A-01 · La fête du quartier : finance l'action (2024, 1 500 € ; 2025, 1 200,50 €)"
        in contenu
    )
    assert "Cet acteur n'est cité dans aucune fiche action." not in contenu
    assert "A-01 · La fête du quartier (financeur)" in texte(
        article(site, "acteurs/ecole-des-tilleuls/index.html")
    )


# -- Les exports ----------------------------------------------------------------------------------------


def test_structure_organisatrice(site):
    actions = json.loads((site / "donnees/actions.json").read_text(encoding="utf-8"))
    par_code = {a["Code de la fiche"]: a for a in actions["actions"]}
    assert par_code["A-01"]["Structure organisatrice"] == [
        "Maison des jeunes et de la culture des Tilleuls"
    ]
    assert (
        par_code["B-01"]["Structure organisatrice"]
        == "Centre social des Glycines (centre fictif de test)"
    )
    assert actions["periode"] == "à partir de 2024"
    lignes = list(
        csv.DictReader(
            io.StringIO((site / "donnees/actions.csv").read_text(encoding="utf-8-sig")),
            delimiter=";",
        )
    )
    assert [l["Structure organisatrice"] for l in lignes] == [
        "Maison des jeunes et de la culture des Tilleuls",
        "Centre social des Glycines (centre fictif de test)",
    ]


def test_fiches_json_suit_le_schema(site):
    fiches = json.loads((site / "donnees/fiches.json").read_text(encoding="utf-8"))
    for fiche in fiches:
        assert schemas.valider("fiche", fiche, "fiches.json", {}) == [], fiche["code"]
    a01 = next(f for f in fiches if f["code"] == "A-01")
    assert a01["porteurs"] == ["mjc-des-tilleuls"]
    assert a01["financements"] == [
        {
            "financeur": "ville-de-villefictive",
            "annee": 2024,
            "montant": 1500,
            "precisions": "Subvention de fonctionnement (montant fictif).",
        },
        {"financeur": "ville-de-villefictive", "annee": 2025, "montant": 1200.5},
    ]
    assert a01["tarifs"] == [
        {"libelle": "Repas partagé (adulte)", "montant": 5},
        {"libelle": "Repas partagé (enfant)", "condition": "gratuit"},
    ]
    assert a01["sous_actions"][0] == {
        "titre": "Le repas partagé",
        "description": "Chacun apporte un plat à partager.",
        "periode": "en juin",
        "lieux": ["maison-des-tilleuls"],
    }
    assert (
        next(f for f in fiches if f["code"] == "B-01")["tarifs"]
        == "Gratuit pour les familles adhérentes."
    )


# -- L'accueil, l'arbre, l'index, le guide des champs -------------------------------------------------------


def test_l_accueil_n_invente_ni_gestionnaire_ni_periode(site):
    contenu = texte(article(site, "index.html"))
    assert (
        "Projet social à partir de 2024 ; gestionnaire : non précisé dans le projet social."
        in contenu
    )
    assert "porté par" not in contenu
    assert not re.search(r"Projet social \d{4}-\d{4}", contenu)


def test_l_arbre_suit_les_noms_des_niveaux(site):
    contenu = texte(article(site, "arbre/index.html"))
    assert "Sous chaque orientation, les fiches actions qui y répondent." in contenu
    assert "objectif" not in contenu.lower().replace("arbre des objectifs", "")
    assert "statut" not in contenu.lower()
    for chemin in ("arbre/domaine-a/index.html", "arbre/domaine-b/index.html", "fiches/index.html"):
        page = texte(article(site, chemin)).lower()
        assert "statut" not in page and "projet" not in page.replace("projet social", ""), chemin
        assert "objectif" not in page.replace("arbre des objectifs", ""), chemin


def test_le_guide_des_champs_presente_les_nouveaux_champs(site):
    contenu = texte(article(site, "contribuer/champs/index.html"))
    for mot in (
        "porteurs",
        "Porteurs de l'action",
        "sous_actions",
        "Sous-actions",
        "financements",
        "Financements",
        "tarifs",
        "libelle",
        "condition",
        "precisions",
    ):
        assert mot in contenu, mot
    assert "une liste de tarifs" in contenu
