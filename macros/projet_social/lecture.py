"""Lire les fichiers du contenu en gardant les numéros de ligne.

Chaque lecture renvoie ``(valeur, lignes, erreurs)`` :

- ``valeur`` : les données Python (dict, list, str, int…), ou ``None`` si illisible ;
- ``lignes`` : pour chaque chemin de champ (tuple de clés et d'indices), sa ligne
  dans le fichier (à partir de 1) ;
- ``erreurs`` : les problèmes de lecture, déjà formulés en français.

Le YAML est lu avec ``yaml.compose`` (chaque nœud connaît sa ligne), puis
converti ici : les clés restent du texte tel que tapé, une clé en double est une
erreur (PyYAML la laisserait passer en silence), les dates deviennent du texte
AAAA-MM-JJ (une date impossible, 2023-02-30, reste le texte tapé : le schéma la
refuse à sa ligne), un élément de liste mal aligné, que YAML colle au texte de
l'élément précédent, est une erreur.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.utils.meta import YAML_RE as EN_TETE_MKDOCS
from mkdocs.utils.meta import get_data as meta_mkdocs

from .erreurs import Erreur
from .textes import compte

Chemin = tuple


class Lignes(dict):
    """Pour chaque chemin de champ, sa ligne ; ``noms`` : comment nommer un élément de liste.

    Un élément qui a un identifiant (acteur, lieu, nœud de l'arbre) est nommé par
    lui dans les messages (voir ``champ_lisible``), plutôt que par son rang.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.noms: dict[Chemin, str] = {}


_LECTEUR_RAPIDE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Limites du contenu tapé. Elles gardent make check et make build rapides quoi qu'on
# colle dans un fichier (les plus gros fichiers actuels font 15 ko) :
TAILLE_MAX_FICHIER = 1_000_000  # octets, par fichier .yml ou .md (lu avant tout examen)
LONGUEUR_MAX_CHAMP = 50_000  # caractères, par valeur d'un champ YAML
LONGUEUR_MAX_NOM = 1_000  # caractères, par nom de champ YAML
PROFONDEUR_MAX = 64  # groupes et listes imbriqués (libyaml s'effondre vers 100 000)
# Un texte Markdown (corps d'une page, champ de texte) : Python-Markdown n'est pas
# linéaire (voir texte_markdown_borne). Au pire deux secondes de construction par texte.
LONGUEUR_MAX_MARKDOWN = 50_000  # caractères (la plus longue page actuelle en fait 15 000)
TITRES_MAX_MARKDOWN = 300  # titres « # … » par texte
COUT_MAX_MARKDOWN = 1_000_000  # caractères relus pour les crochets et liens non refermés


@dataclass
class Lu:
    """Le résultat d'une lecture."""

    valeur: object = None
    lignes: Lignes = field(default_factory=Lignes)
    erreurs: list[Erreur] = field(default_factory=list)
    corps: str = ""  # pour un fichier Markdown : le texte après l'en-tête
    ligne_corps: int = 1


def lire_texte(chemin: Path, nom: str) -> tuple[str | None, list[Erreur]]:
    """Lit un fichier en UTF-8 ; sinon une erreur qui donne la ligne fautive.

    Un fichier de plus de ``TAILLE_MAX_FICHIER`` octets est refusé sans être lu en
    entier (la lecture s'arrête juste après la limite, même si le fichier grossit).
    """
    try:
        with chemin.open("rb") as flux:
            brut = flux.read(TAILLE_MAX_FICHIER + 1)
    except OSError:
        return None, [
            Erreur(nom, None, "", "le fichier ne peut pas être lu", "un fichier texte lisible")
        ]
    if len(brut) > TAILLE_MAX_FICHIER:
        return None, [
            Erreur(
                nom,
                None,
                "",
                f"le fichier est trop gros : plus de {TAILLE_MAX_FICHIER // 1_000_000} Mo",
                f"un fichier de {TAILLE_MAX_FICHIER // 1_000_000} Mo au plus : retirez ce qui a été collé par erreur, "
                "ou répartissez le contenu en plusieurs pages",
            )
        ]
    try:
        texte = brut.decode("utf-8")
    except UnicodeDecodeError as exc:
        ligne = brut[: exc.start].count(b"\n") + 1
        return None, [
            Erreur(
                nom,
                ligne,
                "",
                "le fichier n'est pas encodé en UTF-8 (caractère illisible à cet endroit)",
                "un fichier enregistré en UTF-8 (dans l'éditeur : « Enregistrer sous… », encodage UTF-8)",
            )
        ]
    return texte.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), []


# Les messages de PyYAML, traduits. La clé est un morceau du message anglais.
_PROBLEMES_YAML = [
    (
        "found character '\\t'",
        "une tabulation est utilisée",
        "des espaces pour décaler les lignes (jamais de tabulation)",
    ),
    (
        "found a tab character",
        "une tabulation est utilisée",
        "des espaces pour décaler les lignes (jamais de tabulation)",
    ),
    (
        "while scanning a quoted scalar",
        "un guillemet ouvert n'est jamais refermé",
        "le même guillemet (\" ou ') à la fin du texte",
    ),
    (
        "mapping values are not allowed here",
        "deux-points inattendu : décalage incorrect, ou texte contenant « : » sans guillemets",
        "un champ par ligne au bon décalage ; un texte contenant « : » entre guillemets",
    ),
    (
        "could not find expected ':'",
        "il manque les deux-points après le nom du champ",
        "« nom_du_champ: valeur »",
    ),
    (
        "expected <block end>",
        "décalage (indentation) incorrect",
        "les champs d'un même niveau alignés sur la même colonne, avec des espaces",
    ),
    (
        "did not find expected key",
        "décalage (indentation) incorrect",
        "les champs d'un même niveau alignés sur la même colonne, avec des espaces",
    ),
    (
        "did not find expected '-' indicator",
        "élément de liste mal aligné",
        "chaque élément de la liste sur sa ligne, commençant par « - » à la même colonne",
    ),
    (
        "found undefined alias",
        "référence « * » vers une ancre inconnue",
        "retirer le « * » ou mettre le texte entre guillemets",
    ),
    (
        "found character '@'",
        "un texte commence par « @ » ou « ` »",
        "le texte entre guillemets",
    ),
    (
        "found character '`'",
        "un texte commence par « @ » ou « ` »",
        "le texte entre guillemets",
    ),
]


def _erreur_yaml(exc: yaml.YAMLError, nom: str, decalage: int, texte: str = "") -> Erreur:
    marque = getattr(exc, "problem_mark", None)
    contexte = str(getattr(exc, "context", ""))
    if ("quoted scalar" in contexte or "simple key" in contexte) and getattr(
        exc, "context_mark", None
    ):
        # Là où le guillemet s'ouvre, plus utile que la fin du fichier ; là où commence la
        # ligne sans deux-points (« statut NA »), et non la ligne suivante, où PyYAML s'aperçoit
        # qu'ils manquent (plus bas encore si le texte continue sur plusieurs lignes).
        marque = exc.context_mark
    ligne = marque.line + 1 + decalage if marque is not None else None
    champ = ""
    if "simple key" in contexte and marque is not None:
        # Le champ probable : le premier mot de la ligne (« statut » dans « statut NA »).
        debut = texte.split("\n")[marque.line] if marque.line < texte.count("\n") + 1 else ""
        mot = _PREMIER_MOT.match(debut[marque.column :])
        champ = mot.group(1) if mot else ""
    anglais = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''}"
    for motif, message, attendu in _PROBLEMES_YAML:
        if motif in anglais:
            if champ and motif == "could not find expected ':'":
                attendu = (
                    f"« {champ}: … » : les deux-points collés au nom du champ, puis une espace"
                )
            return Erreur(nom, ligne, champ, f"YAML mal formé : {message}", attendu)
    return Erreur(
        nom,
        ligne,
        champ,
        "YAML mal formé à cet endroit",
        "des lignes « champ: valeur » décalées avec des espaces ; un texte contenant « : », « # » ou des guillemets se met entre guillemets",
    )


_PREMIER_MOT = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,60})[ \t]")
_FUSION = "tag:yaml.org,2002:merge"


def _nombre(n: int) -> str:
    """``50000`` → ``50 000``."""
    return f"{n:,}".replace(",", "\u202f")


class _Convertisseur:
    """Transforme l'arbre de nœuds YAML en données Python, ligne par ligne.

    Chaque nœud est converti une seule fois : un nœud atteint une seconde fois est
    une référence « * » (alias) vers une ancre « & ». Elle est refusée sans être
    dépliée : neuf niveaux de neuf références (un demi-kilo-octet) se déplieraient
    en 400 millions de valeurs. La conversion reste ainsi proportionnelle au texte.
    """

    def __init__(self, nom: str, decalage: int, texte: str = ""):
        self.nom = nom
        self.decalage = decalage
        self.texte = texte
        self._lignes_du_texte: list[str] | None = None
        self.lignes: Lignes = Lignes()
        self.erreurs: list[Erreur] = []
        self._champs: list[
            tuple[int, Chemin]
        ] = []  # (rang d'une erreur, chemin) : champ à renommer à la fin
        self.alias: list[Chemin] = []  # les champs où une référence « * » a été trouvée
        self._constructeur = yaml.SafeLoader("")
        self._vus: set[int] = set()

    def ligne(self, noeud: yaml.Node) -> int:
        return noeud.start_mark.line + 1 + self.decalage

    def signaler(self, ligne: int | None, chemin: Chemin, message: str, attendu: str) -> None:
        """Une erreur sur ``chemin`` ; son champ est nommé à la fin (``nommer_les_champs``),
        quand les identifiants des éléments de liste sont tous connus."""
        self._champs.append((len(self.erreurs), chemin))
        self.erreurs.append(Erreur(self.nom, ligne, champ_lisible(chemin), message, attendu))

    def nommer_les_champs(self) -> None:
        for rang, chemin in self._champs:
            self.erreurs[rang] = dataclasses.replace(
                self.erreurs[rang], champ=champ_lisible(chemin, self.lignes)
            )

    def _ligne_du_texte(self, numero: int) -> str:
        """La ligne ``numero`` (à partir de 0) du texte lu."""
        if self._lignes_du_texte is None:
            self._lignes_du_texte = self.texte.split("\n")
        return self._lignes_du_texte[numero] if numero < len(self._lignes_du_texte) else ""

    def _tiret_colle(self, noeud: yaml.Node) -> int | None:
        """La ligne d'un « - » que YAML a collé au texte ``noeud`` (sans guillemets, sur plusieurs lignes).

        « - Deuxième » puis «    - Troisième » (un espace de trop) : YAML lit un seul
        élément, « Deuxième - Troisième ». Une ligne de suite qui commence par « - »
        n'est jamais voulue ainsi dans un texte sans guillemets (un texte qui garde ses
        retours à la ligne s'écrit avec « | »).
        """
        if (
            not isinstance(noeud, yaml.ScalarNode)
            or noeud.style not in (None, "")
            or not self.texte
        ):
            return None
        for numero in range(noeud.start_mark.line + 1, noeud.end_mark.line + 1):
            if _TIRET.match(self._ligne_du_texte(numero)):
                return numero + 1 + self.decalage
        return None

    def convertir(self, noeud: yaml.Node, chemin: Chemin = ()) -> object:
        if id(noeud) in self._vus:
            self.alias.append(chemin)
            return None
        self._vus.add(id(noeud))
        self.lignes.setdefault(chemin, self.ligne(noeud))
        return self._convertir(noeud, chemin)

    def _convertir(self, noeud: yaml.Node, chemin: Chemin) -> object:
        if isinstance(noeud, yaml.MappingNode):
            resultat: dict = {}
            for noeud_cle, noeud_valeur in noeud.value:
                if not isinstance(noeud_cle, yaml.ScalarNode):
                    self.signaler(
                        self.ligne(noeud_cle),
                        chemin,
                        "nom de champ invalide",
                        "un nom de champ simple, suivi de « : »",
                    )
                    continue
                if noeud_cle.tag == _FUSION:
                    self.signaler(
                        self.ligne(noeud_cle),
                        chemin,
                        "une fusion YAML « << » est utilisée",
                        "les champs écrits en toutes lettres dans ce groupe, sans « << », « & » ni « * »",
                    )
                    continue
                cle = noeud_cle.value
                if len(cle) > LONGUEUR_MAX_NOM:
                    self.signaler(
                        self.ligne(noeud_cle),
                        chemin,
                        f"un nom de champ est trop long ({_nombre(len(cle))} caractères)",
                        f"un nom de champ de {_nombre(LONGUEUR_MAX_NOM)} caractères au plus ; un texte va après « : »",
                    )
                    continue
                if cle in resultat:
                    self.signaler(
                        self.ligne(noeud_cle),
                        chemin + (cle,),
                        f"le champ « {cle} » apparaît deux fois",
                        "un seul exemplaire de chaque champ (fusionnez les deux)",
                    )
                    continue
                self.lignes[chemin + (cle,)] = self.ligne(noeud_cle)
                if (ligne := self._tiret_colle(noeud_valeur)) is not None:
                    self.signaler(
                        ligne,
                        chemin + (cle,),
                        f"une ligne qui commence par « - » est rattachée au texte du champ « {cle} »",
                        "une liste : le champ seul sur sa ligne (« "
                        + cle
                        + ": »), puis chaque « - » en dessous, à la même "
                        "colonne ; ou un texte sur plusieurs lignes après « " + cle + ": | »",
                    )
                resultat[cle] = self.convertir(noeud_valeur, chemin + (cle,))
            return resultat
        if isinstance(noeud, yaml.SequenceNode):
            elements = []
            for i, enfant in enumerate(noeud.value):
                if (ligne := self._tiret_colle(enfant)) is not None:
                    self.signaler(
                        ligne,
                        chemin + (i,),
                        "élément de liste mal aligné : il est rattaché au texte de l'élément précédent",
                        "chaque « - » à la même colonne que les autres",
                    )
                element = self.convertir(enfant, chemin + (i,))
                if (nom := _nom_d_element(element, chemin, self.nom)) is not None:
                    self.lignes.noms[chemin + (i,)] = nom
                elements.append(element)
            return elements
        if len(noeud.value) > LONGUEUR_MAX_CHAMP:
            self.signaler(
                self.ligne(noeud),
                chemin,
                f"le texte est trop long ({_nombre(len(noeud.value))} caractères)",
                f"un texte de {_nombre(LONGUEUR_MAX_CHAMP)} caractères au plus ; un long texte va dans une page de docs/",
            )
            return None
        try:
            valeur = self._constructeur.construct_object(noeud, deep=True)
        except Exception:  # noqa: BLE001
            # Une étiquette inconnue (YAMLError), ou une date qui n'existe pas (« 2023-02-30 » :
            # ValueError du constructeur de dates) : le texte tel que tapé. Le schéma dit
            # ensuite, à sa ligne, que la date n'existe pas.
            valeur = noeud.value
        if isinstance(valeur, (datetime.date, datetime.datetime)):
            valeur = valeur.isoformat()
        elif isinstance(valeur, str):
            probleme = texte_markdown_borne(valeur)
            if probleme:
                self.signaler(self.ligne(noeud), chemin, *probleme)
        return valeur


# Une ligne qui commence par « - » suivi d'une espace (ou seul) : un élément de liste.
_TIRET = re.compile(r"[ \t]*-(?:[ \t]|$)")
# Comment nommer un élément de liste qui a un identifiant : d'après la liste qui le contient…
_SORTES_PAR_LISTE = {"noeuds": "nœud", "enfants": "nœud", "niveaux": "niveau"}
# … ou, pour un fichier qui est une liste, d'après le nom du fichier.
_SORTES_PAR_FICHIER = {"acteurs": "acteur", "lieux": "lieu"}
LONGUEUR_MAX_NOM_D_ELEMENT = 40


def _nom_d_element(element: object, chemin: Chemin, fichier: str) -> str | None:
    """« acteur « secours-populaire » (Secours populaire) » pour un élément qui a un ``id`` ; sinon ``None``."""
    if (
        not isinstance(element, dict)
        or not isinstance(element.get("id"), str)
        or not element["id"].strip()
    ):
        return None
    if chemin:
        sorte = _SORTES_PAR_LISTE.get(chemin[-1]) if isinstance(chemin[-1], str) else None
    else:
        sorte = _SORTES_PAR_FICHIER.get(Path(fichier).stem)
    id_ = _court(element["id"])
    nom = next(
        (v for v in (element.get("nom"), element.get("titre")) if isinstance(v, str) and v.strip()),
        "",
    )
    texte = f"{sorte} « {id_} »" if sorte else f"« {id_} »"
    if nom and nom.strip() != element["id"]:
        texte += f" ({_court(nom.strip())})"
    return texte


def _court(texte: str) -> str:
    texte = " ".join(texte.split())
    return (
        texte
        if len(texte) <= LONGUEUR_MAX_NOM_D_ELEMENT
        else texte[: LONGUEUR_MAX_NOM_D_ELEMENT - 1] + "…"
    )


def _profondeur_excessive(texte: str, decalage: int) -> int | None:
    """La ligne où les groupes et listes imbriqués dépassent ``PROFONDEUR_MAX``, sinon ``None``.

    libyaml construit l'arbre par récursion : 100 000 « [ » (200 ko) font planter
    Python, 10 000 prennent deux secondes. Les événements du lecteur, eux, se lisent
    sans récursion. Ce parcours n'a lieu que si le texte pourrait être si profond :
    assez de « [ » ou « { », ou une ligne qui commence par assez d'espaces et de « - ».
    """
    if texte.count("[") + texte.count("{") <= PROFONDEUR_MAX // 2 and not _DEBUT_PROFOND.search(
        texte
    ):
        return None
    profondeur = 0
    try:
        for evenement in yaml.parse(texte, Loader=_LECTEUR_RAPIDE):
            if isinstance(evenement, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                profondeur += 1
                if profondeur > PROFONDEUR_MAX:
                    return evenement.start_mark.line + 1 + decalage
            elif isinstance(evenement, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                profondeur -= 1
    except yaml.YAMLError:
        return None  # l'erreur de syntaxe sera signalée par la lecture elle-même
    return None


_DEBUT_PROFOND = re.compile(r"^[ \t?:-]{%d,}" % (PROFONDEUR_MAX // 4), re.MULTILINE)


def _lignes_des_alias(texte: str, decalage: int) -> list[int]:
    """Les lignes des références « * » du texte (lues seulement quand il y en a)."""
    try:
        return [
            e.start_mark.line + 1 + decalage
            for e in yaml.parse(texte, Loader=_LECTEUR_RAPIDE)
            if isinstance(e, yaml.AliasEvent)
        ]
    except yaml.YAMLError:
        return []


def lire_yaml(texte: str, nom: str, decalage: int = 0) -> Lu:
    """Lit un texte YAML ; ``decalage`` est le nombre de lignes qui le précèdent."""
    if not texte.strip():
        return Lu(valeur=None)
    ligne_profonde = _profondeur_excessive(texte, decalage)
    if ligne_profonde is not None:
        return Lu(
            erreurs=[
                Erreur(
                    nom,
                    ligne_profonde,
                    "",
                    f"plus de {PROFONDEUR_MAX} groupes ou listes imbriqués les uns dans les autres",
                    "des champs décalés sur quelques niveaux seulement, comme dans le modèle du fichier",
                )
            ]
        )
    try:
        # libyaml (CSafeLoader) lit trois fois plus vite ; ses nœuds gardent aussi leurs lignes.
        noeud = yaml.compose(texte, Loader=_LECTEUR_RAPIDE)
    except yaml.YAMLError:
        # En cas d'erreur, on relit avec le lecteur Python : ses messages sont plus précis.
        try:
            noeud = yaml.compose(texte, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            return Lu(erreurs=[_erreur_yaml(exc, nom, decalage, texte)])
    if noeud is None:
        return Lu(valeur=None)
    convertisseur = _Convertisseur(nom, decalage, texte)
    valeur = convertisseur.convertir(noeud)
    convertisseur.nommer_les_champs()
    erreurs = convertisseur.erreurs
    if convertisseur.alias:
        lignes = _lignes_des_alias(texte, decalage)
        autres = max(len(lignes), len(convertisseur.alias)) - 1
        erreurs.insert(
            0,
            Erreur(
                nom,
                lignes[0] if lignes else ligne_de(convertisseur.lignes, convertisseur.alias[0]),
                champ_lisible(convertisseur.alias[0], convertisseur.lignes),
                "une référence YAML « * » (alias) est utilisée"
                + (f" (et {compte(autres, 'autre')} dans le fichier)" if autres else ""),
                "la valeur écrite en toutes lettres à chaque endroit, sans « & » (ancre) ni « * » (référence)",
            ),
        )
    return Lu(valeur=valeur, lignes=convertisseur.lignes, erreurs=erreurs)


def _fichier_vide(nom: str, attendu: str) -> Lu:
    return Lu(erreurs=[Erreur(nom, 1, "", "le fichier est vide", attendu)])


def lire_fichier_yaml(chemin: Path, nom: str) -> Lu:
    texte, erreurs = lire_texte(chemin, nom)
    if texte is None:
        return Lu(erreurs=erreurs)
    if not texte.strip():
        return _fichier_vide(nom, "le contenu décrit par son schéma (voir data/schemas/)")
    return lire_yaml(texte, nom)


def lire_markdown(chemin: Path, nom: str, en_tete_obligatoire: bool) -> Lu:
    """Lit un fichier Markdown : l'en-tête YAML entre deux lignes ``---``, puis le corps.

    L'en-tête est découpé exactement comme MkDocs le découpe (``mkdocs.utils.meta``,
    la même expression) : ce que le vérificateur valide est ce que le site lira.
    Sans en-tête, MkDocs lit aussi des lignes « clé: valeur » en tête de page
    (MultiMarkdown) : elles sont refusées, puisque le texte disparaîtrait de la page.
    """
    texte, erreurs = lire_texte(chemin, nom)
    if texte is None:
        return Lu(erreurs=erreurs)
    if not texte.strip():
        if en_tete_obligatoire:
            return _fichier_vide(
                nom, "un en-tête entre deux lignes « --- », puis le texte de la fiche"
            )
        return Lu(valeur={}, corps="")
    entete = EN_TETE_MKDOCS.match(texte)
    if entete is None:
        premiere = texte.split("\n", 1)[0]
        if en_tete_obligatoire:
            if premiere.rstrip() == "---":
                probleme = (
                    "l'en-tête n'est jamais refermé",
                    "une ligne « --- » seule après le dernier champ de l'en-tête",
                )
            else:
                probleme = (
                    "l'en-tête est absent : la première ligne n'est pas « --- »",
                    "une première ligne « --- », les champs de la fiche, puis une ligne « --- »",
                )
            return Lu(erreurs=[Erreur(nom, 1, "", *probleme)])
        _, meta = meta_mkdocs(texte)
        if meta:
            return Lu(
                erreurs=[
                    Erreur(
                        nom,
                        1,
                        "",
                        f"la première ligne « {premiere[:60]} » serait lue comme un champ d'en-tête et disparaîtrait de la page",
                        "une ligne vide en tête de page, ou un en-tête entre deux lignes « --- »",
                    )
                ]
            )
        return Lu(valeur={}, corps=texte, ligne_corps=1)
    lu = lire_yaml(entete.group(1), nom, decalage=1)
    fin = entete.end()
    lu.corps = texte[fin:]
    lu.ligne_corps = texte.count("\n", 0, fin) + 1
    if lu.valeur is None and not lu.erreurs:
        if en_tete_obligatoire:
            lu.erreurs.append(
                Erreur(
                    nom,
                    1,
                    "",
                    "l'en-tête est vide",
                    "les champs de la fiche entre les deux lignes « --- »",
                )
            )
        lu.valeur = {}
    return lu


def champ_lisible(chemin: Chemin, lignes: Lignes | None = None) -> str:
    """``('echeancier', 2, 'annee')`` → ``echeancier › n° 3 › annee``.

    Avec les ``lignes`` de la lecture, un élément qui a un identifiant est nommé par
    lui, à partir du plus proche : ``(95, 'telephone')`` dans data/acteurs.yml →
    ``acteur « secours-populaire » (Secours populaire) › telephone`` (son identifiant
    suffit à le retrouver ; les listes qui le contiennent ne sont pas répétées).
    """
    chemin = tuple(chemin)
    noms = getattr(lignes, "noms", None) or {}
    debut, morceaux = 0, []
    for fin in range(len(chemin), 0, -1):
        if chemin[:fin] in noms:
            debut, morceaux = fin, [noms[chemin[:fin]]]
            break
    for partie in chemin[debut:]:
        morceaux.append(f"n° {partie + 1}" if isinstance(partie, int) else str(partie))
    return " › ".join(morceaux)


def ligne_de(lignes: Lignes, chemin: Chemin) -> int | None:
    """La ligne du champ, ou à défaut celle du plus proche champ parent."""
    chemin = tuple(chemin)
    while True:
        if chemin in lignes:
            return lignes[chemin]
        if not chemin:
            return None
        chemin = chemin[:-1]


# Ce que Python-Markdown parcourt pour chaque crochet et chaque parenthèse de lien.
_BLANC = re.compile(r"\n[ \t]*\n")
_SIGNES = re.compile(r"\\.|[\[\]()\"']", re.DOTALL)
_FIN_DE_TITRE = re.compile(r"([\"']) *\)")
# Un titre : « # … » (jusqu'à trois espaces avant), ou une ligne soulignée de « = » ou de « - ».
_TITRE = re.compile(r"^ {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)


def _cout_d_un_bloc(bloc: str) -> tuple[int, int]:
    """(caractères parcourus, position du crochet ou de la parenthèse le plus coûteux).

    Python-Markdown cherche, pour chaque « [ » d'un paragraphe, son « ] » (en
    comptant les crochets imbriqués) et, après chaque « ]( », la « ) » qui ferme le
    lien (en comptant les parenthèses ; après un guillemet, la fin du titre
    « "…") ») ; faute de les trouver, il parcourt tout le reste du paragraphe. Mille
    « [ » jamais refermés dans un paragraphe de 1 000 caractères, c'est déjà un
    demi-million de caractères lus, en Python. Le compte est fait ici d'un seul
    passage (il peut surestimer, jamais sous-estimer : les « [ » d'un code entre
    accents graves sont comptés).
    """
    fin = len(bloc)
    crochets: list[int] = []
    parentheses: list[int] = []
    fermeture: dict[int, int] = {}  # position d'une « ( » → celle de sa « ) »
    fins_de_crochet: list[int] = []  # positions des « ] » qui ferment un « [ »
    guillemets: list[int] = []
    cout, pire, pire_cout = 0, 0, -1
    for signe in _SIGNES.finditer(bloc):
        position, c = signe.start(), signe.group()
        if c == "[":
            crochets.append(position)
        elif c == "]":
            if crochets:
                ouvert = crochets.pop()
                cout += position - ouvert
                if position - ouvert > pire_cout:
                    pire, pire_cout = ouvert, position - ouvert
                fins_de_crochet.append(position)
        elif c == "(":
            parentheses.append(position)
        elif c == ")":
            if parentheses:
                fermeture[parentheses.pop()] = position
        elif c in "\"'":
            guillemets.append(position)
    for ouvert in crochets:
        cout += fin - ouvert
        if fin - ouvert > pire_cout:
            pire, pire_cout = ouvert, fin - ouvert
    fins_de_titre: dict[str, list[tuple[int, int]]] = {'"': [], "'": []}
    if guillemets:
        for titre in _FIN_DE_TITRE.finditer(bloc):
            fins_de_titre[titre.group(1)].append((titre.start(), titre.end()))
    for position in fins_de_crochet:
        ouvert = position + 1
        if not bloc.startswith("(", ouvert):
            continue
        arret = fermeture.get(ouvert, fin)
        i = bisect.bisect_right(guillemets, ouvert)
        if i < len(guillemets) and guillemets[i] < arret:
            # Un guillemet ouvre un titre : seule la fin d'un titre de même guillemet arrête la lecture.
            debut_titre = guillemets[i]
            fins = fins_de_titre[bloc[debut_titre]]
            j = bisect.bisect_right(fins, (debut_titre, fin + 1))
            arret = fins[j][1] if j < len(fins) else fin
        cout += arret - ouvert
        if arret - ouvert > pire_cout:
            pire, pire_cout = ouvert, arret - ouvert
    return cout, pire


def texte_markdown_borne(texte: str, premiere_ligne: int | None = None) -> tuple[str, str] | None:
    """``(problème, attendu)`` en français si le texte Markdown serait trop long à construire ; sinon ``None``.

    Python-Markdown n'est pas linéaire. Mesures (toutes les extensions du site) :

    - il relit la suite du paragraphe pour chaque crochet « [ » ou lien « ]( »
      jamais refermé : 4 000 « [a]( » (16 ko) prennent 7,5 s, 20 000 (80 ko) une
      minute et demie ; le texte est refusé quand ce travail dépasserait
      ``COUT_MAX_MARKDOWN`` caractères relus (moins d'une demi-seconde) ;
    - chaque paragraphe, chaque élément en ligne coûte plus que le précédent :
      80 ko de paragraphes d'une lettre, 4 s ; d'où ``LONGUEUR_MAX_MARKDOWN`` ;
    - des titres identiques (« # a » 20 000 fois) : 3 minutes, l'extension toc
      cherchant à chacun un identifiant libre ; d'où ``TITRES_MAX_MARKDOWN``.

    Un texte ordinaire, même avec des centaines de liens, en est très loin. Le
    calcul est proportionnel à la longueur du texte. ``premiere_ligne`` : la ligne
    du fichier où commence le texte (le corps d'une page, par exemple) ; le message
    donne alors la ligne en cause.
    """
    if len(texte) > LONGUEUR_MAX_MARKDOWN:
        return (
            f"le texte est trop long ({_nombre(len(texte))} caractères)",
            f"un texte de {_nombre(LONGUEUR_MAX_MARKDOWN)} caractères au plus : répartissez-le en plusieurs pages",
        )
    titres = _TITRE.findall(texte)
    if len(titres) > TITRES_MAX_MARKDOWN:
        return (
            f"le texte contient {_nombre(len(titres))} titres",
            f"{TITRES_MAX_MARKDOWN} titres (lignes « # … ») au plus par texte : répartissez-le en plusieurs pages",
        )
    if "[" not in texte:
        return None
    cout, pire, debut_du_pire = 0, 0, 0
    debut = 0
    for separateur in [*_BLANC.finditer(texte), None]:
        fin = separateur.start() if separateur else len(texte)
        bloc = texte[debut:fin]
        if "[" in bloc:
            cout_du_bloc, position = _cout_d_un_bloc(bloc)
            if cout_du_bloc > pire:
                pire, debut_du_pire = cout_du_bloc, debut + position
            cout += cout_du_bloc
        debut = separateur.end() if separateur else fin
    if cout <= COUT_MAX_MARKDOWN:
        return None
    lieu = ""
    if premiere_ligne is not None:
        lieu = f" (voir la ligne {premiere_ligne + texte.count(chr(10), 0, debut_du_pire)})"
    return (
        "le texte contient des crochets « [ » ou des liens « ]( » jamais refermés (ou imbriqués très "
        f"profondément) : le site mettrait trop longtemps à l'afficher{lieu}",
        "des liens complets « [texte](https://…) » ; un crochet ou une parenthèse seuls s'écrivent « \\[ », « \\( »",
    )
