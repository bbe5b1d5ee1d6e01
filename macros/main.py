"""Module de mkdocs-macros : les macros qui rendent les pages produites.

Seules les pages produites par le site (talons écrits par hooks.py) appellent
ces macros ; les pages des équipes ne sont jamais rendues par Jinja
(``render_by_default: false`` et ``render_macros`` refusé par la validation).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from projet_social import etat  # noqa: E402
from projet_social.generation import rendre_page  # noqa: E402


def define_env(env):
    # Le projet n'est pas mis dans env.variables : mkdocs-macros sérialise ses
    # variables pour son journal, et le projet est un graphe (nœuds ↔ fiches).
    projet = etat.projet()

    @env.macro
    def page_produite(sorte: str, cle: str = "") -> str:
        """Le Markdown de la page courante, rendu depuis les objets validés."""
        return rendre_page(projet, sorte, cle, env.page.file.src_uri, etat.document(), env.conf.get("site_url") or "")
