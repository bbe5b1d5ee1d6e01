"""Outils des tests : préparer un centre (réel ou de test) et construire son site."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parents[1]
FIXTURE = RACINE / "tests" / "fixtures" / "centre-mini"
PYTHON = sys.executable


def config_du_produit(centre: Path, moteur: Path = RACINE) -> dict:
    """La configuration mkdocs.yml du produit, les chemins du moteur (le dépôt ``moteur``) rendus absolus."""
    config = yaml.safe_load((moteur / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(moteur / "overrides")
    config["hooks"] = [str(moteur / "macros" / "hooks.py")]
    config.pop("nav", None)
    config["site_name"] = "Projet social"
    return config


def copier_centre(source: Path, destination: Path) -> Path:
    """Copie data/ et docs/ d'un centre et lui écrit un mkdocs.yml qui utilise le moteur du dépôt."""
    destination.mkdir(parents=True, exist_ok=True)
    for dossier in ("data", "docs"):
        if (source / dossier).exists():
            shutil.copytree(source / dossier, destination / dossier)
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(config_du_produit(destination), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return destination


def construire(centre: Path, site: Path, config: Path | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build`` dans un processus à part, comme ``make build``."""
    env = dict(os.environ, PYTHONPATH=str(RACINE / "macros"))
    return subprocess.run(
        # Sans -q : avec -q, MkDocs ne compte plus les avertissements et « strict » ne les refuse plus.
        [PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(config or centre / "mkdocs.yml"), "-d", str(site)],
        cwd=centre, env=env, capture_output=True, text=True, timeout=600,
    )
