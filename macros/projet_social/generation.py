"""Rendre une page produite (registre.py) ou une fiche, depuis les objets validés.

Une sorte de page = une entrée du registre + un gabarit ``macros/gabarits/<sorte>.md.j2``.
Le greffon (``on_page_markdown``) remplace le Markdown de chaque page produite, et
celui de chaque fiche, par ``rendre_page(…)`` : un gabarit du moteur rendu dans un
Jinja isolé (rendu.py), où le texte des équipes n'entre que comme valeur, jamais
comme gabarit. Aucune autre page ne passe par Jinja.
"""

from __future__ import annotations

import datetime

from . import donnees_ouvertes, guide, reference
from .construction import Construction
from .registre import PageProduite
from .rendu import date_francaise, rendre


def contexte(construction: Construction, page: PageProduite) -> dict:
    """Ce que reçoit le gabarit de ``page`` : le commun, puis ce que sa sorte demande (registre)."""
    projet, adresse_du_site = construction.projet, construction.adresse_du_site.rstrip("/")
    resultat = {
        "projet": projet,
        "centre": projet.centre,
        "page_src": page.src,
        "document": construction.document,
        "adresse_du_site": adresse_du_site,
        "date_du_document": date_francaise(datetime.date.today()),
        "a_reverifier": guide.a_reverifier,
    }
    if page.sorte.contexte is not None:
        resultat.update(page.sorte.contexte(projet, page.cle))
    if page.sorte.nom == "acteur":
        acteur = projet.acteurs[page.cle]
        adresse = f"{adresse_du_site}/{acteur.chemin_web}" if adresse_du_site else ""
        resultat.update(
            acteur=acteur,
            signaler=guide.signaler_une_erreur(projet, acteur, construction.depot, adresse),
        )
    elif page.sorte.nom == "donnees":
        resultat.update(donnees_ouvertes.contexte(construction.data_inclusion()))
    elif page.sorte.nom == "champs":
        resultat.update(fichiers=reference.tous_les_fichiers(), a_plat=reference.a_plat)
    return resultat


def rendre_page(construction: Construction, page: PageProduite) -> str:
    """Le Markdown d'une page produite ou d'une fiche, rendu depuis les objets validés."""
    return rendre(page.sorte.nom, **contexte(construction, page))
