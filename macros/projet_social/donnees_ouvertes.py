"""Les données ouvertes : tout le contenu du projet social en JSON et en CSV.

Page produite : ``donnees/index.md``. Fichiers produits (dans ``donnees/``) :

- ``fiches``, ``arbre``, ``acteurs``, ``lieux``, ``sigles`` en ``.json`` : les données
  telles que les équipes les ont tapées et que la validation les a acceptées ;
  chacune suit son schéma publié dans ``/schemas/`` (les fiches : une liste dont
  chaque élément suit ``fiche.schema.json``) ;
- les mêmes en ``.csv`` : une ligne par enregistrement (un nœud de l'arbre par
  ligne, avec son parent), les listes jointes par « , », le reste (échéancier,
  bilans, permanences…) en JSON dans sa cellule ;
- ``actions.json`` / ``.csv`` : les fiches dans les champs de la base nationale (``export.py``) ;
- ``data-inclusion/`` : les acteurs au format data·inclusion (``data_inclusion.py``).
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from . import data_inclusion, export, schemas
from .modele import ProjetSocial

PAGE = "donnees/index.md"


@dataclass(frozen=True)
class Jeu:
    nom: str        # « acteurs » : donne donnees/acteurs.json et .csv
    titre: str      # ce que la page affiche
    schema: str     # le schéma publié qui le décrit (dans /schemas/)
    description: str


JEUX = [
    Jeu("fiches", "Les fiches actions", "fiche", "Une liste : chaque élément est l'en-tête d'une fiche, dans l'ordre de l'arbre."),
    Jeu("arbre", "L'arbre des objectifs", "arbre", "Les niveaux et les nœuds (axes, enjeux, objectifs…) ; le CSV a un nœud par ligne, avec son parent."),
    Jeu("acteurs", "Les acteurs du territoire", "acteurs", "Les structures, leurs coordonnées, horaires, thématiques, publics et permanences."),
    Jeu("lieux", "Les lieux", "lieux", "Les lieux, leur adresse et, quand une source les donne, leurs coordonnées."),
    Jeu("sigles", "Les sigles", "sigles", "Chaque sigle et sa signification."),
]


def brut(projet: ProjetSocial, nom: str) -> object:
    """Les données d'un jeu, telles que tapées ; une liste vide (un objet vide pour les sigles) s'il n'y en a pas."""
    valeur = projet.bruts.get(nom)
    if valeur is None:
        return {} if nom == "sigles" else ([] if nom != "arbre" else {"niveaux": [], "noeuds": []})
    return valeur


def _valeur_csv(valeur: object) -> object:
    if isinstance(valeur, list) and all(isinstance(v, (str, int, float)) for v in valeur):
        return valeur  # export.ecrire_csv les joint par « , »
    if isinstance(valeur, (list, dict)):
        return json.dumps(valeur, ensure_ascii=False)
    return "" if valeur is None else valeur


def _colonnes(schema: str, enregistrements: list[dict]) -> list[str]:
    """Les champs du schéma dans son ordre, puis ceux qu'il ne connaîtrait pas (aucun, après validation)."""
    proprietes = schemas.schema(schema)
    proprietes = proprietes.get("items", proprietes).get("properties", {})
    colonnes = [c for c in proprietes if any(c in e for e in enregistrements)]
    return colonnes + [c for e in enregistrements for c in e if c not in colonnes]


def _noeuds_a_plat(noeuds: list, parent: str = "", niveaux: list | None = None, profondeur: int = 0) -> list[dict]:
    lignes = []
    for noeud in noeuds or []:
        if not isinstance(noeud, dict):
            continue
        niveau = niveaux[profondeur].get("id", "") if niveaux and profondeur < len(niveaux) else ""
        ligne = {"id": noeud.get("id", ""), "niveau": niveau, "code": noeud.get("code", ""), "titre": noeud.get("titre", ""),
                 "parent": parent, "description": noeud.get("description", ""), "renvois": noeud.get("renvois", [])}
        lignes.append(ligne)
        lignes += _noeuds_a_plat(noeud.get("enfants"), ligne["id"], niveaux, profondeur + 1)
    return lignes


def en_csv(projet: ProjetSocial, jeu: Jeu) -> str:
    valeur = brut(projet, jeu.nom)
    if jeu.nom == "sigles":
        return export.ecrire_csv(["sigle", "signification"], [[s, v] for s, v in valeur.items()])
    if jeu.nom == "arbre":
        lignes = _noeuds_a_plat(valeur.get("noeuds"), niveaux=valeur.get("niveaux"))
        colonnes = ["id", "niveau", "code", "titre", "parent", "description", "renvois"]
        return export.ecrire_csv(colonnes, [[_valeur_csv(l[c]) for c in colonnes] for l in lignes])
    colonnes = _colonnes(jeu.schema, valeur)
    return export.ecrire_csv(colonnes, [[_valeur_csv(e.get(c)) for c in colonnes] for e in valeur])


def fichiers(projet: ProjetSocial, date_des_acteurs: datetime.date | None, adresse_du_site: str = "") -> list[tuple[str, str]]:
    """(chemin dans le site, contenu) de tous les fichiers de données ouvertes."""
    resultat = []
    for jeu in JEUX:
        resultat.append((f"donnees/{jeu.nom}.json", export.texte_json(brut(projet, jeu.nom))))
        resultat.append((f"donnees/{jeu.nom}.csv", en_csv(projet, jeu)))
    resultat.append((export.FICHIER_JSON, export.en_json(projet)))
    resultat.append((export.FICHIER_CSV, export.en_csv(projet)))
    di = data_inclusion.exporter(projet, date_des_acteurs, adresse_du_site)
    resultat.append((data_inclusion.FICHIER_STRUCTURES, export.texte_json(di.structures)))
    resultat.append((data_inclusion.FICHIER_SERVICES, export.texte_json(di.services)))
    resultat += [(chemin, export.texte_json(schema)) for chemin, schema in data_inclusion.schemas_officiels().items()]
    return resultat


def contexte(projet: ProjetSocial, date_des_acteurs: datetime.date | None = None, adresse_du_site: str = "") -> dict:
    """Ce que reçoit le gabarit de la page « Données ouvertes »."""
    di = data_inclusion.exporter(projet, date_des_acteurs, adresse_du_site)
    return {
        "jeux": JEUX, "champs": export.CHAMPS, "fichier_json": export.FICHIER_JSON, "fichier_csv": export.FICHIER_CSV,
        "data_inclusion": di, "di": data_inclusion,
    }
