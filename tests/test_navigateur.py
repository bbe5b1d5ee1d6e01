"""Dans Chromium headless : clavier, recherche en français, filtres, et axe-core (WCAG 2.1 A/AA).

Chromium : variable CHROMIUM (par défaut projet_social.navigateur.chromium()). Absent en local : tests sautés ;
absent en CI (CI=true) : échec.
"""

import pytest
from outils import ECRANS
from projet_social.navigateur import axe_core, onglet_de_lecture


pytestmark = pytest.mark.navigateur

from playwright.sync_api import expect  # noqa: E402


@pytest.fixture(scope="module")
def adresse(site_mini, adresse_de):
    """Le site du centre de test (arbre à deux niveaux) : construit et servi une fois pour la session."""
    return adresse_de(site_mini)


@pytest.fixture(scope="module")
def adresse_trois_niveaux(site_trois_niveaux, adresse_de):
    """Le site du second centre de test (arbre à trois niveaux, avec son menu). Le contenu du dépôt
    passe dans axe-core avec tests/test_contenu_du_centre.py."""
    return adresse_de(site_trois_niveaux)


# Le navigateur (un Chromium pour la session) : fixture « navigateur » de conftest.py.


@pytest.fixture
def onglet(navigateur):
    """Un onglet neuf, à soi, dont chaque requête est notée (``requetes``) : celles vers un autre
    site, tuiles de la carte comprises, sont refusées (onglet_de_lecture) mais notées quand même."""
    contexte = navigateur.new_context(locale="fr-FR", **ECRANS["ordinateur"])
    page = onglet_de_lecture(contexte, recherche=True)
    requetes = []
    page.on("request", lambda r: requetes.append(r.url))
    page.requetes = requetes
    yield page
    contexte.close()


TUILES = "https://tile.openstreetmap.org/"


def test_aucune_requete_vers_un_tiers(onglet, adresse):
    for chemin in ["", "fiches/a-01/", "fiches/"]:
        onglet.goto(adresse + chemin)
        onglet.wait_for_load_state("networkidle")
    tiers = [u for u in onglet.requetes if not u.startswith(adresse) and not u.startswith("data:")]
    assert tiers == []


def test_clavier_accueil_axe_fiche(onglets_partages, adresse):
    onglet = onglets_partages("ordinateur")
    onglet.goto(adresse)
    # Le premier Tab atteint le lien d'évitement de Material.
    onglet.keyboard.press("Tab")
    assert "Aller au contenu" in onglet.evaluate("document.activeElement.textContent")
    # Puis, au clavier seul, la carte du premier domaine.
    for _ in range(60):
        onglet.keyboard.press("Tab")
        if (
            onglet.evaluate("document.activeElement.textContent.trim()")
            == "Domaine A : Vivre ensemble au quartier"
        ):
            break
    else:
        pytest.fail("la carte du domaine A n'est pas atteignable au clavier")
    onglet.keyboard.press("Enter")
    onglet.wait_for_url("**/arbre/domaine-a/")
    for _ in range(80):
        onglet.keyboard.press("Tab")
        if onglet.evaluate("document.activeElement.textContent.trim()").startswith(
            "A-01 · La fête du quartier"
        ):
            break
    else:
        pytest.fail("la fiche A-01 n'est pas atteignable au clavier")
    onglet.keyboard.press("Enter")
    onglet.wait_for_url("**/fiches/a-01/")
    expect(onglet.locator("article h1")).to_have_text("A-01 · La fête du quartier")


def resultats_de_recherche(onglet, adresse, requete) -> str:
    """Tape la requête dans la recherche de Material, comme au clavier ; renvoie le texte des résultats."""
    onglet.goto(adresse)
    champ = onglet.locator("input.md-search__input")
    champ.click()
    champ.press_sequentially(requete, delay=30)
    resultats = onglet.locator(".md-search-result__item")
    expect(resultats.first).to_be_visible(timeout=10000)
    return " ".join(resultats.all_inner_texts())


@pytest.mark.parametrize(
    "requete, attendu",
    [("numerique", "B-01"), ("ateliers", "B-01"), ("l'accueil", "Le quartier des Tilleuls")],
)
def test_recherche_en_francais(onglets_partages, adresse, requete, attendu):
    onglet = onglets_partages("ordinateur", recherche=True)
    assert attendu in resultats_de_recherche(onglet, adresse, requete)


def test_filtres_de_l_index(onglets_partages, adresse):
    onglet = onglets_partages("ordinateur")
    onglet.goto(adresse + "fiches/")
    filtres = onglet.get_by_role("search", name="Filtrer les fiches actions")
    expect(filtres).to_be_visible()
    visibles = onglet.locator("li[data-axe]:visible")
    expect(visibles).to_have_count(2)
    onglet.get_by_label("Public", exact=True).select_option(label="Enfants")
    expect(visibles).to_have_count(1)
    expect(visibles.first).to_contain_text("B-01")
    expect(onglet.get_by_role("status")).to_have_text("1 fiche affichée sur 2.")
    onglet.get_by_label("Public", exact=True).select_option(label="Tous")
    onglet.get_by_label("Statut", exact=True).select_option(label="Action poursuivie")
    expect(visibles).to_have_count(1)
    expect(visibles.first).to_contain_text("A-01")
    expect(onglet.locator("#domaine-b")).to_be_hidden()
    onglet.get_by_role("button", name="Tout afficher").click()
    expect(visibles).to_have_count(2)
    # Par partenaire ou financeur : l'école n'accompagne que B-01.
    onglet.get_by_label("Partenaire ou financeur", exact=True).select_option(
        label="École des Tilleuls"
    )
    expect(visibles).to_have_count(1)
    expect(visibles.first).to_contain_text("B-01")
    onglet.get_by_role("button", name="Tout afficher").click()
    # Les listes par public, sans JavaScript, sont remplacées par les menus.
    expect(onglet.locator("#par-publics")).to_be_hidden()


def test_index_sans_javascript(navigateur, adresse):
    contexte = navigateur.new_context(java_script_enabled=False)
    page = contexte.new_page()
    page.goto(adresse + "fiches/")
    expect(page.locator("li[data-axe]")).to_have_count(2)
    expect(page.locator("#publics-enfants")).to_be_visible()
    contexte.close()


@pytest.mark.parametrize(
    "chemin",
    [
        "",
        "arbre/domaine-a/",
        "fiches/a-01/",
        "fiches/",
        "glossaire/",
        "arbre/",
        "acteurs/mjc-des-tilleuls/",
        "tableau-de-bord/",
        "bilans/2024/",
        "echeancier/",
        "donnees/",
        "guide/",
        "guide/besoin/scolarite/",
        "acteurs/",
        "lieux/",
    ],
)
def test_accessibilite_axe_core(onglets_partages, adresse, chemin):
    onglet = onglets_partages("ordinateur")
    onglet.goto(adresse + chemin)
    resultats = axe_core(onglet)
    assert resultats.violations_count == 0, resultats.generate_report()


def test_telephone_petit_ecran(onglets_partages, adresse):
    page = onglets_partages("telephone")
    page.goto(adresse + "fiches/a-01/")
    largeur = page.evaluate("document.documentElement.scrollWidth")
    assert largeur <= 360, "la page déborde horizontalement sur un écran de 360 px"


def test_l_onglet_partage_voit_chaque_violation(onglets_partages, adresse_de, tmp_path):
    """axe-core, injecté une fois par page dans l'onglet gardé d'un test à l'autre (axe_core) : il
    juge bien chaque page qu'on y ouvre, pas la précédente ni une page sans lui."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    entete = '<!doctype html><html lang="fr"><head><title>Essai</title></head><body><main>'
    (tmp_path / "a" / "index.html").write_text(entete + "<h1>Conforme</h1></main></body></html>")
    (tmp_path / "b" / "index.html").write_text(
        entete + '<h1>Image</h1><img src="x.png"></main></body></html>'
    )
    adresse = adresse_de(tmp_path)
    onglet = onglets_partages("ordinateur")
    for chemin, violations in [("a/", []), ("b/", ["image-alt"]), ("a/", [])]:
        onglet.goto(adresse + chemin)
        assert [v["id"] for v in axe_core(onglet).response["violations"]] == violations, chemin


# Le second centre : les pages que ses trois niveaux, son absence de bilans et ses lieux sans
# coordonnées rendent autrement que le premier (les autres sortes de pages sont passées ci-dessus).
@pytest.mark.parametrize(
    "chemin",
    [
        "arbre/axe-2/",
        "arbre/axe-2/enjeu-3/",
        "fiches/1-01/",
        "diagnostic/portrait/",
        "mots-cles/",
        "tableau-de-bord/",
        "bilans/2022/",
        "projet-social-complet/",
        "guide/besoin/acces-aux-droits/",
        "acteurs/point-justice-fictif/",
        "lieux/",
    ],
)
def test_accessibilite_axe_core_trois_niveaux(onglets_partages, adresse_trois_niveaux, chemin):
    onglet = onglets_partages("ordinateur")
    onglet.goto(adresse_trois_niveaux + chemin)
    resultats = axe_core(onglet)
    assert resultats.violations_count == 0, resultats.generate_report()


@pytest.mark.parametrize(
    "requete, attendu", [("numerique", "1-01"), ("ateliers", "atelier"), ("l'accueil", "accueil")]
)
def test_recherche_trois_niveaux(onglets_partages, adresse_trois_niveaux, requete, attendu):
    onglet = onglets_partages("ordinateur", recherche=True)
    assert attendu in resultats_de_recherche(onglet, adresse_trois_niveaux, requete).lower()


# -- Le guide de territoire : annuaire, carte des lieux ------------------------------------------------


def test_filtres_de_l_annuaire(onglets_partages, adresse):
    onglet = onglets_partages("ordinateur")
    onglet.goto(adresse + "acteurs/")
    expect(onglet.get_by_role("search", name="Filtrer l'annuaire")).to_be_visible()
    visibles = onglet.locator("li.ps-acteur:visible")
    expect(visibles).to_have_count(2)
    onglet.get_by_label("Je cherche de l'aide pour").select_option(label="Numérique")
    expect(visibles).to_have_count(1)
    expect(visibles.first).to_contain_text("Maison des jeunes")
    expect(onglet.get_by_role("status")).to_have_text("1 structure affichée sur 2.")
    onglet.get_by_role("button", name="Tout afficher").click()
    onglet.get_by_label("Public").select_option(label="Enfants")
    expect(visibles).to_have_count(2)
    # La recherche par nom ignore accents et majuscules.
    onglet.get_by_label("Nom ou sigle").fill("ecole")
    expect(visibles).to_have_count(1)
    expect(visibles.first).to_contain_text("École des Tilleuls")
    onglet.get_by_label("Nom ou sigle").fill("")
    expect(visibles).to_have_count(2)


def test_carte_des_lieux_et_sa_liste_au_clavier(onglets_partages, adresse):
    onglet = onglets_partages("ordinateur")  # sans tuiles de carte
    onglet.goto(adresse + "lieux/")
    carte = onglet.get_by_role(
        "region", name="Carte des lieux (la même information est dans la liste ci-dessous)"
    )
    expect(carte).to_be_visible()
    marqueurs = onglet.locator(".leaflet-marker-icon")
    expect(marqueurs).to_have_count(1)  # le jardin, sans coordonnées, n'est que dans la liste
    expect(onglet.locator(".ps-lieu")).to_have_count(2)
    expect(onglet.locator("#lieu-jardin-partage")).to_contain_text("Coordonnées non connues")
    boutons = onglet.get_by_role("button", name="Voir sur la carte : Maison des Tilleuls")
    expect(boutons).to_have_count(1)
    expect(onglet.locator("#lieu-jardin-partage button")).to_have_count(0)
    # Au clavier : le marqueur se rejoint par Tab et s'ouvre avec Entrée.
    for _ in range(80):
        onglet.keyboard.press("Tab")
        if onglet.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')"):
            break
    else:
        pytest.fail("le marqueur n'est pas atteignable au clavier")
    onglet.keyboard.press("Enter")
    bulle = onglet.locator(".leaflet-popup")
    expect(bulle).to_contain_text("Maison des Tilleuls")
    expect(bulle.get_by_role("link", name="Voir dans la liste")).to_have_attribute(
        "href", "#lieu-maison-des-tilleuls"
    )
    onglet.keyboard.press("Escape")
    expect(bulle).to_have_count(0)
    # Depuis la liste, « Voir sur la carte » ouvre la bulle du lieu.
    boutons.click()
    expect(bulle).to_contain_text("1 place des Tilleuls")


def test_seules_les_tuiles_de_la_carte_viennent_d_un_tiers(onglet, adresse):
    for chemin in ["guide/", "acteurs/", "acteurs/mjc-des-tilleuls/", "lieux/"]:
        onglet.goto(adresse + chemin)
        onglet.wait_for_load_state("networkidle")
    tiers = [u for u in onglet.requetes if not u.startswith(adresse) and not u.startswith("data:")]
    assert tiers and all(u.startswith(TUILES) for u in tiers), tiers


def test_annuaire_imprime_en_livret(onglet, adresse):
    onglet.goto(adresse + "acteurs/")
    onglet.get_by_label("Je cherche de l'aide pour").select_option(label="Numérique")
    onglet.emulate_media(media="print")
    # Sur papier : ni filtres, ni menus, ni listes de liens ; ce qui est filtré l'est aussi.
    for selecteur in [".ps-filtres", ".md-header", ".md-sidebar", "#par-besoin"]:
        expect(onglet.locator(selecteur).first).to_be_hidden()
    expect(onglet.locator("li.ps-acteur:visible")).to_have_count(1)
    expect(onglet.locator(".ps-imprime-seulement")).to_contain_text("Centre social des Tilleuls")
    pdf = onglet.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
