"""Horaires OpenStreetMap : messages d'erreur en français et rendu lisible."""

import pytest

from projet_social.horaires import ATTENDU, en_francais, erreur

# --- Rendu en français --------------------------------------------------------

RENDUS = [
    ("Mo 09:00-12:00", ["lundi : 9 h – 12 h"]),
    ("Mo-Fr 09:00-12:00", ["du lundi au vendredi : 9 h – 12 h"]),
    ("Mo,We 14:00-17:00", ["lundi et mercredi : 14 h – 17 h"]),
    ("Mo,We,Fr 14:00-17:00", ["lundi, mercredi et vendredi : 14 h – 17 h"]),
    ("Mo-We,Fr 14:00-17:00", ["du lundi au mercredi et vendredi : 14 h – 17 h"]),
    ("Mo-Su 10:00-18:00", ["tous les jours : 10 h – 18 h"]),
    ("10:00-18:00", ["tous les jours : 10 h – 18 h"]),
    ("Sa 08:30-12:15", ["samedi : 8 h 30 – 12 h 15"]),
    ("Mo-Fr 09:00-12:00,14:00-17:00", ["du lundi au vendredi : 9 h – 12 h et 14 h – 17 h"]),
    ("Tu 09:00-10:00,11:00-12:00,14:00-15:00", ["mardi : 9 h – 10 h, 11 h – 12 h et 14 h – 15 h"]),
    ("24/7", ["tous les jours, 24 h sur 24"]),
    ("PH off", ["jours fériés : fermé"]),
    ("Su closed", ["dimanche : fermé"]),
    ("SH off", ["vacances scolaires : fermé"]),
    ("unknown", ["horaires à confirmer"]),
    (
        "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
        ["du lundi au vendredi : 9 h – 12 h et 14 h – 17 h", "jours fériés : fermé"],
    ),
    ("Jul-Aug Mo-Fr 09:00-12:00", ["de juillet à août, du lundi au vendredi : 9 h – 12 h"]),
    ("Jul-Aug Mo-Fr 08:30-12:00", ["de juillet à août, du lundi au vendredi : 8 h 30 – 12 h"]),
    ("Jan-Jun Mo 10:00-12:00", ["de janvier à juin, lundi : 10 h – 12 h"]),
    ("Sep Mo 10:00-12:00", ["en septembre, lundi : 10 h – 12 h"]),
    ("Jul,Aug off", ["en juillet et août : fermé"]),
    ("Oct-Dec We 14:00-16:00", ["d'octobre à décembre, mercredi : 14 h – 16 h"]),
    (
        "Mo-Fr 08:30-12:00; Jul-Aug off",
        ["du lundi au vendredi : 8 h 30 – 12 h", "de juillet à août : fermé"],
    ),
    ('Tu 14:00-17:00 "sur rendez-vous"', ["mardi : 14 h – 17 h (sur rendez-vous)"]),
    ('Th "sur rendez-vous"', ["jeudi : sur rendez-vous"]),
    (
        "Mo-Fr 09:00-12:00, Sa 10:00-12:00",
        ["du lundi au vendredi : 9 h – 12 h", "samedi : 10 h – 12 h"],
    ),
    ("Mo-Fr,PH 10:00-12:00", ["du lundi au vendredi et jours fériés : 10 h – 12 h"]),
    ("mo-fr 09:00 - 12:00", ["du lundi au vendredi : 9 h – 12 h"]),
]


@pytest.mark.parametrize("texte, attendu", RENDUS)
def test_rendu_en_francais(texte, attendu):
    assert en_francais(texte) == attendu


@pytest.mark.parametrize(
    "texte",
    [
        "Mo[1] 10:00-12:00",
        "sunrise-sunset",
        "Mo-Fr 10:00+",
        "week 1-53/2 Mo 10:00-11:00",
        "easter off",
        "2024 Mo 10:00-12:00",
        "Dec 25 off",
        "Mo 10:00-12:00/01:00",
        'Mo 10:00-12:00 || "sur rendez-vous"',
        "PH +1 day off",
        "SH Mo 10:00-12:00",
    ],
)
def test_rendu_absent_hors_du_sous_ensemble(texte):
    assert erreur(texte) is None  # l'expression est valide…
    assert en_francais(texte) is None  # …mais affichée telle quelle


@pytest.mark.parametrize("texte", ["Lu-Ve 9h-12h", "", "   ", "{{ 7*7 }}", "fermé", None])
def test_rendu_absent_pour_une_expression_invalide(texte):
    assert en_francais(texte) is None


def test_le_rendu_ne_normalise_pas_l_expression():
    # normalize() écrirait « Jan-Jun,Sep-Dec Mo-Fr … » : on garde ce que l'équipe a écrit.
    assert en_francais("Mo-Fr 08:30-12:00; Jul-Aug off")[1] == "de juillet à août : fermé"


# --- Messages d'erreur --------------------------------------------------------


@pytest.mark.parametrize(
    "texte",
    [texte for texte, _ in RENDUS]
    + ["Mo[1] 10:00-12:00", "sunrise-sunset", "Mo-Fr 10:00+", "Mo 9:00-12:00"],
)
def test_aucune_erreur_pour_une_expression_valide(texte):
    assert erreur(texte) is None


def test_erreur_jours_et_heures_a_la_francaise():
    assert erreur("Lu-Ve 9h-12h") == (
        "« Lu-Ve 9h-12h » n'est pas au format des horaires OpenStreetMap (erreur au caractère 1)"
        " ; les jours s'écrivent en anglais sur deux lettres : Mo Tu We Th Fr Sa Su"
        " ; les heures s'écrivent 09:00-12:00"
    )


def test_erreur_heures_a_la_francaise():
    assert erreur("Mo-Fr 9h-12h") == (
        "« Mo-Fr 9h-12h » n'est pas au format des horaires OpenStreetMap (erreur au caractère 7)"
        " ; les heures s'écrivent 09:00-12:00"
    )


def test_erreur_ferme():
    assert erreur("fermé") == (
        "« fermé » n'est pas au format des horaires OpenStreetMap (erreur au caractère 1)"
        " ; « fermé » s'écrit off, par exemple « Su off »"
    )


def test_erreur_jours_feries():
    message = erreur("jours fériés fermés")
    assert "les jours fériés s'écrivent PH, par exemple « PH off »" in message
    assert "« fermé » s'écrit off" in message


def test_erreur_heure_hors_limites():
    assert erreur("Mo 25:00-26:00") == (
        "« Mo 25:00-26:00 » n'est pas au format des horaires OpenStreetMap (erreur au caractère 4)"
        " ; une heure va de 00:00 à 24:00"
    )


def test_erreur_texte_vide():
    assert erreur("") == "les horaires sont vides"
    assert erreur("  ") == "les horaires sont vides"


def test_erreur_gabarit_non_interprete():
    assert (
        erreur("{{ 7*7 }}")
        == "« {{ 7*7 }} » n'est pas au format des horaires OpenStreetMap (erreur au caractère 1)"
    )


def test_erreur_ignore_les_commentaires_pour_les_conseils():
    assert erreur('Mo-Fr 09:00-12:00 "fermé le lundi" x') == (
        '« Mo-Fr 09:00-12:00 "fermé le lundi" x » n\'est pas au format des horaires OpenStreetMap'
        " (erreur au caractère 35)"
    )


def test_erreur_tronque_un_texte_tres_long():
    message = erreur("x" * 10_000)
    assert message.startswith("« " + "x" * 59 + "… »")
    assert len(message) < 200


def test_attendu_donne_un_exemple_valide():
    exemple = ATTENDU.split("« ")[1].rstrip(" »")
    assert erreur(exemple) is None


ETRANGES = [
    "",
    " ",
    "\n",
    "\t\t",
    "\x00",
    "\ud800",
    "é",
    "🙂 Mo-Fr",
    "{{ }}",
    "{{ 7*7 }}",
    "{% if %}",
    "<script>alert(1)</script>",
    "Mo-Fr 09:00-12:00;" * 2000,
    "a" * 100_000,
    '"',
    '""',
    '"""',
    ";",
    ",",
    "||",
    "Mo-Fr 09:00-12:00,",
    "Mo 24:00-48:00",
    "Mo 09:60-10:00",
    "Mo-",
    "-Mo",
    "Mo[",
    "Mo[1",
    "week 99",
    "2024-9999",
    "PH +999 days",
    "Lu–Ve 9 h – 12 h",
]


def test_erreur_ne_leve_jamais():
    assert len(ETRANGES) >= 30
    for texte in ETRANGES:
        resultat = erreur(texte)
        assert resultat is None or isinstance(resultat, str)
        rendu = en_francais(texte)
        assert rendu is None or all(isinstance(ligne, str) for ligne in rendu)
