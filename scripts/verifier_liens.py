"""Vérifier les liens internes d'un site construit, tel qu'il sera servi sous son adresse.

Usage : ``python scripts/verifier_liens.py site https://exemple.github.io/projet-social/``

Chaque ``href`` / ``src`` interne de chaque page HTML (et chaque adresse de
sitemap.xml) doit mener à un fichier du site, une fois l'adresse résolue depuis
la page sous le préfixe du site (``/projet-social/`` pour un site de projet).
La page 404 est servie à n'importe quelle adresse : ses liens doivent être absolus.
Sort avec le code 1 et la liste des liens cassés s'il y en a.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

ATTRIBUTS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


def _fichier(site: Path, chemin: str, prefixe: str) -> Path | None:
    """Le fichier servi pour ``chemin`` (absolu), ou None s'il sort du site."""
    if not chemin.startswith(prefixe):
        return None
    relatif = unquote(chemin[len(prefixe):])
    fichier = site / relatif
    if not relatif or relatif.endswith("/") or fichier.is_dir():
        fichier = fichier / "index.html"
    return fichier


def liens_casses(site: Path, adresse: str = "/") -> list[str]:
    """Les liens internes cassés du site ``site`` servi à ``adresse`` (URL ou préfixe)."""
    prefixe = urlsplit(adresse).path or "/"
    prefixe = prefixe if prefixe.endswith("/") else prefixe + "/"
    casses = []
    for page in sorted(site.rglob("*.html")):
        nom = page.relative_to(site).as_posix()
        url_page = prefixe + nom
        soupe = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for balise, attribut in ATTRIBUTS.items():
            for element in soupe.find_all(balise):
                lien = element.get(attribut)
                if not lien:
                    continue
                if "://" in adresse and lien.startswith(adresse):
                    lien = prefixe + lien[len(adresse):].lstrip("/")
                morceaux = urlsplit(lien)
                if morceaux.scheme or morceaux.netloc or not morceaux.path:
                    continue  # lien externe, mailto:, tel:, ou simple ancre « #… »
                if nom == "404.html" and not morceaux.path.startswith("/"):
                    casses.append(f"{nom} : lien relatif « {lien} » (la page 404 est servie à toutes les adresses)")
                    continue
                fichier = _fichier(site, urljoin(url_page, morceaux.path), prefixe)
                if fichier is None or not fichier.is_file():
                    casses.append(f"{nom} : « {lien} »")
    plan = site / "sitemap.xml"
    if plan.is_file() and "://" in adresse:
        for loc in re.findall(r"<loc>([^<]+)</loc>", plan.read_text(encoding="utf-8")):
            fichier = _fichier(site, urlsplit(loc).path, prefixe) if loc.startswith(adresse) else None
            if fichier is None or not fichier.is_file():
                casses.append(f"sitemap.xml : « {loc} »")
    return casses


def main(arguments: list[str]) -> int:
    if not arguments:
        print(__doc__)
        return 2
    casses = liens_casses(Path(arguments[0]), arguments[1] if len(arguments) > 1 else "/")
    for lien in casses:
        print(lien)
    print(f"{len(casses)} lien(s) cassé(s)." if casses else "Aucun lien interne cassé.")
    return 1 if casses else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
