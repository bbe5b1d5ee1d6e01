"""Les fixtures communes.

Les tests du moteur ne lisent jamais le contenu du dépôt (data/ et docs/ à la racine, que
l'équipe modifie) : ils tournent sur les centres de test de tests/fixtures/. Seuls
tests/test_contenu_du_centre.py et tests/test_parcours_de_l_equipe.py lisent ce contenu, avec
des contrôles valables pour tout contenu (scripts/controler_contenu.py).

Pour que « make test » reste court, ce qui coûte est fait une fois par session :

- chaque site partagé (un centre de test, une configuration) est construit une seule fois, même
  quand les tests sont répartis entre plusieurs processus (pytest-xdist, « -n » dans pytest.ini) :
  le premier processus qui en a besoin le construit sous un verrou, les autres lisent le même
  dossier. Ces sites se lisent, ne se modifient jamais (une copie à soi : copier_centre) ;
- un seul Chromium par processus (``navigateur``) et un seul serveur HTTP local par site
  (``adresse_de``) ;
- avec pytest-xdist (--dist loadfile), les tests d'un même module restent ensemble dans un
  processus (leurs fixtures « module » ne sont construites qu'une fois), sauf ceux des modules de
  MODULES_REPARTIS, qui ne s'appuient que sur des fixtures partagées et se répartissent test par test.
"""

import contextlib
import fcntl
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "macros"))
sys.path.insert(0, str(RACINE / "tests"))

from outils import (
    ECRANS,
    FIXTURE,
    FIXTURE_TROIS_NIVEAUX,
    construire,
    copier_centre,
    copier_centre_avec_menu,
)  # noqa: E402
from projet_social.navigateur import OPTIONS_CHROMIUM, chromium, servir  # noqa: E402

CHROMIUM = chromium()

# Les modules dont les tests se répartissent un à un entre les processus de pytest-xdist : ils
# n'ont pas de fixture « module » coûteuse (sites, navigateur et serveurs sont de session).
MODULES_REPARTIS = {"test_navigateur.py"}

# Variables d'environnement qui changeraient la construction d'un site partagé : chaque site partagé
# dit lui-même sa configuration (argument ``env`` de construction_partagee).
VARIABLES_DE_CONSTRUCTION = (
    "SITE_URL",
    "PROJET_SOCIAL_PDF",
    "PROJET_SOCIAL_DOCX",
    "PROJET_SOCIAL_ANNEE",
    "PROJET_SOCIAL_ARRIERE_PLAN",  # les sites partagés : arrière-plan selon leur taille (aucun)
)


# -- Les tests du moteur ne lisent pas le contenu du dépôt -------------------------------------
#
# Le contenu du centre (data/ et docs/ à la racine) change à chaque proposition de l'équipe : un
# test du moteur qui le lirait passerait au rouge sur une modification correcte. Pendant chaque test
# qui n'est pas marqué « contenu », un crochet d'audit de Python (sys.addaudithook) refuse toute
# ouverture ou lecture de dossier sous data/ ou docs/ de la racine, et tout processus lancé avec
# l'un de ces chemins ou depuis la racine du dépôt avec un outil qui lirait ce contenu (mkdocs,
# make, projet_social) : le test échoue en le disant, au lieu de dépendre du contenu du moment.

CONTENU_DU_DEPOT = tuple(str(RACINE / dossier) for dossier in ("data", "docs"))
# Les schémas de data/schemas/ sont le contrat des données, publié avec le moteur : pas du contenu.
HORS_CONTENU = (str(RACINE / "data" / "schemas"),)
_OUTILS_QUI_LISENT_LE_CONTENU = ("mkdocs", "make", "projet_social")
_test_du_moteur: list[str] = []  # le test du moteur en cours (vide : pas de garde)
_lectures: list[str] = []  # ce que la garde a refusé pendant ce test (même si le test l'a rattrapé)


class ContenuDuDepotLu(AssertionError):
    pass


def _sous(chemin: str, dossiers: tuple[str, ...]) -> bool:
    return any(chemin == d or chemin.startswith(d + os.sep) for d in dossiers)


def _chemin_du_contenu(valeur, dossier=None) -> bool:
    """``valeur`` (relative à ``dossier``, sinon au dossier courant) est-elle sous data/ ou docs/ ?"""
    if isinstance(valeur, bytes):
        valeur = os.fsdecode(valeur)
    if not isinstance(valeur, (str, os.PathLike)):
        return False
    chemin = os.path.join(os.fspath(dossier), os.fspath(valeur)) if dossier else os.fspath(valeur)
    chemin = os.path.abspath(chemin)
    return _sous(chemin, CONTENU_DU_DEPOT) and not _sous(chemin, HORS_CONTENU)


def _garde(evenement: str, arguments: tuple) -> None:
    if not _test_du_moteur:
        return
    lu = None
    if evenement in ("open", "os.listdir", "os.scandir") and arguments:
        if _chemin_du_contenu(arguments[0]):
            lu = os.fspath(arguments[0])
    elif evenement == "subprocess.Popen":
        _, commande, dossier, _ = arguments
        commande = [commande] if isinstance(commande, (str, bytes, os.PathLike)) else list(commande)
        if any(_chemin_du_contenu(a, dossier) for a in commande):
            lu = " ".join(map(str, commande))
        elif dossier is not None and os.path.abspath(os.fspath(dossier)) == str(RACINE):
            if any(o in str(a) for a in commande for o in _OUTILS_QUI_LISENT_LE_CONTENU):
                lu = f"{' '.join(map(str, commande))} (lancé depuis la racine du dépôt)"
    if lu is not None:
        message = (
            f"{_test_du_moteur[0]} lit le contenu du dépôt ({lu}) : un test du moteur tourne sur un "
            "centre de tests/fixtures/ ; un contrôle valable pour tout contenu va dans "
            "scripts/controler_contenu.py (marque « contenu »)"
        )
        _lectures.append(message)
        raise ContenuDuDepotLu(message)


sys.addaudithook(_garde)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """La garde pendant tout le test du moteur : ses fixtures (mise en place, nettoyage) comprises."""
    _lectures.clear()
    if item.get_closest_marker("contenu") is None:
        _test_du_moteur[:] = [item.nodeid]
    try:
        return (yield)
    finally:
        _test_du_moteur.clear()


@pytest.fixture(autouse=True)
def aucune_lecture_du_contenu():
    """Un refus de la garde rattrapé par le test (``except Exception``) le fait échouer quand même."""
    yield
    if _lectures:
        pytest.fail("\n".join(_lectures), pytrace=False)


# -- Les outils externes : Chromium, pdftotext --------------------------------------------------


def _outil_absent(item) -> str | None:
    if item.get_closest_marker("navigateur") and not Path(CHROMIUM).exists():
        return f"Chromium introuvable ({CHROMIUM})"
    if item.get_closest_marker("pdftotext") and shutil.which("pdftotext") is None:
        return "pdftotext introuvable (poppler-utils)"
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Un test marqué « navigateur » (Chromium) ou « pdftotext » sans son outil : sauté sur un
    poste, en échec en CI (CI=true), où .ci/run doit l'avoir installé."""
    absent = _outil_absent(item)
    if absent is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{absent} : .ci/run doit l'installer.", pytrace=False)
        pytest.skip(absent)


def pytest_configure(config):
    config.addinivalue_line("markers", "pdftotext: lit un PDF avec pdftotext (poppler-utils)")
    config.addinivalue_line(
        "markers",
        "lent: construit le contenu du dépôt (quelques dizaines de secondes) ; -m 'not lent' pour s'en passer",
    )
    config.addinivalue_line(
        "markers",
        "contenu: lit le contenu du dépôt (data/, docs/) ; contrôles valables pour tout contenu",
    )


# Les modules les plus longs (constructions du contenu du dépôt, PDF, Chromium…) : avec pytest-xdist,
# ils partent en premier, chacun dans un processus, et les petits modules remplissent les trous
# (sinon le plus long peut partir en dernier et laisser l'autre processus attendre).
MODULES_LONGS = (
    "test_parcours_de_l_equipe.py",
    "test_contenu_du_centre.py",
    "test_contenu_hostile.py",
    "test_document.py",
    "test_publication.py",
    "test_pdf_liens.py",
)


def pytest_sessionfinish(session, exitstatus):
    """L'atelier de construction de ce processus (tests/atelier.py) s'arrête avec lui."""
    import atelier

    atelier.arreter()


def pytest_collection_modifyitems(config, items):
    """Dans les processus de pytest-xdist : MODULES_LONGS d'abord, dans cet ordre, puis le reste dans
    l'ordre habituel (tri stable, le même dans chaque processus ; --no-loadscope-reorder dans pytest.ini)."""
    if not hasattr(config, "workerinput"):
        return
    rang = {nom: i for i, nom in enumerate(MODULES_LONGS)}
    items.sort(key=lambda item: rang.get(item.path.name, len(MODULES_LONGS)))


def pytest_xdist_make_scheduler(config, log):
    """Avec pytest-xdist et « --dist loadfile » (pytest.ini) : les tests d'un module restent ensemble
    dans un processus (leurs fixtures « module » — un site construit, une copie du contenu… — ne
    sont faites qu'une fois), sauf ceux de MODULES_REPARTIS, distribués un à un.

    (Pas de marque xdist_group : pytest-xdist 3.8 ne sait plus renommer les tests de pytest 9.)"""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ParModule(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            fichier = nodeid.split("::", 1)[0]
            return nodeid if Path(fichier).name in MODULES_REPARTIS else fichier

    return ParModule(config, log)


# -- Les constructions partagées entre modules (et entre processus de pytest-xdist) -------------


def _dossier_partage(config, tmp_path_factory) -> Path:
    """Le dossier commun à toute la session : celui de la session pour pytest-xdist (chaque
    processus a le sien dessous, popen-gwN), celui du processus sinon."""
    base = tmp_path_factory.getbasetemp()
    dossier = (base.parent if hasattr(config, "workerinput") else base) / "constructions-partagees"
    dossier.mkdir(parents=True, exist_ok=True)
    return dossier


@contextlib.contextmanager
def _verrou(chemin: Path):
    with open(chemin, "a", encoding="utf-8") as fichier:
        fcntl.flock(fichier, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fichier, fcntl.LOCK_UN)


def construction_partagee(request, nom: str, preparer, env: dict | None = None) -> Path:
    """Le site ``nom``, construit une seule fois pour toute la session (tous processus confondus).

    ``preparer(dossier)`` écrit le centre dans ``dossier`` et le renvoie ; ``env`` complète
    l'environnement de la construction (sans les VARIABLES_DE_CONSTRUCTION de la session). Le
    résultat (code de retour, sorties) est gardé : une construction qui échoue échoue pareil
    dans chaque processus, sans être refaite. Renvoie le dossier du site, à ne pas modifier.
    """
    tmp_path_factory = request.getfixturevalue("tmp_path_factory")
    partage = _dossier_partage(request.config, tmp_path_factory)
    dossier = partage / nom
    with _verrou(partage / f"{nom}.verrou"):
        compte_rendu = partage / f"{nom}.json"
        if not compte_rendu.exists():
            shutil.rmtree(dossier, ignore_errors=True)
            centre = preparer(dossier)
            with pytest.MonkeyPatch.context() as m:
                for variable in VARIABLES_DE_CONSTRUCTION:
                    m.delenv(variable, raising=False)
                for variable, valeur in (env or {}).items():
                    m.setenv(variable, valeur)
                resultat = construire(centre, dossier / "site")
            compte_rendu.write_text(
                json.dumps(
                    {
                        "returncode": resultat.returncode,
                        "stdout": resultat.stdout,
                        "stderr": resultat.stderr,
                    }
                ),
                encoding="utf-8",
            )
        resultat = json.loads(compte_rendu.read_text(encoding="utf-8"))
    assert resultat["returncode"] == 0, resultat["stderr"]
    return dossier / "site"


@pytest.fixture(scope="session", autouse=True)
def gabarits_compiles_une_fois(request, tmp_path_factory):
    """Le code compilé des gabarits du moteur, gardé pour toute la session dans un dossier créé par
    elle (tous processus confondus) : chaque construction (un processus neuf) ne recompile plus les
    gabarits (environ 0,3 s par construction). Voir VARIABLE_CACHE_DES_GABARITS (rendu.py)."""
    from projet_social.rendu import VARIABLE_CACHE_DES_GABARITS

    dossier = _dossier_partage(request.config, tmp_path_factory) / "gabarits-compiles"
    dossier.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as m:
        m.setenv(VARIABLE_CACHE_DES_GABARITS, str(dossier))
        yield dossier


@pytest.fixture
def centre(tmp_path) -> Path:
    """Une copie modifiable du centre de test (deux niveaux : domaine → objectif)."""
    destination = tmp_path / "centre"
    shutil.copytree(FIXTURE, destination)
    return destination


@pytest.fixture(scope="session")
def site_mini(request) -> Path:
    """Le site du centre de test (deux niveaux), tel quel, sans adresse publique : construit une fois
    pour toute la session. À ne pas modifier (copier_centre pour une construction à soi)."""
    return construction_partagee(
        request, "mini", lambda dossier: copier_centre(FIXTURE, dossier / "centre")
    )


@pytest.fixture(scope="session")
def centre_trois_niveaux(tmp_path_factory) -> Path:
    """Le second centre de test (trois niveaux : axe → enjeu → objectif ; aucun bilan ; lieux sans
    coordonnées ; une fiche avec budget, financeurs et tarifs), avec son menu. À ne pas modifier :
    il est partagé par toute la session (copier_centre_avec_menu pour une copie à soi)."""
    return copier_centre_avec_menu(
        FIXTURE_TROIS_NIVEAUX, tmp_path_factory.mktemp("trois-niveaux") / "centre"
    )


@pytest.fixture(scope="session")
def site_trois_niveaux(request) -> Path:
    """Le site du second centre de test, construit une fois pour toute la session de tests."""
    return construction_partagee(
        request,
        "trois-niveaux",
        lambda dossier: copier_centre_avec_menu(FIXTURE_TROIS_NIVEAUX, dossier / "centre"),
    )


# -- Le navigateur et les serveurs locaux, un par session -------------------------------------


@pytest.fixture(scope="session")
def navigateur():
    """Un Chromium headless pour toute la session (par processus de pytest-xdist). Chaque test
    ouvre son propre contexte (new_context) et le ferme : rien ne passe d'un test à l'autre."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=OPTIONS_CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def onglets_partages(navigateur):
    """``onglets_partages("ordinateur" | "telephone", recherche=False)`` : l'onglet de cet écran
    (ECRANS), gardé pour toute la session (par processus) : environ trois fois moins de temps par page
    qu'un contexte neuf (projet_social.navigateur.onglet_de_lecture). L'index de recherche n'y est
    servi qu'avec ``recherche`` (un autre onglet du même contexte) : sans lui, le worker de recherche
    de Material ne construit pas l'index à chaque page (mesuré sur une fiche du centre de test :
    120 → 40 ms de calcul dans ce worker).

    Chaque test commence par y ouvrir sa page (goto), qui efface ce qu'a fait le test précédent (le
    site ne garde rien dans le navigateur : ni cookie, ni stockage, ni choix de couleurs). Un test
    qui a besoin d'une écoute (``on``), d'une interception (``route``), d'une option de contexte
    (horloge, JavaScript coupé…) ou d'un autre média (``emulate_media``) ouvre son propre contexte :
    il ne laisse rien ici."""
    from projet_social.navigateur import onglet_de_lecture

    contextes, onglets = {}, {}

    def onglet(ecran: str = "ordinateur", recherche: bool = False):
        if ecran not in contextes:
            contextes[ecran] = navigateur.new_context(locale="fr-FR", **ECRANS[ecran])
        if (ecran, recherche) not in onglets:
            onglets[ecran, recherche] = onglet_de_lecture(contextes[ecran], recherche=recherche)
        return onglets[ecran, recherche]

    yield onglet
    for contexte in contextes.values():
        contexte.close()


@pytest.fixture(scope="session")
def adresse_de():
    """``adresse_de(site)`` : l'adresse http://127.0.0.1:PORT/ d'un serveur local qui sert ``site``
    (un seul serveur par site pour toute la session)."""
    adresses = {}
    with contextlib.ExitStack() as pile:

        def adresse(site: Path) -> str:
            site = Path(site).resolve()
            if site not in adresses:
                adresses[site] = pile.enter_context(servir(site))
            return adresses[site]

        yield adresse
