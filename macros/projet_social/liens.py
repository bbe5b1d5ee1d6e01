"""Les liens du site, vérifiés avant toute construction : le menu et les liens des pages.

MkDocs ne les vérifie qu'en construisant le site, en anglais, et s'arrête
(« A reference to 'contacts.md' is included in the 'nav' configuration… »,
« Doc file 'x.md' contains a link 'y.md', but the target is not found… »). Ici,
``make check`` les signale d'abord, en français, à leur ligne :

- **le menu** (``nav`` de mkdocs.yml) : chaque entrée mène à une page de docs/ ou
  à une page produite à partir de data/ (``registre.pages_produites``) ;
- **les liens des pages rédigées et du texte des fiches** : un lien relatif vers
  une page ``.md`` (ou un fichier, une image) de docs/ mène à une page qui existe,
  résolue comme MkDocs la résout (depuis le dossier de la page) ; une ancre
  ``#…`` vers une page rédigée mène à un de ses titres, dont l'ancre est calculée
  comme l'extension toc de Python-Markdown la calcule (``toc.slugify``, séparateur
  « - », « _1 » pour un titre répété). L'ancre d'une fiche ou d'une page produite
  n'est pas vérifiée (leurs titres viennent des gabarits du moteur).

Les liens du code (blocs ````` et `en ligne`) ne sont pas des liens : ils sont
ignorés. Les adresses complètes (https://…, mailto:…) et absolues (« /… ») aussi,
comme MkDocs les ignore. Les liens écrits dans les champs de data/ et des
en-têtes ne sont pas vérifiés ici (ils s'affichent sur plusieurs pages).

Tout est linéaire dans la longueur du texte (expressions bornées, une passe par ligne).
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify, unique

from .erreurs import Erreur
from .lecture import ligne_de, lire_fichier_yaml, texte_markdown_borne

SEPARATEUR = "-"  # celui de l'extension toc de mkdocs.yml (la valeur par défaut)
CONFIGURATION = "mkdocs.yml"


@dataclass(frozen=True)
class Texte:
    """Le texte Markdown d'une page, tel qu'il est tapé dans son fichier."""

    fichier: str  # pour le message : « docs/diagnostic/portrait.md »
    src: str  # son chemin dans docs/ : « diagnostic/portrait.md »
    corps: str
    premiere_ligne: int  # la ligne du fichier où commence ``corps``
    redigee: bool = True  # une page rédigée (ses titres sont ses ancres) ; sinon une fiche


@dataclass(frozen=True)
class Site:
    """Ce que le site publiera : ses pages, ses autres fichiers, les dossiers que le moteur remplit."""

    pages: frozenset[str]  # chemins .md dans docs/ (rédigés ou produits)
    fichiers: frozenset[str]  # autres fichiers de docs/ (images, PDF)
    dossiers_produits: tuple[
        str, ...
    ] = ()  # « donnees/ », « schemas/ »… : fichiers produits, non listés ici
    fichiers_produits: frozenset[str] = frozenset()  # « projet-social.pdf »…

    def existe(self, chemin: str) -> bool:
        return chemin in self.pages or chemin in self.fichiers

    def peut_etre_produit(self, chemin: str) -> bool:
        return chemin in self.fichiers_produits or chemin.startswith(self.dossiers_produits)


# -- le texte, sans le code ------------------------------------------------------

_CLOTURE = re.compile(r"[ \t]{0,12}(`{3,}|~{3,})")
_CODE_EN_LIGNE = re.compile(r"``[^\n]{0,1000}?``|`[^`\n]{1,1000}`")


def sans_code(texte: str, en_ligne: bool = True) -> str:
    """Le texte où chaque caractère de code (blocs ````` ou ``~~~``, `en ligne`) devient une espace.

    Les lignes et les positions restent les mêmes : une position du résultat donne la
    ligne du texte tapé. Un bloc jamais refermé va jusqu'à la fin, comme pour Python-Markdown.
    ``en_ligne=False`` : seuls les blocs sont effacés (le code d'un titre compte dans son ancre).
    """
    lignes = texte.split("\n")
    cloture = ""
    for i, ligne in enumerate(lignes):
        ouverture = _CLOTURE.match(ligne)
        if cloture:
            if (
                ouverture
                and ouverture.group(1)[0] == cloture[0]
                and len(ouverture.group(1)) >= len(cloture)
                and not ligne[ouverture.end() :].strip()
            ):
                cloture = ""
            lignes[i] = " " * len(ligne)
        elif ouverture:
            cloture = ouverture.group(1)
            lignes[i] = " " * len(ligne)
        elif en_ligne:
            lignes[i] = _CODE_EN_LIGNE.sub(lambda m: " " * len(m.group()), ligne)
    return "\n".join(lignes)


# -- les liens ---------------------------------------------------------------------

# « ](cible » d'un lien ou d'une image ; « [nom]: cible » d'une définition de référence.
_LIEN = re.compile(r"(?<!\\)\]\([ \t]{0,20}(<[^<>\n]{0,2000}>|[^\s()<>]{1,2000})")
_REFERENCE = re.compile(
    r"^[ ]{0,3}\[(?!\^)[^\]\n]{1,500}\]:[ \t]{0,20}(<[^<>\n]{0,2000}>|[^\s<>]{1,2000})",
    re.MULTILINE,
)


def liens(texte: str) -> list[tuple[int, str]]:
    """(position, cible) de chaque lien du texte, hors code."""
    propre = sans_code(texte)
    trouves = [(m.start(1), m.group(1)) for m in _LIEN.finditer(propre)]
    trouves += [(m.start(1), m.group(1)) for m in _REFERENCE.finditer(propre)]
    return sorted((position, cible.strip("<>").strip()) for position, cible in trouves)


# -- les ancres d'une page rédigée ----------------------------------------------------

_TITRE_ATX = re.compile(r"[ \t]{0,3}#{1,6}(?!#)")
_SOULIGNE = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
_ATTRIBUTS_FIN = re.compile(r"\{:?([^{}\n]{0,500})\}[ \t]*$")
_ID_ATTRIBUT = re.compile(r"(?:^|[ \t])#([^\s{}#]{1,200})")
_ATTRIBUTS = re.compile(r"\{:?[^{}\n]{0,500}\}")
_ID_HTML = re.compile(r"""\b(?:id|name)[ \t]*=[ \t]*["']?([^"'\s>]{1,200})""", re.IGNORECASE)
_NOTE = re.compile(r"\[\^([^\]\s]{1,100})\]")
_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_LIEN_TEXTE = re.compile(r"\[([^\]\n]{0,500})\](?:\([^)\n]{0,2000}\)|\[[^\]\n]{0,500}\])")
_ECHAPPEMENT = re.compile(r"\\(.)")
_BALISE = re.compile(r"<[^<>\n]{0,500}>")
# « _mot_ » est une emphase ; « mot_clé » garde son « _ » (Python-Markdown, emphase intelligente).
_EMPHASE = re.compile(r"(?<![^\W_])_+|_+(?![^\W_])")


def _texte_du_titre(brut: str) -> list[str]:
    """Le texte d'un titre tel que le site le lit (formes possibles : le soulignement « _ » est ambigu)."""
    texte = _NOTE.sub("", brut)
    texte = _IMAGE.sub("", texte)
    texte = _LIEN_TEXTE.sub(lambda m: m.group(1), texte)
    texte = _ECHAPPEMENT.sub(lambda m: m.group(1), texte.replace("`", "").replace("*", ""))
    sans_balises = html.unescape(_BALISE.sub("", texte))
    # Le HTML tapé s'affiche tel quel (markdown_sur) : ses balises peuvent compter dans l'ancre.
    return [
        _EMPHASE.sub("", sans_balises),
        _EMPHASE.sub("", html.unescape(texte)),
        sans_balises.replace("_", ""),
    ]


def ancres(texte: str) -> set[str]:
    """Les ancres d'une page rédigée : ses titres (comme toc les nomme), les « {#id} » et « id=… »."""
    propre = sans_code(texte)
    trouvees: set[str] = set()
    pour_unique: set[str] = set()
    compteurs: dict[str, int] = {}
    lignes = sans_code(texte, en_ligne=False).split("\n")
    for i, ligne in enumerate(lignes):
        brut = None
        if (titre := _TITRE_ATX.match(ligne)) is not None:
            brut = (
                ligne[titre.end() :].rstrip().rstrip("#")
            )  # « ## Titre ## » : les « # » de fin ne comptent pas
        elif i and _SOULIGNE.match(ligne) and lignes[i - 1].strip():
            brut = lignes[i - 1]
        if brut is None:
            continue
        accolade = brut.rfind("{")
        attributs = _ATTRIBUTS_FIN.match(brut, accolade) if accolade >= 0 else None
        if attributs and (explicite := _ID_ATTRIBUT.search(attributs.group(1))):
            trouvees.add(explicite.group(1))
            pour_unique.add(explicite.group(1))
            continue
        if attributs:
            brut = brut[:accolade]
        formes = _texte_du_titre(brut.strip())
        trouvees.add(unique(slugify(formes[0], SEPARATEUR), pour_unique, compteurs))
        trouvees.update(slugify(forme, SEPARATEUR) for forme in formes[1:])
    for attributs in _ATTRIBUTS.finditer(propre):
        trouvees.update(
            m.group(1) for m in _ID_ATTRIBUT.finditer(attributs.group()[1:-1].lstrip(":"))
        )
    trouvees.update(m.group(1) for m in _ID_HTML.finditer(texte))
    for note in _NOTE.finditer(propre):
        trouvees.update({f"fn:{note.group(1)}", f"fnref:{note.group(1)}"})
    trouvees.discard("")
    return trouvees


# -- la vérification ----------------------------------------------------------------


def _relatif(cible: str, depuis: str) -> str:
    """Le chemin de ``cible`` (relatif à docs/) écrit depuis la page ``depuis``."""
    return posixpath.relpath(cible, posixpath.dirname(depuis) or ".")


def _suggestion(cible: str, depuis: str, candidats: frozenset[str] | set[str]) -> str:
    """« (vouliez-vous dire « ../x.md » ?) » : même nom de fichier ailleurs, ou chemin proche."""
    nom = posixpath.basename(cible)
    memes = [c for c in candidats if posixpath.basename(c) == nom]
    proches = (
        memes
        if len(memes) == 1
        else difflib.get_close_matches(cible, sorted(candidats), n=1, cutoff=0.75)
    )
    return f" (vouliez-vous dire « {_relatif(proches[0], depuis)} » ?)" if proches else ""


def verifier_textes(textes: list[Texte], site: Site) -> list[Erreur]:
    """Une erreur par lien qui ne mènerait nulle part (page, fichier ou ancre absents)."""
    # Un texte trop long ou trop coûteux à construire est déjà refusé (lecture.texte_markdown_borne).
    textes = [t for t in textes if texte_markdown_borne(t.corps) is None]
    ancres_des_pages = _Ancres({t.src: t.corps for t in textes if t.redigee})
    erreurs = []
    for texte in textes:
        for position, cible in liens(texte.corps):
            probleme = _probleme(cible, texte, site, ancres_des_pages)
            if probleme is not None:
                ligne = texte.premiere_ligne + texte.corps.count("\n", 0, position)
                erreurs.append(Erreur(texte.fichier, ligne, f"lien « {_court(cible)} »", *probleme))
    return erreurs


class _Ancres(dict):
    """Les ancres de chaque page rédigée, calculées à la première demande (peu de liens ont une ancre)."""

    def __init__(self, corps: dict[str, str]):
        super().__init__()
        self.corps = corps

    def __contains__(self, src: object) -> bool:
        return src in self.corps

    def __missing__(self, src: str) -> set[str]:
        self[src] = ancres(self.corps[src])
        return self[src]

    def get(self, src, defaut=None):
        return self[src] if src in self.corps else defaut


def _court(texte: str) -> str:
    return texte if len(texte) <= 80 else texte[:79] + "…"


def _probleme(
    cible: str, texte: Texte, site: Site, ancres_des_pages: _Ancres
) -> tuple[str, str] | None:
    morceaux = urlsplit(cible)
    if morceaux.scheme or morceaux.netloc or cible.startswith(("/", "\\")):
        return None  # adresse complète (https:, mailto:…) ou absolue : MkDocs ne la vérifie pas
    ancre = unquote(morceaux.fragment)
    if not morceaux.path:
        if ancre and texte.redigee and ancre not in ancres_des_pages.get(texte.src, set()):
            return _ancre_absente(cible, ancre, texte.src, texte.src, ancres_des_pages[texte.src])
        return None
    chemin = unquote(morceaux.path)
    if not posixpath.splitext(chemin)[1]:
        return None  # « dossier/ », « page » : MkDocs le laisse tel quel, sans le vérifier
    if "@" in chemin and "/" not in chemin:
        return (
            f"le lien « {_court(cible)} » est une adresse de courriel écrite comme un chemin de page",
            f"« mailto: » devant l'adresse : [écrire](mailto:{_court(chemin)})",
        )
    vise = posixpath.normpath(posixpath.join(posixpath.dirname(texte.src), chemin)).lstrip("/")
    if site.existe(vise):
        if ancre and vise in ancres_des_pages and ancre not in ancres_des_pages[vise]:
            return _ancre_absente(cible, ancre, vise, texte.src, ancres_des_pages[vise])
        return None
    if vise.startswith("../") or vise == "..":
        return (
            f"le lien « {_court(cible)} » sort du dossier docs/ : le site ne le publierait pas",
            "le chemin d'une page de docs/ écrit depuis cette page ; une adresse complète https://… pour un autre site",
        )
    if vise.endswith(".md"):
        return (
            f"le lien « {_court(cible)} » mène à la page docs/{vise}, qui n'existe pas{_suggestion(vise, texte.src, site.pages)}",
            "le chemin d'une page qui existe, écrit depuis cette page (« ../ » pour remonter d'un dossier) ; "
            "ou retirer le lien si la page a été supprimée",
        )
    if site.peut_etre_produit(vise):
        return (
            None  # un fichier que le moteur produit (données ouvertes, graphiques…) : non listé ici
        )
    return (
        f"le lien « {_court(cible)} » mène au fichier docs/{vise}, qui n'existe pas{_suggestion(vise, texte.src, site.fichiers)}",
        "le chemin d'un fichier de docs/ (image, PDF) écrit depuis cette page, avec la même casse que son nom",
    )


def _ancre_absente(
    cible: str, ancre: str, vise: str, depuis: str, connues: set[str]
) -> tuple[str, str]:
    page = "cette page" if vise == depuis else f"la page docs/{vise}"
    proches = difflib.get_close_matches(ancre, sorted(connues), n=1, cutoff=0.6)
    suggestion = f" (vouliez-vous dire « #{proches[0]} » ?)" if proches else ""
    return (
        f"le lien « {_court(cible)} » mène à l'ancre « #{_court(ancre)} », absente de {page}{suggestion}",
        "l'ancre d'un titre de la page, écrite comme le site l'écrit : en minuscules, sans accents ni "
        "ponctuation, les espaces remplacées par « - » (« ## Les horaires d'été » → #les-horaires-dete)",
    )


# -- le menu ----------------------------------------------------------------------------


def pages_du_menu(entrees: list) -> list[str]:
    """Les chemins de pages que nomme un menu (liste de MkDocs ou data/menu.yml)."""
    resultat: list[str] = []
    for entree in entrees if isinstance(entrees, list) else []:
        valeurs = entree.values() if isinstance(entree, dict) else [entree]
        for valeur in valeurs:
            if isinstance(valeur, list):
                resultat += pages_du_menu(valeur)
            elif isinstance(valeur, str):
                resultat.append(posixpath.normpath(valeur).lstrip("/"))
    return resultat


def verifier_menu(racine: Path, site: Site) -> list[Erreur]:
    """Une erreur par entrée du menu (``nav`` de mkdocs.yml, s'il en a un) qui ne mène à aucune page.

    mkdocs.yml est relu ici en gardant les lignes ; seule sa partie ``nav`` est
    regardée (ses étiquettes « !!python/name:… » et autres sont laissées telles
    quelles, sans rien exécuter). Un mkdocs.yml illisible est laissé à MkDocs.
    Le menu d'un centre se déclare plutôt dans data/menu.yml (``verifier_entrees``).
    """
    chemin = racine / CONFIGURATION
    if not chemin.is_file():
        return []
    lu = lire_fichier_yaml(chemin, CONFIGURATION)
    if not isinstance(lu.valeur, dict) or not isinstance(lu.valeur.get("nav"), list):
        return []
    return verifier_entrees(lu.valeur["nav"], CONFIGURATION, lu.lignes, ("nav",), site)


def verifier_entrees(
    entrees: list, fichier: str, lignes: dict, racine_du_chemin: tuple, site: Site
) -> list[Erreur]:
    """Une erreur par entrée d'un menu qui ne mène à aucune page ; ``lignes`` : celles du fichier lu."""
    erreurs: list[Erreur] = []
    pages = site.pages
    nom_du_menu = "data/menu.yml" if fichier.endswith("menu.yml") else "« nav »"

    def parcourir(entrees: list, chemin: tuple, titres: tuple) -> None:
        for i, entree in enumerate(entrees):
            ici = chemin + (i,)
            if isinstance(entree, dict):
                for titre, valeur in entree.items():
                    if isinstance(valeur, list):
                        parcourir(valeur, ici + (titre,), titres + (str(titre),))
                    elif isinstance(valeur, str):
                        verifier(
                            valeur,
                            ici + (titre,),
                            titres + (str(titre),),
                            f"l'entrée du menu « {titre} »",
                        )
            elif isinstance(entree, str):
                verifier(entree, ici, titres + (f"n° {i + 1}",), "une entrée du menu")

    def verifier(cible: str, chemin: tuple, titres: tuple, quoi: str) -> None:
        morceaux = urlsplit(cible)
        if morceaux.scheme or morceaux.netloc or cible.startswith("/"):
            return  # un lien vers une adresse : MkDocs le garde tel quel
        vise = posixpath.normpath(cible).lstrip("/") if cible.strip() else cible
        if site.existe(vise) or (not vise.endswith(".md") and site.peut_etre_produit(vise)):
            return
        erreurs.append(
            Erreur(
                fichier,
                ligne_de(lignes, chemin),
                " › ".join(racine_du_chemin + titres),
                f"{quoi} mène à « {_court(cible)} », qui n'existe pas dans docs/ ni parmi les pages produites par le site"
                + _suggestion(vise, "", pages),
                "le chemin d'une page écrit depuis docs/ (par exemple « contribuer/index.md » pour docs/contribuer/index.md) ; "
                f"ou retirer l'entrée de {nom_du_menu} si la page a été supprimée",
            )
        )

    parcourir(entrees, racine_du_chemin, ())
    return erreurs
