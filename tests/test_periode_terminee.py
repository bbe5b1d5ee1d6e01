"""Quand l'année de la construction dépasse l'agrément, l'accueil le dit (PROJET_SOCIAL_ANNEE fixe l'année)."""

import os

from bs4 import BeautifulSoup

from outils import FIXTURE, construire, copier_centre


def _accueil(tmp_path, annee: int) -> str:
    centre = copier_centre(FIXTURE, tmp_path / f"centre-{annee}")
    ancienne = os.environ.get("PROJET_SOCIAL_ANNEE")
    os.environ["PROJET_SOCIAL_ANNEE"] = str(annee)
    try:
        resultat = construire(centre, tmp_path / f"site-{annee}")
    finally:
        if ancienne is None:
            os.environ.pop("PROJET_SOCIAL_ANNEE")
        else:
            os.environ["PROJET_SOCIAL_ANNEE"] = ancienne
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    return (
        BeautifulSoup(
            (tmp_path / f"site-{annee}/index.html").read_text(encoding="utf-8"), "html.parser"
        )
        .select_one("article")
        .get_text(" ")
    )


def test_periode_terminee_dite_a_l_accueil(tmp_path):
    # L'agrément du centre de test va de 2023 à 2026.
    assert "La période de ce projet social est terminée" in _accueil(tmp_path, 2027)
    assert "La période de ce projet social est terminée" not in _accueil(tmp_path, 2025)
