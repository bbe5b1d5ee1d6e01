"""Un fait, une règle écrite une fois : nombres, identifiants, adresses des pages, délai de revérification,
listes data·inclusion.

Chaque règle a son test unitaire, puis un test sur le site construit (centre de test, jamais le
contenu du dépôt) : la même valeur s'écrit de la même façon sur la fiche, la page « Bilan », le
tableau de bord et son graphique SVG.
"""

import importlib.metadata
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from outils import FIXTURE, RACINE, construire, copier_centre
from projet_social import (
    assemblage,
    data_inclusion,
    export,
    guide,
    registre,
    rendu,
    schemas,
    suivi,
    textes,
)
from projet_social.chargement import charger
from projet_social.modele import chemin_web

ESPACE_FINE = "\u202f"
GABARITS = RACINE / "macros" / "gabarits"


# -- Les nombres ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "valeur, attendu",
    [
        (12, "12"),
        (12.0, "12"),
        (12.5, "12,5"),
        (12.50, "12,5"),
        (0.25, "0,25"),
        (12.345678, "12,35"),
        (1500, f"1{ESPACE_FINE}500"),
        (1500.0, f"1{ESPACE_FINE}500"),
        (1500.5, f"1{ESPACE_FINE}500,5"),
        (1234567.891, f"1{ESPACE_FINE}234{ESPACE_FINE}567,89"),
        (-3.5, "-3,5"),
        (2.999, "3"),
        (0, "0"),
    ],
)
def test_un_nombre_a_la_francaise(valeur, attendu):
    assert textes.nombre(valeur) == attendu


@pytest.mark.parametrize(
    "valeur, attendu",
    [
        (1500, f"1{ESPACE_FINE}500"),
        (1500.0, f"1{ESPACE_FINE}500"),
        (12.5, "12,50"),
        (4500.5, f"4{ESPACE_FINE}500,50"),
        (0.1, "0,10"),
    ],
)
def test_un_montant_a_des_centimes_ou_n_en_a_pas(valeur, attendu):
    assert textes.montant(valeur) == attendu


def test_une_seule_regle_des_nombres():
    """Le filtre des gabarits, le suivi (tableaux et graphiques) et le rendu d'un nombre nu : la même fonction."""
    env = rendu._environnement()
    assert env.filters["nombre"] is textes.nombre and env.filters["montant"] is textes.montant
    assert suivi.nombre is textes.nombre and not hasattr(rendu, "format_nombre")
    # Un nombre décimal affiché sans filtre ne sort jamais avec un point.
    assert env.from_string("{{ x }}").render(x=1500.5) == f"1{ESPACE_FINE}500,5"
    # L'espace fine des milliers reste insécable dans un texte (une cellule de tableau).
    assert rendu.cellule(textes.nombre(1500)) == f"1{ESPACE_FINE}500"
    assert rendu.taille_lisible(1_250_000) == "1,2 Mo" and rendu.taille_lisible(2_000_000) == "2 Mo"


def test_aucun_gabarit_ne_met_en_forme_un_nombre_lui_meme():
    for gabarit in GABARITS.glob("*.j2"):
        texte = gabarit.read_text(encoding="utf-8")
        assert not re.search(r"format\(|\|\s*round|replace\(\"\.\"", texte), gabarit.name
        assert not re.search(r"\|\s*length\s*}}", texte), (
            f"{gabarit.name} : un compte affiché sans « | nombre »"
        )


def _centre_chiffre(destination: Path) -> Path:
    """Le centre de test, où A-01 a des valeurs décimales et à milliers, et un budget."""
    centre = copier_centre(FIXTURE, destination)
    fiche = centre / "docs/fiches/a-01.md"
    texte = fiche.read_text(encoding="utf-8")
    texte = texte.replace("valeur: 250", "valeur: 1500.5").replace("valeur: 310", "valeur: 12.50")
    texte = texte.replace(
        "freins: La météo.\n",
        "freins: La météo.\nbudget:\n  - annee: 2023\n    montant: 1500\n  - annee: 2024\n    montant: 12.5\n",
    )
    fiche.write_text(texte, encoding="utf-8")
    return centre


@pytest.fixture(scope="module")
def site_chiffre(tmp_path_factory):
    centre = _centre_chiffre(tmp_path_factory.mktemp("faits") / "centre")
    with pytest.MonkeyPatch.context() as m:
        m.setenv(suivi.VARIABLE_ANNEE, "2024")
        resultat = construire(centre, centre.parent / "site")
    assert resultat.returncode == 0, resultat.stderr
    return centre.parent / "site"


def _page(site, chemin):
    return BeautifulSoup((site / chemin).read_text(encoding="utf-8"), "html.parser").select_one(
        "article"
    )


def _valeurs_des_bilans(article) -> list[str]:
    """Le texte de la colonne « Valeur » des tableaux d'indicateurs des bilans d'une page."""
    return [
        tr.find_all("td")[1].get_text()
        for table in article.find_all("table")
        if [th.get_text() for th in table.select("thead th")] == ["Indicateur", "Valeur"]
        for tr in table.select("tbody tr")
        if tr.find_all("td")[0].get_text() == "Nombre de participants"
    ]


def test_la_meme_valeur_s_ecrit_pareil_partout(site_chiffre):
    grand, petit = f"1{ESPACE_FINE}500,5 personnes", "12,5 personnes"
    # La fiche (ses bilans, du plus récent au plus ancien) et les pages « Bilan » de chaque année.
    assert _valeurs_des_bilans(_page(site_chiffre, "fiches/a-01/index.html")) == [petit, grand]
    assert _valeurs_des_bilans(_page(site_chiffre, "bilans/2023/index.html")) == [grand]
    assert _valeurs_des_bilans(_page(site_chiffre, "bilans/2024/index.html")) == [petit]
    # Le tableau de bord : le tableau, et le graphique SVG qui le précède.
    tableau = (
        _page(site_chiffre, "tableau-de-bord/index.html")
        .find(id="indicateurs-a-01")
        .find_next("table")
    )
    cellules = [td.get_text() for td in tableau.select("tbody tr td")]
    assert cellules == [grand, petit, "—", "—"]
    svg = (site_chiffre / "tableau-de-bord/indicateurs-A-01.svg").read_text(encoding="utf-8")
    assert re.findall(r">([^<>]*personnes)</text>", svg) == [grand, petit]
    assert f"2023 {grand}, 2024 {petit}" in svg  # la description (desc) du graphique


def test_un_montant_s_ecrit_avec_la_meme_regle(site_chiffre):
    budget = (
        _page(site_chiffre, "fiches/a-01/index.html")
        .find(id="budget-previsionnel")
        .find_next("table")
    )
    assert [tr.find_all("td")[1].get_text() for tr in budget.select("tbody tr")] == [
        f"1{ESPACE_FINE}500 €",
        "12,50 €",
    ]


# -- Les identifiants tirés d'un texte ------------------------------------------------------------------


@pytest.mark.parametrize(
    "texte, attendu",
    [
        ("Maison des Jeunes (MJC)", "maison-des-jeunes-mjc"),
        ("École  d'été", "ecole-d-ete"),
        ("  --  ", ""),
        ("Œuvre", "uvre"),
    ],
)
def test_un_identifiant_tire_d_un_texte(texte, attendu):
    assert textes.identifiant(texte) == attendu


def test_les_identifiants_du_moteur_suivent_la_meme_regle():
    """Les ancres du document complet, l'identifiant du producteur data·inclusion et le tri alphabétique :
    une seule règle (textes.py), aux mêmes résultats qu'avant (aucune adresse ni ancre ne change)."""
    assert assemblage.Section("fiches/a-01.md", "A-01", "fiches/a-01/").ancre == "doc-fiches-a-01"
    assert assemblage.Section("", "Domaine A : Vivre", "").ancre == "doc-domaine-a-vivre"
    assert assemblage.Section("", "", "").ancre == "doc-racine"
    projet, _ = charger(FIXTURE)
    assert data_inclusion.identifiant_producteur(projet) == textes.identifiant(projet.centre.nom)
    projet.centre.nom = "Œ"
    assert data_inclusion.identifiant_producteur(projet) == "centre-social"
    assert [guide._cle_alphabetique(t) for t in ("École", "zèbre")] == ["ecole", "zebre"]


# -- Les adresses des pages --------------------------------------------------------------------------------


def test_l_adresse_web_d_une_page():
    assert chemin_web("fiches/1-01.md") == "fiches/1-01/"
    assert chemin_web("acteurs/index.md") == "acteurs/" and chemin_web("index.md") == ""
    projet, _ = charger(FIXTURE)
    acteur, fiche = projet.acteurs["mjc-des-tilleuls"], projet.fiches["A-01"]
    assert (
        acteur.cible == "acteurs/mjc-des-tilleuls.md"
        and acteur.chemin_web == "acteurs/mjc-des-tilleuls/"
    )
    assert fiche.cible == fiche.fichier == "fiches/a-01.md" and fiche.chemin_web == "fiches/a-01/"
    lieu = projet.lieux["maison-des-tilleuls"]
    assert lieu.cible == f"{guide.PAGE_LIEUX}#{lieu.ancre}"
    assert export.action(fiche, projet)["Adresse de la fiche"] == fiche.chemin_web
    structure = data_inclusion.structure(acteur, "source", "2026-01-01", "https://exemple.org/")
    assert structure["lien_source"] == "https://exemple.org/" + acteur.chemin_web
    assert (
        guide.rubrique(projet, "besoin.scolarite").src
        == guide.page_rubrique("besoin", "scolarite")
        == "guide/besoin/scolarite.md"
    )


def test_les_gabarits_n_ecrivent_aucune_adresse():
    """Une adresse de page s'écrit dans le module qui la produit ; les gabarits la reçoivent (``pages``, ``cible``)."""
    dossiers = "fiches|acteurs|guide|lieux|bilans|donnees|schemas|arbre|tableau-de-bord|contribuer"
    for gabarit in GABARITS.glob("*.j2"):
        texte = gabarit.read_text(encoding="utf-8")
        assert not re.search(rf"[\"'/]({dossiers})/", texte), gabarit.name
        assert not re.search(r"\.md[\"'#]", texte), gabarit.name


def test_les_adresses_donnees_aux_gabarits_sont_celles_du_registre():
    pages = rendu.PAGES
    assert (pages.accueil, pages.arbre, pages.fiches, pages.glossaire, pages.complet) == (
        registre.PAGE_ACCUEIL,
        registre.PAGE_ARBRE,
        registre.PAGE_INDEX_FICHES,
        registre.PAGE_GLOSSAIRE,
        registre.PAGE_COMPLET,
    )
    assert (pages.tableau_de_bord, pages.echeancier, pages.bilan(2024)) == (
        suivi.PAGE_TABLEAU_DE_BORD,
        suivi.PAGE_ECHEANCIER,
        suivi.page_bilan(2024),
    )
    assert (pages.guide, pages.annuaire, pages.lieux) == (
        guide.PAGE_GUIDE,
        guide.PAGE_ANNUAIRE,
        guide.PAGE_LIEUX,
    )
    projet, _ = charger(FIXTURE)
    produites = {p.src for p in registre.pages_produites(projet)}
    for nom, src in vars(pages).items():
        if isinstance(src, str):
            assert src in produites, nom


# -- Le délai de revérification -------------------------------------------------------------------------


def test_le_delai_de_reverification_est_ecrit_une_fois():
    assert (
        guide.DELAI_DE_REVERIFICATION
        == f"{textes.en_lettres(guide.MOIS_AVANT_REVERIFICATION)} mois"
        == "six mois"
    )
    gabarit = (GABARITS / "acteur.md.j2").read_text(encoding="utf-8")
    assert "six mois" not in gabarit and "delai_de_reverification" in gabarit
    assert (
        rendu._environnement().globals["delai_de_reverification"] == guide.DELAI_DE_REVERIFICATION
    )
    assert [textes.en_lettres(n) for n in (1, 6, 12, 18)] == ["un", "six", "douze", "18"]


# -- Les listes data·inclusion ------------------------------------------------------------------------------


def test_les_listes_data_inclusion_sont_celles_du_paquet_installe():
    """data/schemas/vocabulaires.schema.json recopie les thématiques et les publics du référentiel :
    ils doivent être ceux du paquet data-inclusion-schema installé (celui du verrou requirements.txt)."""
    from data_inclusion.schema.v1 import Public, Thematique

    verrou = re.search(
        r"^data-inclusion-schema==([^\s\\]+)",
        (RACINE / "requirements.txt").read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    assert verrou and importlib.metadata.version("data-inclusion-schema") == verrou.group(1)
    definitions = schemas.schema("vocabulaires")["$defs"]  # data/schemas/vocabulaires.schema.json
    assert definitions["thematique_data_inclusion"]["enum"] == [t.value for t in Thematique]
    assert definitions["public_data_inclusion"]["enum"] == [p.value for p in Public]


def test_un_nombre_et_son_mot_accordes():
    from projet_social.textes import compte

    assert [compte(n, "nœud") for n in (0, 1, 2)] == ["0 nœud", "1 nœud", "2 nœuds"]
    assert compte(3, "bilan annuel", "bilans annuels") == "3 bilans annuels"
