"""``make pdf`` : imprimer la page « projet social complet » en PDF avec Chromium.

Usage : ``python -m projet_social.pdf SITE SORTIE.pdf``. Le site construit est
servi en local, la page est ouverte dans Chromium sans écran (Playwright, chemin
dans la variable CHROMIUM, par défaut /usr/bin/chromium) et imprimée en A4 avec
la feuille de style d'impression du site : signets (un par titre), texte
sélectionnable, PDF balisé (langue du document), titre du document.

Les liens vers les pages du site ne doivent pas mener au serveur local de
l'impression (``http://127.0.0.1:…``) : ils vont à l'adresse publique du site
quand la construction la connaît (``site_url``, ``domaine`` de data/centre.yml ou
``SITE_URL`` de la publication : la page porte alors son adresse canonique), et
sinon ils sont retirés (le texte reste). Les renvois internes au document
(sommaire, « voir la fiche … ») restent des liens dans le PDF.
"""
from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
import time
from pathlib import Path

PAGE = "projet-social-complet/"
# Réécrit les liens vers le site avant l'impression ; renvoie (liens publics, liens retirés).
LIENS_SANS_SERVEUR_LOCAL = """() => {
  const canonique = document.querySelector('link[rel="canonical"]');
  const publique = canonique ? canonique.href.replace(/projet-social-complet\\/?$/, '') : '';
  let publics = 0, retires = 0;
  for (const a of document.querySelectorAll('a[href]')) {
    const url = new URL(a.getAttribute('href'), location.href);
    if (url.origin !== location.origin) continue;
    if (url.pathname === location.pathname && url.hash) continue;  // renvoi dans le document
    if (publique) { a.href = publique + url.pathname.replace(/^\\//, '') + url.search + url.hash; publics++; }
    else { a.removeAttribute('href'); retires++; }
  }
  return [publics, retires];
}"""
PIED = (
    '<div style="font-size:8px;width:100%;padding:0 16mm;display:flex;justify-content:space-between;color:#444">'
    '<span class="title"></span><span>page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)


class _Silencieux(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def imprimer(site: Path, sortie: Path, chromium: str | None = None) -> dict:
    """Produit ``sortie`` ; renvoie quelques mesures (durée, pages, taille)."""
    from playwright.sync_api import sync_playwright

    chromium = chromium or os.environ.get("CHROMIUM", "/usr/bin/chromium")
    debut = time.perf_counter()
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Silencieux, directory=str(site)))
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            navigateur = p.chromium.launch(
                executable_path=chromium,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
            )
            page = navigateur.new_page()
            page.goto(f"http://127.0.0.1:{serveur.server_address[1]}/{PAGE}", wait_until="load")
            titre = page.locator("article h1").first.inner_text().strip()
            periode = page.locator(".ps-couverture-periode").first.inner_text().strip()
            page.evaluate("t => { document.title = t; }", f"{periode} — {titre}")
            page.evaluate(LIENS_SANS_SERVEUR_LOCAL)
            page.emulate_media(media="print")
            sortie.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(
                path=str(sortie), format="A4", print_background=True, outline=True, tagged=True,
                display_header_footer=True, header_template="<span></span>", footer_template=PIED,
                margin={"top": "16mm", "bottom": "18mm", "left": "0", "right": "0"},
            )
            navigateur.close()
    finally:
        serveur.shutdown()
    return {"secondes": time.perf_counter() - debut, "octets": sortie.stat().st_size}


def main(arguments: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if arguments is None else arguments
    if len(arguments) != 2:
        print("Usage : python -m projet_social.pdf SITE SORTIE.pdf", file=sys.stderr)
        return 2
    site, sortie = Path(arguments[0]), Path(arguments[1])
    if not (site / PAGE / "index.html").is_file():
        print(f"Le site construit ({site}) n'a pas de page {PAGE} : lancez d'abord la construction.", file=sys.stderr)
        return 1
    mesures = imprimer(site, sortie)
    print(f"PDF écrit : {sortie} ({mesures['octets'] / 1e6:.1f} Mo) en {mesures['secondes']:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
