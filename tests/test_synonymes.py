"""Les mots des habitants (data/synonymes.yml) : vérifiés comme le reste du contenu, et trouvés
par la recherche du site ; fiches d'abord, glossaire après ; « rien trouvé » mène au guide et
au téléphone de l'accueil.

Le centre de test (tests/fixtures/centre-mini) reçoit, dans une copie, un data/synonymes.yml
écrit ici. Le contenu du dépôt n'est jamais lu.
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import construction_partagee
from outils import FIXTURE, bloquantes, copier_centre
from projet_social.chargement import charger

SYNONYMES = """\
# Les mots des habitants (test)
- mot_cle: scolarite
  mots: [collège, soutien scolaire]
- mot_cle: numerique
  mots: [ordinateur, internet]
"""


def ecrire(centre: Path, texte: str) -> None:
    (centre / "data" / "synonymes.yml").write_text(texte, encoding="utf-8")


# -- Le chargement -------------------------------------------------------------------------------


def test_fichier_facultatif(centre):
    projet, _ = charger(centre)
    assert projet.synonymes == {}


def test_mots_charges_par_code(centre):
    ecrire(centre, SYNONYMES + "- mot_cle: scolarite\n  mots: [devoirs, collège]\n")
    projet, erreurs = charger(centre)
    assert not [e for e in erreurs if e.bloquante]
    # Deux entrées pour le même mot clé : leurs mots sont réunis, sans doublon.
    assert projet.synonymes == {
        "scolarite": ["collège", "soutien scolaire", "devoirs"],
        "numerique": ["ordinateur", "internet"],
    }


def test_code_inconnu_erreur_en_francais_a_sa_ligne(centre):
    ecrire(centre, SYNONYMES + "- mot_cle: scolarité\n  mots: [école]\n")
    erreurs = bloquantes(centre)
    assert len(erreurs) == 1
    erreur = erreurs[0]
    assert erreur.fichier == "data/synonymes.yml"
    assert erreur.ligne == 6
    assert "mot clé inconnu « scolarité »" in erreur.message
    assert "vouliez-vous dire « scolarite »" in erreur.message
    assert "data/vocabulaires.yml" in erreur.attendu


def test_forme_verifiee_par_le_schema(centre):
    ecrire(centre, "- mot_cle: scolarite\n  mots: []\n- mot_cle: numerique\n  mot: [ordinateur]\n")
    erreurs = bloquantes(centre)
    # ligne 2 : liste vide ; ligne 3 : « mots » manque ; ligne 4 : champ inconnu « mot ».
    assert {e.ligne for e in erreurs} == {2, 3, 4}
    assert all(e.fichier == "data/synonymes.yml" for e in erreurs)


# -- Dans le site --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_habitants(request) -> Path:
    def preparer(dossier: Path) -> Path:
        centre = copier_centre(FIXTURE, dossier / "centre")
        ecrire(centre, SYNONYMES)
        return centre

    return construction_partagee(request, "synonymes", preparer)


def test_mots_caches_mais_indexes(site_habitants):
    fiche = (site_habitants / "fiches/b-01/index.html").read_text(encoding="utf-8")
    assert (
        '<p hidden="" class="ps-mots-des-habitants">Mots des habitants : collège, soutien scolaire.</p>'
        in fiche
    )
    index = json.loads((site_habitants / "search/search_index.json").read_text(encoding="utf-8"))
    entree = next(d for d in index["docs"] if d["location"] == "fiches/b-01/")
    assert "collège" in entree["text"] and entree["boost"] > 1
    glossaire = next(d for d in index["docs"] if d["location"] == "glossaire/")
    assert glossaire["boost"] < 1
    # La fiche ne contient pas ces mots ailleurs : c'est bien le vocabulaire qui la fait trouver.
    assert fiche.count("collège") == 1


# -- Dans le navigateur --------------------------------------------------------------------------


@pytest.fixture
def onglet(onglets_partages):
    """L'onglet d'ordinateur de la session, avec l'index de recherche (conftest.py) : chaque
    recherche ouvre sa page."""
    return onglets_partages("ordinateur", recherche=True)


def chercher(onglet, adresse: str, requete: str):
    from playwright.sync_api import expect

    onglet.goto(adresse)
    champ = onglet.locator("input.md-search__input")
    champ.click()
    champ.press_sequentially(requete, delay=30)
    meta = onglet.locator(".md-search-result__meta")
    expect(meta).not_to_have_text("Initialisation de la recherche", timeout=10000)
    onglet.wait_for_timeout(300)  # la dernière frappe traitée
    return onglet.locator(".md-search-result__item")


def adresses_des_resultats(resultats) -> list[str]:
    return [
        urlsplit(a.get_attribute("href")).path
        for a in resultats.locator("> a.md-search-result__link").all()
    ]


@pytest.mark.navigateur
@pytest.mark.parametrize(
    "requete, attendu",
    [
        ("collège", "fiches/b-01/"),
        ("soutien scolaire", "fiches/b-01/"),
        ("ordinateur", "acteurs/mjc-des-tilleuls/"),
        ("college", "fiches/b-01/"),
    ],
)
def test_les_mots_des_habitants_trouvent_la_fiche(
    onglet, site_habitants, adresse_de, requete, attendu
):
    from playwright.sync_api import expect

    resultats = chercher(onglet, adresse_de(site_habitants), requete)
    expect(resultats.first).to_be_visible(timeout=10000)
    premiers = adresses_des_resultats(resultats)[:3]
    assert any(h.endswith(attendu) for h in premiers), premiers
    # Les mots restent invisibles sur la page.
    onglet.goto(adresse_de(site_habitants) + attendu)
    expect(onglet.locator("p.ps-mots-des-habitants")).to_be_hidden()


@pytest.mark.navigateur
def test_fiches_avant_le_glossaire(onglet, site_habitants, adresse_de):
    from playwright.sync_api import expect

    # « MJC » : dans le glossaire (sigle), dans les fiches (partenaire) et sur la page de l'acteur.
    resultats = chercher(onglet, adresse_de(site_habitants), "MJC")
    expect(resultats.first).to_be_visible(timeout=10000)
    liens = adresses_des_resultats(resultats)
    fiches = [i for i, h in enumerate(liens) if "/fiches/" in h]
    assert fiches and "/acteurs/mjc-des-tilleuls/" in liens[:3], liens
    # Le glossaire vient après les fiches (ou plus bas que les premiers résultats affichés).
    glossaire = [i for i, h in enumerate(liens) if h.endswith("/glossaire/")]
    assert not glossaire or glossaire[0] > max(fiches), liens


@pytest.mark.navigateur
def test_rien_trouve_mene_au_guide_et_a_l_accueil(onglet, site_habitants, adresse_de):
    from playwright.sync_api import expect

    adresse = adresse_de(site_habitants)
    chercher(onglet, adresse + "fiches/b-01/", "zxqwyk")
    expect(onglet.locator(".md-search-result__meta")).to_have_text("Aucun document trouvé")
    aide = onglet.locator(".ps-recherche-vide")
    expect(aide).to_be_visible()
    guide = aide.get_by_role("link", name="guide de territoire")
    expect(guide).to_have_attribute("href", "../../guide/")
    telephone = aide.get_by_role("link", name="01 02 03 04 05")
    expect(telephone).to_have_attribute("href", "tel:+33102030405")
    # Une recherche qui trouve retire l'aide.
    champ = onglet.locator("input.md-search__input")
    champ.fill("")
    champ.press_sequentially("collège", delay=30)
    expect(onglet.locator(".md-search-result__item").first).to_be_visible(timeout=10000)
    expect(aide).to_have_count(0)
    guide_href = onglet.evaluate("new URL('../../guide/', location.href).pathname")
    assert guide_href == "/guide/"
