"""Le guide de territoire : qui aide pour quoi, pour qui, où, et comment les joindre.

Tout est calculé ici à partir des objets validés (acteurs, fiches, lieux) ; les
gabarits ne font que boucler. Une « rubrique » est une thématique (les mots clés
de data/vocabulaires.yml) ou un public : elle réunit les actions du centre et les
structures du territoire qui y répondent.

Pages produites : ``guide/index.md`` (« Je cherche de l'aide pour… »), une page
par thématique (``guide/besoin/<code>.md``) et par public (``guide/public/<code>.md``)
qui a au moins une action ou une structure, ``lieux/index.md`` (la carte et sa
liste). L'annuaire (``acteurs/index.md``) et les pages des acteurs sont dans
``generation.py``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from . import modele
from .modele import Acteur, Fiche, Lieu, ProjetSocial, Terme
from .textes import en_lettres, sans_accents

DOSSIER_GUIDE = "guide/"
PAGE_GUIDE = f"{DOSSIER_GUIDE}index.md"
PAGE_ANNUAIRE = f"{modele.DOSSIER_ACTEURS}index.md"
PAGE_LIEUX = modele.PAGE_LIEUX  # écrite dans modele.py : la cible de chaque lieu en dépend
# Au-delà, une information non revérifiée est signalée (comme DORA et Soliguide : 6 mois).
MOIS_AVANT_REVERIFICATION = 6
# Ce que disent les pages (« plus de six mois, à revérifier ») : tiré de la constante, jamais retapé.
DELAI_DE_REVERIFICATION = f"{en_lettres(MOIS_AVANT_REVERIFICATION)} mois"
# Les tuiles de la carte : seule requête vers un tiers du site, et seulement sur la page des lieux.
TUILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
ATTRIBUTION = "© les contributeurs d'OpenStreetMap"


@dataclass(eq=False)
class Rubrique:
    sorte: str  # « besoin » (une thématique) ou « public »
    terme: Terme
    fiches: list[Fiche]
    acteurs: list[Acteur]

    def __repr__(self) -> str:
        return f"Rubrique({self.sorte!r}, {self.terme.code!r})"

    @property
    def src(self) -> str:
        return page_rubrique(self.sorte, self.terme.code)

    @property
    def vide(self) -> bool:
        return not self.fiches and not self.acteurs


def page_rubrique(sorte: str, code: str) -> str:
    """Le fichier de la page d'une rubrique : ``guide/besoin/<code>.md`` ou ``guide/public/<code>.md``."""
    return f"{DOSSIER_GUIDE}{sorte}/{code}.md"


CHAMPS = {  # sorte de rubrique → (vocabulaire, champ des fiches, champ des acteurs)
    "besoin": ("mots_cles", "mots_cles", "mots_cles"),
    "public": ("publics", "publics", "publics"),
}


def _rubrique(projet: ProjetSocial, sorte: str, terme: Terme) -> Rubrique:
    _, champ_fiche, champ_acteur = CHAMPS[sorte]
    fiches = [f for f in projet.fiches.values() if terme in getattr(f, champ_fiche)]
    acteurs = par_ordre_alphabetique(
        a for a in projet.acteurs.values() if terme in getattr(a, champ_acteur)
    )
    return Rubrique(sorte, terme, fiches, acteurs)


def rubriques(projet: ProjetSocial, sorte: str) -> list[Rubrique]:
    """Pour chaque thématique (``besoin``) ou public (``public``) proposé dans le guide, ses actions et ses structures."""
    return [
        _rubrique(projet, sorte, terme)
        for terme in projet.vocabulaire(CHAMPS[sorte][0])
        if terme.dans_le_guide
    ]


def _cle_alphabetique(texte: str) -> str:
    """« École » se range avec les E, pas après le Z."""
    return sans_accents(texte).lower()


def par_ordre_alphabetique(acteurs) -> list[Acteur]:
    return sorted(acteurs, key=lambda a: _cle_alphabetique(a.nom))


def rubrique(projet: ProjetSocial, cle: str) -> Rubrique:
    """La rubrique d'une page : ``cle`` vaut « besoin.<code> » ou « public.<code> »."""
    sorte, _, code = cle.partition(".")
    return _rubrique(projet, sorte, projet.vocabulaires[CHAMPS[sorte][0]][code])


def lieux_tries(projet: ProjetSocial) -> list[Lieu]:
    return sorted(projet.lieux.values(), key=lambda l: _cle_alphabetique(l.nom))


def carte_utile(projet: ProjetSocial) -> bool:
    """La carte n'est chargée (avec ses tuiles) que si au moins un lieu a des coordonnées."""
    return any(l.sur_la_carte for l in projet.lieux.values())


def a_reverifier(date_maj: str, aujourd_hui: datetime.date | None = None) -> bool:
    """Vrai si la date de vérification (AAAA-MM-JJ) a plus de ``MOIS_AVANT_REVERIFICATION`` mois."""
    try:
        jour = datetime.date.fromisoformat(date_maj)
    except (TypeError, ValueError):
        return False
    aujourd_hui = aujourd_hui or datetime.date.today()
    mois = (
        (aujourd_hui.year - jour.year) * 12
        + aujourd_hui.month
        - jour.month
        - (aujourd_hui.day < jour.day)
    )
    return mois >= MOIS_AVANT_REVERIFICATION


def signaler_une_erreur(
    projet: ProjetSocial, acteur: Acteur, depot: str, adresse_de_la_page: str
) -> tuple[str, str] | None:
    """(texte, lien) pour signaler une erreur sur un acteur : courriel du centre, sinon demande GitHub.

    Sans courriel de signalement (data/centre.yml) ni dépôt connu : None (la page
    renvoie alors vers l'accueil du centre).
    """
    sujet = f"Guide de territoire : erreur sur « {acteur.nom} »"
    corps = (
        f"Page : {adresse_de_la_page or acteur.cible}\n\n"
        "Ce qui est faux ou manque (adresse, téléphone, horaires…) :\n\n\n"
        "D'où vient la bonne information (site de la structure, affiche, appel…) :\n"
    )
    if projet.centre.signalement:
        return "par courriel", f"mailto:{projet.centre.signalement}?" + urlencode(
            {"subject": sujet, "body": corps}, quote_via=quote
        )
    if depot:
        return "sur GitHub (compte nécessaire)", f"{depot}/issues/new?" + urlencode(
            {"title": sujet, "body": corps}, quote_via=quote
        )
    return None
