"""Chromium sans écran, et un serveur local pour lui : le PDF (pdf.py), le contrôle du contenu
réel (scripts/controler_contenu.py), le banc (bench/bench.py) et les tests le partagent.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
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


# Toute adresse hors du serveur local : les tuiles de la carte, par exemple (hors ligne, et sans
# charge pour OpenStreetMap pendant un contrôle).
HORS_DU_SERVEUR_LOCAL = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")
# L'index de recherche de Material : chaque page chargée le télécharge et le compile (lunr) dans un
# worker, une à plusieurs secondes de calcul pour un grand site, dont axe-core n'a pas besoin.
INDEX_DE_RECHERCHE = "**/search/search_index.json"


# Les Chromium de Debian, du préféré au suivant : « chromium-headless-shell » est le même moteur
# (même version, même rendu, même impression en PDF) sans l'interface du navigateur, celui que
# Playwright prend de lui-même sans écran. Mesuré sur les 91 tests du navigateur et de la porte
# d'entrée (2 cœurs) : 54 s au lieu de 68-69 s, et toute la suite en 124 s au lieu de 166 s.
CHROMIUMS_DE_DEBIAN = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")


def chromium() -> str:
    """Le chemin de Chromium : variable CHROMIUM, sinon le premier de CHROMIUMS_DE_DEBIAN présent
    (le dernier si aucun ne l'est : c'est lui que nomment les messages « introuvable »)."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    return next((c for c in CHROMIUMS_DE_DEBIAN if Path(c).exists()), CHROMIUMS_DE_DEBIAN[-1])


class _Silencieux(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def servir(dossier: Path) -> Iterator[str]:
    """Sert ``dossier`` sur 127.0.0.1 (port libre) le temps du bloc ; donne son adresse (« …/ »)."""
    serveur = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Silencieux, directory=str(dossier))
    )
    # Le serveur regarde toutes les 50 ms s'il doit s'arrêter (500 ms par défaut : autant
    # d'attente à la fin de chaque impression, contrôle ou session de tests).
    threading.Thread(target=serveur.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{serveur.server_address[1]}/"
    finally:
        serveur.shutdown()
        serveur.server_close()


def onglet_de_lecture(contexte, recherche: bool = False):
    """Un onglet de ``contexte`` pour ouvrir des pages l'une après l'autre et les lire (axe-core,
    mesures) : sans tuiles de carte, et sans l'index de recherche sauf avec ``recherche`` (voir plus
    haut). Gardé d'une page à l'autre, il profite du cache de son contexte et du code JavaScript déjà
    compilé (axe-core, le thème) : environ trois fois moins de temps par page qu'un contexte neuf."""
    onglet = contexte.new_page()
    onglet.route(HORS_DU_SERVEUR_LOCAL, lambda route: route.abort())
    if not recherche:
        onglet.route(INDEX_DE_RECHERCHE, lambda route: route.abort())
    return onglet


def axe_core(onglet, normes: dict = NORMES_AXE):
    """Les résultats d'axe-core (``normes`` : ses options) sur la page ouverte dans ``onglet``.

    axe-core (axe_playwright_python) est injecté s'il n'est pas déjà dans la page : la même source,
    déjà compilée par le même onglet, ne coûte presque plus rien à la page suivante."""
    from axe_playwright_python.base import AXE_SCRIPT, AxeResults

    if not onglet.evaluate("() => typeof window.axe === 'object'"):
        onglet.evaluate(AXE_SCRIPT)
    return AxeResults(onglet.evaluate("normes => axe.run(document, normes)", normes))
