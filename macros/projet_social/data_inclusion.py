"""L'export des acteurs au format national data·inclusion (schéma v1 : structures et services).

La correspondance des champs est dans ``STRUCTURE`` et ``SERVICE`` ci-dessous
(la page « Données ouvertes » l'affiche). Chaque enregistrement est vérifié avec le schéma officiel (paquet
``data-inclusion-schema``) : celui qui n'y satisfait pas est laissé de côté, et
la page « Données ouvertes » dit lequel et pourquoi. Rien n'est inventé : un
champ sans valeur est absent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .export import DOSSIER_DONNEES
from .modele import COORDONNEES, Acteur, ProjetSocial
from .textes import identifiant

DOSSIER = f"{DOSSIER_DONNEES}data-inclusion/"
FICHIER_STRUCTURES = f"{DOSSIER}structures.json"
FICHIER_SERVICES = f"{DOSSIER}services.json"
FICHIER_SCHEMA_STRUCTURES = f"{DOSSIER}structures.schema.json"
FICHIER_SCHEMA_SERVICES = f"{DOSSIER}services.schema.json"

# (champ data·inclusion, d'où vient sa valeur)
STRUCTURE = [
    ("source", "l'identifiant du centre, tiré de son nom (le producteur de la donnée)"),
    ("id", "« source--identifiant de l'acteur »"),
    (
        "nom, description, adresse, complement_adresse, code_postal, commune, telephone, courriel, site_web, horaires_accueil, accessibilite_lieu",
        "les champs du même nom de l'acteur (description : sa présentation)",
    ),
    (
        "date_maj",
        "« vérifié le » de l'acteur ; à défaut, la date du dernier changement de data/acteurs.yml (historique git), sinon la date de construction",
    ),
    ("lien_source", "l'adresse de la page de l'acteur sur ce site"),
    (
        "(aucun)",
        "sigle, missions, thématiques, publics et lieux : le schéma v1 n'a pas ces champs pour une structure (thématiques et publics y décrivent les services)",
    ),
]
SERVICE = [
    ("id, structure_id", "« id de la structure--permanence-n » ; l'id de la structure de l'acteur"),
    ("nom", "« Permanence » suivi du sigle ou du nom de l'acteur"),
    ("description", "« Permanence de <acteur> au <centre> », puis les précisions de la permanence"),
    (
        "thematiques, publics",
        "les correspondances data·inclusion (data/vocabulaires.yml) des thématiques et des publics de l'acteur",
    ),
    (
        "adresse, complement_adresse, code_postal, commune, latitude, longitude",
        "le lieu de la permanence",
    ),
    ("horaires_accueil", "les horaires de la permanence"),
    ("telephone, courriel", "ceux de l'acteur"),
    ("source, date_maj", "comme pour les structures"),
]

CHAMPS_DIRECTS = ("nom", "description", *COORDONNEES)


@dataclass
class Export:
    structures: list[dict] = field(default_factory=list)
    services: list[dict] = field(default_factory=list)
    ecartes: list[tuple[str, str]] = field(default_factory=list)  # (nom, raison en français)


def identifiant_producteur(projet: ProjetSocial) -> str:
    """« Centre Social Territoire Sud » → « centre-social-territoire-sud »."""
    return identifiant(projet.centre.nom, defaut="centre-social")


def _correspondances(termes) -> list[str]:
    vus: list[str] = []
    for terme in termes:
        vus += [c for c in terme.data_inclusion if c not in vus]
    return vus


def structure(acteur: Acteur, source: str, date_maj: str, adresse_du_site: str) -> dict:
    resultat = {"source": source, "id": f"{source}--{acteur.id}"}
    resultat.update({c: getattr(acteur, c) for c in CHAMPS_DIRECTS if getattr(acteur, c)})
    resultat["date_maj"] = acteur.date_maj or date_maj
    if adresse_du_site:
        resultat["lien_source"] = f"{adresse_du_site.rstrip('/')}/{acteur.chemin_web}"
    return resultat


def services(acteur: Acteur, projet: ProjetSocial, source: str, date_maj: str) -> list[dict]:
    resultat = []
    for n, permanence in enumerate(acteur.permanences, start=1):
        description = f"Permanence de {acteur.nom} au {projet.centre.nom}."
        if permanence.precisions:
            description += f" {permanence.precisions}"
        service = {
            "source": source,
            "structure_id": f"{source}--{acteur.id}",
            "id": f"{source}--{acteur.id}--permanence-{n}",
            "nom": f"Permanence {acteur.sigle or acteur.nom}",
            "description": description,
            "date_maj": acteur.date_maj or date_maj,
        }
        if thematiques := _correspondances(acteur.mots_cles):
            service["thematiques"] = thematiques
        if publics := _correspondances(acteur.publics):
            service["publics"] = publics
        lieu = permanence.lieu
        if lieu is not None:
            service.update(
                {
                    c: getattr(lieu, c)
                    for c in ("adresse", "complement_adresse", "code_postal", "commune")
                    if getattr(lieu, c)
                }
            )
            if lieu.sur_la_carte:
                service.update(latitude=lieu.latitude, longitude=lieu.longitude)
        if permanence.horaires:
            service["horaires_accueil"] = permanence.horaires
        service.update(
            {c: getattr(acteur, c) for c in ("telephone", "courriel") if getattr(acteur, c)}
        )
        resultat.append(service)
    return resultat


def _raison(erreur) -> str:
    """Une erreur de pydantic, en clair : « nom : String should have at least 3 characters »."""
    return "; ".join(
        f"{'.'.join(str(x) for x in e['loc']) or 'enregistrement'} : {e['msg']}"
        for e in erreur.errors()
    )


def exporter(
    projet: ProjetSocial, date_des_acteurs: datetime.date | None, adresse_du_site: str = ""
) -> Export:
    """Les structures et services, chacun vérifié avec le schéma officiel data·inclusion."""
    from data_inclusion.schema.v1 import (
        Service,
        Structure,
    )  # import tardif : seulement quand on exporte
    from pydantic import ValidationError

    source = identifiant_producteur(projet)
    date_maj = (date_des_acteurs or datetime.date.today()).isoformat()
    export = Export()
    for acteur in projet.acteurs.values():
        for modele, liste, enregistrement in [
            (Structure, export.structures, structure(acteur, source, date_maj, adresse_du_site))
        ] + [(Service, export.services, s) for s in services(acteur, projet, source, date_maj)]:
            try:
                modele.model_validate(enregistrement)
            except ValidationError as erreur:
                export.ecartes.append((enregistrement["nom"], _raison(erreur)))
                continue
            liste.append(enregistrement)
    return export


def schemas_officiels() -> dict[str, dict]:
    """Les schémas JSON officiels des structures et des services, publiés à côté de l'export."""
    from data_inclusion.schema.v1 import Service, Structure

    return {
        FICHIER_SCHEMA_STRUCTURES: Structure.model_list_json_schema(
            title="Structures (data·inclusion v1)",
            id="structures.schema.json",
            description="Schéma officiel data·inclusion des structures.",
        ),
        FICHIER_SCHEMA_SERVICES: Service.model_list_json_schema(
            title="Services (data·inclusion v1)",
            id="services.schema.json",
            description="Schéma officiel data·inclusion des services.",
        ),
    }
