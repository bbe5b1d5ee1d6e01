"""Convertir d'avance en HTML, sur le second cœur, une part des pages produites.

MkDocs convertit les pages l'une après l'autre (``Page.render`` : Markdown → HTML, table des
matières, titre, ancres) ; pour un grand centre, c'est l'essentiel de la construction. Le
processus fils qui rend déjà le Markdown des pages produites (arriere_plan.py, depuis
``on_files``) en convertit aussi une part (``Partage``), par la fonction de MkDocs elle-même
(``Page.render``, appelée sur une page de substitution), et envoie ce qu'elle produit : le
HTML, la table des matières, le titre, les ancres présentes, les liens vers des ancres, et les
messages du journal (un lien cassé doit arrêter une construction stricte, au même moment : le
père les émet à nouveau quand MkDocs en est à cette page).

Le père s'en sert à la place de sa propre conversion (``PageConvertieDAvance``) si le Markdown de
la page est resté celui qui a été converti (aucun autre greffon ne l'a changé depuis : la page
des mots clés, que remplit material/tags, est convertie par le père) ; sinon, ou si la
conversion n'est pas arrivée, MkDocs convertit lui-même, comme sans arrière-plan.

Mesuré à 502 fiches (même machine à deux cœurs, deux constructions alternées de chaque) : 26,7 et
28,9 s au lieu de 32,2 et 43,8 s ; le site est le même, fichier pour fichier.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace

from mkdocs.structure.pages import Page

# Le coût de chaque page, estimé par la longueur de son Markdown : la convertir coûte sa longueur ;
# le fils rend aussi le Markdown de toutes (RENDU × longueur), le père passe le HTML de toutes à la
# liste blanche et à la recherche (CONTENU × longueur). Mesuré à 500 fiches : une fiche se
# convertit en 20 ms, un bilan annuel (ses tableaux : 2 756 lignes) en 1,1 s.
RENDU, CONTENU = 0.3, 0.1


class Partage:
    """Qui convertit quelle page : décidé dans le fils, page après page, pour que le travail des
    deux processus avance au même pas (coûts estimés ci-dessus). Dans le père (``pere`` : son
    numéro), rien n'est converti d'avance : MkDocs convertit lui-même ce que le père calcule."""

    def __init__(self, pere: int):
        self.pere = pere
        self.charge_du_fils = 0.0
        self.charge_du_pere = 0.0

    def au_fils(self, markdown: str) -> bool:
        """Vrai si le fils convertit la page de ``markdown`` (pages demandées dans l'ordre)."""
        if os.getpid() == self.pere:
            return False
        longueur = len(markdown)
        self.charge_du_fils += RENDU * longueur
        self.charge_du_pere += CONTENU * longueur
        au_fils = self.charge_du_fils <= self.charge_du_pere
        if au_fils:
            self.charge_du_fils += longueur
        else:
            self.charge_du_pere += longueur
        return au_fils


@dataclass
class Conversion:
    """Ce que ``Page.render`` a produit pour ``markdown`` (les liens vers des ancres, par fichier
    visé, désigné par son ``src_uri`` : les objets File du fils ne sont pas ceux du père)."""

    markdown: str
    contenu: str
    toc: object
    titre: str | None
    ancres: set[str]
    liens_vers_des_ancres: dict[str, dict[str, str]] | None
    journal: list[logging.LogRecord]


def convertir(fichier, fichiers, config, markdown: str) -> Conversion:
    """La conversion de ``markdown``, page du fichier ``fichier``, par ``Page.render`` de MkDocs ;
    les messages du journal sont gardés pour être émis plus tard (``PageConvertieDAvance``)."""
    substitut = SimpleNamespace(file=fichier, markdown=markdown, links_to_anchors=None)
    with _journal_garde() as journal:
        Page.render(substitut, config, fichiers)
    liens = substitut.links_to_anchors
    return Conversion(
        markdown=markdown,
        contenu=substitut.content,
        toc=substitut.toc,
        titre=substitut._title_from_render,
        ancres=substitut.present_anchor_ids,
        liens_vers_des_ancres=None
        if liens is None
        else {vise.src_uri: ancres for vise, ancres in liens.items()},
        journal=journal,
    )


@contextlib.contextmanager
def _journal_garde() -> Iterator[list[logging.LogRecord]]:
    """Les messages émis pendant le bloc (journaux de MkDocs et de Python-Markdown) : gardés, au
    lieu d'être écrits ou comptés ; leur texte est figé pour passer le tube."""
    gardes: list[logging.LogRecord] = []

    class Garde(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            record.msg, record.args = record.getMessage(), None
            record.exc_info = record.exc_text = record.stack_info = None
            gardes.append(record)

    garde = Garde(logging.NOTSET)
    journaux = (logging.getLogger(), logging.getLogger("mkdocs"))
    avant = [(j.handlers, j.propagate) for j in journaux]
    for j in journaux:
        j.handlers = [garde]
    journaux[1].propagate = False
    try:
        yield gardes
    finally:
        for j, (handlers, propagate) in zip(journaux, avant):
            j.handlers, j.propagate = handlers, propagate


class PageConvertieDAvance(Page):
    """Une page de MkDocs dont la conversion a été faite d'avance (``preparer``)."""

    _conversion: Conversion | None = None

    def render(self, config, files) -> None:
        conversion, self._conversion = self._conversion, None
        if conversion is None or conversion.markdown != self.markdown:
            super().render(config, files)
            return
        self.content = conversion.contenu
        self.toc = conversion.toc
        self._title_from_render = conversion.titre
        self.present_anchor_ids = conversion.ancres
        if conversion.liens_vers_des_ancres is not None:
            self.links_to_anchors = {
                files.get_file_from_path(src): ancres
                for src, ancres in conversion.liens_vers_des_ancres.items()
            }
        for message in conversion.journal:  # au moment où MkDocs les aurait émis
            logging.getLogger(message.name).handle(message)


def preparer(page: Page, conversion: Conversion) -> None:
    """MkDocs prendra ``conversion`` pour ``page`` (si son Markdown n'a pas changé d'ici là)."""
    page.__class__ = PageConvertieDAvance
    page._conversion = conversion
