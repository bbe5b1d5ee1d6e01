"""Le guide de territoire : index calculés, pages des acteurs, annuaire, lieux, données ouvertes.

Le centre de test est construit une fois ; le second centre de test (trois niveaux, lieux sans
coordonnées) vient de la fixture ``site_trois_niveaux``. Le contenu du dépôt n'est jamais lu ici.
"""

import csv
import datetime
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from data_inclusion.schema.v1 import Service, Structure

from outils import FIXTURE, FIXTURE_TROIS_NIVEAUX
from projet_social.registre import pages_produites
from projet_social import data_inclusion, donnees_ouvertes, guide, schemas
from projet_social.chargement import charger


@pytest.fixture(scope="module")
def site(site_mini):
    """Le site du centre de test, construit une fois pour la session (conftest.py) : à lire seulement."""
    return site_mini


def article(site, chemin):
    return BeautifulSoup((site / chemin).read_text(encoding="utf-8"), "html.parser").select_one(
        "article"
    )


def projet_de(racine):
    projet, erreurs = charger(racine)
    assert projet is not None and not [e for e in erreurs if e.bloquante]
    return projet


# -- Les index calculés ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "racine", [FIXTURE, FIXTURE_TROIS_NIVEAUX], ids=["deux-niveaux", "trois-niveaux"]
)
def test_index_inverse_acteur_fiches(racine):
    """Les fiches d'un acteur sont exactement celles qui le citent (partenaire ou financeur)."""
    projet = projet_de(racine)
    for acteur in projet.acteurs.values():
        attendues = [f for f in projet.fiches.values() if acteur in f.partenaires + f.financeurs]
        assert sorted(f.code for f in acteur.fiches) == sorted(f.code for f in attendues), acteur.id
    cites = {a.id for f in projet.fiches.values() for a in f.partenaires + f.financeurs}
    assert cites == {a.id for a in projet.acteurs.values() if a.fiches}


def test_index_des_lieux():
    projet = projet_de(FIXTURE)
    maison = projet.lieux["maison-des-tilleuls"]
    assert [a.id for a in maison.acteurs] == ["mjc-des-tilleuls"]
    assert [p.acteur.id for p in maison.permanences] == ["mjc-des-tilleuls"]
    assert [f.code for f in maison.fiches] == ["A-01"]
    assert [s.nom for s in maison.sites] == ["Maison des Tilleuls"]
    assert not projet.lieux["jardin-partage"].sur_la_carte and maison.sur_la_carte


def test_rubriques_par_besoin_et_par_public():
    projet = projet_de(FIXTURE)
    scolarite = guide.rubrique(projet, "besoin.scolarite")
    assert [f.code for f in scolarite.fiches] == ["B-01"] and [a.id for a in scolarite.acteurs] == [
        "mjc-des-tilleuls"
    ]
    enfants = guide.rubrique(projet, "public.enfants")
    assert [a.id for a in enfants.acteurs] == ["ecole-des-tilleuls", "mjc-des-tilleuls"]
    # Une rubrique vide (aucune action, aucune structure) n'a pas de page.
    pages = [p.src for p in pages_produites(projet) if p.sorte.nom == "rubrique"]
    assert "guide/besoin/fete.md" in pages and "guide/besoin/sante.md" not in pages


def test_a_reverifier_apres_six_mois():
    jour = datetime.date(2026, 11, 25)
    assert guide.a_reverifier("2026-05-25", jour) and not guide.a_reverifier("2026-05-26", jour)
    assert not guide.a_reverifier("", jour) and not guide.a_reverifier("pas une date", jour)


# -- Les pages -------------------------------------------------------------------------------------


def test_page_d_un_acteur_complet(site):
    page = article(site, "acteurs/mjc-des-tilleuls/index.html")
    texte = page.get_text(" ", strip=True)
    liens = {a.get_text(strip=True): a["href"] for a in page.find_all("a")}
    assert liens["01 02 03 04 06"] == "tel:+33102030406"
    assert liens["accueil@mjc-tilleuls.example"] == "mailto:accueil@mjc-tilleuls.example"
    assert liens["https://mjc-tilleuls.example"] == "https://mjc-tilleuls.example"
    assert "3 rue des Tilleuls, 99000 Villefictive" in texte
    # Les horaires en français, une ligne par règle.
    assert (
        "du lundi au vendredi : 9 h – 12 h et 14 h – 17 h" in texte
        and "jours fériés : fermé" in texte
    )
    # Les permanences : l'une complète, l'autre sans lieu ni horaires, dit clairement.
    assert "mardi : 14 h – 17 h" in texte and "Précisions : sur rendez-vous" in texte
    assert "Lieu : non précisé" in texte and "Jours et horaires non renseignés." in texte
    # Thématiques et publics mènent au guide ; fiches calculées ; vérification ancienne signalée.
    assert (
        liens["Numérique"] == "../../guide/besoin/numerique/"
        and liens["Parents"] == "../../guide/public/parents/"
    )
    assert {"A-01 · La fête du quartier", "B-01 · L'accompagnement à la scolarité (CLAS)"} <= set(
        liens
    )
    assert "Vérifié le 15 janvier 2020 : plus de six mois, à revérifier" in texte


def test_signaler_une_erreur(site):
    page = article(site, "acteurs/mjc-des-tilleuls/index.html")
    lien = page.find("a", string="Signaler une erreur")
    adresse = urlsplit(lien["href"])
    assert adresse.netloc == "github.com" and adresse.path == "/exemple/tilleuls/issues/new"
    assert "Maison des jeunes et de la culture des Tilleuls" in parse_qs(adresse.query)["title"][0]


def test_signaler_par_courriel_si_le_centre_le_donne(centre, tmp_path):
    (centre / "data/centre.yml").write_text(
        (centre / "data/centre.yml").read_text(encoding="utf-8")
        + "signalement: guide@tilleuls.example\n",
        encoding="utf-8",
    )
    projet = projet_de(centre)
    texte, lien = guide.signaler_une_erreur(
        projet, projet.acteurs["mjc-des-tilleuls"], "https://github.com/x/y", ""
    )
    assert texte == "par courriel" and lien.startswith("mailto:guide@tilleuls.example?subject=")


def test_page_d_un_acteur_sans_informations(site):
    texte = article(site, "acteurs/ecole-des-tilleuls/index.html").get_text(" ", strip=True)
    for phrase in [
        "Adresse non renseignée.",
        "Téléphone non renseigné.",
        "Horaires non renseignés.",
        "Thématiques : non renseignées",
        "Date de vérification non renseignée",
    ]:
        assert phrase in texte


def test_guide_je_cherche_de_l_aide_pour(site):
    page = article(site, "guide/index.html")
    liens = {a.get_text(strip=True): a["href"] for a in page.find_all("a")}
    assert liens["Scolarité"] == "besoin/scolarite/" and liens["Enfants"] == "public/enfants/"
    assert "Santé" not in liens  # aucune action ni structure : pas de page
    rubrique = article(site, "guide/besoin/scolarite/index.html")
    assert rubrique.h1.get_text(strip=True) == "Scolarité"
    liens = [a.get_text() for a in rubrique.find_all("a")]
    assert (
        "B-01 · L'accompagnement à la scolarité (CLAS)" in liens
        and "Maison des jeunes et de la culture des Tilleuls (MJC)" in liens
    )
    vide = article(site, "guide/besoin/fete/index.html").get_text(" ", strip=True)
    assert "Aucune structure n'est encore classée ici." in vide


def test_annuaire_sans_javascript(site):
    page = article(site, "acteurs/index.html")
    acteurs = page.select("li.ps-acteur")
    assert len(acteurs) == 2
    mjc = next(li for li in acteurs if "Maison des jeunes" in li.get_text())
    assert mjc["data-mots_cles"].split() == ["scolarite", "numerique"] and mjc[
        "data-publics"
    ].split() == ["enfants", "parents"]
    assert (
        "téléphone non renseigné"
        in next(li for li in acteurs if "École" in li.get_text()).get_text()
    )
    filtres = {a["data-valeur"] for a in page.select("a[data-filtre='mots_cles']")}
    assert filtres == {"scolarite", "numerique", "fete"}


def test_carte_des_lieux_et_sa_liste(site):
    html = (site / "lieux/index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    carte = page.select_one("#ps-carte")
    assert carte is not None and carte.has_attr("hidden") and carte["data-tuiles"] == guide.TUILES
    maison, jardin = (
        page.select_one("#lieu-maison-des-tilleuls"),
        page.select_one("#lieu-jardin-partage"),
    )
    assert (maison["data-latitude"], maison["data-longitude"]) == ("45.7597", "3.0872")
    assert not jardin.has_attr("data-latitude")
    assert "Coordonnées non connues : ce lieu n'est pas sur la carte." in jardin.get_text()
    assert maison.select_one(".ps-lieu-nom").get_text(strip=True) == "Maison des Tilleuls"
    assert "du lundi au vendredi : 9 h – 18 h" in maison.get_text(" ")
    # Leaflet n'est chargé que sur cette page.
    assert "vendor/leaflet/leaflet.js" in html
    for autre in site.rglob("*.html"):
        if autre != site / "lieux/index.html":
            contenu = autre.read_text(encoding="utf-8")
            assert "leaflet" not in contenu and "tile.openstreetmap.org" not in contenu, autre


def test_sans_coordonnees_ni_carte_ni_tuiles(site_trois_niveaux):
    html = (site_trois_niveaux / "lieux/index.html").read_text(encoding="utf-8")
    assert "ps-carte" not in html and "leaflet" not in html and "tile.openstreetmap.org" not in html
    assert (
        "Aucun lieu n'a encore de coordonnées connues"
        in BeautifulSoup(html, "html.parser").get_text()
    )


# -- Les données ouvertes ------------------------------------------------------------------------------


@pytest.mark.parametrize("jeu", donnees_ouvertes.JEUX, ids=lambda j: j.nom)
def test_chaque_export_suit_son_schema_publie(site, site_trois_niveaux, jeu):
    for racine in (site, site_trois_niveaux):
        valeur = json.loads((racine / f"donnees/{jeu.nom}.json").read_text(encoding="utf-8"))
        elements = valeur if jeu.nom == "fiches" else [valeur]
        for element in elements:
            assert schemas.valider(jeu.schema, element, jeu.nom, {}) == []
        assert (racine / f"schemas/{jeu.schema}.schema.json").exists()
        lignes = list(
            csv.reader(
                io.StringIO((racine / f"donnees/{jeu.nom}.csv").read_text(encoding="utf-8-sig")),
                delimiter=";",
            )
        )
        attendu = {"arbre": None, "sigles": len(valeur)}.get(jeu.nom, len(valeur))
        if attendu is not None:
            assert len(lignes) - 1 == attendu


def test_les_exports_du_centre_a_trois_niveaux_sont_complets(site_trois_niveaux):
    projet = projet_de(FIXTURE_TROIS_NIVEAUX)
    assert (
        len(json.loads((site_trois_niveaux / "donnees/fiches.json").read_text(encoding="utf-8")))
        == len(projet.fiches)
        == 5
    )
    arbre = list(
        csv.DictReader(
            io.StringIO((site_trois_niveaux / "donnees/arbre.csv").read_text(encoding="utf-8-sig")),
            delimiter=";",
        )
    )
    assert len(arbre) == len(projet.noeuds) and {l["id"] for l in arbre} == set(projet.noeuds)
    enjeu = next(l for l in arbre if l["id"] == "enjeu-1")
    assert enjeu["parent"] == "axe-1" and enjeu["niveau"] == "enjeu"


def test_export_data_inclusion_valide_avec_le_schema_officiel(site):
    structures = json.loads((site / data_inclusion.FICHIER_STRUCTURES).read_text(encoding="utf-8"))
    services = json.loads((site / data_inclusion.FICHIER_SERVICES).read_text(encoding="utf-8"))
    for s in structures:
        Structure.model_validate(s)
    for s in services:
        Service.model_validate(s)
    mjc = next(s for s in structures if s["id"].endswith("--mjc-des-tilleuls"))
    assert mjc["source"] == "centre-social-des-tilleuls-centre-fictif-de-test"
    assert (
        mjc["horaires_accueil"] == "Mo-Fr 09:00-12:00,14:00-17:00; PH off"
        and mjc["date_maj"] == "2020-01-15"
    )
    assert (
        "sigle" not in mjc and "thematiques" not in mjc
    )  # pas de tels champs pour une structure en v1
    permanence = services[0]
    assert (
        permanence["structure_id"] == mjc["id"]
        and permanence["horaires_accueil"] == "Tu 14:00-17:00"
    )
    assert permanence["thematiques"] == [
        "famille--soutien-a-la-parentalite-et-a-leducation",
        "numerique--maitriser-les-fondamentaux-du-numerique",
    ]
    assert permanence["publics"] == ["familles"] and permanence["latitude"] == 45.7597
    assert len(services) == 2 and len(structures) == 2
    assert (site / data_inclusion.FICHIER_SCHEMA_STRUCTURES).exists()


def test_export_data_inclusion_du_centre_a_trois_niveaux(site_trois_niveaux):
    structures = json.loads(
        (site_trois_niveaux / data_inclusion.FICHIER_STRUCTURES).read_text(encoding="utf-8")
    )
    assert len(structures) == len(projet_de(FIXTURE_TROIS_NIVEAUX).acteurs) == 4
    for s in structures:
        Structure.model_validate(s)


def test_un_enregistrement_non_conforme_est_ecarte_et_dit(centre):
    texte = (
        (centre / "data/acteurs.yml")
        .read_text(encoding="utf-8")
        .replace("nom: École des Tilleuls", "nom: ÉT")
    )
    (centre / "data/acteurs.yml").write_text(texte, encoding="utf-8")
    export = data_inclusion.exporter(projet_de(centre), datetime.date(2026, 1, 1))
    assert [s["nom"] for s in export.structures] == [
        "Maison des jeunes et de la culture des Tilleuls"
    ]
    assert export.ecartes[0][0] == "ÉT" and "nom" in export.ecartes[0][1]


def test_page_des_donnees_ouvertes(site):
    page = article(site, "donnees/index.html")
    liens = {a.get_text(strip=True): a["href"] for a in page.find_all("a")}
    for jeu in donnees_ouvertes.JEUX:
        assert (
            liens[f"{jeu.nom}.json"] == f"{jeu.nom}.json"
            and liens[f"{jeu.nom}.csv"] == f"{jeu.nom}.csv"
        )
        assert liens[f"{jeu.schema}.schema.json"] == f"../schemas/{jeu.schema}.schema.json"
    assert liens["structures.json"] == "data-inclusion/structures.json"
    assert "Tous les acteurs y satisfont." in page.get_text()


def test_une_valeur_hors_du_guide(centre):
    """« dans_le_guide: false » : pas de rubrique ni de filtre, et le libellé reste du texte sur la page de l'acteur."""
    from projet_social.construction import Construction
    from projet_social.generation import rendre_page
    from projet_social.registre import PageProduite, SORTES

    vocabulaire = centre / "data/vocabulaires.yml"
    vocabulaire.write_text(
        vocabulaire.read_text(encoding="utf-8").replace(
            "    libelle: Numérique\n", "    libelle: Numérique\n    dans_le_guide: false\n"
        ),
        encoding="utf-8",
    )
    projet = projet_de(centre)
    assert "guide/besoin/numerique.md" not in [p.src for p in pages_produites(projet)]
    construction = Construction(projet)
    page = rendre_page(
        construction,
        PageProduite("acteurs/mjc-des-tilleuls.md", SORTES["acteur"], "mjc-des-tilleuls"),
    )
    assert "Thématiques : [Scolarité](../guide/besoin/scolarite.md), Numérique" in page
    assert 'data-valeur="numerique"' not in rendre_page(
        construction, PageProduite("acteurs/index.md", SORTES["acteurs"])
    )


def test_modifier_ouvre_le_bon_fichier_de_donnees(site):
    for chemin, fichier in [
        ("lieux/index.html", "data/lieux.yml"),
        ("acteurs/index.html", "data/acteurs.yml"),
        ("guide/besoin/scolarite/index.html", "data/acteurs.yml"),
    ]:
        bouton = BeautifulSoup(
            (site / chemin).read_text(encoding="utf-8"), "html.parser"
        ).select_one("a.md-content__button")
        assert bouton["href"] == f"https://github.com/exemple/tilleuls/edit/main/{fichier}", chemin
