"""Des fautes vues dans le vrai contenu : chacune a son message en français, à sa ligne exacte.

Une faute par test (le fichier, la ligne, le champ, le message) ; jamais de trace
Python ni d'« Erreur interne » pour une faute de contenu.
"""

import pytest

from projet_social.horaires import erreur as erreur_horaires
from projet_social.liens import ancres
from projet_social.verifier import main as verifier
from test_validation import erreurs, remplacer, seule

A01 = "docs/fiches/a-01.md"
MJC = "acteur « mjc-des-tilleuls » (Maison des jeunes et de la culture des …)"


# -- 1. une date qui n'existe pas ------------------------------------------------------


@pytest.mark.parametrize("date", ["2023-02-30", "2026-13-01"])
def test_date_impossible_d_un_acteur(centre, date, capsys):
    remplacer(centre / "data/acteurs.yml", '  date_maj: "2020-01-15"', f"  date_maj: {date}")
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == ("data/acteurs.yml", 25, f"{MJC} › date_maj")
    assert e.message == f"la date {date} n'existe pas"
    assert e.attendu.startswith("une date réelle AAAA-MM-JJ")
    assert verifier([str(centre)]) == 1
    sortie = capsys.readouterr()
    assert "Erreur interne" not in sortie.out + sortie.err and "Traceback" not in sortie.err
    assert (
        f"data/acteurs.yml:25 — {MJC} › date_maj — la date {date} n'existe pas — une date réelle AAAA-MM-JJ"
        in sortie.out
    )


def test_date_impossible_entre_guillemets(centre):
    remplacer(centre / "data/acteurs.yml", '  date_maj: "2020-01-15"', '  date_maj: "2023-02-29"')
    e = seule(centre)
    assert (e.ligne, e.message) == (25, "la date 2023-02-29 n'existe pas")


def test_date_mal_formee_garde_son_message(centre):
    remplacer(centre / "data/acteurs.yml", '  date_maj: "2020-01-15"', '  date_maj: "15/01/2020"')
    e = seule(centre)
    assert e.ligne == 25 and "n'a pas la forme attendue" in e.message


# -- 2. les deux-points oubliés : la ligne où commence le champ ----------------------------


def test_deux_points_oublies_dans_une_fiche(centre):
    remplacer(centre / A01, "statut: continuee", "statut continuee")
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == (A01, 5, "statut")
    assert e.message == "YAML mal formé : il manque les deux-points après le nom du champ"
    assert e.attendu == "« statut: … » : les deux-points collés au nom du champ, puis une espace"


def test_deux_points_oublies_dans_data(centre):
    remplacer(
        centre / "data/acteurs.yml",
        "  source: Fixture de test\n  date_maj",
        "  source Fixture de test\n  date_maj",
    )
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == ("data/acteurs.yml", 24, "source")
    assert "il manque les deux-points" in e.message


def test_deux_points_oublies_avant_un_texte_sur_plusieurs_lignes(centre):
    # PyYAML s'en aperçoit deux lignes plus bas (après le texte qui continue) : la ligne dite est celle du champ.
    remplacer(
        centre / "data/acteurs.yml",
        "  source: Fixture de test\n  date_maj",
        "  source Fixture de test,\n    suite du texte\n  date_maj",
    )
    e = seule(centre)
    assert (e.fichier, e.ligne) == ("data/acteurs.yml", 24)


# -- 3. un élément de liste mal aligné -----------------------------------------------------


def test_element_de_liste_decale_d_un_espace(centre):
    remplacer(
        centre / A01, "  - Ouvrir la fête aux partenaires", "   - Ouvrir la fête aux partenaires"
    )
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == (A01, 14, "objectifs_operationnels › n° 1")
    assert (
        e.message == "élément de liste mal aligné : il est rattaché au texte de l'élément précédent"
    )
    assert e.attendu == "chaque « - » à la même colonne que les autres"


def test_element_de_liste_decale_dans_data(centre):
    remplacer(
        centre / "data/acteurs.yml",
        "  mots_cles: [scolarite, numerique]\n",
        "  mots_cles:\n    - scolarite\n     - numerique\n",
    )
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == ("data/acteurs.yml", 10, f"{MJC} › mots_cles › n° 1")
    assert "mal aligné" in e.message


def test_tiret_rattache_au_texte_d_un_champ(centre):
    remplacer(
        centre / A01,
        "objectif_general: Créer du lien entre voisins\n",
        "objectif_general: Créer du lien entre voisins\n   - et entre générations\n",
    )
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == (A01, 12, "objectif_general")
    assert (
        e.message
        == "une ligne qui commence par « - » est rattachée au texte du champ « objectif_general »"
    )
    assert "objectif_general: |" in e.attendu


def test_tirets_d_un_texte_avec_barre_acceptes(centre):
    # « presentation: | » suivi de lignes « - … » : un texte Markdown voulu, pas une liste YAML.
    assert "presentation: |\n  - un repas partagé" in (centre / A01).read_text(encoding="utf-8")
    assert erreurs(centre) == []


# -- 4. le nom du fichier d'une fiche et son code -------------------------------------------


def test_fiche_dont_le_fichier_ne_porte_pas_le_code(centre):
    remplacer(centre / "docs/fiches/b-01.md", "code: B-01", "code: B-02")
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == ("docs/fiches/b-01.md", 2, "code")
    assert e.message == "le code « B-02 » ne correspond pas au nom du fichier « b-01.md »"
    assert (
        e.attendu
        == "un fichier nommé d'après le code de la fiche : renommez-le « B-02.md » (ou corrigez le code s'il est faux)"
    )


def test_fiche_nommee_comme_son_code_a_la_casse_pres(centre):
    # Le vrai contenu écrit T-01.md pour T-01 ; make nouvelle-fiche écrit a-01.md pour A-01 si les voisines le font.
    (centre / "docs/fiches/b-01.md").rename(centre / "docs/fiches/B-01.md")
    assert erreurs(centre) == []


# -- 5. des horaires à l'envers ---------------------------------------------------------------


def test_horaires_a_l_envers(centre):
    remplacer(
        centre / "data/acteurs.yml", "Mo-Fr 09:00-12:00,14:00-17:00; PH off", "Mo-Fr 14:00-12:00"
    )
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == ("data/acteurs.yml", 16, f"{MJC} › horaires_accueil")
    assert e.message == (
        "« Mo-Fr 14:00-12:00 » : la plage 14:00-12:00 finit avant de commencer ; écrivez l'heure de début puis "
        "l'heure de fin : 12:00-14:00 ; une plage qui passe minuit s'écrit au-delà de 24:00, par exemple "
        "22:00-26:00 (de 22 h à 2 h du matin)"
    )


def test_horaires_de_nuit():
    assert erreur_horaires("Fr 22:00-26:00") is None  # écrit au-delà de 24:00 : voulu
    assert erreur_horaires("Mo-Fr 09:00-12:00,14:00-17:00; PH off") is None
    message = erreur_horaires("Fr 22:00-02:00")
    assert "finit avant de commencer" in message and "22:00-26:00" in message
    assert "est vide" in erreur_horaires("Mo 12:00-12:00")
    assert (
        erreur_horaires('Mo 09:00-12:00 "pas 14:00-12:00"') is None
    )  # un commentaire n'est pas une plage


# -- 6. un élément nommé par son identifiant ; « d'acteur », « de lieu », « de nœud » ----------


def test_acteur_nomme_par_son_identifiant(centre):
    remplacer(
        centre / "data/acteurs.yml", "  telephone: 01 02 03 04 06", "  telephone: appeler la MJC"
    )
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == ("data/acteurs.yml", 13, f"{MJC} › telephone")


def test_noeud_nomme_par_son_identifiant(centre):
    remplacer(
        centre / "data/arbre.yml",
        "        titre: Ouvrir aux loisirs\n",
        "        titre: Ouvrir aux loisirs\n        couleur: bleu\n",
    )
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == (
        "data/arbre.yml",
        29,
        "nœud « objectif-b2 » (Ouvrir aux loisirs) › couleur",
    )


def test_lieu_nomme_par_son_identifiant(centre):
    remplacer(
        centre / "data/lieux.yml", "  commune: Villefictive", "  commune: Villefictive\n  etage: 2"
    )
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == (
        "data/lieux.yml",
        6,
        "lieu « maison-des-tilleuls » (Maison des Tilleuls) › etage",
    )


def test_un_identifiant_d_acteur(centre):
    # Plus de douze acteurs : l'attendu ne les énumère plus, et s'écrit « d'acteur ».
    with (centre / "data/acteurs.yml").open("a", encoding="utf-8") as f:
        for n in range(12):
            f.write(f"- id: acteur-{n}\n  nom: Acteur {n}\n")
    remplacer(
        centre / "docs/fiches/b-01.md",
        "partenaires: [ecole-des-tilleuls, mjc-des-tilleuls]",
        "partenaires: [ecole-des-tilleuls, mjc-tilleuls]",
    )
    e = seule(centre)
    assert e.attendu == "un identifiant d'acteur défini dans data/acteurs.yml"
    assert e.champ == "partenaires › n° 2" and e.ligne == 9


# -- 7. le menu et les liens --------------------------------------------------------------------

MKDOCS = """\
site_name: Centre de test
markdown_extensions:
  - toc:
      permalink: false
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
nav:
  - Accueil: index.md
  - Le quartier: quartier.md
  - Fiches actions: fiches/index.md
  - Sigles: glossaire.md
  - Pratique:
      - quartier.md
      - Contacts: contacts.md
  - Une adresse: https://exemple.fr/
"""


def test_menu_vers_une_page_absente(centre):
    (centre / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == ("mkdocs.yml", 15, "nav › Pratique › Contacts")
    assert (
        e.message
        == "l'entrée du menu « Contacts » mène à « contacts.md », qui n'existe pas dans docs/ ni parmi les pages produites par le site"
    )
    assert "retirer l'entrée de « nav »" in e.attendu


def test_menu_valide(centre):
    (centre / "mkdocs.yml").write_text(
        MKDOCS.replace("      - Contacts: contacts.md\n", ""), encoding="utf-8"
    )
    assert erreurs(centre) == []


def test_menu_entree_sans_titre_absente(centre):
    (centre / "mkdocs.yml").write_text(
        MKDOCS.replace("      - quartier.md\n", "      - quartiers.md\n").replace(
            "      - Contacts: contacts.md\n", ""
        ),
        encoding="utf-8",
    )
    e = seule(centre)
    assert (e.ligne, e.champ) == (14, "nav › Pratique › n° 1")
    assert e.message.endswith("(vouliez-vous dire « quartier.md » ?)")


PAGE = """\
# Le quartier des Tilleuls

## Les horaires d'été

Voir [la fête](fiches/a-01.md), [le glossaire](glossaire.md), [plus haut](#les-horaires-dete),
[un site](https://exemple.fr/absent.md),
[un dossier](fiches/), `[du code](absent.md)` et [courriel](mailto:a@b.fr).

```
[un exemple](absent.md)
```
"""


def test_liens_valides(centre):
    (centre / "docs/quartier.md").write_text(PAGE, encoding="utf-8")
    assert erreurs(centre) == []


def test_lien_vers_une_page_absente(centre):
    (centre / "docs/quartier.md").write_text(
        PAGE + "\nLa suite : [ici](page-absente.md).\n", encoding="utf-8"
    )
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == ("docs/quartier.md", 13, "lien « page-absente.md »")
    assert (
        e.message
        == "le lien « page-absente.md » mène à la page docs/page-absente.md, qui n'existe pas"
    )


def test_lien_vers_une_ancre_absente(centre):
    (centre / "docs/autre.md").write_text(
        "# Autre\n\nVoir [les horaires](quartier.md#horaires-d-ete).\n", encoding="utf-8"
    )
    (centre / "docs/quartier.md").write_text(PAGE, encoding="utf-8")
    e = seule(centre)
    assert (e.fichier, e.ligne, e.champ) == (
        "docs/autre.md",
        3,
        "lien « quartier.md#horaires-d-ete »",
    )
    assert e.message == (
        "le lien « quartier.md#horaires-d-ete » mène à l'ancre « #horaires-d-ete », absente de la page "
        "docs/quartier.md (vouliez-vous dire « #les-horaires-dete » ?)"
    )


def test_lien_d_une_fiche_vers_une_page_absente(centre):
    with (centre / A01).open("a", encoding="utf-8") as f:
        f.write("\nVoir aussi [le quartier](../quartiers.md).\n")
    e = seule(centre)
    assert (e.fichier, e.ligne) == (A01, 61)
    assert (
        e.message
        == "le lien « ../quartiers.md » mène à la page docs/quartiers.md, qui n'existe pas (vouliez-vous dire « ../quartier.md » ?)"
    )


def test_image_absente(centre):
    (centre / "docs/quartier.md").write_text(
        PAGE + "\n![La fête](images/fete.jpg)\n", encoding="utf-8"
    )
    e = seule(centre)
    assert (e.ligne, e.message) == (
        13,
        "le lien « images/fete.jpg » mène au fichier docs/images/fete.jpg, qui n'existe pas",
    )


def test_toutes_les_fautes_d_un_coup(centre, capsys):
    """Les sept fautes à la fois : un seul passage les montre toutes, chacune à sa ligne."""
    remplacer(centre / "data/acteurs.yml", '  date_maj: "2020-01-15"', "  date_maj: 2023-02-30")
    remplacer(
        centre / "data/acteurs.yml", "Mo-Fr 09:00-12:00,14:00-17:00; PH off", "Mo-Fr 14:00-12:00"
    )
    remplacer(centre / A01, "statut: continuee", "statut continuee")
    remplacer(centre / "docs/fiches/b-01.md", "code: B-01", "code: B-02")
    (centre / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (centre / "docs/quartier.md").write_text(PAGE + "\n[ici](page-absente.md)\n", encoding="utf-8")
    assert verifier([str(centre)]) == 1
    sortie = capsys.readouterr().out
    for attendu in (
        f"data/acteurs.yml:16 — {MJC} › horaires_accueil — « Mo-Fr 14:00-12:00 » : la plage",
        f"data/acteurs.yml:25 — {MJC} › date_maj — la date 2023-02-30 n'existe pas",
        f"{A01}:5 — statut — YAML mal formé : il manque les deux-points",
        "docs/fiches/b-01.md:2 — code — le code « B-02 » ne correspond pas au nom du fichier « b-01.md »",
        "docs/quartier.md:13 — lien « page-absente.md » — le lien « page-absente.md » mène à la page docs/page-absente.md",
        "mkdocs.yml:15 — nav › Pratique › Contacts — l'entrée du menu « Contacts » mène à « contacts.md »",
    ):
        assert attendu in sortie, sortie


def test_ancres_calculees_comme_toc():
    texte = (
        "# L'accueil *des* familles\n\n## L'accueil *des* familles\n\n### Un [lien](x.md) et `code_x` ici\n\n"
        "## mot_clé et _emphase_\n\nTitre souligné\n==============\n\n## Explicite {#mon-id}\n\n"
        "```\n# pas un titre\n```\n"
    )
    trouvees = ancres(texte)
    for ancre in (
        "laccueil-des-familles",
        "laccueil-des-familles_1",
        "un-lien-et-code_x-ici",
        "mot_cle-et-emphase",
        "titre-souligne",
        "mon-id",
    ):
        assert ancre in trouvees, (ancre, trouvees)
    assert "pas-un-titre" not in trouvees and "explicite" not in trouvees


def test_courriel_sans_mailto(centre):
    (centre / "docs/quartier.md").write_text(
        PAGE + "\nÉcrire à [l'accueil](accueil@mjc.fr).\n", encoding="utf-8"
    )
    e = seule(centre)
    assert (e.ligne, e.message) == (
        13,
        "le lien « accueil@mjc.fr » est une adresse de courriel écrite comme un chemin de page",
    )
    assert e.attendu == "« mailto: » devant l'adresse : [écrire](mailto:accueil@mjc.fr)"


def test_un_champ_renomme_est_nomme(centre):
    """Un acteur écrit avec l'ancien nom « thematiques » (avant le 1er décembre 2026) : le message dit le nouveau."""
    remplacer(
        centre / "data/acteurs.yml",
        "  mots_cles: [scolarite, numerique]\n",
        "  thematiques: [scolarite, numerique]\n",
    )
    e = seule(centre)
    assert (e.fichier, e.ligne) == ("data/acteurs.yml", 8)
    assert e.message == "le champ « thematiques » s'appelle désormais « mots_cles »"
    assert e.attendu == "« mots_cles: » à la place de « thematiques: », même contenu"
