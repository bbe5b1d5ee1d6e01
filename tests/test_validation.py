"""Une erreur de contenu par test : le message en français, le fichier, la ligne."""

from pathlib import Path

import pytest

from outils import remplacer, seule
from projet_social.chargement import charger
from projet_social.verifier import main as verifier


def erreurs(centre: Path, niveau: str = "erreur"):
    _, liste = charger(centre)
    return [e for e in liste if e.niveau == niveau]


def test_le_centre_de_test_est_valide(centre):
    projet, liste = charger(centre)
    assert erreurs(centre) == []
    assert len(projet.fiches) == 2 and len(projet.noeuds) == 6


def test_tabulation_dans_le_yaml(centre):
    remplacer(centre / "data/arbre.yml", "  - id: objectif\n", "\t- id: objectif\n")
    e = seule(centre)
    assert (e.fichier, e.ligne) == ("data/arbre.yml", 5)
    assert "tabulation" in e.message and "espaces" in e.attendu


def test_indentation_incorrecte(centre):
    remplacer(centre / "data/centre.yml", "  fin: 2026", "   fin: 2026")
    e = seule(centre)
    assert e.fichier == "data/centre.yml" and e.ligne == 8
    assert "YAML mal formé" in e.message


def test_guillemet_non_ferme(centre):
    remplacer(
        centre / "docs/fiches/b-01.md", "titre: L'accompagnement", "titre: \"L'accompagnement"
    )
    e = seule(centre)
    assert e.fichier == "docs/fiches/b-01.md" and e.ligne == 3
    assert "guillemet" in e.message


def test_en_tete_absent(centre):
    (centre / "docs/fiches/b-01.md").write_text("# Une fiche sans en-tête\n", encoding="utf-8")
    e = seule(centre)
    assert (e.fichier, e.ligne) == ("docs/fiches/b-01.md", 1)
    assert "en-tête est absent" in e.message


def test_en_tete_jamais_referme(centre):
    (centre / "docs/fiches/b-01.md").write_text("---\ncode: B-01\ntitre: X\n", encoding="utf-8")
    e = seule(centre)
    assert "jamais refermé" in e.message


def test_fichier_vide(centre):
    (centre / "docs/fiches/b-01.md").write_text("", encoding="utf-8")
    e = seule(centre)
    assert e.message == "le fichier est vide"


def test_fichier_pas_en_utf8(centre):
    (centre / "docs/fiches/b-01.md").write_bytes(
        "---\ncode: B-01\ntitre: Fête\n---\n".encode("latin-1")
    )
    e = seule(centre)
    assert e.ligne == 3 and "UTF-8" in e.message


def test_champ_obligatoire_absent(centre):
    remplacer(centre / "docs/fiches/b-01.md", "titre: L'accompagnement à la scolarité (CLAS)\n", "")
    e = seule(centre)
    assert e.champ == "titre" and "obligatoire" in e.message and e.ligne == 2


def test_mauvais_type(centre):
    remplacer(centre / "docs/fiches/b-01.md", "contexte: Les parents", "contexte:\n  - Les parents")
    e = seule(centre)
    assert e.champ == "contexte" and e.ligne == 8
    assert "une liste" in e.message and "un texte" in e.attendu


def test_nombre_au_lieu_d_un_texte(centre):
    remplacer(centre / "docs/fiches/b-01.md", "code: B-01", "code: 12")
    e = seule(centre)
    assert e.champ == "code" and "guillemets" in e.attendu


def test_valeur_hors_vocabulaire_avec_suggestion(centre):
    remplacer(
        centre / "docs/fiches/b-01.md", "publics: [enfants, parents]", "publics: [enfant, parents]"
    )
    e = seule(centre)
    assert e.champ == "publics › n° 1" and e.ligne == 6
    assert "« enfant » n'est pas dans la liste « publics »" in e.message
    assert "vouliez-vous dire « enfants »" in e.message
    assert "enfants, parents, tous" in e.attendu


def test_noeud_inconnu(centre):
    remplacer(
        centre / "docs/fiches/b-01.md",
        "rattachements: [objectif-b1]",
        "rattachements: [objectif-b9]",
    )
    e = seule(centre)
    assert e.champ == "rattachements › n° 1" and "nœud inconnu « objectif-b9 »" in e.message


def test_acteur_inconnu(centre):
    remplacer(
        centre / "docs/fiches/b-01.md",
        "partenaires: [ecole-des-tilleuls,",
        "partenaires: [ecole-des-tilleul,",
    )
    e = seule(centre)
    assert (
        "acteur inconnu « ecole-des-tilleul »" in e.message
        and "vouliez-vous dire « ecole-des-tilleuls »" in e.message
    )


def test_lieu_inconnu(centre):
    remplacer(centre / "docs/fiches/a-01.md", "lieux: [maison-des-tilleuls]", "lieux: [gymnase]")
    e = seule(centre)
    assert e.fichier == "docs/fiches/a-01.md" and "lieu inconnu « gymnase »" in e.message


def test_sigle_inconnu(centre):
    remplacer(centre / "data/acteurs.yml", "sigle: MJC", "sigle: MJCX")
    e = seule(centre)
    assert (
        e.fichier == "data/acteurs.yml" and e.ligne == 3 and "sigle inconnu « MJCX »" in e.message
    )


def test_code_en_double(centre):
    remplacer(centre / "docs/fiches/b-01.md", "code: B-01", "code: A-01")
    e = seule(centre)
    assert e.fichier == "docs/fiches/b-01.md" and "déjà celui de docs/fiches/a-01.md" in e.message


def test_fiche_rattachee_a_aucun_noeud(centre):
    remplacer(centre / "docs/fiches/b-01.md", "rattachements: [objectif-b1]", "rattachements: []")
    e = seule(centre)
    assert e.message == "la fiche n'est rattachée à aucun nœud de l'arbre"


def test_fiche_sans_champ_rattachements(centre):
    remplacer(centre / "docs/fiches/b-01.md", "rattachements: [objectif-b1]\n", "")
    e = seule(centre)
    assert e.message == "la fiche n'est rattachée à aucun nœud de l'arbre"


def test_annee_hors_agrement(centre):
    remplacer(centre / "docs/fiches/b-01.md", "  - annee: 2024", "  - annee: 2020")
    e = seule(centre)
    assert (
        e.champ == "echeancier › n° 1 › annee"
        and "hors de la période d'agrément 2023-2026" in e.message
    )


def test_objectif_sans_fiche_est_un_avertissement(centre):
    avertissements = erreurs(centre, "avertissement")
    assert len(avertissements) == 1
    assert (
        "Objectif A.2" in avertissements[0].message
        and avertissements[0].fichier == "data/arbre.yml"
    )
    assert verifier([str(centre)]) == 0


def test_render_macros_refuse_dans_une_page(centre):
    (centre / "docs/quartier.md").write_text(
        "---\nrender_macros: true\n---\n# {{ 7*7 }}\n", encoding="utf-8"
    )
    e = seule(centre)
    assert e.fichier == "docs/quartier.md" and "réservé au fonctionnement du site" in e.message


def test_render_macros_refuse_dans_une_fiche(centre):
    remplacer(centre / "docs/fiches/b-01.md", "code: B-01", "code: B-01\nrender_macros: true")
    e = seule(centre)
    assert "render_macros" in e.champ and "réservé" in e.message


def test_champ_inconnu_avec_suggestion(centre):
    remplacer(centre / "docs/fiches/b-01.md", "contexte:", "contexe:")
    e = seule(centre)
    assert (
        "champ inconnu « contexe »" in e.message and "vouliez-vous dire « contexte »" in e.message
    )


def test_champ_en_double(centre):
    remplacer(
        centre / "docs/fiches/b-01.md", "statut: nouvelle", "statut: nouvelle\nstatut: continuee"
    )
    e = seule(centre)
    assert "apparaît deux fois" in e.message and e.ligne == 6


def test_indicateur_inconnu_dans_un_bilan(centre):
    remplacer(
        centre / "docs/fiches/a-01.md",
        "- indicateur: Nombre de participants",
        "- indicateur: Nombre de participant",
    )
    e = seule(centre)
    assert (
        "indicateur inconnu" in e.message
        and "vouliez-vous dire « Nombre de participants »" in e.message
    )


def test_valeur_chiffree_pour_un_indicateur_qualitatif(centre):
    remplacer(centre / "docs/fiches/a-01.md", "appreciation: Très bonne", "valeur: 4")
    e = seule(centre)
    assert "qualitatif" in e.message


def test_page_a_une_adresse_reservee(centre):
    (centre / "docs/glossaire.md").write_text("# Mon glossaire\n", encoding="utf-8")
    e = seule(centre)
    assert "produite par le site" in e.message


@pytest.mark.parametrize(
    "chemin",
    [
        "projet-social-complet.md",
        "arbre/domaine-a.md",
        "acteurs/index.md",
        "tableau-de-bord/index.md",
    ],
)
def test_toute_adresse_produite_est_reservee(centre, chemin):
    (centre / "docs" / chemin).parent.mkdir(parents=True, exist_ok=True)
    (centre / "docs" / chemin).write_text("# Page rédigée\n", encoding="utf-8")
    e = seule(centre)
    assert e.fichier == f"docs/{chemin}" and "produite par le site" in e.message


def test_toutes_les_erreurs_d_un_coup(centre, capsys):
    remplacer(
        centre / "docs/fiches/b-01.md", "publics: [enfants, parents]", "publics: [enfant, parents]"
    )
    remplacer(centre / "docs/fiches/a-01.md", "statut: continuee", "statut: continue")
    remplacer(centre / "data/acteurs.yml", "sigle: MJC", "sigle: XYZ")
    assert len(erreurs(centre)) == 3
    assert verifier([str(centre)]) == 1
    sortie = capsys.readouterr().out
    assert "docs/fiches/b-01.md:6 — publics › n° 1 — « enfant » n'est pas dans la liste" in sortie
    assert "docs/fiches/a-01.md:5 — statut — « continue »" in sortie
    assert (
        "data/acteurs.yml:3 — acteur « mjc-des-tilleuls » (Maison des jeunes et de la culture des …) › sigle — sigle inconnu « XYZ »"
        in sortie
    )
    assert "Contenu à corriger : 3 erreurs, 1 avertissement." in sortie
    assert "Traceback" not in sortie


@pytest.mark.parametrize(
    "contenu",
    [
        b"---\n- a\n- b\n---\n",
        b"---\n: :\n---\n",
        b"---\ncode: [\n---\n",
        b"\xff\xfe\x00",
        b"---\ncode: !!python/object:os.system x\n---\n",
        b"---\ncode: B-01\ntitre: X\nrattachements: objectif-b1\necheancier: 3\nbilans: [1, 2]\n---\n",
        b"---\n&a [*a]\n---\n",
    ],
)
def test_jamais_de_trace_python(centre, contenu, capsys):
    (centre / "docs/fiches/b-01.md").write_bytes(contenu)
    code = verifier([str(centre)])
    sortie = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in sortie.out + sortie.err and "interne" not in sortie.err
    assert "docs/fiches/b-01.md" in sortie.out


# -- Le guide de territoire : acteurs, lieux, horaires ------------------------------------------------


def test_horaires_mal_ecrits(centre):
    remplacer(
        centre / "data/acteurs.yml",
        "horaires_accueil: Mo-Fr 09:00-12:00,14:00-17:00; PH off",
        "horaires_accueil: Lu-Ve 9h-12h",
    )
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == (
        "data/acteurs.yml",
        16,
        "acteur « mjc-des-tilleuls » (Maison des jeunes et de la culture des …) › horaires_accueil",
    )
    assert "« Lu-Ve 9h-12h » n'est pas au format des horaires OpenStreetMap" in e.message
    assert "Mo Tu We Th Fr Sa Su" in e.message and "09:00-12:00" in e.message
    assert "Mo-Fr 09:00-12:00,14:00-17:00; PH off" in e.attendu


def test_horaires_d_une_permanence_mal_ecrits(centre):
    remplacer(
        centre / "data/acteurs.yml", "horaires: Tu 14:00-17:00", "horaires: mardi 14:00-17:00"
    )
    e = seule(centre)
    assert (
        e.champ
        == "acteur « mjc-des-tilleuls » (Maison des jeunes et de la culture des …) › permanences › n° 1 › horaires"
        and e.ligne == 20
    )
    assert "les jours s'écrivent en anglais" in e.message


def test_horaires_d_un_lieu_mal_ecrits(centre):
    remplacer(
        centre / "data/lieux.yml",
        "horaires_accueil: Mo-Fr 09:00-18:00",
        "horaires_accueil: Mo-Fr 9h-18h",
    )
    e = seule(centre)
    assert (e.fichier, e.champ) == (
        "data/lieux.yml",
        "lieu « maison-des-tilleuls » (Maison des Tilleuls) › horaires_accueil",
    ) and "les heures s'écrivent 09:00-12:00" in e.message


def test_thematique_d_acteur_inconnue(centre):
    remplacer(
        centre / "data/acteurs.yml",
        "mots_cles: [scolarite, numerique]",
        "mots_cles: [scolarite, numerik]",
    )
    e = seule(centre)
    assert (
        e.champ
        == "acteur « mjc-des-tilleuls » (Maison des jeunes et de la culture des …) › mots_cles › n° 2"
        and e.ligne == 8
    )
    assert (
        "« numerik » n'est pas dans la liste « mots_cles »" in e.message
        and "vouliez-vous dire « numerique »" in e.message
    )


def test_public_d_acteur_inconnu(centre):
    remplacer(centre / "data/acteurs.yml", "publics: [enfants]", "publics: [ados]")
    e = seule(centre)
    assert (
        e.champ == "acteur « ecole-des-tilleuls » (École des Tilleuls) › publics › n° 1"
        and "« ados » n'est pas dans la liste « publics »" in e.message
    )


def test_lieu_de_permanence_inconnu(centre):
    remplacer(
        centre / "data/acteurs.yml",
        "    - lieu: maison-des-tilleuls",
        "    - lieu: maison-des-tilleul",
    )
    e = seule(centre)
    assert (
        e.champ
        == "acteur « mjc-des-tilleuls » (Maison des jeunes et de la culture des …) › permanences › n° 1 › lieu"
        and "lieu inconnu « maison-des-tilleul »" in e.message
    )
    assert "maison-des-tilleuls" in e.message + e.attendu


def test_permanence_vide(centre):
    remplacer(
        centre / "data/acteurs.yml",
        "    - source: Fixture de test (jour et lieu non précisés)",
        "    - {}",
    )
    e = seule(centre)
    assert (
        e.champ
        == "acteur « mjc-des-tilleuls » (Maison des jeunes et de la culture des …) › permanences › n° 2"
        and e.ligne == 23
    )


def test_correspondance_data_inclusion_inconnue(centre):
    remplacer(
        centre / "data/vocabulaires.yml",
        "data_inclusion: [numerique--maitriser-les-fondamentaux-du-numerique]",
        "data_inclusion: [numerique]",
    )
    e = seule(centre)
    assert (
        e.fichier == "data/vocabulaires.yml"
        and e.champ == "mots_cles › n° 3 › data_inclusion › n° 1"
    )
    assert "data·inclusion" in e.attendu


def test_lien_acceslibre_qui_n_est_pas_une_adresse(centre):
    remplacer(
        centre / "data/acteurs.yml",
        "  site_web: https://mjc-tilleuls.example",
        "  site_web: https://mjc-tilleuls.example\n  accessibilite_lieu: acceslibre",
    )
    e = seule(centre)
    assert (
        e.champ
        == "acteur « mjc-des-tilleuls » (Maison des jeunes et de la culture des …) › accessibilite_lieu"
        and "https://" in e.attendu
    )


@pytest.mark.parametrize(
    "fichier, casse",
    [
        ("data/acteurs.yml", "  nom: Maison des jeunes"),
        ("data/vocabulaires.yml", "  - code: enfants"),
    ],
)
def test_un_referentiel_illisible_ne_cache_pas_tout_le_reste(centre, fichier, casse):
    """Un deux-points de trop dans un référentiel : une seule erreur, pas une par référence qui en dépend."""
    remplacer(centre / fichier, casse, casse + " : en trop")
    e = seule(centre)
    assert e.fichier == fichier and "YAML mal formé" in e.message
