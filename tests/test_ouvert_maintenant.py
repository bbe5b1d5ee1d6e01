"""« Ouvert maintenant » : l'état et les horaires du jour, calculés dans le navigateur du visiteur
par opening_hours (servi par le site), horloge du navigateur fixée par Playwright.

Centre de test (copie) : la MJC a « Mo-Fr 09:00-12:00,14:00-17:00; We off; PH off » (le mercredi
fermé par « off », les jours fériés français fermés par « PH off »). Le contenu du dépôt n'est
jamais lu.
"""

from pathlib import Path

import pytest
from projet_social.navigateur import axe_core, onglet_de_lecture

from conftest import construction_partagee
from outils import ECRANS, FIXTURE, copier_centre

HORAIRES = "Mo-Fr 09:00-12:00,14:00-17:00; We off; PH off"
PAGE = "acteurs/mjc-des-tilleuls/"


@pytest.fixture(scope="module")
def site_horaires(request) -> Path:
    def preparer(dossier: Path) -> Path:
        centre = copier_centre(FIXTURE, dossier / "centre")
        acteurs = centre / "data" / "acteurs.yml"
        texte = acteurs.read_text(encoding="utf-8")
        assert "horaires_accueil: Mo-Fr 09:00-12:00,14:00-17:00; PH off" in texte
        acteurs.write_text(
            texte.replace(
                "horaires_accueil: Mo-Fr 09:00-12:00,14:00-17:00; PH off",
                f"horaires_accueil: {HORAIRES}",
            ),
            encoding="utf-8",
        )
        return centre

    return construction_partagee(request, "ouvert-maintenant", preparer)


# -- Sans navigateur : ce que la page contient ---------------------------------------------------


def test_page_sans_javascript_et_lien_y_aller(site_horaires):
    html = (site_horaires / PAGE / "index.html").read_text(encoding="utf-8")
    # Le texte du site (sans JavaScript) reste : les horaires en français.
    assert "du lundi au vendredi" in html
    assert (
        'class="ps-ouvert" data-horaires="Mo-Fr%2009%3A00-12%3A00%2C14%3A00-17%3A00%3B%20We%20off%3B%20PH%20off" hidden'
        in html
    )
    assert "assets/vendor/opening_hours/opening_hours.js" in html and "assets/horaires.js" in html
    # « Y aller » : un simple lien vers OpenStreetMap, rien n'est demandé au chargement.
    assert (
        'href="https://www.openstreetmap.org/search?query=3%20rue%20des%20Tilleuls%2C%2099000%20Villefictive"'
        in html
    )


def test_seules_les_pages_avec_horaires_chargent_la_bibliotheque(site_horaires):
    assert "opening_hours.js" not in (site_horaires / "fiches/b-01/index.html").read_text(
        encoding="utf-8"
    )
    assert "opening_hours.js" not in (site_horaires / "index.html").read_text(encoding="utf-8")
    assert "opening_hours.js" in (site_horaires / "lieux/index.html").read_text(encoding="utf-8")
    vendu = site_horaires / "assets/vendor/opening_hours"
    assert (vendu / "opening_hours.js").is_file()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (vendu / "LICENSE").read_text(encoding="utf-8")


# -- Dans le navigateur, à une date et une heure fixées ------------------------------------------


@pytest.fixture(scope="module")
def a_paris(navigateur):
    """Un onglet à l'heure de Paris, gardé pour les tests de ce module qui fixent l'horloge (chacun
    la fixe avant d'ouvrir sa page : ``ouvrir_a``) ; les requêtes de la page ouverte y sont notées."""
    contexte = navigateur.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", **ECRANS["ordinateur"]
    )
    page = onglet_de_lecture(contexte, recherche=True)
    page.requetes = []
    page.on("request", lambda r: page.requetes.append(r.url))
    yield page
    contexte.close()


def ouvrir_a(onglet, adresse: str, instant: str, chemin: str = PAGE):
    """La page ``chemin`` (celle de la MJC), l'horloge du navigateur arrêtée à ``instant``."""
    onglet.clock.set_fixed_time(instant)
    onglet.requetes.clear()
    onglet.goto(adresse + chemin)
    return onglet


CAS = [
    # mardi 15 juillet 2025, 10 h : ouvert
    (
        "2025-07-15T10:00:00+02:00",
        "Ouvert maintenant · ferme à 12 h. Aujourd'hui : 9 h – 12 h, 14 h – 17 h. Appelez avant de vous déplacer.",
    ),
    # mardi, 13 h : la pause de midi
    (
        "2025-07-15T13:00:00+02:00",
        "Fermé · ouvre à 14 h. Aujourd'hui : 9 h – 12 h, 14 h – 17 h. Appelez avant de vous déplacer.",
    ),
    # lundi 14 juillet 2025, 10 h : jour férié (PH off)
    (
        "2025-07-14T10:00:00+02:00",
        "Fermé (Fête Nationale de la France) · ouvre demain à 9 h. Aujourd'hui : fermé. Appelez avant de vous déplacer.",
    ),
    # mercredi 16 juillet 2025, 10 h : « We off »
    (
        "2025-07-16T10:00:00+02:00",
        "Fermé · ouvre demain à 9 h. Aujourd'hui : fermé. Appelez avant de vous déplacer.",
    ),
    # vendredi 18 juillet 2025, 17 h 30 : fermé jusqu'à lundi
    (
        "2025-07-18T17:30:00+02:00",
        "Fermé · ouvre lundi à 9 h. Aujourd'hui : 9 h – 12 h, 14 h – 17 h. Appelez avant de vous déplacer.",
    ),
]


@pytest.mark.navigateur
@pytest.mark.parametrize(
    "instant, attendu",
    CAS,
    ids=["mardi-10h", "mardi-13h", "14-juillet", "mercredi-off", "vendredi-soir"],
)
def test_ouvert_ou_ferme_a_l_heure_du_visiteur(
    a_paris, site_horaires, adresse_de, instant, attendu
):
    from playwright.sync_api import expect

    adresse = adresse_de(site_horaires)
    page = ouvrir_a(a_paris, adresse, instant)
    etat = page.locator("article p.ps-ouvert")
    expect(etat).to_be_visible()
    expect(etat).to_have_text(attendu)
    # Le texte sans JavaScript reste à côté.
    expect(
        page.locator("article").get_by_text("du lundi au vendredi", exact=False).first
    ).to_be_visible()
    # Tout ce que la page charge vient du site (OpenStreetMap n'est qu'un lien) ; les requêtes
    # lancées plus tard par un script : test_navigateur.py (attente du réseau au repos).
    assert [u for u in page.requetes if not u.startswith(adresse)] == []


@pytest.mark.navigateur
def test_lieux_ouvert_maintenant(a_paris, site_horaires, adresse_de):
    from playwright.sync_api import expect

    # Mercredi : la Maison des Tilleuls (Mo-Fr 09:00-18:00) est ouverte.
    page = ouvrir_a(a_paris, adresse_de(site_horaires), "2025-07-16T10:00:00+02:00", "lieux/")
    expect(page.locator("p.ps-ouvert").first).to_have_text(
        "Ouvert maintenant · ferme à 18 h. Aujourd'hui : 9 h – 18 h. Appelez avant de vous déplacer."
    )


@pytest.mark.navigateur
@pytest.mark.parametrize(
    "instant", ["2025-07-15T10:00:00+02:00", "2025-07-14T10:00:00+02:00"], ids=["ouvert", "ferie"]
)
def test_axe_core_page_de_l_acteur(a_paris, site_horaires, adresse_de, instant):
    page = ouvrir_a(a_paris, adresse_de(site_horaires), instant)
    assert page.locator("article p.ps-ouvert").is_visible()
    resultats = axe_core(page)
    assert resultats.violations_count == 0, resultats.generate_report()


@pytest.mark.navigateur
def test_horaires_incalculables_restent_caches(navigateur, site_horaires, adresse_de):
    """Si la bibliothèque ne se charge pas, le texte du site suffit : rien de faux n'est affiché."""
    from playwright.sync_api import expect

    contexte = navigateur.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    page = contexte.new_page()
    page.route("**/opening_hours.js", lambda route: route.abort())
    try:
        page.goto(adresse_de(site_horaires) + PAGE)
        expect(page.locator("article p.ps-ouvert")).to_be_hidden()
        expect(
            page.locator("article").get_by_text("du lundi au vendredi", exact=False).first
        ).to_be_visible()
    finally:
        contexte.close()
