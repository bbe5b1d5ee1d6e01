"""Les erreurs de contenu sont des valeurs, pas des exceptions.

Le chargement renvoie une liste d'``Erreur`` ; ``make check``, la construction
du site et les annotations GitHub ne font que la présenter différemment.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from .textes import compte

ERREUR = "erreur"
AVERTISSEMENT = "avertissement"


@dataclass(frozen=True)
class Erreur:
    fichier: str
    ligne: int | None
    champ: str
    message: str
    attendu: str
    niveau: str = ERREUR

    @property
    def bloquante(self) -> bool:
        return self.niveau == ERREUR

    def __str__(self) -> str:
        # Une seule ligne, quoi que contienne le fichier fautif (nom de champ tapé avec des sauts de ligne…).
        fichier = neutraliser(self.fichier)
        lieu = f"{fichier}:{self.ligne}" if self.ligne else fichier
        champ = neutraliser(self.champ) or "(fichier)"
        texte = f"{lieu} — {champ} — {neutraliser(self.message)} — {neutraliser(self.attendu)}"
        if not self.bloquante:
            texte = "avertissement : " + texte
        return ligne_sure(texte)


# Les caractères de contrôle (sauts de ligne, tabulations, échappements de terminal) et les
# séparateurs de ligne Unicode : imprimés tels quels, ils couperaient ou maquilleraient le rapport.
_CONTROLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Ce qui précède le premier caractère visible d'une ligne : espaces, caractères invisibles
# (le lecteur de GitHub Actions ignore les espaces de tête, et peut-être ces caractères-là).
_INVISIBLES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me", "Mc"}


def neutraliser(texte: object) -> str:
    """Un texte sur une seule ligne : chaque caractère de contrôle devient une espace."""
    return _CONTROLE.sub(" ", str(texte))


def ligne_sure(ligne: str) -> str:
    """Une ligne imprimée qui ne peut pas être lue comme une commande de GitHub Actions.

    GitHub Actions exécute une ligne de la sortie qui commence par « :: » (après ses
    espaces : « ::error … », « ::add-mask:: », « ::stop-commands:: »…) ou qui contient
    « ##[ » (ancienne forme) : un nom de champ ou de fichier tapé ainsi serait pris
    pour une annotation. Une telle ligne est précédée de « › », « ##[ » devient « # #[ ».
    """
    ligne = neutraliser(ligne).replace("##[", "# #[")
    debut = 0
    while debut < len(ligne) and (
        ligne[debut].isspace() or unicodedata.category(ligne[debut]) in _INVISIBLES
    ):
        debut += 1
    if ligne.startswith(":", debut):
        return "› " + ligne
    return ligne


def trier(erreurs: list[Erreur]) -> list[Erreur]:
    """Erreurs d'abord, puis par fichier et par ligne."""
    return sorted(
        erreurs,
        key=lambda e: (not e.bloquante, e.fichier, e.ligne or 0, e.champ),
    )


def rapport(erreurs: list[Erreur]) -> str:
    """Le rapport complet, lisible dans un terminal ou un journal de CI."""
    bloquantes = [e for e in erreurs if e.bloquante]
    avertissements = [e for e in erreurs if not e.bloquante]
    lignes = [str(e) for e in trier(erreurs)]  # chacune déjà sur une ligne sûre (voir ligne_sure)
    bilan = []
    if bloquantes:
        bilan.append(compte(len(bloquantes), "erreur"))
    if avertissements:
        bilan.append(compte(len(avertissements), "avertissement"))
    if not bilan:
        return "Contenu valide : aucune erreur."
    entete = "Contenu à corriger : " if bloquantes else "Contenu valide, avec : "
    return "\n".join(lignes + ["", entete + ", ".join(bilan) + "."])
