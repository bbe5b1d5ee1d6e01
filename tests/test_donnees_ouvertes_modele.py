"""Les données ouvertes (donnees/*.json et *.csv) viennent des objets validés, pas du texte tapé.

Une fiche peut écrire un public par son libellé (« Enfants ») : le chargement l'accepte, et les
données ouvertes publient son code (« enfants »), comme les pages. Chaque champ du schéma d'une
fiche est publié, « partenaires_precisions » compris ; chaque enregistrement suit son schéma publié.
Les centres de test seulement (jamais le contenu du dépôt).
"""

import csv
import dataclasses
import datetime
import io
import json

import pytest

from outils import FIXTURE, FIXTURE_TROIS_NIVEAUX
from projet_social import data_inclusion, donnees_ouvertes, schemas
from projet_social.chargement import charger
from projet_social.lecture import lire_fichier_yaml, lire_markdown
from projet_social.modele import Bilan, Financement, LigneBudget, SousAction

JOUR = datetime.date(2026, 1, 1)


def projet_de(racine):
    projet, erreurs = charger(racine)
    assert projet is not None and not [e for e in erreurs if e.bloquante], erreurs
    return projet


def fichiers(projet) -> dict[str, str]:
    return dict(donnees_ouvertes.fichiers(projet, data_inclusion.exporter(projet, JOUR)))


def lignes_csv(texte: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(texte.removeprefix("\ufeff")), delimiter=";"))


def proprietes(schema: str, definition: str | None = None) -> list[str]:
    document = schemas.schema(schema)
    if definition:
        return list(document["$defs"][definition]["properties"])
    return list(document.get("items", document)["properties"])


def test_un_libelle_tape_est_publie_par_son_code(centre):
    fiche = centre / "docs/fiches/b-01.md"
    texte = fiche.read_text(encoding="utf-8").replace(
        "publics: [enfants, parents]", "publics: [Enfants, parents]"
    )
    texte = texte.replace("mots_cles: [scolarite]", "mots_cles: [Scolarité]")
    texte = texte.replace(
        "partenaires: [", "partenaires_precisions: Les associations du quartier.\npartenaires: ["
    )
    fiche.write_text(texte, encoding="utf-8")
    projet = projet_de(centre)
    assert [t.code for t in projet.fiches["B-01"].publics] == [
        "enfants",
        "parents",
    ]  # le chargement accepte le libellé

    publies = fichiers(projet)
    b01 = next(f for f in json.loads(publies["donnees/fiches.json"]) if f["code"] == "B-01")
    assert b01["publics"] == ["enfants", "parents"] and b01["mots_cles"] == ["scolarite"]
    assert b01["partenaires_precisions"] == "Les associations du quartier."
    assert b01["partenaires"] == ["ecole-des-tilleuls", "mjc-des-tilleuls"]
    ligne = next(l for l in lignes_csv(publies["donnees/fiches.csv"]) if l["code"] == "B-01")
    assert ligne["publics"] == "enfants, parents" and ligne["mots_cles"] == "scolarite"
    assert ligne["partenaires_precisions"] == "Les associations du quartier."
    for element in json.loads(publies["donnees/fiches.json"]):
        assert schemas.valider("fiche", element, "fiches.json", {}) == []


def test_chaque_champ_d_une_fiche_est_publie():
    """Une fiche où tout est rempli : l'enregistrement publié a exactement les champs du schéma (bilans compris)."""
    projet = projet_de(FIXTURE)
    source = projet.fiches["A-01"]
    mjc = projet.acteurs["mjc-des-tilleuls"]
    bilan = dataclasses.replace(
        source.bilans[0],
        resultats_territoire="Un quartier plus animé.",
        resultats_centre="De nouveaux bénévoles.",
    )
    assert isinstance(bilan, Bilan)
    pleine = dataclasses.replace(
        source,
        publics_precisions="Les familles du quartier.",
        moyens_humains="Deux animateurs.",
        moyens_materiels="Une salle.",
        partenaires_precisions="Le comité des fêtes.",
        budget=[LigneBudget(2024, 1500.5, "fonctionnement")],
        financeurs=[mjc],
        tarifs="Gratuit.",
        bilans=[bilan],
        porteurs=[mjc],
        sous_actions=[
            SousAction(
                "Le repas partagé",
                "Chacun apporte un plat.",
                "en juin",
                list(projet.lieux.values())[:1],
            )
        ],
        financements=[Financement(mjc, 2024, 300, "Subvention de fonctionnement.")],
        en_bref="Une fête pour tout le quartier.",
        horaires="We 14:00-17:00",
        inscription="Sans inscription.",
        telephone="01 99 00 00 01",
        courriel="fete@exemple.fr",
    )
    enregistrement = donnees_ouvertes.fiche(pleine)
    assert list(enregistrement) == proprietes("fiche")  # tous, dans l'ordre du schéma
    assert list(enregistrement["bilans"][0]) == proprietes("fiche", "bilan")
    assert schemas.valider("fiche", enregistrement, "fiches.json", {}) == []
    assert enregistrement["budget"] == [
        {"annee": 2024, "montant": 1500.5, "nature": "fonctionnement"}
    ]


def test_projets_inconnus_ou_aucun():
    """« projets » absent : information non disponible ; « projets: [] » : aucun. Les deux restent distincts."""
    projet = projet_de(FIXTURE)
    fiche = projet.fiches["B-01"]
    assert fiche.projets is None and "projets" not in donnees_ouvertes.fiche(fiche)
    assert donnees_ouvertes.fiche(dataclasses.replace(fiche, projets=[]))["projets"] == []


@pytest.mark.parametrize(
    "racine", [FIXTURE, FIXTURE_TROIS_NIVEAUX], ids=["deux-niveaux", "trois-niveaux"]
)
def test_les_donnees_publiees_sont_les_donnees_validees(racine):
    """Écrites avec des codes, les données publiées sont celles des fichiers (à l'ordre des champs près ;
    les bilans d'une fiche de la première année à la dernière) : les tirer du modèle ne perd rien."""
    projet = projet_de(racine)
    publies = fichiers(projet)
    for nom in ("acteurs", "lieux", "arbre", "sigles"):
        lu = lire_fichier_yaml(racine / "data" / f"{nom}.yml", nom)
        assert json.loads(publies[f"donnees/{nom}.json"]) == lu.valeur, nom
    for fiche in json.loads(publies["donnees/fiches.json"]):
        fichier = racine / "docs" / projet.fiches[fiche["code"]].fichier
        tape = lire_markdown(fichier, fichier.name, en_tete_obligatoire=True).valeur
        if "bilans" in tape:
            tape["bilans"] = sorted(tape["bilans"], key=lambda b: b["annee"])
        assert fiche == tape, fiche["code"]


@pytest.mark.parametrize(
    "jeu",
    [j for j in donnees_ouvertes.JEUX if j.nom not in ("arbre", "sigles")],
    ids=lambda j: j.nom,
)
def test_le_csv_a_une_colonne_par_champ_du_schema(jeu):
    """Les colonnes d'un CSV ne dépendent pas de ce que les équipes ont rempli : ce sont les champs du schéma."""
    publies = fichiers(projet_de(FIXTURE))
    entetes = next(
        csv.reader(io.StringIO(publies[jeu.fichier_csv].removeprefix("\ufeff")), delimiter=";")
    )
    assert entetes == proprietes(jeu.schema)
