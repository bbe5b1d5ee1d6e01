"""Quelles pages le site produit à partir des données, et comment les rendre.

Une sorte de page = une entrée de ``pages_produites`` + un gabarit ``macros/gabarits/<sorte>.md.j2``.
Le hook (``on_page_markdown``) remplace le Markdown de chaque page produite, et
celui de chaque fiche, par ``rendre_page(…)`` : un gabarit du moteur rendu dans un
Jinja isolé (rendu.py), où le texte des équipes n'entre que comme valeur, jamais
comme gabarit. Aucune autre page ne passe par Jinja.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from . import donnees_ouvertes, etat, guide, reference, suivi
from .modele import ProjetSocial
from .rendu import date_francaise, rendre

CHAMPS = "contribuer/champs.md"


@dataclass(frozen=True)
class PageProduite:
    src: str        # chemin du fichier (relatif à docs/)
    sorte: str      # nom du gabarit
    cle: str = ""   # identifiant de l'objet présenté (nœud, acteur, fiche)
    source: str = ""  # fichier de données à modifier pour changer cette page


def pages_produites(projet: ProjetSocial) -> list[PageProduite]:
    pages = [
        PageProduite("index.md", "accueil", source="data/centre.yml"),
        PageProduite("arbre/index.md", "arbre", source="data/arbre.yml"),
        PageProduite("fiches/index.md", "index_fiches"),
        PageProduite(guide.PAGE_ANNUAIRE, "acteurs", source="data/acteurs.yml"),
        PageProduite("glossaire.md", "glossaire", source="data/sigles.yml"),
        PageProduite("mots-cles.md", "mots_cles", source="data/vocabulaires.yml"),
        PageProduite("projet-social-complet.md", "complet"),
        PageProduite(CHAMPS, "champs"),  # le guide des champs, tiré des schémas
    ]
    pages += [PageProduite(n.src, "noeud", n.id, "data/arbre.yml") for n in projet.noeuds.values() if n.src]
    pages += [PageProduite(a.cible, "acteur", a.id, "data/acteurs.yml") for a in projet.acteurs.values()]
    pages += [PageProduite(src, sorte, cle) for src, sorte, cle in suivi.pages(projet)]  # échéancier, bilans…
    pages += [PageProduite(src, sorte, cle, "data/lieux.yml" if sorte == "lieux" else "data/acteurs.yml")
              for src, sorte, cle in guide.pages(projet)]
    pages.append(PageProduite(donnees_ouvertes.PAGE, "donnees"))
    return pages


def rendre_page(projet: ProjetSocial, sorte: str, cle: str, page_src: str, document: dict | None = None, adresse_du_site: str = "") -> str:
    """Le Markdown d'une page produite ou d'une fiche. ``document`` : le PDF, s'il existe."""
    contexte = {
        "projet": projet, "centre": projet.centre, "page_src": page_src, "document": document,
        "adresse_du_site": adresse_du_site.rstrip("/"),
        "date_du_document": date_francaise(datetime.date.today()),
        "a_reverifier": guide.a_reverifier,
    }
    if sorte == "fiche":
        contexte["fiche"] = projet.fiches[cle]
    elif sorte == "noeud":
        contexte["noeud"] = projet.noeuds[cle]
    elif sorte == "acteur":
        acteur = projet.acteurs[cle]
        adresse = f"{adresse_du_site.rstrip('/')}/{acteur.cible.removesuffix('.md')}/" if adresse_du_site else ""
        contexte.update(acteur=acteur, signaler=guide.signaler_une_erreur(projet, acteur, etat.depot(), adresse))
    elif sorte == "rubrique":
        contexte["rubrique"] = guide.rubrique(projet, cle)
    elif sorte in ("guide", "acteurs"):
        contexte["rubriques"] = {s: guide.rubriques(projet, s) for s in ("besoin", "public")}
        contexte["acteurs"] = guide.par_ordre_alphabetique(projet.acteurs.values())
    elif sorte == "lieux":
        contexte.update(lieux=guide.lieux_tries(projet), carte=guide.carte_utile(projet), tuiles=guide.TUILES, attribution=guide.ATTRIBUTION)
    elif sorte == "donnees":
        contexte.update(donnees_ouvertes.contexte(projet, etat.date_du_fichier("data/acteurs.yml"), adresse_du_site))
    elif sorte == "champs":
        contexte.update(fichiers=reference.tous_les_fichiers(), a_plat=reference.a_plat)
    contexte.update(suivi.contexte(projet, sorte, cle))
    return rendre(sorte, **contexte)
