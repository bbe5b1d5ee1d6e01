"""Les fixtures communes.

Les tests du moteur ne lisent jamais le contenu du dépôt (data/ et docs/ à la racine, que
l'équipe modifie) : ils tournent sur les centres de test de tests/fixtures/. Seuls
tests/test_contenu_du_centre.py et tests/test_parcours_de_l_equipe.py lisent ce contenu, avec
des contrôles valables pour tout contenu (scripts/controler_contenu.py).
"""
import shutil
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "macros"))
sys.path.insert(0, str(RACINE / "tests"))

from outils import FIXTURE, FIXTURE_TROIS_NIVEAUX, construire, copier_centre_avec_menu  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "lent: construit le contenu du dépôt (quelques dizaines de secondes) ; -m 'not lent' pour s'en passer")
    config.addinivalue_line("markers", "contenu: lit le contenu du dépôt (data/, docs/) ; contrôles valables pour tout contenu")


@pytest.fixture
def centre(tmp_path) -> Path:
    """Une copie modifiable du centre de test (deux niveaux : domaine → objectif)."""
    destination = tmp_path / "centre"
    shutil.copytree(FIXTURE, destination)
    return destination


@pytest.fixture(scope="session")
def centre_trois_niveaux(tmp_path_factory) -> Path:
    """Le second centre de test (trois niveaux : axe → enjeu → objectif ; aucun bilan ; lieux sans
    coordonnées ; une fiche avec budget, financeurs et tarifs), avec son menu. À ne pas modifier :
    il est partagé par toute la session (copier_centre_avec_menu pour une copie à soi)."""
    return copier_centre_avec_menu(FIXTURE_TROIS_NIVEAUX, tmp_path_factory.mktemp("trois-niveaux") / "centre")


@pytest.fixture(scope="session")
def site_trois_niveaux(centre_trois_niveaux) -> Path:
    """Le site du second centre de test, construit une fois pour toute la session de tests."""
    sortie = centre_trois_niveaux.parent / "site"
    resultat = construire(centre_trois_niveaux, sortie)
    assert resultat.returncode == 0, resultat.stderr
    return sortie
