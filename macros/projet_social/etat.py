"""Le projet chargé pour la construction en cours.

Les deux adaptateurs MkDocs (hooks.py et main.py) sont chargés séparément par
MkDocs et mkdocs-macros : ils partagent ici le projet validé, chargé une seule
fois par construction (au début, dans ``hooks.on_config``).
"""
from __future__ import annotations

from .modele import ProjetSocial

_projet: ProjetSocial | None = None
_document: dict | None = None


def definir(projet: ProjetSocial, document: dict | None = None) -> None:
    """``document`` : le PDF du projet social s'il a été produit (chemin, taille, date)."""
    global _projet, _document
    _projet, _document = projet, document


def document() -> dict | None:
    return _document


def projet() -> ProjetSocial:
    if _projet is None:
        raise RuntimeError("Le projet social n'est pas chargé : hooks.py doit figurer dans « hooks: » de mkdocs.yml.")
    return _projet
