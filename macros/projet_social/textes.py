"""Les petites règles d'écriture, chacune écrite une fois : nombres à la française, identifiants tirés d'un texte.

Ce module n'importe rien du paquet (ni Jinja, ni MkDocs) : le modèle, le suivi, les
graphiques, les exports et les gabarits (filtre ``nombre``) s'en servent tous.

Les nombres (une seule règle, partout : fiches, bilans, tableau de bord, graphiques SVG
et leurs tableaux) :

- les milliers séparés par une espace fine insécable (U+202F) : « 1 500 » ;
- la virgule décimale, au plus deux décimales, sans zéro inutile : « 12,5 », pas « 12,50 » ;
- un nombre entier s'écrit sans décimale : « 250 », même saisi « 250.0 ».

Un montant en euros suit la même règle, à une exception près : s'il a des centimes,
il en a deux (« 12,50 », comme sur une facture) ; entier, il n'en a pas (« 1 500 »).
"""

from __future__ import annotations

import re
import unicodedata

ESPACE_FINE = "\u202f"  # espace fine insécable : le séparateur des milliers


def _chiffres(valeur: float, decimales: int, zeros_inutiles: bool) -> str:
    arrondi = round(float(valeur), decimales)
    if arrondi.is_integer():
        return f"{int(arrondi):,}".replace(",", ESPACE_FINE)
    texte = f"{arrondi:,.{decimales}f}"
    if not zeros_inutiles:
        texte = texte.rstrip("0")
    return texte.replace(",", ESPACE_FINE).replace(".", ",")


def nombre(valeur: float | int) -> str:
    """« 1 500 », « 12,5 », « 0,25 » : un nombre à la française (règle en tête du module)."""
    return _chiffres(valeur, 2, zeros_inutiles=False)


def montant(valeur: float | int) -> str:
    """« 1 500 », « 12,50 » : un montant en euros (sans le symbole), deux décimales s'il a des centimes."""
    return _chiffres(valeur, 2, zeros_inutiles=True)


def compte(n: int, mot: str, pluriel: str | None = None) -> str:
    """« 0 fiche », « 1 nœud », « 2 avertissements » : un nombre et son mot, accordé (pluriel au-delà de 1)."""
    return f"{n} {mot if n <= 1 else pluriel or mot + 's'}"


def sans_accents(texte: str) -> str:
    """« École » → « Ecole » : les lettres sans leurs accents (les caractères sans équivalent ASCII disparaissent)."""
    return unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()


def identifiant(texte: str, defaut: str = "", longueur: int | None = None) -> str:
    """« Maison des Jeunes (MJC) » → « maison-des-jeunes-mjc » : minuscules sans accent, chiffres et tirets.

    ``longueur`` borne le résultat (sans tiret final) ; ``defaut`` remplace un résultat vide.
    """
    resultat = re.sub(r"[^a-z0-9]+", "-", sans_accents(texte).lower()).strip("-")
    if longueur is not None:
        resultat = resultat[:longueur].strip("-")
    return resultat or defaut


_EN_LETTRES = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
]


def en_lettres(entier: int) -> str:
    """« six » pour 6 : un petit nombre dans une phrase (de zéro à douze) ; au-delà, en chiffres."""
    return _EN_LETTRES[entier] if 0 <= entier < len(_EN_LETTRES) else nombre(entier)
