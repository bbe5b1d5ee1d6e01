import shutil
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "macros"))
sys.path.insert(0, str(RACINE / "tests"))

from outils import FIXTURE, construire  # noqa: E402


@pytest.fixture
def centre(tmp_path) -> Path:
    """Une copie modifiable du centre de test (deux niveaux : domaine → objectif)."""
    destination = tmp_path / "centre"
    shutil.copytree(FIXTURE, destination)
    return destination


@pytest.fixture(scope="session")
def site_reel(tmp_path_factory) -> Path:
    """Le site réel (data/ et docs/ du dépôt), construit une fois pour toute la session de tests."""
    sortie = tmp_path_factory.mktemp("reel") / "site"
    resultat = construire(RACINE, sortie)
    assert resultat.returncode == 0, resultat.stderr
    return sortie
