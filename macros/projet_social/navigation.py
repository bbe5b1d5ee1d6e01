"""Le menu du site, construit à partir de l'arbre.

Si mkdocs.yml donne un ``nav``, il est gardé tel quel, et l'entrée
``arbre/index.md`` y est remplacée par la section de l'arbre (ses nœuds qui ont
une page), et l'entrée ``tableau-de-bord/index.md`` par la section du suivi
(tableau de bord, échéancier, bilans annuels), et l'entrée ``guide/index.md`` par
la section du guide de territoire (guide, annuaire, carte des lieux). Sans ``nav``,
le menu est : accueil, pages rédigées, arbre, suivi, fiches, guide, glossaire,
mots clés, données ouvertes, projet social complet.

Les fiches n'apparaissent jamais dans le menu : avec ``navigation.prune``, le
poids d'une page ne dépend donc pas du nombre de fiches. Les titres sont
échappés (Material les affiche sans échappement).
"""
from __future__ import annotations

import html

from . import donnees_ouvertes, guide, suivi
from .modele import Noeud, ProjetSocial
from .registre import PAGE_ACCUEIL, PAGE_ARBRE, PAGE_CHAMPS, PAGE_COMPLET, PAGE_GLOSSAIRE, PAGE_INDEX_FICHES, PAGE_MOTS_CLES

ARBRE = PAGE_ARBRE
ENTREES_PRODUITES = [
    {"Fiches actions": PAGE_INDEX_FICHES},
    {"Sigles et abréviations": PAGE_GLOSSAIRE},
    {"Publics et mots clés": PAGE_MOTS_CLES},
    {"Données ouvertes": donnees_ouvertes.PAGE},
    {"Le projet social complet": PAGE_COMPLET},
]


def _entree_noeud(noeud: Noeud):
    titre = html.escape(noeud.titre_complet, quote=False)
    enfants = [e for e in noeud.enfants if e.a_sa_page]
    if not enfants:
        return {titre: noeud.src}
    return {titre: [noeud.src] + [_entree_noeud(e) for e in enfants]}


def section_arbre(projet: ProjetSocial) -> dict:
    return {"Arbre des objectifs": [ARBRE] + [_entree_noeud(r) for r in projet.racines if r.a_sa_page]}


def _pages_redigees(pages: list[str]) -> list:
    """Les pages rédigées, en sections par dossier (ordre alphabétique des fichiers)."""
    racine: list = []
    sections: dict[str, list] = {}
    for page in sorted(pages):
        dossier, _, _ = page.rpartition("/")
        if not dossier:
            racine.append(page)
            continue
        if dossier not in sections:
            sections[dossier] = []
            titre = dossier.split("/")[-1].replace("-", " ").capitalize()
            racine.append({titre: sections[dossier]})
        if page.endswith("/index.md"):
            sections[dossier].insert(0, page)
        else:
            sections[dossier].append(page)
    return racine


def section_suivi(projet: ProjetSocial) -> dict:
    """Le tableau de bord (index de la section), l'échéancier, un bilan par année d'agrément."""
    bilans = [{f"Bilan {a}": suivi.page_bilan(a)} for a in projet.centre.annees]
    return {"Suivi et évaluation": [suivi.PAGE_TABLEAU_DE_BORD, {"Échéancier": suivi.PAGE_ECHEANCIER}, *bilans]}


def section_guide() -> dict:
    """Le guide de territoire : « Je cherche de l'aide pour… », l'annuaire, la carte des lieux."""
    return {"Guide de territoire": [guide.PAGE_GUIDE, {"Annuaire des acteurs": guide.PAGE_ANNUAIRE}, {"Carte des lieux": guide.PAGE_LIEUX}]}


def _remplacer(entrees: list, projet: ProjetSocial) -> list:
    resultat = []
    for entree in entrees:
        if entree == ARBRE or (isinstance(entree, dict) and list(entree.values()) == [ARBRE]):
            resultat.append(section_arbre(projet))
        elif entree == suivi.PAGE_TABLEAU_DE_BORD:
            resultat.append(section_suivi(projet))
        elif entree == guide.PAGE_GUIDE or (isinstance(entree, dict) and list(entree.values()) == [guide.PAGE_GUIDE]):
            resultat.append(section_guide())
        elif isinstance(entree, dict):
            resultat.append({t: _remplacer(v, projet) if isinstance(v, list) else v for t, v in entree.items()})
        else:
            resultat.append(entree)
    return resultat


def menu(projet: ProjetSocial, nav: list | None) -> list:
    if nav:
        return _remplacer(nav, projet)
    # Le guide des champs (produit) rejoint les pages rédigées de la section « Contribuer ».
    return [{"Accueil": PAGE_ACCUEIL}, *_pages_redigees(projet.pages_redigees + [PAGE_CHAMPS]), section_arbre(projet), section_suivi(projet),
            ENTREES_PRODUITES[0], section_guide(), *ENTREES_PRODUITES[1:]]
