"""Extension Python-Markdown : les sigles (extension ``abbr``), sans coût quadratique.

Le processeur d'``abbr`` de Python-Markdown cherche la position de chaque élément
dans son parent (``list(parent).index(el)``) : sur une grande page (un « Bilan »
de l'année avec des milliers de blocs), c'est quadratique — 13 s pour une page
de 2,5 Mo, contre 3 s sans les sigles. On garde le même processeur (mêmes sigles,
même glossaire, même rendu ``<abbr title>``) et on lui donne la position au lieu
de la chercher. À déclarer après ``abbr`` dans ``markdown_extensions``.
"""
from __future__ import annotations

from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString


class _SiglesRapides(AbbrTreeprocessor):
    def iter_element(self, el, parent=None, position: int = 0) -> None:  # noqa: D102 (même rôle que l'original)
        # Les enfants sont parcourus de la fin vers le début : les <abbr> insérés
        # après l'enfant i ne changent pas la position des enfants précédents.
        for i in range(len(el) - 1, -1, -1):
            self.iter_element(el[i], el, i)
        if (texte := el.text) and not isinstance(texte, AtomicString):
            for m in reversed(list(self.RE.finditer(texte))):
                if self.abbrs[m.group(0)]:
                    el.insert(0, self.create_element(self.abbrs[m.group(0)], m.group(0), texte[m.end():]))
                    texte = texte[: m.start()]
            el.text = texte
        if parent is not None and (queue := el.tail) and not isinstance(queue, AtomicString):
            for m in reversed(list(self.RE.finditer(queue))):
                if self.abbrs[m.group(0)]:
                    parent.insert(position + 1, self.create_element(self.abbrs[m.group(0)], m.group(0), queue[m.end():]))
                    queue = queue[: m.start()]
            el.tail = queue


class SiglesRapides(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" in md.treeprocessors:
            abbrs = md.treeprocessors["abbr"].abbrs
            md.treeprocessors.register(_SiglesRapides(md, abbrs), "abbr", 7)


def makeExtension(**kwargs) -> SiglesRapides:  # noqa: N802 (nom imposé par Python-Markdown)
    return SiglesRapides(**kwargs)
