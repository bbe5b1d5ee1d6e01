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

Le menu est celui des habitants : les chapitres du projet social sont réunis sous
une seule entrée, « Le projet social » (SECTION_PROJET) ; la documentation de
l'équipe (contribuer/) n'y figure pas (lien « Modifier le site (équipe) » du pied
de page). Le document complet suit l'ordre du menu, cette section mise à plat
(``menu_du_document``) : ses chapitres restent les mêmes, dans le même ordre.
"""

from __future__ import annotations

import html

from . import donnees_ouvertes, guide, suivi
from .modele import Noeud, ProjetSocial
from .registre import (
    DOSSIER_CONTRIBUER,
    PAGE_ACCUEIL,
    PAGE_ARBRE,
    PAGE_COMPLET,
    PAGE_GLOSSAIRE,
    PAGE_INDEX_FICHES,
    PAGE_MOTS_CLES,
    PAGE_PARTICIPER,
)

# L'entrée du menu qui réunit les chapitres du projet social (data/menu.yml peut la déclarer).
SECTION_PROJET = "Le projet social"

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
    return {
        "Arbre des objectifs": [ARBRE] + [_entree_noeud(r) for r in projet.racines if r.a_sa_page]
    }


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
    return {
        "Suivi et évaluation": [
            suivi.PAGE_TABLEAU_DE_BORD,
            {"Échéancier": suivi.PAGE_ECHEANCIER},
            *bilans,
        ]
    }


def section_guide() -> dict:
    """Le guide de territoire : « Je cherche de l'aide pour… », l'annuaire, la carte des lieux."""
    return {
        "Guide de territoire": [
            guide.PAGE_GUIDE,
            {"Annuaire des acteurs": guide.PAGE_ANNUAIRE},
            {"Carte des lieux": guide.PAGE_LIEUX},
        ]
    }


def _remplacer(entrees: list, projet: ProjetSocial) -> list:
    resultat = []
    for entree in entrees:
        if entree == ARBRE or (isinstance(entree, dict) and list(entree.values()) == [ARBRE]):
            resultat.append(section_arbre(projet))
        elif entree == suivi.PAGE_TABLEAU_DE_BORD:
            resultat.append(section_suivi(projet))
        elif entree == guide.PAGE_GUIDE or (
            isinstance(entree, dict) and list(entree.values()) == [guide.PAGE_GUIDE]
        ):
            resultat.append(section_guide())
        elif isinstance(entree, dict):
            resultat.append(
                {t: _remplacer(v, projet) if isinstance(v, list) else v for t, v in entree.items()}
            )
        else:
            resultat.append(entree)
    return resultat


def _pages_de(entree) -> list[str]:
    if isinstance(entree, str):
        return [entree]
    if isinstance(entree, dict):
        return [
            p for v in entree.values() for p in (_pages_de_liste(v) if isinstance(v, list) else [v])
        ]
    return []


def _pages_de_liste(entrees: list) -> list[str]:
    return [p for e in entrees for p in _pages_de(e)]


def _sans_l_equipe(entrees: list) -> list:
    """Le menu sans la documentation de l'équipe (contribuer/) : ni ses pages, ni une section qui n'a qu'elles."""
    resultat = []
    for entree in entrees:
        pages = _pages_de(entree)
        if pages and all(p.startswith(DOSSIER_CONTRIBUER) for p in pages):
            continue
        if isinstance(entree, dict):
            entree = {t: _sans_l_equipe(v) if isinstance(v, list) else v for t, v in entree.items()}
        resultat.append(entree)
    return resultat


def menu(projet: ProjetSocial, nav: list | None) -> list:
    if nav:
        return _sans_l_equipe(_remplacer(nav, projet))
    # Sans menu déclaré : l'accueil, le guide, participer, puis le projet social en une entrée.
    redigees = [p for p in projet.pages_redigees if not p.startswith(DOSSIER_CONTRIBUER)]
    donnees = ENTREES_PRODUITES[3]
    chapitres = [
        *_pages_redigees(redigees),
        section_arbre(projet),
        section_suivi(projet),
        *(e for e in ENTREES_PRODUITES if e != donnees),
    ]
    return [
        {"Accueil": PAGE_ACCUEIL},
        section_guide(),
        {"Proposer une idée, devenir bénévole": PAGE_PARTICIPER},
        {SECTION_PROJET: chapitres},
        donnees,
    ]


def menu_du_document(nav: list) -> list:
    """Le menu dans l'ordre du document complet : la section « Le projet social » mise à plat."""
    resultat = []
    for entree in nav or []:
        if (
            isinstance(entree, dict)
            and list(entree) == [SECTION_PROJET]
            and isinstance(entree[SECTION_PROJET], list)
        ):
            resultat.extend(entree[SECTION_PROJET])
        else:
            resultat.append(entree)
    return resultat
