"""Rendre les pages en Markdown à partir des objets validés.

Un gabarit par sorte de page (``macros/gabarits/*.md.j2``). Le Jinja utilisé ici
échappe par défaut : toute valeur affichée par ``{{ … }}`` est traitée comme du
texte brut (caractères Markdown et HTML neutralisés), sauf si elle est marquée
``Md`` — ce que font seulement le filtre ``prose`` (un champ Markdown des équipes,
que l'extension ``markdown_sur`` assainira) et le filtre ``vers`` (une adresse).
Le texte des équipes n'est jamais interprété comme du Jinja : il n'est qu'une
valeur passée au gabarit.

Un fait, une règle : un nombre s'écrit par le filtre ``nombre`` (``montant`` pour des
euros), c'est-à-dire par ``textes.py``, comme dans le suivi et ses graphiques ; une
adresse de page vient de l'objet qu'elle présente (``fiche.cible``, ``acteur.cible``,
``lieu.cible``, ``noeud.cible``) ou de ``pages`` (les adresses du registre), toujours
écrite relative à la page courante par ``vers``.
"""

from __future__ import annotations

import datetime
import os
import posixpath
import re
from pathlib import Path
from types import BuiltinMethodType, MethodType, SimpleNamespace

from jinja2 import FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from . import donnees_ouvertes, guide, horaires, registre, suivi
from .modele import chemin_web
from .textes import ESPACE_FINE, montant, nombre

DOSSIER_GABARITS = Path(__file__).resolve().parents[1] / "gabarits"


class Md(str):
    """Du Markdown sûr, à insérer tel quel."""


_BLANCS = re.compile(rf"[^\S{ESPACE_FINE}]+")
# Ce que _BLANCS changerait : un blanc autre que l'espace (et l'espace fine), ou une espace suivie d'un blanc.
_BLANCS_A_REDUIRE = re.compile(rf"[^\S {ESPACE_FINE}]| [^\S{ESPACE_FINE}]")
# En une passe (str.translate) : « & < > » en entités HTML, puis les caractères spéciaux du
# Markdown précédés d'une barre oblique inverse (« > » est déjà devenu « &gt; »).
_ECHAPPEMENTS = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_{}[]()#+-.!|"}}
)


def _texte_brut(brut: str) -> str:
    # Sur une ligne : les blancs deviennent une espace, sauf l'espace fine insécable des nombres (« 1 500 »).
    if _BLANCS_A_REDUIRE.search(brut):
        brut = _BLANCS.sub(" ", brut)
    return brut.translate(_ECHAPPEMENTS)


def texte(valeur: object) -> Md:
    """Un texte des équipes, à afficher tel que tapé, sur une ligne."""
    if valeur is None:
        return Md("")
    if isinstance(valeur, (Md, Markup)):
        return Md(valeur)
    return Md(_texte_brut(str(valeur)))


_TITRE = re.compile(r"^(#{1,6})(\s)")
_CLOTURE = re.compile(r"^\s*(```|~~~)")


def prose(valeur: object, decalage: int = 2) -> Md:
    """Un champ Markdown des équipes : ses titres descendent de ``decalage`` niveaux."""
    if not valeur:
        return Md("")
    lignes, dans_code = [], False
    for ligne in str(valeur).strip("\n").split("\n"):
        if _CLOTURE.match(ligne):
            dans_code = not dans_code
        elif not dans_code and _TITRE.match(ligne):
            dieses = min(6, len(_TITRE.match(ligne).group(1)) + decalage)
            ligne = "#" * dieses + ligne[_TITRE.match(ligne).end(1) :]
        lignes.append(ligne.rstrip())
    return Md("\n".join(lignes))


def indenter(valeur: object, espaces: int = 4) -> Md:
    """Décale les lignes suivant la première, pour qu'un texte reste dans son élément de liste."""
    return Md(str(valeur).replace("\n", "\n" + " " * espaces))


def ident(valeur: object) -> Md:
    """Un identifiant (déjà validé par les schémas) pour un attribut : seuls lettres, chiffres, . _ - restent."""
    return Md(re.sub(r"[^A-Za-z0-9._-]", "", str(valeur or "")))


def attribut(valeur: object) -> Md:
    """Une valeur d'attribut HTML dans l'en-tête d'un bloc ``/// html`` : texte brut, sans guillemet droit."""
    return Md(str(valeur).replace('"', "”").replace("\n", " "))


def retrait(profondeur: int) -> Md:
    """Le décalage Markdown d'une liste imbriquée de ``profondeur`` niveaux."""
    return Md("    " * int(profondeur))


def cellule(valeur: object) -> Md:
    """Un texte à placer dans une cellule de tableau Markdown."""
    return texte(valeur)


def vers(cible: str, depuis: str) -> Md:
    """Lien relatif d'un fichier source (``fiches/1-01.md``) vers un autre (``arbre/axe-1/index.md#x``)."""
    chemin, _, ancre = cible.partition("#")
    relatif = _chemin_relatif(chemin, posixpath.dirname(depuis))
    return Md(relatif + (f"#{ancre}" if ancre else ""))


def _chemin_relatif(chemin: str, dossier: str) -> str:
    """``posixpath.relpath(chemin, dossier or ".")``, sans ses appels à ``abspath`` quand les deux
    chemins sont relatifs et sans « . » ni « .. » (le cas de toutes les adresses du registre)."""
    parties = [x for x in chemin.split("/") if x]
    depart = [x for x in dossier.split("/") if x]
    if (
        chemin.startswith("/")
        or dossier.startswith("/")
        or not chemin
        or ".." in parties
        or "." in parties
        or ".." in depart
        or "." in depart
    ):
        return posixpath.relpath(chemin, dossier or ".")
    commun = 0
    for a, b in zip(parties, depart):
        if a != b:
            break
        commun += 1
    return "/".join([".."] * (len(depart) - commun) + parties[commun:]) or "."


def telephone_international(numero: str) -> Md:
    """« 04 73 98 35 30 » → « tel:+33473983530 » ; sinon les chiffres tels quels."""
    chiffres = re.sub(r"[^0-9+]", "", numero)
    if re.fullmatch(r"0[1-9][0-9]{8}", chiffres):
        chiffres = "+33" + chiffres[1:]
    return Md("tel:" + chiffres)


def courriel(adresse: str) -> Md:
    return Md("mailto:" + re.sub(r"[\s<>()\[\]]", "", adresse))


def adresse_web(adresse: str) -> Md:
    return Md(re.sub(r"[\s<>()\[\]]", lambda m: "%{:02X}".format(ord(m.group())), adresse))


MOIS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def date_francaise(jour) -> str:
    """``date(2026, 11, 25)`` → « 25 novembre 2026 »."""
    return f"{'1er' if jour.day == 1 else jour.day} {MOIS[jour.month - 1]} {jour.year}"


def taille_lisible(octets: int) -> str:
    """« 1,2 Mo », « 850 ko »."""
    if octets >= 1_000_000:
        return f"{nombre(round(octets / 1_000_000, 1))} Mo"
    return f"{nombre(max(1, round(octets / 1000)))} ko"


def date_iso_francaise(valeur: str) -> str:
    """« 2024-03-15 » → « 15 mars 2024 » (le texte tel quel s'il n'est pas une date)."""
    try:
        return date_francaise(datetime.date.fromisoformat(str(valeur)))
    except ValueError:
        return str(valeur)


def horaires_en_francais(valeur: str) -> list[str] | None:
    """Des horaires OpenStreetMap en lignes françaises ; None si la syntaxe dépasse ce que le site sait dire."""
    return horaires.en_francais(valeur) if valeur else None


def adresse_postale(x: object) -> str:
    """« 17 rue Baudelaire, 63000 Clermont-Ferrand » à partir des champs présents (lieu, acteur, site)."""
    ville = " ".join(v for v in (getattr(x, "code_postal", ""), getattr(x, "commune", "")) if v)
    return ", ".join(
        v for v in (getattr(x, "adresse", ""), getattr(x, "complement_adresse", ""), ville) if v
    )


class _Sur(str):
    """Ce que rend ``_finaliser`` : un texte déjà échappé, que le ``escape()`` placé par Jinja
    autour de chaque ``{{ … }}`` (autoescape) transforme en ``Markup`` sans le changer."""

    __slots__ = ()

    def __html__(self) -> str:
        return self


def _finaliser(valeur: object) -> Markup | _Sur:
    """Appliqué à chaque ``{{ … }}`` : tout ce qui n'est pas déjà sûr est échappé."""
    sorte = type(valeur)  # d'abord les cas les plus fréquents, sans isinstance
    if sorte is Markup:
        return valeur
    if sorte is str:
        return _Sur(_texte_brut(valeur))
    if isinstance(valeur, (Md, Markup)):
        return _Sur(valeur)
    if valeur is None:
        return _Sur("")
    if isinstance(valeur, float):
        valeur = nombre(valeur)  # jamais « 12.5 » : la règle des nombres (textes.py)
    return _Sur(_texte_brut(str(valeur)))


# Les adresses des pages produites, pour les gabarits (« pages.echeancier | vers(page_src) ») :
# chacune est écrite une fois, dans le module qui produit la page ; aucun gabarit ne la retape.
PAGES = SimpleNamespace(
    accueil=registre.PAGE_ACCUEIL,
    arbre=registre.PAGE_ARBRE,
    fiches=registre.PAGE_INDEX_FICHES,
    glossaire=registre.PAGE_GLOSSAIRE,
    complet=registre.PAGE_COMPLET,
    tableau_de_bord=suivi.PAGE_TABLEAU_DE_BORD,
    echeancier=suivi.PAGE_ECHEANCIER,
    bilan=suivi.page_bilan,
    guide=guide.PAGE_GUIDE,
    annuaire=guide.PAGE_ANNUAIRE,
    lieux=guide.PAGE_LIEUX,
    rubrique=guide.page_rubrique,
    donnees=donnees_ouvertes.PAGE,
)


_METHODES = (MethodType, BuiltinMethodType)


class _Isole(ImmutableSandboxedEnvironment):
    """Le Jinja isolé, avec la même règle pour chaque attribut, décidée une fois par (type, nom).

    ``is_safe_attribute`` d'``ImmutableSandboxedEnvironment`` ne dépend que du nom de l'attribut et
    du type de l'objet (``is_internal_attribute`` et ``modifies_known_mutable`` ne font que des
    ``isinstance``) : sa réponse est gardée par (type, nom) dans l'environnement. Le gabarit d'une
    fiche lit des milliers d'attributs ; sans cela, chacun repassait par une douzaine d'``isinstance``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._attributs_surs: dict[tuple[type, str], bool] = {}

    def getattr(self, obj: object, attribute: str) -> object:
        # Le cas courant (un attribut déjà reconnu sûr pour ce type, qui n'est pas une méthode) sans
        # détour ; tout le reste (méthodes, dont str.format, attributs absents ou refusés) par le
        # chemin du bac à sable.
        if self._attributs_surs.get((type(obj), attribute)):
            try:
                valeur = getattr(obj, attribute)
            except AttributeError:
                pass
            else:
                if not isinstance(valeur, _METHODES):
                    return valeur
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        cle = (type(obj), attr)
        sur = self._attributs_surs.get(cle)
        if sur is None:
            # Un objet qui ment sur sa classe (__class__ différent de son type) n'est jamais gardé.
            sur = super().is_safe_attribute(obj, attr, value)
            if obj.__class__ is type(obj):
                self._attributs_surs[cle] = sur
        return sur


# Pour les tests seulement (tests/conftest.py) : un dossier où garder le code compilé des gabarits
# du moteur d'une construction à l'autre (chaque « mkdocs build » est un processus neuf, qui sinon
# recompile tous les gabarits). Jamais pour « make build » : ce dossier contient du code exécuté,
# il ne doit être écrit que par la session de tests qui l'a créé.
VARIABLE_CACHE_DES_GABARITS = "PROJET_SOCIAL_CACHE_GABARITS"


def cache_des_gabarits(sous_dossier: str) -> FileSystemBytecodeCache | None:
    """Le cache de code compilé de VARIABLE_CACHE_DES_GABARITS (``sous_dossier`` : celui des
    gabarits du moteur, ou ceux du thème), s'il est donné ; sinon aucun."""
    cache = os.environ.get(VARIABLE_CACHE_DES_GABARITS, "")
    if not (cache and os.path.isdir(cache)):
        return None
    dossier = os.path.join(cache, sous_dossier)
    os.makedirs(dossier, exist_ok=True)
    return FileSystemBytecodeCache(dossier)


def _environnement() -> ImmutableSandboxedEnvironment:
    # Isolé (sandbox) : même un gabarit du moteur ne peut ni atteindre les
    # attributs internes de Python (__globals__…) ni modifier les objets validés.
    env = _Isole(
        loader=FileSystemLoader(str(DOSSIER_GABARITS)),
        bytecode_cache=cache_des_gabarits("moteur"),
        # L'échappement automatique ne sert ici qu'à marquer sûres les sorties des
        # macros Jinja ; le vrai échappement (Markdown) est fait par _finaliser.
        autoescape=True,
        finalize=_finaliser,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        texte=texte,
        prose=prose,
        cellule=cellule,
        indenter=indenter,
        ident=ident,
        attribut=attribut,
        retrait=retrait,
        vers=vers,
        nombre=nombre,
        montant=montant,
        chemin_web=chemin_web,
        tel=telephone_international,
        mailto=courriel,
        web=adresse_web,
        date_fr=date_iso_francaise,
        horaires_fr=horaires_en_francais,
        adresse=adresse_postale,
    )
    env.globals.update(pages=PAGES, delai_de_reverification=guide.DELAI_DE_REVERIFICATION)
    return env


_ENV: ImmutableSandboxedEnvironment | None = None


def rendre(gabarit: str, **contexte) -> str:
    """Rend ``macros/gabarits/<gabarit>.md.j2`` en Markdown."""
    global _ENV
    if _ENV is None:
        _ENV = _environnement()
    resultat = _ENV.get_template(f"{gabarit}.md.j2").render(**contexte)
    return re.sub(r"\n{3,}", "\n\n", resultat)
