"""Chromium sans écran, et un serveur local pour lui : le PDF (pdf.py), le contrôle du contenu
réel (scripts/controler_contenu.py), le banc (bench/bench.py) et les tests le partagent.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

# Sans ces options, Chromium cherche à joindre des services de Google (refusés par une machine
# sans réseau, et inutiles ici) ; --no-sandbox : la CI tourne en administrateur.
OPTIONS_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Les règles d'axe-core que passent le site et les formulaires : WCAG 2.0 et 2.1, niveaux A et AA
# (RGAA 4). Seules les violations sont détaillées (« resultTypes ») : axe vérifie les mêmes règles
# mais ne renvoie pas le détail des éléments conformes, un quart à un tiers de temps en moins.
NORMES_AXE = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def chromium() -> str:
    """Le chemin de Chromium : variable CHROMIUM, sinon celui de Debian."""
    return os.environ.get("CHROMIUM", "/usr/bin/chromium")


class _Silencieux(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def servir(dossier: Path) -> Iterator[str]:
    """Sert ``dossier`` sur 127.0.0.1 (port libre) le temps du bloc ; donne son adresse (« …/ »)."""
    serveur = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Silencieux, directory=str(dossier))
    )
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{serveur.server_address[1]}/"
    finally:
        serveur.shutdown()
        serveur.server_close()
