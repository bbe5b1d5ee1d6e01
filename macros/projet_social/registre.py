"""Le registre des pages que le site produit : une liste, lue par tout le reste.

Chaque **sorte** de page sait :

- son gabarit (``macros/gabarits/<nom>.md.j2``) et ce qu'il reçoit (``contexte``) ;
- le fichier à modifier pour la changer (``a_modifier``, bouton « Modifier ») ;
- si elle entre dans le projet social complet, dans la recherche, dans le menu.

``pages_produites(projet)`` donne chaque page (adresse ``src``, sorte, clé de
l'objet présenté). Le chargement y vérifie que chaque adresse n'a qu'une source
(adresses.py) ; le greffon MkDocs en tire les fichiers produits, le rendu, le
bouton « Modifier », l'exclusion de la recherche et du menu ; l'assemblage du
document complet, ce qui y entre. Aucune autre liste d'adresses n'existe.

Ce module n'importe ni Jinja ni MkDocs : ``make check`` le lit sans rien rendre.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import donnees_ouvertes, guide, suivi
from .modele import ProjetSocial

FICHES = "fiches/"
PAGE_ACCUEIL = "index.md"
PAGE_ARBRE = "arbre/index.md"
PAGE_INDEX_FICHES = FICHES + "index.md"
PAGE_GLOSSAIRE = "glossaire.md"
PAGE_MOTS_CLES = "mots-cles.md"
PAGE_COMPLET = "projet-social-complet.md"
PAGE_CHAMPS = "contribuer/champs.md"
# Les pages rédigées de ce dossier parlent du site, pas du projet social : hors du document,
# du menu des habitants et de la recherche (lien « Modifier le site (équipe) » du pied de page).
DOSSIER_CONTRIBUER = "contribuer/"
PAGE_CONTRIBUER = DOSSIER_CONTRIBUER + "index.md"
# Pour les habitants : participer, et la confiance (pied de chaque page).
PAGE_PARTICIPER = "participer.md"
PAGE_ACCESSIBILITE = "accessibilite.md"
PAGE_MENTIONS_LEGALES = "mentions-legales.md"
# Les liens du pied de chaque page (overrides/partials/copyright.html), dans cet ordre :
# (texte, pages candidates) ; le lien mène à la première qui existe, et manque si aucune n'existe.
PIED_DE_PAGE = [
    ("Déclaration d'accessibilité", (PAGE_ACCESSIBILITE,)),
    ("Mentions légales", (PAGE_MENTIONS_LEGALES,)),
    ("Modifier le site (équipe)", (PAGE_CONTRIBUER, PAGE_CHAMPS)),
]


@dataclass(frozen=True)
class Sorte:
    nom: str  # = le gabarit, et le nom de la sorte partout (code, tests)
    a_modifier: str = ""  # fichier de data/ à modifier ; ou dossier de docs/ s'il finit par « / »
    document: bool = False  # entre dans le projet social complet
    recherche: bool = True  # entre dans l'index de recherche
    menu: bool = True  # peut figurer dans le menu (sinon : hors menu, comme les fiches)
    contexte: Callable[[ProjetSocial, str], dict] | None = (
        None  # ce que reçoit le gabarit, d'après la clé
    )


@dataclass(frozen=True)
class PageProduite:
    src: str  # chemin du fichier (relatif à docs/)
    sorte: Sorte
    cle: str = ""  # identifiant de l'objet présenté (nœud, acteur, fiche, année…)

    @property
    def a_modifier(self) -> str:
        """Le fichier (ou dossier) que l'équipe modifie pour changer cette page (bouton « Modifier »)."""
        return self.sorte.a_modifier


def _rubriques(projet: ProjetSocial, _cle: str) -> dict:
    return {
        "rubriques": {s: guide.rubriques(projet, s) for s in ("besoin", "public")},
        "acteurs": guide.par_ordre_alphabetique(projet.acteurs.values()),
    }


def _accueil(projet: ProjetSocial, _cle: str) -> dict:
    """La porte d'entrée : les besoins du guide (« Je cherche de l'aide pour… »), la page « Participer »,
    et si la période d'agrément est finie (l'année de la construction est après sa dernière année)."""
    fin = projet.centre.fin
    return {
        "besoins": [r for r in guide.rubriques(projet, "besoin") if not r.vide],
        "page_participer": PAGE_PARTICIPER,
        "periode_terminee": fin is not None and suivi.annee_courante() > fin,
    }


_SORTES = [
    Sorte("accueil", a_modifier="data/centre.yml", contexte=_accueil),
    Sorte("arbre", a_modifier="data/arbre.yml", document=True),
    Sorte("noeud", a_modifier="data/arbre.yml", contexte=lambda p, cle: {"noeud": p.noeuds[cle]}),
    Sorte("index_fiches", a_modifier=FICHES, document=True, recherche=False),
    Sorte("fiche", document=True, menu=False, contexte=lambda p, cle: {"fiche": p.fiches[cle]}),
    Sorte("glossaire", a_modifier="data/sigles.yml", document=True),
    Sorte("mots_cles", a_modifier="data/vocabulaires.yml", recherche=False),
    Sorte("complet", recherche=False),
    Sorte("champs"),
    Sorte(
        "tableau_de_bord",
        a_modifier=FICHES,
        contexte=lambda p, _: {"tdb": suivi.tableau_de_bord(p)},
    ),
    Sorte(
        "echeancier",
        a_modifier=FICHES,
        document=True,
        contexte=lambda p, _: {"echeancier": suivi.echeancier(p)},
    ),
    Sorte(
        "bilan_annee",
        a_modifier=FICHES,
        contexte=lambda p, cle: {"bilan_annuel": suivi.bilan_annuel(p, int(cle))},
    ),
    Sorte("guide", a_modifier="data/acteurs.yml", contexte=_rubriques),
    Sorte("acteurs", a_modifier="data/acteurs.yml", recherche=False, contexte=_rubriques),
    Sorte(
        "acteur", a_modifier="data/acteurs.yml", menu=False
    ),  # contexte : il dépend de la construction (generation.py)
    Sorte(
        "rubrique",
        a_modifier="data/acteurs.yml",
        menu=False,
        contexte=lambda p, cle: {"rubrique": guide.rubrique(p, cle)},
    ),
    Sorte(
        "lieux",
        a_modifier="data/lieux.yml",
        contexte=lambda p, _: {
            "lieux": guide.lieux_tries(p),
            "carte": guide.carte_utile(p),
            "tuiles": guide.TUILES,
            "attribution": guide.ATTRIBUTION,
        },
    ),
    Sorte("donnees"),
    Sorte("participer", a_modifier="data/centre.yml"),
    Sorte("accessibilite", a_modifier="data/centre.yml", menu=False),
    Sorte(
        "mentions_legales",
        a_modifier="data/centre.yml",
        menu=False,
        contexte=lambda p, _: {"page_accessibilite": PAGE_ACCESSIBILITE},
    ),
]
SORTES: dict[str, Sorte] = {s.nom: s for s in _SORTES}


def pages_produites(projet: ProjetSocial) -> list[PageProduite]:
    """Toutes les pages produites à partir des données (les fiches, pages de docs/, n'y sont pas)."""

    def page(src: str, sorte: str, cle: str = "") -> PageProduite:
        return PageProduite(src, SORTES[sorte], cle)

    pages = [
        page(PAGE_ACCUEIL, "accueil"),
        page(PAGE_ARBRE, "arbre"),
        page(PAGE_INDEX_FICHES, "index_fiches"),
        page(guide.PAGE_ANNUAIRE, "acteurs"),
        page(PAGE_GLOSSAIRE, "glossaire"),
        page(PAGE_MOTS_CLES, "mots_cles"),
        page(PAGE_COMPLET, "complet"),
        page(PAGE_CHAMPS, "champs"),  # le guide des champs, tiré des schémas
    ]
    pages += [page(n.src, "noeud", n.id) for n in projet.noeuds.values() if n.src]
    pages += [page(a.cible, "acteur", a.id) for a in projet.acteurs.values()]
    pages += [
        page(suivi.PAGE_TABLEAU_DE_BORD, "tableau_de_bord"),
        page(suivi.PAGE_ECHEANCIER, "echeancier"),
    ]
    pages += [page(suivi.page_bilan(a), "bilan_annee", str(a)) for a in projet.centre.annees]
    pages += [page(guide.PAGE_GUIDE, "guide"), page(guide.PAGE_LIEUX, "lieux")]
    pages += [
        page(r.src, "rubrique", f"{sorte}.{r.terme.code}")
        for sorte in ("besoin", "public")
        for r in guide.rubriques(projet, sorte)
        if not r.vide
    ]
    pages.append(page(donnees_ouvertes.PAGE, "donnees"))
    pages += [
        page(PAGE_PARTICIPER, "participer"),
        page(PAGE_ACCESSIBILITE, "accessibilite"),
        page(PAGE_MENTIONS_LEGALES, "mentions_legales"),
    ]
    return pages


def page_de_fiche(projet: ProjetSocial, src: str) -> PageProduite | None:
    """Une fiche est une page de docs/ que le site rend lui-même, depuis l'objet validé."""
    fiche = projet.fiches_par_fichier.get(src)
    return PageProduite(src, SORTES["fiche"], fiche.code) if fiche is not None else None


def dans_le_document(src: str, produites: dict[str, PageProduite]) -> bool:
    """Une page du menu entre-t-elle dans le projet social complet ?"""
    produite = produites.get(src)
    if produite is not None:
        return produite.sorte.document
    return not src.startswith(DOSSIER_CONTRIBUER)  # une page rédigée
