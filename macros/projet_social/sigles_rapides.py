"""Extension Python-Markdown : les sigles (extension ``abbr``), écrits en clair à leur première
apparition, sans coût quadratique.

Le rendu : sur chaque page, la première apparition d'un sigle dans le texte est écrite en
toutes lettres, pour ceux qui ne peuvent pas survoler un ``<abbr>`` (écran tactile, lecture à voix
haute, papier) ; les suivantes restent des ``<abbr title>`` ::

    <abbr title="français langue étrangère">FLE</abbr><span class="ps-sigle-en-clair"> (français langue étrangère)</span>
    … <abbr title="français langue étrangère">FLE</abbr> …

- Pas d'explication ajoutée dans un titre (h1 à h6), le texte d'un lien, un code, une cellule
  d'en-tête de tableau, une légende, un terme de liste de définitions, le titre d'un encadré, ni
  dans ce qui est caché ou réservé à l'écran ou au papier (``hidden``, ``.ps-imprime-seulement``,
  ``.ps-ecran-seulement``) : le sigle y reste un ``<abbr>`` et c'est sa première apparition
  *hors* de ces endroits qui compte.
- Rien n'est ajouté quand le texte l'explique déjà, juste avant ou juste après le sigle :
  « FLE (français langue étrangère) », « français langue étrangère (FLE) », « FLE : français… »,
  ou deux cellules voisines d'un tableau (le glossaire). Majuscules, accents, espaces et
  apostrophes n'y comptent pas. Un sigle ainsi expliqué, même dans un titre, l'est pour toute la page.
- Un sigle entre parenthèses, « les cours (FLE) », devient « (FLE, français langue étrangère) ».

Le document complet (une seule page faite des autres pages déjà rendues) ne garde que la première
explication de chaque sigle : ``une_explication_par_sigle``.

Le processeur d'``abbr`` de Python-Markdown cherche la position de chaque élément dans son
parent (``list(parent).index(el)``) : sur une grande page (un « Bilan » de l'année avec des
milliers de blocs), c'est quadratique — 13 s pour une page de 2,5 Mo, contre 3 s sans les
sigles. Ici, deux passages linéaires : le premier parcourt l'arbre dans l'ordre du document,
note chaque texte où un sigle apparaît (avec sa position dans son parent) et décide où est la
première apparition de chaque sigle ; le second insère les ``<abbr>`` en partant de la fin,
pour que les insertions ne décalent pas les positions notées. À déclarer après ``abbr`` dans
``markdown_extensions`` (mêmes sigles, même glossaire ; ``*[SIGLE]: sens`` dans une page aussi).
Option ``en_clair`` (vrai par défaut) : faux pour le seul ``<abbr>``, comme l'extension d'origine.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import ETX, STX, AtomicString

CLASSE = "ps-sigle-en-clair"

# Là où une explication ajoutée gênerait : titres, liens, code, en-têtes et légendes de tableaux…
BALISES_SANS_EXPLICATION = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "abbr",
        "code",
        "pre",
        "kbd",
        "samp",
        "th",
        "caption",
        "figcaption",
        "summary",
        "dt",
        "title",
        "button",
        "label",
        "option",
        "legend",
        "script",
        "style",
    }
)
# … et ce qui ne se voit que sur l'écran ou que sur le papier (ou pas du tout) : l'explication doit être
# lue partout où le sigle l'est ensuite.
CLASSES_SANS_EXPLICATION = frozenset(
    {"admonition-title", "ps-imprime-seulement", "ps-ecran-seulement"}
)

# Entre un sigle et son explication déjà écrite : espaces, parenthèse, deux-points, virgule, tiret.
_SEPARATEURS = " \t\n\r\f\v\u00a0\u202f(),:;–—-"
_MARGE = (
    24  # caractères de plus que l'explication, pour les séparateurs, les espaces et les marques
)


# Ce que Python-Markdown laisse dans le texte jusqu'à la fin : un caractère échappé (« V\\.Hugo »
# → STX 46 ETX), « & », ou un morceau de HTML mis de côté (entité…).
_MARQUE = re.compile(f"{STX}([^{ETX}]*){ETX}")


def _demarque(m: re.Match) -> str:
    contenu = m.group(1)
    return chr(int(contenu)) if contenu.isdigit() else "&" if contenu == "amp" else ""


def _normal(texte: str) -> str:
    """Pour comparer deux écritures : sans accents ni majuscules, espaces et apostrophes unifiés."""
    texte = _MARQUE.sub(_demarque, texte) if STX in texte else texte
    texte = unicodedata.normalize("NFD", texte.replace("’", "'"))
    texte = "".join(c for c in texte if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", texte)


def _deja_explique(tout: str, debut: int, fin: int, sens: str) -> bool:
    """Le texte de la page (``tout``) écrit-il déjà ``sens`` juste avant ou juste après le sigle
    qui occupe ``tout[debut:fin]`` ? (Seuls quelques caractères autour sont lus.)"""
    sens = _normal(sens).strip()
    if not sens:
        return False
    etendue = 2 * len(sens) + _MARGE  # (un caractère échappé en occupe plusieurs)
    apres = _normal(tout[fin : fin + etendue]).lstrip(_SEPARATEURS)
    avant = _normal(tout[max(0, debut - etendue) : debut]).rstrip(_SEPARATEURS)
    return apres.startswith(sens) or avant.endswith(sens)


def _sans_explication(el: etree.Element) -> bool:
    if not isinstance(el.tag, str):  # commentaires, instructions
        return True
    if el.tag.lower() in BALISES_SANS_EXPLICATION or el.get("hidden") is not None:
        return True
    classes = el.get("class")
    return bool(classes) and not CLASSES_SANS_EXPLICATION.isdisjoint(classes.split())


class _SiglesRapides(AbbrTreeprocessor):
    def __init__(
        self, md: Markdown | None = None, abbrs: dict | None = None, en_clair: bool = True
    ):
        super().__init__(md, abbrs)
        self.en_clair = en_clair

    def run(self, root: etree.Element) -> None:
        if not self.abbrs:
            return
        cles = sorted(self.abbrs, key=len, reverse=True)
        self.RE = re.compile(rf"\b(?:{'|'.join(re.escape(c) for c in cles)})\b")
        emplacements, tout = self._reperer(root)
        self._inserer(
            emplacements,
            self._premieres_apparitions(emplacements, tout) if self.en_clair else set(),
        )

    # -- 1. Dans l'ordre du document : où sont les sigles ------------------------------------

    def _reperer(self, root: etree.Element) -> tuple[list[tuple], str]:
        """Chaque texte où un sigle apparaît : (conteneur, position d'insertion, élément, est_le_texte,
        correspondances, sans_explication, décalage dans le texte de la page), dans l'ordre du
        document ; et tout le texte de la page, bout à bout."""
        emplacements: list[tuple] = []
        morceaux: list[str] = []
        longueur = 0
        pile = [
            (root, False, None, 0, False)
        ]  # (élément, sans explication, parent, position, queue seulement)
        # Parcours en profondeur sans récursion : un élément donne son texte, puis ses enfants
        # (chacun suivi de sa queue, le texte qui vient après lui dans son parent).
        while pile:
            el, exclu, parent, position, queue = pile.pop()
            texte = el.tail if queue else el.text
            if texte:
                if not isinstance(texte, AtomicString):
                    correspondances = list(self.RE.finditer(texte))
                    if correspondances:
                        if queue:
                            emplacements.append(
                                (parent, position + 1, el, False, correspondances, exclu, longueur)
                            )
                        else:
                            emplacements.append((el, 0, el, True, correspondances, exclu, longueur))
                morceaux.append(texte)
                longueur += len(texte)
            if queue:
                continue
            enfants = list(el)
            for i in range(len(enfants) - 1, -1, -1):
                enfant = enfants[i]
                pile.append((enfant, exclu, el, i, True))  # sa queue, après lui
                pile.append((enfant, exclu or _sans_explication(enfant), el, i, False))
        return emplacements, "".join(morceaux)

    def _premieres_apparitions(self, emplacements: list[tuple], tout: str) -> set[tuple[int, int]]:
        """Les sigles à écrire en clair : (rang de l'emplacement, début dans son texte)."""
        vus: set[str] = set()
        a_expliquer: set[tuple[int, int]] = set()
        for rang, (_, _, _, _, correspondances, exclu, decalage) in enumerate(emplacements):
            for m in correspondances:
                sigle = m.group(0)
                if sigle in vus or not self.abbrs.get(sigle):
                    continue
                if _deja_explique(
                    tout, decalage + m.start(), decalage + m.end(), self.abbrs[sigle]
                ):
                    vus.add(sigle)
                elif not exclu:
                    vus.add(sigle)
                    a_expliquer.add((rang, m.start()))
        return a_expliquer

    # -- 2. De la fin vers le début : les <abbr> ---------------------------------------------

    def _inserer(self, emplacements: list[tuple], a_expliquer: set[tuple[int, int]]) -> None:
        # De la fin vers le début : une insertion dans un parent ne décale que les enfants qui
        # suivent, dont les emplacements sont déjà traités.
        for rang in range(len(emplacements) - 1, -1, -1):
            conteneur, position, element, est_le_texte, correspondances, _, _ = emplacements[rang]
            texte = element.text if est_le_texte else element.tail
            for m in reversed(correspondances):
                sigle = m.group(0)
                sens = self.abbrs.get(sigle)
                if not sens:
                    continue
                suite = texte[m.end() :]
                if (rang, m.start()) in a_expliquer:
                    entre_parentheses = texte[: m.start()].rstrip().endswith(
                        "("
                    ) and suite.lstrip().startswith(")")
                    explication = etree.Element("span", {"class": CLASSE})
                    explication.text = AtomicString(
                        f", {sens}" if entre_parentheses else f" ({sens})"
                    )
                    explication.tail = suite
                    conteneur.insert(position, explication)
                    conteneur.insert(position, self.create_element(sens, sigle, None))
                else:
                    conteneur.insert(position, self.create_element(sens, sigle, suite))
                texte = texte[: m.start()]
            if est_le_texte:
                element.text = texte
            else:
                element.tail = texte


_EXPLIQUE = re.compile(rf'(<abbr\b[^>]*>([^<]*)</abbr>)<span class="{CLASSE}">[^<]*</span>')


def une_explication_par_sigle(html: str) -> str:
    """Dans une page faite de plusieurs pages rendues (le document complet) : chaque sigle n'est
    écrit en clair qu'à sa première explication ; les suivantes redeviennent de simples ``<abbr>``."""
    vus: set[str] = set()

    def remplacer(m: re.Match) -> str:
        if m.group(2) in vus:
            return m.group(1)
        vus.add(m.group(2))
        return m.group(0)

    return _EXPLIQUE.sub(remplacer, html)


class SiglesRapides(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "en_clair": [
                True,
                "Écrire chaque sigle en clair à sa première apparition dans la page.",
            ]
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" in md.treeprocessors:
            abbrs = md.treeprocessors["abbr"].abbrs
            md.treeprocessors.register(
                _SiglesRapides(md, abbrs, bool(self.getConfig("en_clair"))), "abbr", 7
            )


def makeExtension(**kwargs) -> SiglesRapides:  # noqa: N802 (nom imposé par Python-Markdown)
    return SiglesRapides(**kwargs)
