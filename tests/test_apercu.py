"""``make serve`` (mkdocs serve) : data/ est suivi, et un contenu erroné s'affiche dans le navigateur."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from outils import FIXTURE, copier_centre


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _attendre(url: str, condition, delai: float = 90) -> str:
    fin, dernier = time.monotonic() + delai, ""
    while time.monotonic() < fin:
        try:
            with urllib.request.urlopen(url, timeout=5) as reponse:
                dernier = reponse.read().decode("utf-8")
            if condition(dernier):
                return dernier
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(
        f"{url} : condition jamais remplie en {delai} s ; dernière page :\n{dernier[:2000]}"
    )


def test_apercu_montre_les_erreurs_puis_reprend(tmp_path):
    centre = copier_centre(FIXTURE, tmp_path / "centre")
    arbre = centre / "data/arbre.yml"
    juste = arbre.read_text(encoding="utf-8")
    arbre.write_text(
        juste.replace("titre: Vivre ensemble au quartier", "titre Vivre ensemble au quartier"),
        encoding="utf-8",
    )
    port = _port_libre()
    serveur = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(centre / "mkdocs.yml"),
        ],
        cwd=centre,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        page = _attendre(url, lambda html: "Le contenu a des erreurs" in html)
        assert "data/arbre.yml" in page and "deux-points" in page
        arbre.write_text(juste, encoding="utf-8")  # la correction, dans data/ : l'aperçu reprend
        page = _attendre(
            url, lambda html: "Le contenu a des erreurs" not in html and "Tilleuls" in html
        )
        assert "Vivre ensemble au quartier" in _attendre(
            url + "arbre/", lambda html: "Vivre ensemble" in html
        )
    finally:
        serveur.terminate()
        serveur.wait(timeout=30)
