"""Horaires d'ouverture au format OpenStreetMap : vérification et lecture en français.

La validation est confiée à la bibliothèque ``opening_hours`` ; ce module ne fait
que traduire ses refus en conseils lisibles (``erreur``) et rendre en phrases
le sous-ensemble courant de la syntaxe (``en_francais``). Le rendu est écrit à la
main car aucune bibliothèque maintenue ne sait présenter ces horaires en français.
"""

from __future__ import annotations

import re
from functools import lru_cache

from opening_hours import OpeningHours

ATTENDU = (
    "des horaires au format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-17:00; PH off »"
)

JOURS = {
    "mo": "lundi",
    "tu": "mardi",
    "we": "mercredi",
    "th": "jeudi",
    "fr": "vendredi",
    "sa": "samedi",
    "su": "dimanche",
}
FERIES = {"ph": "jours fériés", "sh": "vacances scolaires"}
MOIS = {
    "jan": "janvier",
    "feb": "février",
    "mar": "mars",
    "apr": "avril",
    "may": "mai",
    "jun": "juin",
    "jul": "juillet",
    "aug": "août",
    "sep": "septembre",
    "oct": "octobre",
    "nov": "novembre",
    "dec": "décembre",
}

# --- Vérification -----------------------------------------------------------

_CONSEILS = [
    (
        re.compile(
            r"\b(?:lu|ma|me|je|ve|di|lun|mer|jeu|ven|sam|dim|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b",
            re.I,
        ),
        "les jours s'écrivent en anglais sur deux lettres : Mo Tu We Th Fr Sa Su",
    ),
    # « 9h », « 9h30 », « 9.30 », « 9-12 » (les heures bien écrites « 09:00-12:00 » n'y répondent pas)
    (
        re.compile(r"\d\s*h|\d\.\d\d|(?<![\d:])\d{1,2}\s*-\s*\d", re.I),
        "les heures s'écrivent 09:00-12:00",
    ),
    (re.compile(r"(?:^|[^\d:])(?:2[5-9]|[3-9]\d):\d\d|:[6-9]\d"), "une heure va de 00:00 à 24:00"),
    (re.compile(r"\bferm[ée]e?s?\b", re.I), "« fermé » s'écrit off, par exemple « Su off »"),
    (
        re.compile(r"\bf[ée]ri[ée]s?\b", re.I),
        "les jours fériés s'écrivent PH, par exemple « PH off »",
    ),
]


@lru_cache(maxsize=4096)
def _refus(texte: str) -> str | None:
    """Le message brut de la bibliothèque, ou None si l'expression est valide.

    Mémorisé : la même expression est vérifiée au chargement puis relue à chaque page qui l'affiche."""
    try:
        OpeningHours(texte)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # une panique Rust (pyo3) ne dérive pas d'Exception
        return str(exc) or type(exc).__name__
    return None


def erreur(texte: str) -> str | None:
    """Renvoie None si ``texte`` est une expression d'horaires OpenStreetMap valide,
    sinon un message en français clair, avec des conseils quand la faute est reconnue.

    Ne lève jamais d'exception, quel que soit le texte reçu.
    """
    if not isinstance(texte, str):
        return "les horaires doivent être du texte"
    if not texte.strip():
        return "les horaires sont vides"
    refus = _refus(texte)
    # Extrait sur une ligne, tronqué, sans caractères non encodables (surrogates).
    extrait = re.sub(r"\s", " ", texte).encode("utf-8", "replace").decode("utf-8")
    if len(extrait) > 60:
        extrait = extrait[:59] + "…"
    if refus is None:
        return _plage_a_l_envers(texte, extrait)
    message = f"« {extrait} » n'est pas au format des horaires OpenStreetMap"
    position = re.search(r"-->\s*(\d+):(\d+)", refus)
    if position:
        ligne, colonne = int(position[1]), int(position[2])
        lieu = f"caractère {colonne}" if ligne == 1 else f"ligne {ligne}, caractère {colonne}"
        message += f" (erreur au {lieu})"
    # Les conseils ignorent les commentaires entre guillemets.
    sans_commentaires = re.sub(r'"[^"]*"', " ", texte)
    conseils = [conseil for motif, conseil in _CONSEILS if motif.search(sans_commentaires)]
    return " ; ".join([message, *conseils])


# Une plage « 14:00-12:00 » (hors commentaires entre guillemets).
_PLAGE = re.compile(r"(?<![\d:])(\d{1,2}):(\d\d)\s*-\s*(\d{1,2}):(\d\d)(?![\d:])")


def _plage_a_l_envers(texte: str, extrait: str) -> str | None:
    """Le message d'une plage qui finit avant de commencer (« Mo-Fr 14:00-12:00 »), sinon ``None``.

    La bibliothèque l'accepte et la lit comme une plage de nuit (de 14 h au lendemain
    midi) : c'est presque toujours une inversion. Une plage qui passe vraiment minuit
    s'écrit au-delà de 24:00 (« 22:00-26:00 ») ; une plage vide (« 12:00-12:00 ») est refusée aussi.
    """
    sans_commentaires = re.sub(r'"[^"]*"', lambda m: " " * len(m.group()), texte)
    for plage in _PLAGE.finditer(sans_commentaires):
        h1, m1, h2, m2 = (int(x) for x in plage.groups())
        debut, fin = h1 * 60 + m1, h2 * 60 + m2
        if fin > debut:
            continue
        ecrite = f"{plage[1]}:{plage[2]}-{plage[3]}:{plage[4]}"
        inversee = f"{plage[3]}:{plage[4]}-{plage[1]}:{plage[2]}"
        de_nuit = f"{plage[1]}:{plage[2]}-{h2 + 24}:{plage[4]}"
        if fin == debut:
            return (
                f"« {extrait} » : la plage {ecrite} est vide (elle finit à l'heure où elle commence) ; "
                "écrivez l'heure de début puis une heure de fin plus tardive, par exemple 09:00-12:00"
            )
        if h1 >= 18 and h2 < 8:  # 22:00-02:00 : sans doute une soirée qui passe minuit
            conseil = f"la fin au-delà de 24:00 pour une plage qui passe minuit : {de_nuit} ; sinon, l'heure de début puis l'heure de fin ({inversee})"
        else:
            conseil = (
                f"l'heure de début puis l'heure de fin : {inversee} ; une plage qui passe minuit "
                "s'écrit au-delà de 24:00, par exemple 22:00-26:00 (de 22 h à 2 h du matin)"
            )
        return f"« {extrait} » : la plage {ecrite} finit avant de commencer ; écrivez {conseil}"
    return None


# --- Rendu en français --------------------------------------------------------

_SEMAINE = "|".join(JOURS)
_LES_MOIS = "|".join(MOIS)
_HEURE = r"\d{1,2}:\d\d"
# Un jeton du sous-ensemble rendu ; tout autre caractère (« [ », « + », « / »,
# « || », chiffres d'une date ou d'une année, sunrise, easter…) fait renoncer.
_JETON = re.compile(
    rf"""\s*(?:
      (?P<commentaire>"[^"]*")
    | (?P<toujours>24/7)
    | (?P<heures>{_HEURE}\s*-\s*{_HEURE})
    | (?P<mois>(?:{_LES_MOIS})(?:\s*-\s*(?:{_LES_MOIS}))?)
    | (?P<jours>(?:{_SEMAINE})(?:\s*-\s*(?:{_SEMAINE}))?|PH|SH)
    | (?P<etat>off|closed|unknown|open)
    | (?P<sep>[;,])
    )""",
    re.I | re.X,
)
# Ordre des éléments dans une règle : mois, jours, heures, état, commentaire.
_ORDRE = {"mois": 0, "jours": 1, "heures": 2, "toujours": 2, "etat": 3, "commentaire": 4}


def _jetons(texte: str) -> list[tuple[str, str]] | None:
    jetons, position, fin = [], 0, len(texte.rstrip())
    while position < fin:
        trouve = _JETON.match(texte, position)
        if not trouve:
            return None
        jetons.append((trouve.lastgroup, trouve[trouve.lastgroup]))
        position = trouve.end()
    return jetons


def _regles(jetons: list[tuple[str, str]]) -> list[dict[str, list[str]]] | None:
    """Regroupe les jetons en règles ; None si la structure sort du sous-ensemble."""
    regles, regle, suite = [], {}, False
    for i, (genre, valeur) in enumerate(jetons):
        if genre == "sep":
            avant = jetons[i - 1][0] if i else None
            apres = jetons[i + 1][0] if i + 1 < len(jetons) else None
            if valeur == "," and avant == apres and avant in ("mois", "jours", "heures"):
                suite = True  # liste : « Mo,We », « Jul,Aug », « 09:00-12:00,14:00-17:00 »
            elif regle and (
                valeur == ";"
                or (
                    avant in ("heures", "toujours", "etat", "commentaire")
                    and apres in ("mois", "jours")
                )
            ):
                regles.append(regle)
                regle = {}
            else:
                return None
        elif suite:
            regle[genre].append(valeur)
            suite = False
        elif regle and _ORDRE[genre] <= max(_ORDRE[g] for g in regle):
            return None
        else:
            regle[genre] = [valeur]
    return regles + [regle] if regle else None


def _liste(elements: list[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    return elements[0] if len(elements) == 1 else ", ".join(elements[:-1]) + " et " + elements[-1]


def _bornes(valeur: str) -> list[str]:
    return [b.strip().lower() for b in valeur.split("-")]


def _jours(valeur: str) -> str:
    bornes = _bornes(valeur)
    if len(bornes) == 1:
        return JOURS.get(bornes[0]) or FERIES[bornes[0]]
    if bornes == ["mo", "su"]:
        return "tous les jours"
    return f"du {JOURS[bornes[0]]} au {JOURS[bornes[1]]}"


def _mois(valeur: str) -> str:
    noms = [MOIS[b] for b in _bornes(valeur)]
    if len(noms) == 1:
        return f"en {noms[0]}"
    de = "d'" if noms[0][0] in "aeiouy" else "de "  # « d'avril », « d'août », « d'octobre »
    return f"{de}{noms[0]} à {noms[1]}"


def _les_mois(valeurs: list[str]) -> str:
    """« de janvier à juin », « en juillet et août », « de janvier à mars et en septembre »."""
    if all("-" not in v for v in valeurs):
        return "en " + _liste([MOIS[v.strip().lower()] for v in valeurs])
    return _liste([_mois(v) for v in valeurs])


def _heure(valeur: str) -> str:
    heures, minutes = valeur.strip().split(":")
    return f"{int(heures)} h" + (f" {minutes}" if minutes != "00" else "")


def _ligne(regle: dict[str, list[str]]) -> str | None:
    commentaire = regle["commentaire"][0].strip('"') if "commentaire" in regle else ""
    etat = regle["etat"][0].lower() if "etat" in regle else ""
    if "toujours" in regle:
        if etat not in ("", "open") or set(regle) - {"toujours", "etat", "commentaire"}:
            return None
        ligne = "tous les jours, 24 h sur 24"
    else:
        parties = []
        if "mois" in regle:
            parties.append(_les_mois(regle["mois"]))
        if "jours" in regle:
            parties.append(_liste([_jours(v) for v in regle["jours"]]))
        selecteur = ", ".join(parties)  # « de juillet à août, du lundi au vendredi »
        if "heures" in regle:
            if etat not in ("", "open"):
                return None  # « Mo 12:00-14:00 off » : hors du sous-ensemble rendu
            valeur = _liste(
                [" – ".join(_heure(h) for h in plage.split("-")) for plage in regle["heures"]]
            )
            selecteur = selecteur or "tous les jours"
        elif etat in ("off", "closed"):
            valeur = "fermé"
        elif etat == "unknown":
            valeur = "horaires à confirmer"
        elif commentaire:
            valeur, commentaire = (
                commentaire,
                "",
            )  # « Tu "sur rendez-vous" » : mardi : sur rendez-vous
        else:
            # « Mo » seul (ou « Mo open ») signifie ouvert toute la journée.
            valeur = "ouvert toute la journée" if selecteur else "tous les jours, 24 h sur 24"
        ligne = f"{selecteur} : {valeur}" if selecteur else valeur
    return f"{ligne} ({commentaire})" if commentaire else ligne


def en_francais(texte: str) -> list[str] | None:
    """Rend des horaires OpenStreetMap en français, une ligne par règle.

    Renvoie None si l'expression est invalide ou sort du sous-ensemble courant
    (numéros de semaine, « Mo[1] », sunrise, « + », « / », « || », années, dates…) :
    l'appelant affiche alors l'expression telle quelle. L'expression n'est pas
    normalisée : on rend ce que l'équipe a écrit.
    """
    if not isinstance(texte, str) or not texte.strip() or _refus(texte) is not None:
        return None
    jetons = _jetons(texte)
    regles = _regles(jetons) if jetons else None
    if regles is None:
        return None
    lignes = [_ligne(regle) for regle in regles]
    return None if None in lignes else lignes
