"""Les schémas JSON (data/schemas/) et leurs erreurs, traduites en français.

Les schémas sont la seule liste des champs : la validation, les éditeurs, le
guide des contributeurs et les schémas publiés par le site les lisent tous.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from .erreurs import Erreur
from .lecture import Lignes, champ_lisible, ligne_de

DOSSIER_SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "schemas"


@lru_cache(maxsize=None)
def _registre() -> Registry:
    ressources = []
    for chemin in sorted(DOSSIER_SCHEMAS.glob("*.schema.json")):
        schema = json.loads(chemin.read_text(encoding="utf-8"))
        ressources.append((chemin.name, Resource.from_contents(schema)))
    return Registry().with_resources(ressources)


def schema(nom: str) -> dict:
    """Le schéma ``nom`` (par exemple ``"fiche"``) tel que publié."""
    return _registre()[f"{nom}.schema.json"].contents


def cible(ref: str, document: dict) -> tuple[object, dict]:
    """Ce que vise ``ref`` (« commun.schema.json#/$defs/texte », « #/$defs/liste »), et le schéma où cela vit."""
    fichier, _, pointeur = ref.partition("#")
    cible_doc = schema(fichier.removesuffix(".schema.json")) if fichier else document
    visee = cible_doc
    for morceau in [m for m in pointeur.split("/") if m]:
        visee = visee[morceau]
    return visee, cible_doc


def _deplier(noeud: object, document: dict, pile: tuple = ()) -> object:
    """Le schéma avec ses ``$ref`` remplacés par leur cible (sauf les références récursives).

    La validation d'un schéma déplié évite des dizaines de milliers de résolutions
    de références sur un grand projet : c'était la moitié du temps de validation.
    """
    if isinstance(noeud, list):
        return [_deplier(x, document, pile) for x in noeud]
    if not isinstance(noeud, dict):
        return noeud
    ref = noeud.get("$ref")
    if isinstance(ref, str) and ref not in pile:
        visee, cible_doc = cible(ref, document)
        depliee = _deplier(visee, cible_doc, pile + (ref,))
        return {
            **depliee,
            **{k: _deplier(v, document, pile) for k, v in noeud.items() if k != "$ref"},
        }
    return {k: _deplier(v, document, pile) for k, v in noeud.items()}


@lru_cache(maxsize=None)
def _validateur(nom: str) -> Draft202012Validator:
    depliee = _deplier(schema(nom), schema(nom))
    return Draft202012Validator(depliee, registry=_registre(), format_checker=FormatChecker())


def noms_des_schemas() -> list[str]:
    return [
        p.name.removesuffix(".schema.json") for p in sorted(DOSSIER_SCHEMAS.glob("*.schema.json"))
    ]


def valider(nom_schema: str, valeur: object, fichier: str, lignes: Lignes) -> list[Erreur]:
    """Toutes les erreurs de ``valeur`` contre le schéma, en français."""
    erreurs: list[Erreur] = []
    for erreur in _validateur(nom_schema).iter_errors(valeur):
        # Une même faute peut enfreindre deux règles (« format » et « pattern » d'une date) : un seul message.
        erreurs.extend(e for e in _traduire(erreur, fichier, lignes) if e not in erreurs)
    return erreurs


_TYPES = {
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "array": "une liste (une ligne par élément, commençant par « - »)",
    "object": "des champs « nom: valeur » décalés en dessous",
    "boolean": "oui ou non (true / false)",
    "null": "rien",
}


def decrire(valeur: object) -> str:
    if valeur is None:
        return "vide"
    if isinstance(valeur, bool):
        return f"le booléen « {'true' if valeur else 'false'} »"
    if isinstance(valeur, (int, float)):
        return f"le nombre « {valeur} »"
    if isinstance(valeur, str):
        court = valeur if len(valeur) <= 40 else valeur[:37] + "…"
        return f"le texte « {court} »"
    if isinstance(valeur, list):
        return "une liste"
    if isinstance(valeur, dict):
        return "un groupe de champs"
    return "une valeur inattendue"


def suggestion(valeur: object, possibles: list[str]) -> str:
    """« (vouliez-vous dire « x » ?) » pour une valeur proche d'une valeur permise."""
    if not isinstance(valeur, str):
        return ""
    index = {p.lower(): p for p in possibles}
    proches = difflib.get_close_matches(valeur.lower(), list(index), n=1, cutoff=0.6)
    return f" (vouliez-vous dire « {index[proches[0]]} » ?)" if proches else ""


_FORME_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
ATTENDU_DATE_REELLE = "une date réelle AAAA-MM-JJ : un mois de 01 à 12, un jour qui existe dans ce mois (30 en avril, juin, septembre, novembre ; 28 ou 29 en février)"


def _attendu(sous_schema: dict, defaut: str) -> str:
    return sous_schema.get("x-attendu") or defaut


def _traduire(erreur, fichier: str, lignes: Lignes) -> list[Erreur]:
    chemin = tuple(erreur.absolute_path)
    # Les validateurs travaillent sur des schémas dépliés : pas de $ref à suivre ici.
    sous = erreur.schema if isinstance(erreur.schema, dict) else {}
    champ = champ_lisible(chemin, lignes)
    ligne = ligne_de(lignes, chemin)
    regle = erreur.validator
    valeur = erreur.instance

    if regle == "required":
        manquant = re.match(r"^'(.+)' is a required property", erreur.message)
        nom = manquant.group(1) if manquant else "?"
        definition = sous.get("properties", {}).get(nom, {})
        titre = definition.get("title", nom)
        champ = champ_lisible(chemin + (nom,), lignes)
        if constat := definition.get("x-si-vide"):  # un constat propre au champ (schéma)
            return [Erreur(fichier, ligne, champ, constat, _attendu(definition, titre))]
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                f"champ obligatoire absent ({titre})",
                f"une ligne « {nom}: … » ({_attendu(definition, definition.get('description', titre))})",
            )
        ]

    if regle == "additionalProperties":
        permis = list(sous.get("properties", {}))
        resultat = []
        for cle in [c for c in valeur if c not in permis]:
            attendu = "un des champs : " + ", ".join(permis) if permis else "aucun champ"
            if cle in ("render_macros", "template", "render_by_default"):
                message = f"le champ « {cle} » est réservé au fonctionnement du site"
            elif nouveau := sous.get("x-anciens-noms", {}).get(cle):  # un champ renommé : le dire
                message = f"le champ « {cle} » s'appelle désormais « {nouveau} »"
                attendu = f"« {nouveau}: » à la place de « {cle}: », même contenu"
            else:
                message = f"champ inconnu « {cle} »" + suggestion(cle, permis)
            resultat.append(
                Erreur(
                    fichier,
                    ligne_de(lignes, chemin + (cle,)),
                    champ_lisible(chemin + (cle,), lignes),
                    message,
                    attendu,
                )
            )
        return resultat

    if regle == "type":
        types = (
            erreur.validator_value
            if isinstance(erreur.validator_value, list)
            else [erreur.validator_value]
        )
        attendu = " ou ".join(_TYPES.get(t, t) for t in types)
        if "string" in types and isinstance(valeur, (int, float, bool)):
            attendu += (
                ' : mettez la valeur entre guillemets, par exemple "'
                + (str(valeur).lower() if isinstance(valeur, bool) else str(valeur))
                + '"'
            )
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                f"la valeur est {decrire(valeur)}",
                _attendu(sous, attendu) if "string" not in types else attendu,
            )
        ]

    if regle == "minLength":
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                "le texte est vide",
                "un texte d'au moins un caractère, ou retirer la ligne",
            )
        ]
    if regle == "maxLength":
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                f"le texte est trop long ({len(valeur)} caractères)",
                f"{erreur.validator_value} caractères au plus",
            )
        ]
    if regle == "minItems":
        if constat := sous.get("x-si-vide"):  # le même constat, absent ou liste vide
            return [Erreur(fichier, ligne, champ, constat, _attendu(sous, "un élément au moins"))]
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                "la liste est vide",
                f"au moins {erreur.validator_value} élément(s)",
            )
        ]
    if regle == "maxItems":
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                f"la liste a {len(valeur)} éléments",
                f"{erreur.validator_value} éléments au plus",
            )
        ]
    if (
        regle == "format"
        and erreur.validator_value == "date"
        and isinstance(valeur, str)
        and _FORME_DATE.match(valeur)
    ):
        # La forme est bonne, le calendrier non : 2023-02-30, 2026-13-01.
        return [
            Erreur(fichier, ligne, champ, f"la date {valeur} n'existe pas", ATTENDU_DATE_REELLE)
        ]
    if regle in ("pattern", "format"):
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                f"{decrire(valeur)} n'a pas la forme attendue",
                _attendu(sous, sous.get("description", "une valeur conforme au schéma")),
            )
        ]
    if regle == "minimum":
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                f"la valeur {valeur} est trop petite",
                f"au moins {erreur.validator_value}",
            )
        ]
    if regle == "maximum":
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                f"la valeur {valeur} est trop grande",
                f"au plus {erreur.validator_value}",
            )
        ]
    if regle == "uniqueItems":
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                "la liste contient deux fois la même valeur",
                "chaque valeur une seule fois",
            )
        ]
    if regle == "enum":
        permis = [str(v) for v in erreur.validator_value]
        attendu = (
            "une des valeurs : " + ", ".join(permis)
            if len(permis) <= 12
            else _attendu(sous, "une valeur de la liste du schéma")
        )
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                f"{decrire(valeur)} n'est pas une valeur permise{suggestion(valeur, permis)}",
                attendu,
            )
        ]
    if regle == "anyOf" and isinstance(sous.get("anyOf"), list):
        # Plusieurs formes permises (les tarifs : un texte ou une liste) : si la valeur a le type de l'une
        # d'elles, ce sont les erreurs de celle-ci qui sont dites, champ par champ.
        for i, branche in enumerate(sous["anyOf"]):
            if (
                isinstance(branche, dict)
                and isinstance(branche.get("type"), str)
                and Draft202012Validator.TYPE_CHECKER.is_type(valeur, branche["type"])
            ):
                sous_erreurs = [
                    e
                    for e in erreur.context
                    if e.relative_schema_path and e.relative_schema_path[0] == i
                ]
                if sous_erreurs:
                    resultat = []
                    for e in sous_erreurs:
                        resultat.extend(
                            x for x in _traduire(e, fichier, lignes) if x not in resultat
                        )
                    return resultat
        if all(
            isinstance(b, dict) and list(b) == ["required"] for b in sous["anyOf"]
        ):  # l'un de ces champs au moins
            noms = [n for b in sous["anyOf"] for n in b["required"]]
            return [
                Erreur(
                    fichier,
                    ligne,
                    champ,
                    "il manque « " + " » ou « ".join(noms) + " »",
                    _attendu(sous, "au moins un de ces champs : " + ", ".join(noms)),
                )
            ]
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                f"la valeur est {decrire(valeur)}, qui n'a aucune des formes permises",
                _attendu(sous, sous.get("description", "une valeur conforme au schéma")),
            )
        ]
    if regle == "propertyNames":
        return [
            Erreur(
                fichier,
                ligne,
                champ,
                f"le nom « {valeur} » n'a pas la forme attendue",
                "un nom court, sans espace au début",
            )
        ]
    return [
        Erreur(
            fichier,
            ligne,
            champ,
            "valeur invalide",
            sous.get("description", "une valeur conforme au schéma"),
        )
    ]
