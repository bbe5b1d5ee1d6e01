"""Les données ouvertes : tout le contenu du projet social en JSON et en CSV.

Page produite : ``donnees/index.md``. Fichiers produits (dans ``donnees/``) :

- ``fiches``, ``arbre``, ``acteurs``, ``lieux``, ``sigles`` en ``.json`` : les objets
  validés (modele.py), remis dans la forme des fichiers des équipes ; chacun suit son
  schéma publié dans ``/schemas/`` (les fiches : une liste dont chaque élément suit
  ``fiche.schema.json``). Une valeur d'un vocabulaire y est toujours son code (même si
  la fiche a tapé le libellé), un acteur, un lieu ou un nœud son identifiant ; un champ
  sans valeur est absent, sauf ``projets: []`` (« aucun », qui n'est pas « inconnu ») ;
- les mêmes en ``.csv`` : une ligne par enregistrement (un nœud de l'arbre par
  ligne, avec son parent), une colonne par champ du schéma (toujours les mêmes),
  les listes jointes par « , », le reste (échéancier, bilans, permanences…) en JSON
  dans sa cellule ;
- ``actions.json`` / ``.csv`` : les fiches dans les champs de la base nationale (``export.py``) ;
- ``data-inclusion/`` : les acteurs au format data·inclusion (``data_inclusion.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import data_inclusion, export, schemas
from .modele import COORDONNEES, Acteur, Bilan, Fiche, Lieu, Noeud, ProjetSocial

DOSSIER = export.DOSSIER_DONNEES
PAGE = f"{DOSSIER}index.md"
DOSSIER_SCHEMAS = (
    "schemas/"  # les schémas publiés avec le site (le contrat des fichiers ci-dessous)
)


@dataclass(frozen=True)
class Jeu:
    nom: str  # « acteurs » : donne donnees/acteurs.json et .csv
    titre: str  # ce que la page affiche
    schema: str  # le schéma publié qui le décrit (dans /schemas/)
    description: str

    @property
    def fichier_json(self) -> str:
        return f"{DOSSIER}{self.nom}.json"

    @property
    def fichier_csv(self) -> str:
        return f"{DOSSIER}{self.nom}.csv"

    @property
    def fichier_schema(self) -> str:
        return f"{DOSSIER_SCHEMAS}{self.schema}.schema.json"


JEUX = [
    Jeu(
        "fiches",
        "Les fiches actions",
        "fiche",
        "Une liste : chaque élément est l'en-tête d'une fiche, dans l'ordre de l'arbre.",
    ),
    Jeu(
        "arbre",
        "L'arbre des objectifs",
        "arbre",
        "Les niveaux et les nœuds (axes, enjeux, objectifs…) ; le CSV a un nœud par ligne, avec son parent.",
    ),
    Jeu(
        "acteurs",
        "Les acteurs du territoire",
        "acteurs",
        "Les structures, leurs coordonnées, horaires, thématiques, publics et permanences.",
    ),
    Jeu(
        "lieux",
        "Les lieux",
        "lieux",
        "Les lieux, leur adresse et, quand une source les donne, leurs coordonnées.",
    ),
    Jeu("sigles", "Les sigles", "sigles", "Chaque sigle et sa signification."),
]


# -- Des objets validés aux enregistrements publiés ---------------------------------------------------


def _sans_vides(enregistrement: dict, garder: tuple[str, ...] = ()) -> dict:
    """Un champ sans valeur (None, « », []) est absent, comme dans les fichiers des équipes (le schéma refuse souvent
    le vide) ; un champ de ``garder`` ne l'est que s'il vaut None (``projets: []`` veut dire « aucun »)."""
    return {
        c: v
        for c, v in enregistrement.items()
        if v is not None and (c in garder or (v != "" and v != []))
    }


def _codes(termes) -> list[str]:
    return [t.code for t in termes]


def _ids(objets) -> list[str]:
    return [o.id for o in objets]


def _bilan(bilan: Bilan) -> dict:
    return _sans_vides(
        {
            "annee": bilan.annee,
            "statut_avancement": bilan.statut_avancement.code,
            "realisations": bilan.realisations,
            "indicateurs": [
                _sans_vides(
                    {
                        "indicateur": v.indicateur,
                        "valeur": v.valeur,
                        "unite": v.unite,
                        "appreciation": v.appreciation,
                    }
                )
                for v in bilan.indicateurs
            ],
            "resultats_habitants": bilan.resultats_habitants,
            "resultats_territoire": bilan.resultats_territoire,
            "resultats_centre": bilan.resultats_centre,
            "limites": bilan.limites,
            "perspectives": bilan.perspectives,
            "date": bilan.date,
            "auteur_role": bilan.auteur_role,
        }
    )


def fiche(f: Fiche) -> dict:
    """L'en-tête d'une fiche, tiré de l'objet validé, dans l'ordre et la forme de ``fiche.schema.json``."""
    return _sans_vides(
        {
            "code": f.code,
            "titre": f.titre,
            "en_bref": f.en_bref,
            "horaires": f.horaires,
            "inscription": f.inscription,
            "contact": _sans_vides({"telephone": f.telephone, "courriel": f.courriel}) or None,
            "rattachements": _ids(f.rattachements),
            "porteurs": _ids(f.porteurs),
            "statut": f.statut.code if f.statut else None,
            "projets": _codes(f.projets)
            if f.projets is not None
            else None,  # None : information non disponible
            "publics": _codes(f.publics),
            "mots_cles": _codes(f.mots_cles),
            "contexte": f.contexte,
            "objectif_general": f.objectif_general,
            "objectifs_operationnels": f.objectifs_operationnels,
            "publics_precisions": f.publics_precisions,
            "presentation": f.presentation,
            "sous_actions": [
                _sans_vides(
                    {
                        "titre": s.titre,
                        "description": s.description,
                        "periode": s.periode,
                        "lieux": _ids(s.lieux),
                    }
                )
                for s in f.sous_actions
            ],
            "echeancier": [
                {**_sans_vides({"annee": e.annee, "annee_fin": e.annee_fin}), "texte": e.texte}
                for e in f.echeancier
            ],
            "moyens_humains": f.moyens_humains,
            "moyens_materiels": f.moyens_materiels,
            "partenaires": _ids(f.partenaires),
            "partenaires_precisions": f.partenaires_precisions,
            "lieux": _ids(f.lieux),
            "resultats_attendus": f.resultats_attendus,
            "indicateurs_quantitatifs": f.indicateurs_quantitatifs,
            "indicateurs_qualitatifs": f.indicateurs_qualitatifs,
            "freins": f.freins,
            "budget": [
                _sans_vides({"annee": l.annee, "montant": l.montant, "nature": l.nature})
                for l in f.budget
            ],
            "financeurs": _ids(f.financeurs),
            "financements": [
                _sans_vides(
                    {
                        "financeur": x.financeur.id,
                        "annee": x.annee,
                        "montant": x.montant,
                        "precisions": x.precisions,
                    }
                )
                for x in f.financements
            ],
            "tarifs": [
                _sans_vides({"libelle": t.libelle, "montant": t.montant, "condition": t.condition})
                for t in f.tarifs_liste
            ]
            or f.tarifs,
            "bilans": [
                _bilan(b) for b in sorted(f.bilans, key=lambda b: b.annee)
            ],  # de la première année à la dernière
        },
        garder=("projets",),
    )


def acteur(a: Acteur) -> dict:
    return _sans_vides(
        {
            "id": a.id,
            "nom": a.nom,
            "sigle": a.sigle,
            "description": a.description,
            "missions": a.missions,
            "mots_cles": _codes(a.mots_cles),
            "publics": _codes(a.publics),
            **{c: getattr(a, c) for c in COORDONNEES},
            "lieux": _ids(a.lieux),
            "permanences": [
                _sans_vides(
                    {
                        "lieu": p.lieu.id if p.lieu else None,
                        "horaires": p.horaires,
                        "precisions": p.precisions,
                        "source": p.source,
                    }
                )
                for p in a.permanences
            ],
            "source": a.source,
            "date_maj": a.date_maj,
        }
    )


def lieu(l: Lieu) -> dict:
    return _sans_vides(
        {
            c: getattr(l, c)
            for c in (
                "id",
                "nom",
                "description",
                "adresse",
                "complement_adresse",
                "code_postal",
                "commune",
                "horaires_accueil",
                "accessibilite_lieu",
                "latitude",
                "longitude",
                "source",
            )
        }
    )


def _noeud(n: Noeud) -> dict:
    return _sans_vides(
        {
            "id": n.id,
            "code": n.code,
            "titre": n.titre,
            "description": n.description,
            "renvois": _ids(n.renvois),
            "enfants": [_noeud(e) for e in n.enfants],
        }
    )


def enregistrements(projet: ProjetSocial, nom: str) -> object:
    """Les données d'un jeu, tirées des objets validés, dans la forme de son schéma publié."""
    if nom == "fiches":
        return [fiche(f) for f in projet.fiches.values()]
    if nom == "acteurs":
        return [acteur(a) for a in projet.acteurs.values()]
    if nom == "lieux":
        return [lieu(l) for l in projet.lieux.values()]
    if nom == "sigles":
        return dict(projet.sigles)
    if nom == "arbre":
        return {
            "niveaux": [{"id": n.id, "nom": n.nom, "pluriel": n.pluriel} for n in projet.niveaux],
            "noeuds": [_noeud(r) for r in projet.racines],
        }
    raise KeyError(nom)


# -- En CSV -----------------------------------------------------------------------------------------


def _valeur_csv(valeur: object) -> object:
    if isinstance(valeur, list) and all(isinstance(v, (str, int, float)) for v in valeur):
        return valeur  # export.ecrire_csv les joint par « , »
    if isinstance(valeur, (list, dict)):
        return json.dumps(valeur, ensure_ascii=False)
    return "" if valeur is None else valeur


def _proprietes(schema: str) -> dict:
    proprietes = schemas.schema(schema)
    return proprietes.get("items", proprietes).get("properties", {})


def _noeuds_a_plat(projet: ProjetSocial) -> list[dict]:
    return [
        {
            "id": n.id,
            "niveau": n.niveau.id,
            "code": n.code,
            "titre": n.titre,
            "parent": n.parent.id if n.parent else "",
            "description": n.description,
            "renvois": _ids(n.renvois),
        }
        for racine in projet.racines
        for n in [racine, *racine.descendants()]
    ]


def en_csv(projet: ProjetSocial, jeu: Jeu) -> str:
    """Une ligne par enregistrement ; une colonne par champ du schéma, dans son ordre, même vide."""
    if jeu.nom == "sigles":
        return export.ecrire_csv(
            ["sigle", "signification"], [[s, v] for s, v in projet.sigles.items()]
        )
    if jeu.nom == "arbre":
        colonnes = ["id", "niveau", "code", "titre", "parent", "description", "renvois"]
        return export.ecrire_csv(
            colonnes, [[_valeur_csv(l[c]) for c in colonnes] for l in _noeuds_a_plat(projet)]
        )
    colonnes = list(_proprietes(jeu.schema))
    return export.ecrire_csv(
        colonnes,
        [[_valeur_csv(e.get(c)) for c in colonnes] for e in enregistrements(projet, jeu.nom)],
    )


def fichiers(projet: ProjetSocial, di: data_inclusion.Export) -> list[tuple[str, str]]:
    """(chemin dans le site, contenu) de tous les fichiers de données ouvertes ; ``di`` : l'export
    data·inclusion de la construction (Construction.data_inclusion, fait une fois)."""
    resultat = []
    for jeu in JEUX:
        resultat.append((jeu.fichier_json, export.texte_json(enregistrements(projet, jeu.nom))))
        resultat.append((jeu.fichier_csv, en_csv(projet, jeu)))
    resultat.append((export.FICHIER_JSON, export.en_json(projet)))
    resultat.append((export.FICHIER_CSV, export.en_csv(projet)))
    resultat.append((data_inclusion.FICHIER_STRUCTURES, export.texte_json(di.structures)))
    resultat.append((data_inclusion.FICHIER_SERVICES, export.texte_json(di.services)))
    resultat += [
        (chemin, export.texte_json(schema))
        for chemin, schema in data_inclusion.schemas_officiels().items()
    ]
    return resultat


def contexte(di: data_inclusion.Export) -> dict:
    """Ce que reçoit le gabarit de la page « Données ouvertes »."""
    return {
        "jeux": JEUX,
        "champs": export.CHAMPS,
        "fichier_json": export.FICHIER_JSON,
        "fichier_csv": export.FICHIER_CSV,
        "data_inclusion": di,
        "di": data_inclusion,
    }
