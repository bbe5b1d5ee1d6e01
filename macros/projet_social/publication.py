"""Ce que la publication sur GitHub Pages ajoute au site : adresse, dépôt, dates.

- ``adresse_du_site`` : l'adresse publique (mkdocs.yml, sinon le domaine de
  data/centre.yml, sinon ``SITE_URL`` donnée par le workflow de publication) ;
  les pages d'un site de projet vivent sous un préfixe (``/projet-social/``).
- ``depot`` : le dépôt GitHub du bouton « Modifier » (data/centre.yml, sinon
  celui où tourne GitHub Actions).
- ``dates_git`` : la date de la dernière modification de chaque fichier, en un
  seul appel à ``git log`` pour toute la construction.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path
from urllib.parse import urlsplit


def adresse_du_site(site_url: str | None, domaine: str, env: dict) -> str:
    """L'adresse publique du site, terminée par « / » ; vide si on ne la connaît pas."""
    adresse = site_url or (f"https://{domaine}/" if domaine else "") or env.get("SITE_URL", "")
    return adresse.rstrip("/") + "/" if adresse else ""


def domaine_personnalise(domaine: str, site_url: str) -> str:
    """Le nom de domaine à écrire dans le fichier CNAME (aucun pour une adresse *.github.io)."""
    if domaine:
        return domaine
    hote = urlsplit(site_url).hostname or ""
    return (
        ""
        if not hote or hote.endswith(".github.io") or hote in ("localhost", "127.0.0.1")
        else hote
    )


def depot(depot_du_centre: str, env: dict) -> str:
    """L'adresse du dépôt GitHub : celle de data/centre.yml, sinon celle de GitHub Actions."""
    if depot_du_centre:
        return depot_du_centre.rstrip("/")
    if env.get("GITHUB_REPOSITORY"):
        return f"{env.get('GITHUB_SERVER_URL', 'https://github.com').rstrip('/')}/{env['GITHUB_REPOSITORY']}"
    return ""


def dates_git(racine: Path) -> dict[str, datetime.date]:
    """Pour chaque fichier suivi (chemin relatif à ``racine``), la date de son dernier commit.

    Un seul ``git log`` pour tous les fichiers ; hors d'un dépôt git (ou sans git), rien.
    """
    try:
        sortie = subprocess.run(
            [
                "git",
                "-c",
                "core.quotePath=off",
                "log",
                "--format=%x00%cI",
                "--name-only",
                "--relative",
                "--",
                ".",
            ],
            cwd=racine,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if sortie.returncode != 0:
        return {}
    dates: dict[str, datetime.date] = {}
    courante = None
    for ligne in sortie.stdout.splitlines():
        if ligne.startswith("\x00"):
            courante = datetime.date.fromisoformat(ligne[1:11])
        elif ligne and courante is not None:
            dates.setdefault(ligne, courante)  # git log va du plus récent au plus ancien
    return dates
