"""Extension Python-Markdown : le texte des équipes est du contenu, pas du code.

- Le HTML brut tapé dans une page ou un champ (``<script>``, ``<iframe>``…) est
  affiché tel quel, échappé, au lieu d'être inséré dans la page.
- Après la conversion, l'arbre HTML est assaini : seules des balises de mise en
  forme sont gardées, les attributs ``on…`` et ``style`` sont retirés, et un lien
  n'accepte que http(s), mailto, tel, ou une adresse relative au site.

Elle est ajoutée à toutes les pages (``markdown_extensions`` de mkdocs.yml) ;
les autoliens ``<https://…>`` continuent de fonctionner.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .assainir import BALISES, SCHEMAS

# Les balises de la liste blanche du HTML final (assainir.py), moins celles que seuls le thème et
# le moteur écrivent : une seule liste à tenir.
BALISES_PERMISES = BALISES - {"aside", "col", "colgroup", "time"}
ATTRIBUTS_D_ADRESSE = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "cite",
    "srcset",
}
SCHEMAS_PERMIS = SCHEMAS
_SCHEMA = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLES = re.compile(r"[\x00-\x20\x7f]+")


def adresse_sure(adresse: str) -> bool:
    """Le schéma est lu comme le lirait un navigateur : entités décodées (``&#58;``, ``&Tab;``), blancs retirés."""
    nette = _INVISIBLES.sub("", html.unescape(adresse))
    schema = _SCHEMA.match(nette)
    return schema is None or schema.group(1).lower() in SCHEMAS_PERMIS


class _Assainisseur(Treeprocessor):
    def run(self, racine: etree.Element) -> None:
        for element in racine.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag not in BALISES_PERMISES:
                element.tag = "span"
                element.attrib.clear()
                continue
            for nom in list(element.attrib):
                bas = nom.lower()
                if bas.startswith("on") or bas in ("style", "srcdoc"):
                    del element.attrib[nom]
                elif bas in ATTRIBUTS_D_ADRESSE and not adresse_sure(element.attrib[nom]):
                    del element.attrib[nom]
                    if element.tag in ("a", "img"):
                        # Un lien ou une image sans adresse sûre devient du simple texte.
                        if element.tag == "img":
                            element.text = element.attrib.get("alt", "")
                        element.tag = "span"
                        element.attrib.clear()
                        break


class ContenuSur(Extension):
    """À déclarer en dernier dans ``markdown_extensions``."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")
        # Après le traitement en ligne (20), avant la table des matières (5) et
        # avant la réécriture des liens de MkDocs.
        md.treeprocessors.register(_Assainisseur(md), "projet_social_assainir", 6)


def makeExtension(**kwargs) -> ContenuSur:  # noqa: N802 (nom imposé par Python-Markdown)
    return ContenuSur(**kwargs)
