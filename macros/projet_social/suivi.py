"""Le suivi du projet social : échéancier, tableau de bord, bilans de l'année.

Tout est calculé ici, à partir des fiches validées (leurs échéanciers et leurs
bilans) ; les gabarits ne font que boucler sur ces résultats. Rien n'est inventé :
une fiche sans bilan pour une année est comptée « sans bilan », et une valeur
d'indicateur absente reste absente.

Pages produites : ``echeancier.md``, ``tableau-de-bord/index.md``,
``bilans/<année>.md`` (une par année d'agrément) ; fichiers produits : les
graphiques SVG du tableau de bord. Les exports sont dans ``donnees_ouvertes.py``.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field

from .graphiques import barres_svg
from .modele import Bilan, Fiche, Noeud, ProjetSocial, Terme
from .textes import nombre

# L'année en cours vient de la date de construction ; cette variable la fixe (tests, aperçu d'une année).
VARIABLE_ANNEE = "PROJET_SOCIAL_ANNEE"
SANS_BILAN = "Sans bilan"
DOSSIER_GRAPHIQUES = "tableau-de-bord"


def annee_courante() -> int:
    """L'année de la construction, ou celle de la variable d'environnement ``PROJET_SOCIAL_ANNEE``."""
    valeur = os.environ.get(VARIABLE_ANNEE, "").strip()
    return int(valeur) if valeur.isdigit() else datetime.date.today().year


def bilan_de(fiche: Fiche, annee: int) -> Bilan | None:
    return next((b for b in fiche.bilans if b.annee == annee), None)


# -- Un tableau de données, montré aussi en graphique ------------------------------------------------


@dataclass
class Ligne:
    titre: str
    cellules: list[
        str
    ]  # le texte de chaque colonne (après la première), le même dans le tableau et le graphique
    valeurs: list[float | None]  # la longueur des barres du graphique (None : pas de barre)
    cible: str = ""  # page vers laquelle le titre pointe (fichier source), s'il y en a une


@dataclass
class Tableau:
    """Des données montrées deux fois : un tableau (légende, en-têtes) et un graphique SVG à côté."""

    id: str
    legende: str
    colonnes: list[str]  # la première est l'en-tête des titres de lignes
    lignes: list[Ligne] = field(default_factory=list)

    @property
    def image(self) -> str:
        return f"{DOSSIER_GRAPHIQUES}/{self.id}.svg"

    @property
    def texte_alternatif(self) -> str:
        return f"Graphique en barres : {self.legende}. Les mêmes données figurent dans le tableau qui suit."

    def svg(self) -> str:
        groupes = [
            (ligne.titre, list(zip(self.colonnes[1:], ligne.valeurs, ligne.cellules)))
            for ligne in self.lignes
        ]
        return barres_svg(self.legende, groupes)


# -- Échéancier ---------------------------------------------------------------------------------------


@dataclass
class Echeancier:
    annees: list[int]
    annee_courante: int
    axes: list[
        tuple[Noeud, list[tuple[Fiche, list[str]]]]
    ]  # par axe : (fiche, une cellule par année)

    @property
    def entetes(self) -> list[str]:
        return [
            f"{a} (année en cours)" if a == self.annee_courante else str(a) for a in self.annees
        ]

    @property
    def dans_la_periode(self) -> bool:
        return self.annee_courante in self.annees


def cellule_echeancier(fiche: Fiche, annee: int) -> str:
    """« prévu » si l'échéancier de la fiche prévoit une étape cette année-là, et le statut de son bilan s'il y en a un."""
    prevu = "prévu" if annee in fiche.annees else "—"
    bilan = bilan_de(fiche, annee)
    return f"{prevu} · bilan : {bilan.statut_avancement.libelle.lower()}" if bilan else prevu


def echeancier(projet: ProjetSocial, annee: int | None = None) -> Echeancier:
    annees = projet.centre.annees
    axes = []
    for racine in projet.racines:
        fiches = projet.fiches_principales(racine)
        if fiches:
            axes.append((racine, [(f, [cellule_echeancier(f, a) for a in annees]) for f in fiches]))
    return Echeancier(annees, annee if annee is not None else annee_courante(), axes)


# -- Tableau de bord ----------------------------------------------------------------------------------


def avancement(projet: ProjetSocial, annee: int) -> Tableau:
    """Pour une année : par axe (premier niveau de l'arbre), le nombre de fiches par statut d'avancement."""
    statuts = projet.vocabulaire("statuts_avancement")
    niveau = projet.niveaux[0].nom
    tableau = Tableau(
        f"avancement-{annee}",
        f"Fiches actions par statut d'avancement et par {niveau.lower()}, {annee}",
        [niveau] + [s.libelle for s in statuts] + [SANS_BILAN],
    )
    for racine in projet.racines:
        comptes = compter(projet.fiches_principales(racine), annee, statuts)
        tableau.lignes.append(
            Ligne(racine.titre_complet, [nombre(n) for n in comptes], comptes, racine.cible)
        )
    return tableau


def compter(fiches: list[Fiche], annee: int, statuts: list[Terme]) -> list[int]:
    """Le nombre de fiches par statut d'avancement de leur bilan de ``annee``, puis le nombre sans bilan."""
    comptes = [0] * (len(statuts) + 1)
    for fiche in fiches:
        bilan = bilan_de(fiche, annee)
        comptes[statuts.index(bilan.statut_avancement) if bilan else -1] += 1
    return comptes


def indicateurs(projet: ProjetSocial, fiche: Fiche) -> Tableau | None:
    """Les valeurs chiffrées des indicateurs d'une fiche, année par année ; None si aucune n'est saisie."""
    annees = projet.centre.annees
    tableau = Tableau(
        f"indicateurs-{fiche.code}",
        f"Indicateurs de la fiche {fiche.code}, par année",
        ["Indicateur"] + [str(a) for a in annees],
    )
    for libelle in fiche.indicateurs_quantitatifs:
        valeurs, cellules = [], []
        for annee in annees:
            bilan = bilan_de(fiche, annee)
            v = (
                next(
                    (
                        v
                        for v in bilan.indicateurs
                        if v.indicateur == libelle and v.valeur is not None
                    ),
                    None,
                )
                if bilan
                else None
            )
            valeurs.append(v.valeur if v else None)
            cellules.append(v.valeur_lisible if v else "—")
        if any(x is not None for x in valeurs):
            tableau.lignes.append(Ligne(libelle, cellules, valeurs))
    return tableau if tableau.lignes else None


@dataclass
class TableauDeBord:
    annees: list[int]
    annee_courante: int
    nombre_de_bilans: int
    avancement: list[
        tuple[int, Tableau, int]
    ]  # (année, tableau, nombre de fiches avec un bilan cette année)
    indicateurs: list[tuple[Noeud, list[tuple[Fiche, Tableau]]]]

    def tableaux(self) -> list[Tableau]:
        return [t for _, t, _ in self.avancement] + [
            t for _, liste in self.indicateurs for _, t in liste
        ]


def tableau_de_bord(projet: ProjetSocial, annee: int | None = None) -> TableauDeBord:
    annees = projet.centre.annees
    par_axe = []
    for racine in projet.racines:
        liste = [(f, t) for f in projet.fiches_principales(racine) if (t := indicateurs(projet, f))]
        if liste:
            par_axe.append((racine, liste))
    return TableauDeBord(
        annees=annees,
        annee_courante=annee if annee is not None else annee_courante(),
        nombre_de_bilans=sum(len(f.bilans) for f in projet.fiches.values()),
        avancement=[
            (a, avancement(projet, a), sum(1 for f in projet.fiches.values() if bilan_de(f, a)))
            for a in annees
        ],
        indicateurs=par_axe,
    )


# -- Bilan d'une année --------------------------------------------------------------------------------


@dataclass
class BilanAnnuel:
    annee: int
    synthese: Tableau
    axes: list[
        tuple[Noeud, list[tuple[Fiche, Bilan]], list[Fiche]]
    ]  # par axe : fiches avec bilan, fiches sans

    @property
    def nombre_de_bilans(self) -> int:
        return sum(len(avec) for _, avec, _ in self.axes)


def bilan_annuel(projet: ProjetSocial, annee: int) -> BilanAnnuel:
    axes = []
    for racine in projet.racines:
        fiches = projet.fiches_principales(racine)
        avec = [(f, b) for f in fiches if (b := bilan_de(f, annee))]
        axes.append((racine, avec, [f for f in fiches if not bilan_de(f, annee)]))
    return BilanAnnuel(annee, avancement(projet, annee), axes)


# -- Pages et fichiers produits -----------------------------------------------------------------------

PAGE_ECHEANCIER = "echeancier.md"
PAGE_TABLEAU_DE_BORD = f"{DOSSIER_GRAPHIQUES}/index.md"  # les graphiques sont à côté de leur page


def page_bilan(annee: int) -> str:
    return f"bilans/{annee}.md"


def fichiers(projet: ProjetSocial) -> list[tuple[str, str]]:
    """Les fichiers produits : (chemin dans le site, contenu) des graphiques du tableau de bord."""
    return [(t.image, t.svg()) for t in tableau_de_bord(projet).tableaux()]
