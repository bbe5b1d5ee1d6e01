"""Les erreurs de contenu sont des valeurs, pas des exceptions.

Le chargement renvoie une liste d'``Erreur`` ; ``make check``, la construction
du site et les annotations GitHub ne font que la présenter différemment.
"""
from __future__ import annotations

from dataclasses import dataclass

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
        lieu = f"{self.fichier}:{self.ligne}" if self.ligne else self.fichier
        champ = self.champ or "(fichier)"
        texte = f"{lieu} — {champ} — {self.message} — {self.attendu}"
        if not self.bloquante:
            texte = "avertissement : " + texte
        return texte


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
    lignes = [str(e) for e in trier(erreurs)]
    bilan = []
    if bloquantes:
        bilan.append(f"{len(bloquantes)} erreur{'s' if len(bloquantes) > 1 else ''}")
    if avertissements:
        n = len(avertissements)
        bilan.append(f"{n} avertissement{'s' if n > 1 else ''}")
    if not bilan:
        return "Contenu valide : aucune erreur."
    entete = "Contenu à corriger : " if bloquantes else "Contenu valide, avec : "
    return "\n".join(lignes + ["", entete + ", ".join(bilan) + "."])
