"""Les bilans annuels d'une fiche : une erreur par test, le message en français, le fichier, la ligne.

La fiche A-01 du centre de test a deux bilans (2023 aux lignes 33-43, 2024 aux lignes 44-57).
"""

from test_validation import erreurs, remplacer, seule

A01 = "docs/fiches/a-01.md"


def test_les_bilans_du_centre_de_test_sont_valides(centre):
    from projet_social.chargement import charger

    projet, _ = charger(centre)
    assert erreurs(centre) == []
    assert [b.annee for b in projet.fiches["A-01"].bilans] == [2024, 2023]  # le plus récent d'abord


def test_indicateur_inconnu(centre):
    remplacer(
        centre / A01, "- indicateur: Nombre de participants", "- indicateur: Nombre de participant"
    )
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == (
        A01,
        37,
        "bilans › n° 1 › indicateurs › n° 1 › indicateur",
    )
    assert (
        e.message
        == "indicateur inconnu « Nombre de participant » (vouliez-vous dire « Nombre de participants » ?)"
    )
    assert (
        e.attendu
        == "le libellé exact d'un indicateur de la fiche : Nombre de participants ; Satisfaction des habitants"
    )


def test_indicateur_renomme_dans_la_fiche(centre):
    # Renommer un indicateur de la fiche : chaque bilan qui le cite est signalé.
    remplacer(centre / A01, "  - Nombre de participants\n", "  - Nombre de personnes accueillies\n")
    liste = erreurs(centre)
    assert [(e.fichier, e.ligne) for e in liste] == [(A01, 37), (A01, 48)]
    assert all("indicateur inconnu « Nombre de participants »" in e.message for e in liste)
    assert "Nombre de personnes accueillies ; Satisfaction des habitants" in liste[0].attendu


def test_annee_hors_agrement(centre):
    remplacer(
        centre / A01,
        "  - annee: 2024\n    statut_avancement",
        "  - annee: 2027\n    statut_avancement",
    )
    e = seule(centre)
    assert (e.ligne, e.champ) == (44, "bilans › n° 2 › annee")
    assert e.message == "l'année 2027 est hors de la période d'agrément 2023-2026"
    assert e.attendu == "une année de 2023 à 2026 : un bilan par année d'agrément"


def test_deux_bilans_la_meme_annee(centre):
    remplacer(
        centre / A01,
        "  - annee: 2024\n    statut_avancement",
        "  - annee: 2023\n    statut_avancement",
    )
    e = seule(centre)
    assert (e.ligne, e.champ) == (44, "bilans › n° 2 › annee")
    assert e.message == "il y a déjà un bilan pour 2023" and e.attendu == "un seul bilan par année"


def test_annee_qui_n_est_pas_un_nombre(centre):
    remplacer(
        centre / A01,
        "  - annee: 2024\n    statut_avancement",
        "  - annee: deux-mille\n    statut_avancement",
    )
    e = seule(centre)
    assert (e.ligne, e.champ) == (44, "bilans › n° 2 › annee")
    assert e.message == "la valeur est le texte « deux-mille »" and e.attendu == "un nombre entier"


def test_statut_d_avancement_inconnu(centre):
    remplacer(centre / A01, "statut_avancement: en-cours", "statut_avancement: en-cour")
    e = seule(centre)
    assert (e.ligne, e.champ) == (45, "bilans › n° 2 › statut_avancement")
    assert (
        e.message
        == "« en-cour » n'est pas dans la liste « statuts_avancement » (vouliez-vous dire « en-cours » ?)"
    )
    assert e.attendu.endswith("a-venir, en-cours, realisee")


def test_statut_d_avancement_absent(centre):
    remplacer(centre / A01, "    statut_avancement: realisee\n", "")
    e = seule(centre)
    assert (e.ligne, e.champ) == (33, "bilans › n° 1 › statut_avancement")
    assert e.message == "champ obligatoire absent (Statut d'avancement)"


def test_valeur_chiffree_pour_un_indicateur_qualitatif(centre):
    remplacer(centre / A01, "appreciation: Très bonne", "valeur: 4")
    e = seule(centre)
    assert (e.ligne, e.champ) == (41, "bilans › n° 1 › indicateurs › n° 2 › valeur")
    assert (
        e.message
        == "une valeur chiffrée est donnée pour l'indicateur qualitatif « Satisfaction des habitants »"
    )


def test_texte_a_la_place_d_un_nombre(centre):
    remplacer(centre / A01, "valeur: 250", "valeur: beaucoup")
    e = seule(centre)
    assert (e.ligne, e.champ) == (38, "bilans › n° 1 › indicateurs › n° 1 › valeur")
    assert e.message == "la valeur est le texte « beaucoup »" and e.attendu == "un nombre"


def test_indicateur_quantitatif_sans_valeur(centre):
    remplacer(centre / A01, "        valeur: 250\n", "")
    e = seule(centre)
    assert (e.ligne, e.champ) == (37, "bilans › n° 1 › indicateurs › n° 1")
    assert e.message == "aucune valeur pour l'indicateur quantitatif « Nombre de participants »"


def test_indicateur_qualitatif_sans_appreciation(centre):
    remplacer(centre / A01, "        appreciation: Très bonne\n", "")
    e = seule(centre)
    assert (e.ligne, e.champ) == (40, "bilans › n° 1 › indicateurs › n° 2")
    assert (
        e.message
        == "aucune appréciation pour l'indicateur qualitatif « Satisfaction des habitants »"
    )


def test_champ_inconnu_dans_un_bilan(centre):
    remplacer(centre / A01, "    limites:", "    limite:")
    e = seule(centre)
    assert (e.ligne, e.champ) == (54, "bilans › n° 2 › limite")
    assert e.message == "champ inconnu « limite » (vouliez-vous dire « limites » ?)"


def test_date_du_bilan_mal_ecrite_un_seul_message(centre):
    remplacer(centre / A01, "    date: 2024-12-12", "    date: 12/12/2024")
    e = seule(centre)
    assert (e.ligne, e.champ) == (56, "bilans › n° 2 › date")
    assert e.attendu == "une date au format AAAA-MM-JJ, par exemple 2024-03-15"


def test_page_redigee_a_une_adresse_du_suivi(centre):
    (centre / "docs/bilans").mkdir()
    (centre / "docs/bilans/2024.md").write_text("# Mon bilan\n", encoding="utf-8")
    e = seule(centre)
    assert e.fichier == "docs/bilans/2024.md" and "produite par le site" in e.message


def test_date_de_bilan_impossible(centre):
    # PyYAML lisait « 2023-02-30 » comme une date et levait ValueError (« Erreur interne », sans fichier ni ligne).
    remplacer(centre / A01, "    date: 2023-12-10", "    date: 2023-02-30")
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == (A01, 42, "bilans › n° 1 › date")
    assert e.message == "la date 2023-02-30 n'existe pas"
    assert e.attendu.startswith("une date réelle AAAA-MM-JJ")
