"""Le projet chargé pour la construction en cours.

Les deux adaptateurs MkDocs (hooks.py et main.py) sont chargés séparément par
MkDocs et mkdocs-macros : ils partagent ici le projet validé, chargé une seule
fois par construction (au début, dans ``hooks.on_config``).
"""
from __future__ import annotations

from .modele import ProjetSocial

_projet: ProjetSocial | None = None
_document: dict | None = None
_depot: str = ""
_dates: dict = {}


def definir(projet: ProjetSocial, document: dict | None = None, depot: str = "", dates: dict | None = None) -> None:
    """``document`` : le PDF du projet social s'il a été produit (chemin, taille, date) ;
    ``depot`` : l'adresse du dépôt GitHub, si on la connaît ; ``dates`` : la date du
    dernier changement de chaque fichier (historique git)."""
    global _projet, _document, _depot, _dates
    _projet, _document, _depot, _dates = projet, document, depot, dates or {}


def depot() -> str:
    return _depot


def date_du_fichier(chemin: str):
    """La date du dernier changement de ``chemin`` (relatif à la racine du centre), ou None."""
    return _dates.get(chemin)


def document() -> dict | None:
    return _document


def projet() -> ProjetSocial:
    if _projet is None:
        raise RuntimeError("Le projet social n'est pas chargé : hooks.py doit figurer dans « hooks: » de mkdocs.yml.")
    return _projet
