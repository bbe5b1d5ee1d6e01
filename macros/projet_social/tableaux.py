"""Extension Python-Markdown : des tableaux de données accessibles (légende et en-têtes).

Un paragraphe de classe ``ps-legende`` suivi d'un tableau devient la légende de ce
tableau (``<caption>``). Dans un tableau ainsi légendé, les en-têtes de colonnes
reçoivent ``scope="col"`` et la première cellule de chaque ligne devient son
en-tête (``<th scope="row">``). Les gabarits du suivi écrivent ainsi :

    Fiches actions par statut d'avancement, 2023
    { .ps-legende }

    | Axe | Réalisée | … |
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class _Legendes(Treeprocessor):
    def run(self, racine: etree.Element) -> None:
        for parent in list(racine.iter()):
            enfants = list(parent)
            for legende, tableau in zip(enfants, enfants[1:]):
                if (
                    legende.tag == "p"
                    and "ps-legende" in legende.get("class", "").split()
                    and tableau.tag == "table"
                ):
                    self.legender(parent, legende, tableau)

    @staticmethod
    def legender(parent: etree.Element, legende: etree.Element, tableau: etree.Element) -> None:
        parent.remove(legende)
        legende.tag = "caption"
        legende.attrib.clear()
        tableau.insert(0, legende)
        for th in tableau.iter("th"):
            th.set("scope", "col")
        for corps in tableau.iter("tbody"):
            for ligne in corps.iter("tr"):
                premiere = next(iter(ligne), None)
                if premiere is not None and premiere.tag == "td":
                    premiere.tag = "th"
                    premiere.set("scope", "row")


class TableauxAccessibles(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Après attr_list (8), avant l'assainissement de markdown_sur (6).
        md.treeprocessors.register(_Legendes(md), "projet_social_legendes", 7)


def makeExtension(**kwargs) -> TableauxAccessibles:  # noqa: N802 (nom imposé par Python-Markdown)
    return TableauxAccessibles(**kwargs)
