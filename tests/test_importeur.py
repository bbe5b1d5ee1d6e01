"""Tests unitaires de l'import du projet social (scripts/importer_projet_social.py).

Chaque test lit un petit extrait écrit ici, dans le format de l'export texte
du modèle CAF (cellules séparées par des tabulations, fragments HTML).
"""

import errno
import os
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "scripts"))

import importer_projet_social as imp  # noqa: E402

T = "\t"


@pytest.fixture(autouse=True)
def signalements_vides():
    imp.SIGNALEMENTS.clear()
    yield
    imp.SIGNALEMENTS.clear()


def fiche_exemple(
    lignes_tableau, entete="AXE 1 - Favoriser l'accès aux droits", titre="01. Une action"
):
    return (
        [entete, "", titre, "", "Projet Animation Collective Famille", "", "Projet Jeunesse", ""]
        + lignes_tableau
        + ["", "**ET DEMAIN"]
    )


# --- Réparations et cellules ------------------------------------------------


def test_reparer_les_degats_de_conversion():
    assert imp.reparer("le 1^{er} janvier, en 3^{ème}, 6^eme") == "le 1er janvier, en 3ème, 6ème"
    assert imp.reparer("l&#39;accueil &amp; l'écoute") == "l'accueil & l'écoute"
    assert imp.reparer("accompagnement  .") == "accompagnement."


def test_cellule_paragraphe_et_liste_a_puces():
    blocs = imp.blocs_de_cellule(
        '<p>Développer l\'inclusion numérique</p> <ul style="list-style-type: none"> • Adapter les espaces • Accompagner en ligne '
    )
    assert [b.genre for b in blocs] == ["p", "liste"]
    assert blocs[0].texte == "Développer l'inclusion numérique"
    assert [e for e, _ in blocs[1].elements] == ["Adapter les espaces", "Accompagner en ligne"]


def test_liste_a_tirets_et_sous_liste():
    blocs = imp.blocs_de_cellule(
        "<ul> - Premier temps : <ul> ○ rencontres, ○ communication, - Enfin des formations"
    )
    liste = blocs[0]
    assert liste.elements[0] == ("Premier temps :", ["rencontres,", "communication,"])
    assert liste.elements[1] == ("Enfin des formations", [])
    assert "    - rencontres," in imp.markdown_de_blocs(blocs)


def test_liste_sans_separateur_reste_entiere_et_non_decoupable():
    elements, decoupable = imp.elements_de_liste(
        "Nombre d'ateliers menés Assiduité des participants Nombre de participants"
    )
    assert not decoupable
    assert elements == [
        ("Nombre d'ateliers menés Assiduité des participants Nombre de participants", [])
    ]


def test_liste_sans_puces_mais_avec_points_virgules():
    elements, decoupable = imp.elements_de_liste(
        "définir la constitution ; choix d'une méthode ; choix d'un calendrier."
    )
    assert decoupable
    assert [e for e, _ in elements] == [
        "définir la constitution ;",
        "choix d'une méthode ;",
        "choix d'un calendrier.",
    ]


def test_texte_souligne_devient_gras():
    blocs = imp.blocs_de_cellule("<p><u>Partenaires opérationnels</u>: Femmes solidaires</p>")
    assert blocs[0].texte == "**Partenaires opérationnels** : Femmes solidaires"


@pytest.mark.parametrize(
    "intitule, rubrique",
    [
        ("Objectif général / Objectifs opérationnels", "objectifs"),
        ("Objectifs généraux / Objectifs opérationnels", "objectifs"),
        ("Objectifs général / Opérationnels", "objectifs"),
        ("Public cible / spécifique", "public"),
        ("Public", "public"),
        ("Echéancier", "echeancier"),
        ("Ressources internes", "moyens"),
        ("Moyens", "moyens"),
        ("Partenariat Potentiel", "partenariat"),
        ("Tout public", None),
        ("<p>Contexte</p>", None),
    ],
)
def test_intitules_des_variantes_du_modele(intitule, rubrique):
    assert imp.rubrique_de(intitule) == rubrique


# --- Repérer les fiches et lire les tableaux -------------------------------------


def test_titres_numerotes_variantes():
    for titre, numero in (
        ("10 . La coordination", 10),
        ("17 – Les accueils libres", 17),
        ("03. Quel accompagnement ?", 3),
    ):
        lignes = fiche_exemple(
            [
                "Contexte" + T + T + "Objectif général / Objectifs opérationnels" + T,
                "<p>Ctx</p>" + T + T + "<p>Obj</p>" + T,
            ]
        )
        lignes[2] = titre
        fiches = imp.reperer_fiches(lignes)
        assert [(f.numero, f.code) for f in fiches] == [(numero, f"1-{numero:02d}")]


def test_axe_transversal_et_guillemets():
    lignes = fiche_exemple(["Contexte" + T + "<p>x</p>"], entete="AXE TRANSVERSAL – Pôle ressource")
    assert imp.reperer_fiches(lignes)[0].code == "T-01"
    lignes = fiche_exemple(
        ["Contexte" + T + "<p>x</p>"], entete="AXE «3 – Vivre et agir ensemble »"
    )
    assert imp.reperer_fiches(lignes)[0].code == "3-01"


def test_tableau_trois_colonnes_et_deux_colonnes():
    trois = fiche_exemple(
        [
            "Contexte" + T + T + "Objectif général / Objectifs opérationnels" + T,
            "<p>Le contexte</p>" + T + T + "<p>Objectif</p> <ul> • Un • Deux" + T,
            "Échéancier" + T + T + "Moyens / Ressources internes" + T + "Partenariat",
            "2021/2024"
            + T
            + T
            + "<p>Moyens humains</p> <ul> • 1 ADS <p>Ressources matérielles et financières</p> <ul> • Salle"
            + T
            + "<ul> - CDAD",
        ]
    )
    deux = fiche_exemple(
        [
            "Contexte" + T + "Objectif général / Objectifs opérationnels" + T,
            "<p>Le contexte</p>" + T + "<p>Objectif</p> <ul> • Un • Deux" + T,
            "Échéancier" + T + "Moyens / Ressources internes" + T + "Partenariat",
            "2021/2024"
            + T
            + "<p>Moyens humains</p> <ul> • 1 ADS <p>Ressources matérielles et financières</p> <ul> • Salle"
            + T
            + "<ul> - CDAD",
        ]
    )
    referentiel = [{"id": "cdad", "nom": "CDAD", "motifs": ["CDAD"]}]
    arbre = imp.Arbre(placements={"1-01": ["objectif-a"]}, statut_de={"1-01": "E"})
    for lignes in (trois, deux):
        fiche = imp.construire_fiche(imp.reperer_fiches(lignes)[0], arbre, referentiel)
        assert fiche["contexte"] == "Le contexte"
        assert fiche["objectif_general"] == "Objectif"
        assert fiche["objectifs_operationnels"] == ["Un", "Deux"]
        assert fiche["moyens_humains"] == "- 1 ADS"
        assert fiche["moyens_materiels"] == "- Salle"
        assert fiche["partenaires"] == ["cdad"]
        assert "partenaires_precisions" not in fiche
        assert fiche["echeancier"] == [{"texte": "2021/2024"}]
        assert fiche["rattachements"] == ["objectif-a"] and fiche["statut"] == "E"
        assert "projets" not in fiche


def test_cellule_continuee_sur_la_ligne_d_intitule_suivante():
    lignes = fiche_exemple(
        [
            "Résultats attendus" + T + T + "Indicateurs d'évaluation" + T,
            "<p>Des résultats</p>"
            + T
            + T
            + "<p>Indicateurs quantitatifs</p> <ul> • Nombre de séances"
            + T,
            "Freins à lever" + T + T + "<p>Indicateurs qualitatifs</p> <ul> • Satisfaction" + T,
            "<p>Mobilisation du public</p>" + T + T + T,
        ]
    )
    fiche = imp.construire_fiche(imp.reperer_fiches(lignes)[0], imp.Arbre(), [])
    assert fiche["indicateurs_quantitatifs"] == ["Nombre de séances"]
    assert fiche["indicateurs_qualitatifs"] == ["Satisfaction"]
    assert fiche["freins"] == "Mobilisation du public"


def test_intitule_et_contenu_sur_la_meme_ligne_en_fin_de_tableau():
    lignes = fiche_exemple(
        [
            "Résultats attendus" + T + "Indicateurs d'évaluation" + T + T,
            "<p>R</p>" + T + "<p>Indicateurs quantitatifs</p> <ul> • N" + T + T,
            "Freins à lever" + T + "<p>Une communication claire.</p>" + T + T,
        ]
    )
    fiche = imp.construire_fiche(imp.reperer_fiches(lignes)[0], imp.Arbre(), [])
    assert fiche["freins"] == "Une communication claire."
    assert fiche["indicateurs_quantitatifs"] == ["N"]


def test_cellule_hors_rubrique_signalee_avec_fiche_et_ligne():
    lignes = fiche_exemple(
        [
            "Contexte" + T + T,
            "<p>Le contexte</p>" + T + T + "<p>Texte orphelin sans intitulé</p>",
        ],
        titre="07. Orpheline",
    )
    fiche = imp.reperer_fiches(lignes)[0]
    assert fiche.cellules["contexte"] == [(10, "<p>Le contexte</p>")]
    assert len(imp.SIGNALEMENTS) == 1
    signalement = imp.SIGNALEMENTS[0]
    assert (signalement.fiche, signalement.ligne) == ("1-07", 10)
    assert str(signalement).startswith("À vérifier : fiche 1-07, ligne 10 :")


def test_liste_sans_separateur_signalee_avec_fiche_et_ligne():
    lignes = fiche_exemple(
        [
            "Résultats attendus" + T + "Indicateurs d'évaluation",
            "<p>R</p>"
            + T
            + "<p>Indicateurs quantitatifs</p> <ul> Nombre d'ateliers menés Assiduité des participants aux ateliers Nombre de partenaires associés",
        ],
        titre="05. Mobilité",
    )
    fiche = imp.construire_fiche(imp.reperer_fiches(lignes)[0], imp.Arbre(), [])
    assert fiche["indicateurs_quantitatifs"] == [
        "Nombre d'ateliers menés Assiduité des participants aux ateliers Nombre de partenaires associés"
    ]
    assert any(
        s.fiche == "1-05" and s.ligne == 10 and "sans séparateurs" in s.message
        for s in imp.SIGNALEMENTS
    )


# --- Échéancier ------------------------------------------------------------------


def etapes(fragment):
    return imp.echeancier(imp.blocs_de_cellule(fragment))


def test_echeancier_annees():
    assert etapes("<p>2021 :</p> <ul> - Wifi - tablettes <p>2022 candidature</p>") == [
        {"annee": 2021, "texte": "- Wifi\n- tablettes"},
        {"annee": 2022, "texte": "candidature"},
    ]
    assert etapes("<p>Été 2021 : séjours</p>") == [{"annee": 2021, "texte": "Été 2021 : séjours"}]
    assert etapes("<p>2021 : mobilisation 2022/2024 : déploiement</p>") == [
        {"annee": 2021, "texte": "mobilisation"},
        {"annee": 2022, "annee_fin": 2024, "texte": "déploiement"},
    ]


def test_echeancier_sans_annee_claire_ou_hors_agrement():
    assert etapes("<p>Sur la durée du projet social</p>") == [
        {"texte": "Sur la durée du projet social"}
    ]
    assert etapes("<p>Rentrée 2021/2022</p>") == [{"texte": "Rentrée 2021/2022"}]
    assert etapes("<p>de décembre 2020 à juin 2021.</p>") == [
        {"texte": "de décembre 2020 à juin 2021."}
    ]
    assert etapes("<p>2022-2025 : relance</p>") == [{"annee": 2022, "texte": "2022-2025 : relance"}]
    assert etapes("<p>2019 : avant</p>") == [{"texte": "2019 : avant"}]


# --- Arbre, acteurs, sigles ----------------------------------------------------------

ARBRE = [
    "AXE 1 : Accéder à ses droits",
    T + "*" + T + "2021" + T + "2022",
    "Enjeu n° 1 : Favoriser l'accès aux droits" + T + T,
    "Favoriser l'insertion socioprofessionnelle" + T,
    "01. L'accompagnement à l'insertion" + T + "E" + T,
    "* E : évolution d'une action existante / NA : nouvelle action / AE : action existante",
    "",
    "AXE 2 : Grandir",
    "Enjeu n° 2 : Accompagner les parents",
    "Soutenir la fonction parentale",
    "01. Les cafés des parents",
    "",
    "NA",
    "Renforcer les liens familiaux",
    "01. Les cafés des parents",
    "Faciliter l'insertion des parents - Cf accès aux droits",
    "Favoriser les initiatives des jeunes",
    "L'accompagnement à l'insertion (cf axe 1)",
    "* E : évolution d'une action existante / NA : nouvelle action / AE : action existante",
]


def test_arbre_statuts_rattachements_et_renvois():
    arbre = imp.lire_arbre(ARBRE)
    imp.resoudre_renvois(
        arbre,
        {
            "renvois": {
                "faciliter-l-insertion-des-parents": ["favoriser-l-insertion-socioprofessionnelle"]
            }
        },
    )
    assert [a["id"] for a in arbre.axes] == ["axe-1", "axe-2"]
    assert arbre.statuts[1] == ("NA", "nouvelle action")
    assert arbre.statut_de == {"1-01": "E", "2-01": "NA"}
    assert arbre.placements["2-01"] == [
        "soutenir-la-fonction-parentale",
        "renforcer-les-liens-familiaux",
    ]
    assert arbre.placements["1-01"] == [
        "favoriser-l-insertion-socioprofessionnelle",
        "favoriser-les-initiatives-des-jeunes",
    ]
    objectifs = {o["id"]: o for o in arbre.axes[1]["enfants"][0]["enfants"]}
    assert objectifs["faciliter-l-insertion-des-parents"]["renvois"] == [
        "favoriser-l-insertion-socioprofessionnelle"
    ]
    assert objectifs["favoriser-les-initiatives-des-jeunes"]["renvois"] == [
        "favoriser-l-insertion-socioprofessionnelle"
    ]


def test_renvoi_libre_non_resolu_est_signale():
    arbre = imp.lire_arbre(ARBRE)
    imp.resoudre_renvois(arbre, {})
    assert any("Cf accès aux droits" in s.message and s.ligne == 16 for s in imp.SIGNALEMENTS)


def test_acteurs_deux_structures_dans_une_mention():
    referentiel = [
        {
            "id": "college-baudelaire",
            "nom": "Collège Baudelaire",
            "motifs": ["Collèges Baudelaire", "Collège Baudelaire"],
        },
        {"id": "college-lucie-aubrac", "nom": "Collège Lucie Aubrac", "motifs": ["Lucie Aubrac"]},
        {"id": "caf", "nom": "Caf", "motifs": ["Caf"]},
    ]
    assert imp.reconnaitre_acteurs("Collèges Baudelaire et Lucie Aubrac", referentiel) == (
        ["college-baudelaire", "college-lucie-aubrac"],
        True,
    )
    assert imp.reconnaitre_acteurs("Caf (dispositif CLAS)", referentiel) == (["caf"], False)
    assert imp.reconnaitre_acteurs("Les cafés des parents", referentiel) == ([], False)


def test_sigles_deux_paires_par_ligne():
    lignes = [
        "SIGLES & ABRÉVIATIONS",
        "",
        "ACM" + T + "Accueils Collectifs des Mineurs" + T + "DIP" + T + "Direction de l'Innovation",
        "CD 63" + T + "Conseil Départemental",
        "",
        "Par ce document",
    ]
    assert imp.lire_sigles(lignes) == {
        "ACM": "Accueils Collectifs des Mineurs",
        "CD 63": "Conseil Départemental",
        "DIP": "Direction de l'Innovation",
    }


# --- Garde-fous : ne jamais écraser le travail de l'équipe ---------------------------

SOURCE_MINI = fiche_exemple(
    [
        "Contexte" + T + "Objectif général / Objectifs opérationnels" + T,
        "<p>Le contexte</p>" + T + "<p>Objectif</p> <ul> • Un • Deux" + T,
    ]
)


def instantane(dossier: Path) -> dict[str, bytes]:
    """Tous les fichiers du dossier, octet par octet."""
    return {
        p.relative_to(dossier).as_posix(): p.read_bytes()
        for p in sorted(dossier.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def source(tmp_path) -> Path:
    chemin = tmp_path / "source.txt"
    chemin.write_text("\n".join(SOURCE_MINI) + "\n", encoding="utf-8")
    return chemin


@pytest.fixture
def sans_parametres(tmp_path) -> list[str]:
    chemin = tmp_path / "parametres.yml"
    chemin.write_text("{}\n", encoding="utf-8")
    return ["--parametres", str(chemin)]


@pytest.fixture
def centre_equipe(tmp_path) -> Path:
    """Un centre déjà rempli par l'équipe : data/*.yml et une fiche 1-01 retouchée à la main."""
    centre = tmp_path / "centre"
    (centre / "data").mkdir(parents=True)
    (centre / "docs" / "fiches").mkdir(parents=True)
    (centre / "data" / "acteurs.yml").write_text(
        "# Complété à la main.\n- id: caf\n  nom: Caf\n", encoding="utf-8"
    )
    (centre / "data" / "sigles.yml").write_text(
        "CAF: Caisse d'allocations familiales\n", encoding="utf-8"
    )
    (centre / "docs" / "fiches" / "1-01.md").write_text(
        '---\ncode: "1-01"\ntitre: Relue par l\'équipe\n---\n', encoding="utf-8"
    )
    return centre


def test_sans_sortie_l_import_va_dans_un_nouveau_dossier(
    centre_equipe, source, sans_parametres, monkeypatch, capsys
):
    avant = instantane(centre_equipe)
    monkeypatch.chdir(centre_equipe)
    assert imp.main([str(source), *sans_parametres]) == 0
    nouveau_dossier = centre_equipe / imp.SORTIE_PAR_DEFAUT
    assert {
        k: v
        for k, v in instantane(centre_equipe).items()
        if not k.startswith(f"{imp.SORTIE_PAR_DEFAUT}/")
    } == avant
    assert (
        (nouveau_dossier / "docs" / "fiches" / "1-01.md")
        .read_text(encoding="utf-8")
        .startswith('---\ncode: "1-01"\ntitre: Une action\n')
    )
    assert (nouveau_dossier / "data" / "acteurs.yml").exists()
    assert f"1 fiches écrites dans {imp.SORTIE_PAR_DEFAUT}" in capsys.readouterr().out
    # Une deuxième fois : le dossier n'est plus neuf, refus.
    deja = instantane(centre_equipe)
    assert imp.main([str(source), *sans_parametres]) == 1
    assert instantane(centre_equipe) == deja


def test_dossier_existant_remplace_seulement_avec_ecraser(
    centre_equipe, source, sans_parametres, capsys
):
    avant = instantane(centre_equipe)
    assert imp.main([str(source), "--sortie", str(centre_equipe), *sans_parametres]) == 1
    erreur = capsys.readouterr().err
    assert (
        "existe déjà et n'est pas vide" in erreur
        and "--ecraser" in erreur
        and "Rien n'a été écrit." in erreur
    )
    assert instantane(centre_equipe) == avant
    with pytest.raises(imp.Refus):
        imp.importer(source, centre_equipe, {})
    assert instantane(centre_equipe) == avant
    # Avec --ecraser : l'équipe l'a demandé explicitement.
    assert (
        imp.main([str(source), "--sortie", str(centre_equipe), "--ecraser", *sans_parametres]) == 0
    )
    assert "titre: Une action" in (centre_equipe / "docs" / "fiches" / "1-01.md").read_text(
        encoding="utf-8"
    )
    assert list(centre_equipe.rglob("*.tmp")) == []


@pytest.mark.parametrize(
    "contenu, message",
    [
        (b"", "est vide"),
        (b"  \n\t\n", "est vide"),
        (
            b"AXE 1 - Acces aux droits\n\n01. Une action\n" + b"Contexte\t<p>caf\xe9</p>\n",
            "n'est pas un texte en UTF-8 (caractère illisible ligne 4)",
        ),
        ("Un texte quelconque, sans fiche.\n".encode("utf-8"), "Aucune fiche trouvée"),
        (None, "Source introuvable"),
    ],
    ids=["vide", "blancs", "latin-1", "sans-fiche", "absente"],
)
@pytest.mark.parametrize("ecraser", [False, True], ids=["", "ecraser"])
def test_source_vide_ou_illisible_refusee_sans_rien_ecrire(
    tmp_path, centre_equipe, sans_parametres, capsys, contenu, message, ecraser
):
    source = tmp_path / "export.txt"
    if contenu is not None:
        source.write_bytes(contenu)
    avant = instantane(centre_equipe)
    # Même avec --ecraser sur un centre existant, ou vers un dossier neuf.
    sortie = centre_equipe if ecraser else tmp_path / "neuf"
    options = ["--ecraser"] if ecraser else []
    assert imp.main([str(source), "--sortie", str(sortie), *options, *sans_parametres]) == 1
    erreur = capsys.readouterr().err
    assert message in erreur and "Rien n'a été écrit." in erreur and "Traceback" not in erreur
    assert instantane(centre_equipe) == avant
    assert not (tmp_path / "neuf").exists()


def test_source_dossier_refusee(tmp_path, sans_parametres, capsys):
    assert imp.main([str(tmp_path), "--sortie", str(tmp_path / "neuf"), *sans_parametres]) == 1
    assert "ne peut pas être lue" in capsys.readouterr().err
    assert not (tmp_path / "neuf").exists()


def test_disque_plein_aucun_fichier_remplace(
    centre_equipe, source, sans_parametres, monkeypatch, capsys
):
    avant = instantane(centre_equipe)
    vrai_fsync, appels = os.fsync, []

    def fsync_qui_echoue_au_troisieme(descripteur):
        appels.append(descripteur)
        if len(appels) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return vrai_fsync(descripteur)

    monkeypatch.setattr(os, "fsync", fsync_qui_echoue_au_troisieme)
    assert (
        imp.main([str(source), "--sortie", str(centre_equipe), "--ecraser", *sans_parametres]) == 1
    )
    erreur = capsys.readouterr().err
    assert "le disque est plein" in erreur and "Traceback" not in erreur
    assert instantane(centre_equipe) == avant  # rien de remplacé, aucun fichier temporaire laissé
