"""L'export des actions dans les champs de la base nationale « Les actions des centres sociaux ».

Une action = une fiche. Correspondance (champ de la base nationale ← donnée du projet social) :

- Nom de l'action ← titre de la fiche
- Structure organisatrice ← porteurs de la fiche ; sans porteur, nom du centre (data/centre.yml)
- Statut de l'action ← statut d'avancement du dernier bilan (vide sans bilan)
- Dimension ← aucun équivalent : vide
- Mots clés associés à l'action ← mots clés de la fiche
- Résumé ← objectif général
- Qui est à l'initiative de l'action ? ← aucun équivalent : vide
- Description de l'expérience, ses objectifs, ses acteurs et ses différentes phases. ← contexte
- Territoire concerné ← territoire du centre (data/centre.yml)
- Public ← publics de la fiche, puis leurs précisions
- Avec qui cette action a-t-elle été menée ? ← partenaires de la fiche
- Description générale ← présentation de l'action
- Ressources financières mobilisées pour cette action ← ressources matérielles et financières
- Nombre de personnes mobilisés pour cette action ← moyens humains
- Résultat sur le territoire, Résultat pour le centre social, Résultat pour les habitants,
  Suite de l'action : Limites, Suite de l'action : Perspectives ← les champs du dernier bilan
- Fichier(s) associé(s) ← aucun équivalent : vide

S'y ajoutent trois champs propres au projet social : le code de la fiche, l'année
du dernier bilan et l'adresse de la fiche sur le site. Les textes restent en
Markdown, tels que tapés. Rien n'est déduit ni inventé : un champ sans
équivalent, ou sans bilan, est vide.

JSON : ``{"centre", "periode", "champs", "actions"}`` ; les listes (mots clés,
publics, partenaires) y sont des listes. CSV : UTF-8 avec BOM, séparateur « ; »
(ce qu'ouvre un tableur réglé en français), une ligne par action, les listes
jointes par « , ». Une cellule qui commencerait comme une formule de tableur
(= + @, ou - suivi d'autre chose qu'une espace) est précédée d'une apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Callable

from .modele import Bilan, Fiche, ProjetSocial

DOSSIER_DONNEES = (
    "donnees/"  # le dossier des données ouvertes (donnees_ouvertes.py, data_inclusion.py)
)
FICHIER_JSON = f"{DOSSIER_DONNEES}actions.json"
FICHIER_CSV = f"{DOSSIER_DONNEES}actions.csv"


@dataclass(frozen=True)
class Champ:
    nom: str  # le nom du champ dans la base nationale (ou le nôtre, si ``propre``)
    source: str  # d'où vient la valeur, en clair (affiché sur la page « Partager nos actions »)
    valeur: Callable[[Fiche, ProjetSocial, Bilan | None], object]
    propre: bool = False  # champ propre au projet social, absent de la base nationale


def _noms(elements) -> list[str]:
    return [getattr(e, "libelle", None) or e.nom for e in elements]


def _vide(*_):
    return ""


def _public(f: Fiche, *_) -> str:
    return ", ".join(_noms(f.publics)) + (
        f"\n\n{f.publics_precisions}" if f.publics_precisions else ""
    )


def _du_bilan(attribut: str):
    return lambda f, p, b: getattr(b, attribut) if b else ""


CHAMPS: list[Champ] = [
    Champ("Code de la fiche", "code de la fiche", lambda f, p, b: f.code, propre=True),
    Champ("Nom de l'action", "titre de la fiche", lambda f, p, b: f.titre),
    Champ(
        "Structure organisatrice",
        "porteurs de la fiche ; sans porteur, nom du centre (data/centre.yml)",
        lambda f, p, b: _noms(f.porteurs) or p.centre.nom,
    ),
    Champ(
        "Statut de l'action",
        "statut d'avancement du dernier bilan (vide sans bilan)",
        lambda f, p, b: b.statut_avancement.libelle if b else "",
    ),
    Champ(
        "Année du bilan",
        "année du dernier bilan (vide sans bilan)",
        lambda f, p, b: b.annee if b else "",
        propre=True,
    ),
    Champ("Dimension", "aucun équivalent : vide", _vide),
    Champ(
        "Mots clés associés à l'action", "mots clés de la fiche", lambda f, p, b: _noms(f.mots_cles)
    ),
    Champ("Résumé", "objectif général", lambda f, p, b: f.objectif_general),
    Champ("Qui est à l'initiative de l'action ?", "aucun équivalent : vide", _vide),
    Champ(
        "Description de l'expérience, ses objectifs, ses acteurs et ses différentes phases.",
        "contexte",
        lambda f, p, b: f.contexte,
    ),
    Champ(
        "Territoire concerné",
        "territoire du centre (data/centre.yml)",
        lambda f, p, b: p.centre.territoire,
    ),
    Champ("Public", "publics de la fiche, puis leurs précisions", _public),
    Champ(
        "Avec qui cette action a-t-elle été menée ?",
        "partenaires de la fiche",
        lambda f, p, b: _noms(f.partenaires),
    ),
    Champ("Description générale", "présentation de l'action", lambda f, p, b: f.presentation),
    Champ(
        "Ressources financières mobilisées pour cette action",
        "ressources matérielles et financières",
        lambda f, p, b: f.moyens_materiels,
    ),
    Champ(
        "Nombre de personnes mobilisés pour cette action",
        "moyens humains",
        lambda f, p, b: f.moyens_humains,
    ),
    Champ(
        "Résultat sur le territoire",
        "résultats pour le territoire, du dernier bilan",
        _du_bilan("resultats_territoire"),
    ),
    Champ(
        "Résultat pour le centre social",
        "résultats pour le centre social, du dernier bilan",
        _du_bilan("resultats_centre"),
    ),
    Champ(
        "Résultat pour les habitants",
        "résultats pour les habitants, du dernier bilan",
        _du_bilan("resultats_habitants"),
    ),
    Champ("Suite de l'action : Limites", "limites, du dernier bilan", _du_bilan("limites")),
    Champ(
        "Suite de l'action : Perspectives",
        "perspectives, du dernier bilan",
        _du_bilan("perspectives"),
    ),
    Champ("Fichier(s) associé(s)", "aucun équivalent : vide", _vide),
    Champ(
        "Adresse de la fiche",
        "adresse de la fiche sur le site, relative à sa racine",
        lambda f, p, b: f.chemin_web,
        propre=True,
    ),
]


def action(fiche: Fiche, projet: ProjetSocial) -> dict[str, object]:
    """Une fiche dans les champs de la base nationale (dernier bilan = le plus récent)."""
    dernier = max(fiche.bilans, key=lambda b: b.annee, default=None)
    return {c.nom: c.valeur(fiche, projet, dernier) for c in CHAMPS}


def en_json(projet: ProjetSocial) -> str:
    donnees = {
        "centre": projet.centre.nom,
        "periode": projet.centre.periode
        or None,  # null : période d'agrément non précisée dans le projet social
        "champs": [c.nom for c in CHAMPS],
        "actions": [action(f, projet) for f in projet.fiches.values()],
    }
    return texte_json(donnees)


def texte_json(valeur: object) -> str:
    """JSON en UTF-8, compact : sans indentation, Python emploie son encodeur en C (5 à 10 fois plus rapide sur 2 000 fiches)."""
    return json.dumps(valeur, ensure_ascii=False) + "\n"


def _cellule(valeur: object) -> str:
    """Une cellule qu'un tableur pourrait prendre pour une formule est précédée d'une apostrophe.

    Un tableur ignore les espaces de tête : une tabulation ou un retour chariot suivis
    de « =SOMME(…) » font une formule, comme « =SOMME(…) ». Sont donc protégées les
    cellules dont le premier caractère visible est = + @ ou - (sauf le tiret d'une
    puce « - texte » ou un tiret seul), et celles qui commencent par une tabulation
    ou un retour chariot.
    """
    texte = ", ".join(str(v) for v in valeur) if isinstance(valeur, list) else str(valeur)
    debut = texte.lstrip()
    formule = (
        texte[:1] in ("\t", "\r")
        or debut[:1] in ("=", "+", "@")
        or (debut[:1] == "-" and debut[1:2] not in ("", " "))
    )
    return "'" + texte if formule else texte


def ecrire_csv(entetes: list[str], lignes: list[list[object]]) -> str:
    """Un CSV pour un tableur réglé en français : UTF-8 avec BOM, « ; », listes jointes par « , »."""
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(entetes)
    for ligne in lignes:
        ecrivain.writerow([_cellule(v) for v in ligne])
    return "\ufeff" + sortie.getvalue()


def en_csv(projet: ProjetSocial) -> str:
    return ecrire_csv(
        [c.nom for c in CHAMPS], [list(action(f, projet).values()) for f in projet.fiches.values()]
    )
