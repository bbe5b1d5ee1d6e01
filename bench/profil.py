"""Où passe le temps d'une construction : par événement MkDocs et par extension.

    .venv/bin/python bench/profil.py CHEMIN/mkdocs.yml [--cprofile sortie.prof]

Construit le site décrit par ``mkdocs.yml`` dans un dossier temporaire, dans ce
processus, et affiche le temps de chaque (événement, extension) — hooks du
projet, macros, search, tags… — ainsi que la conversion Markdown → HTML
(``Page.render``) et le rendu des gabarits du thème. Sans profileur (sauf
``--cprofile``), les durées sont celles d'une construction normale.
Pour obtenir un centre à mesurer : ``bench/bench.py --tailles 500 --tailles-pdf 0 --sans-ecrire --garder DOSSIER``.
"""

from __future__ import annotations

import argparse
import collections
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands import build as construction  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import CombinedEvent, PluginCollection  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

DUREES: dict[str, float] = collections.defaultdict(float)
APPELS: dict[str, int] = collections.defaultdict(int)
PAR_PAGE: dict[str, float] = collections.defaultdict(
    float
)  # lecture + Markdown + gabarit, par page


def _chrono_page(fonction):
    def enveloppe(page, *args, **kwargs):
        debut = time.perf_counter()
        try:
            return fonction(page, *args, **kwargs)
        finally:
            PAR_PAGE[page.file.src_uri] += time.perf_counter() - debut

    return enveloppe


def _chrono(cle: str, fonction):
    def enveloppe(*args, **kwargs):
        debut = time.perf_counter()
        try:
            return fonction(*args, **kwargs)
        finally:
            DUREES[cle] += time.perf_counter() - debut
            APPELS[cle] += 1

    enveloppe.__wrapped__ = fonction
    return enveloppe


def instrumenter() -> None:
    original = PluginCollection._register_event

    def _register_event(self, event_name, method, plugin_name=None):
        if isinstance(method, CombinedEvent):
            return original(self, event_name, method, plugin_name)
        original(self, event_name, method, plugin_name)
        # Remplace la méthode enregistrée par une version chronométrée (même origine).
        evenements = self.events[event_name]
        enveloppe = _chrono(f"on_{event_name} · {plugin_name}", method)
        evenements[evenements.index(method)] = enveloppe
        self._event_origins[enveloppe] = self._event_origins.get(method, plugin_name)

    PluginCollection._register_event = _register_event
    Page.render = _chrono("Page.render (Markdown → HTML, toutes extensions)", Page.render)
    construction._build_template = _chrono(
        "_build_template (gabarits Jinja du thème)", construction._build_template
    )
    construction._populate_page = _chrono_page(
        _chrono("_populate_page (lecture + Markdown, total)", construction._populate_page)
    )
    construction._build_page = _chrono_page(
        _chrono("_build_page (gabarit + écriture, total)", construction._build_page)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("--cprofile", type=Path, help="écrit aussi un profil cProfile (plus lent)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    instrumenter()
    os.chdir(args.config.resolve().parent)
    with tempfile.TemporaryDirectory(prefix="profil-site-") as site:
        debut = time.perf_counter()
        try:
            config = load_config(str(args.config.resolve()), site_dir=site)
            config.plugins.on_startup(command="build", dirty=False)
            if args.cprofile:
                import cProfile

                profil = cProfile.Profile()
                profil.runcall(construction.build, config)
                profil.dump_stats(str(args.cprofile))
            else:
                construction.build(config)
        except Abort as exc:  # le contenu refusé : dire pourquoi (hors de la ligne de commande
            # de MkDocs, personne d'autre ne l'écrit)
            print(f"Construction refusée : {exc.format_message()}", file=sys.stderr)
            return 1
        config.plugins.on_shutdown()
        total = time.perf_counter() - debut
    print(f"construction : {total:.2f} s (chargement de la configuration compris)")
    print(f"{'durée s':>8} {'%':>5} {'appels':>7}  étape")
    for cle, duree in sorted(DUREES.items(), key=lambda x: -x[1]):
        if duree >= 0.01:
            print(f"{duree:8.2f} {100 * duree / total:5.1f} {APPELS[cle]:7d}  {cle}")
    print()
    fiches = [
        d for src, d in PAR_PAGE.items() if src.startswith("fiches/") and src != "fiches/index.md"
    ]
    if fiches:
        fiches.sort()
        print(
            f"pages de fiches : {len(fiches)}, total {sum(fiches):.2f} s, médiane {1000 * fiches[len(fiches) // 2]:.1f} ms, "
            f"max {1000 * fiches[-1]:.1f} ms"
        )
    autres = sorted(
        (
            (d, src)
            for src, d in PAR_PAGE.items()
            if not (src.startswith("fiches/") and src != "fiches/index.md")
        ),
        reverse=True,
    )
    print(
        f"autres pages : {len(autres)}, total {sum(d for d, _ in autres):.2f} s ; les plus lentes :"
    )
    for duree, src in autres[:8]:
        print(f"  {1000 * duree:8.1f} ms  {src}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
