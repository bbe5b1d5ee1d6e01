"""L'état d'une construction du site : ce que le greffon MkDocs tient et passe à chaque étape.

Un objet par construction (``mkdocs build``, chaque reconstruction de ``mkdocs serve``),
créé par le greffon au début (``on_config``) ; jamais de variable de module.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from . import arriere_plan, data_inclusion
from .modele import ProjetSocial
from .registre import PageProduite, page_de_fiche


@dataclass
class Construction:
    projet: ProjetSocial
    document: dict | None = (
        None  # le PDF du projet social s'il a été produit (chemin, src, taille, date)
    )
    depot: str = ""  # l'adresse du dépôt GitHub, si on la connaît
    branche: str = "main"
    docs: str = "docs"  # le dossier des pages, relatif à la racine du centre
    dates: dict[str, datetime.date] = field(
        default_factory=dict
    )  # dernier changement de chaque fichier (git)
    adresse_du_site: str = ""  # adresse publique, terminée par « / » ; vide si inconnue
    pages: dict[str, PageProduite] = field(default_factory=dict)  # src → page produite (registre)
    pied: list[dict] | None = (
        None  # les liens du pied de chaque page (greffon, on_page_context), cherchés une fois
    )
    _data_inclusion: data_inclusion.Export | None = field(default=None, repr=False)
    # Calculés d'avance sur un second cœur (arriere_plan.py), posés par le greffon : le Markdown
    # des pages produites et des fiches (on_files), le HTML du projet social complet (on_env).
    markdown: arriere_plan.Avance | None = field(default=None, repr=False)
    complet: arriere_plan.Avance | None = field(default=None, repr=False)

    def data_inclusion(self) -> data_inclusion.Export:
        """Les acteurs au format data·inclusion (fichiers publiés et page « Données ouvertes »),
        exportés et vérifiés une fois par construction."""
        if self._data_inclusion is None:
            self._data_inclusion = data_inclusion.exporter(
                self.projet, self.date_du_fichier("data/acteurs.yml"), self.adresse_du_site
            )
        return self._data_inclusion

    def page_produite(self, src: str) -> PageProduite | None:
        """La page produite (registre) ou la fiche d'adresse ``src`` ; None pour une page rédigée."""
        return self.pages.get(src) or page_de_fiche(self.projet, src)

    def date_du_fichier(self, chemin: str) -> datetime.date | None:
        """La date du dernier changement de ``chemin`` (relatif à la racine du centre), ou None."""
        return self.dates.get(chemin)

    def a_modifier(self, page: PageProduite | None, src: str) -> str:
        """Le fichier (ou dossier) à modifier pour changer la page ``src`` ; vide s'il n'y en a pas."""
        if page is None or page.sorte.nom == "fiche":
            return f"{self.docs}/{src}"
        if page.a_modifier.endswith("/"):
            return f"{self.docs}/{page.a_modifier}"
        return page.a_modifier

    def lien_modifier(self, fichier: str) -> str | None:
        """L'adresse qui ouvre ``fichier`` dans l'éditeur de GitHub (un dossier : sa liste de fichiers)."""
        if not self.depot or not fichier:
            return None
        return (
            f"{self.depot}/{'tree' if fichier.endswith('/') else 'edit'}/{self.branche}/{fichier}"
        )
