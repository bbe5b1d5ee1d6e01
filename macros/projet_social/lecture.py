"""Lire les fichiers du contenu en gardant les numéros de ligne.

Chaque lecture renvoie ``(valeur, lignes, erreurs)`` :

- ``valeur`` : les données Python (dict, list, str, int…), ou ``None`` si illisible ;
- ``lignes`` : pour chaque chemin de champ (tuple de clés et d'indices), sa ligne
  dans le fichier (à partir de 1) ;
- ``erreurs`` : les problèmes de lecture, déjà formulés en français.

Le YAML est lu avec ``yaml.compose`` (chaque nœud connaît sa ligne), puis
converti ici : les clés restent du texte tel que tapé, une clé en double est une
erreur (PyYAML la laisserait passer en silence), les dates deviennent du texte
AAAA-MM-JJ.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.utils.meta import YAML_RE as EN_TETE_MKDOCS
from mkdocs.utils.meta import get_data as meta_mkdocs

from .erreurs import Erreur

Chemin = tuple
Lignes = dict
_LECTEUR_RAPIDE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Lu:
    """Le résultat d'une lecture."""

    valeur: object = None
    lignes: Lignes = field(default_factory=dict)
    erreurs: list[Erreur] = field(default_factory=list)
    corps: str = ""  # pour un fichier Markdown : le texte après l'en-tête
    ligne_corps: int = 1


def lire_texte(chemin: Path, nom: str) -> tuple[str | None, list[Erreur]]:
    """Lit un fichier en UTF-8 ; sinon une erreur qui donne la ligne fautive."""
    try:
        brut = chemin.read_bytes()
    except OSError:
        return None, [Erreur(nom, None, "", "le fichier ne peut pas être lu", "un fichier texte lisible")]
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


def _erreur_yaml(exc: yaml.YAMLError, nom: str, decalage: int) -> Erreur:
    marque = getattr(exc, "problem_mark", None)
    if "quoted scalar" in str(getattr(exc, "context", "")) and getattr(exc, "context_mark", None):
        marque = exc.context_mark  # là où le guillemet s'ouvre, plus utile que la fin du fichier
    ligne = marque.line + 1 + decalage if marque is not None else None
    texte = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''}"
    for motif, message, attendu in _PROBLEMES_YAML:
        if motif in texte:
            return Erreur(nom, ligne, "", f"YAML mal formé : {message}", attendu)
    return Erreur(
        nom,
        ligne,
        "",
        "YAML mal formé à cet endroit",
        "des lignes « champ: valeur » décalées avec des espaces ; un texte contenant « : », « # » ou des guillemets se met entre guillemets",
    )


class _Convertisseur:
    """Transforme l'arbre de nœuds YAML en données Python, ligne par ligne."""

    def __init__(self, nom: str, decalage: int):
        self.nom = nom
        self.decalage = decalage
        self.lignes: Lignes = {}
        self.erreurs: list[Erreur] = []
        self._constructeur = yaml.SafeLoader("")
        self._en_cours: set[int] = set()

    def ligne(self, noeud: yaml.Node) -> int:
        return noeud.start_mark.line + 1 + self.decalage

    def convertir(self, noeud: yaml.Node, chemin: Chemin = ()) -> object:
        self.lignes.setdefault(chemin, self.ligne(noeud))
        if id(noeud) in self._en_cours:
            self.erreurs.append(
                Erreur(self.nom, self.ligne(noeud), champ_lisible(chemin), "une référence « * » se contient elle-même", "des valeurs écrites en toutes lettres, sans « & » ni « * »")
            )
            return None
        self._en_cours.add(id(noeud))
        try:
            return self._convertir(noeud, chemin)
        finally:
            self._en_cours.discard(id(noeud))

    def _convertir(self, noeud: yaml.Node, chemin: Chemin) -> object:
        if isinstance(noeud, yaml.MappingNode):
            resultat: dict = {}
            for noeud_cle, noeud_valeur in noeud.value:
                if not isinstance(noeud_cle, yaml.ScalarNode):
                    self.erreurs.append(
                        Erreur(self.nom, self.ligne(noeud_cle), champ_lisible(chemin), "nom de champ invalide", "un nom de champ simple, suivi de « : »")
                    )
                    continue
                cle = noeud_cle.value
                if cle in resultat:
                    self.erreurs.append(
                        Erreur(
                            self.nom,
                            self.ligne(noeud_cle),
                            champ_lisible(chemin + (cle,)),
                            f"le champ « {cle} » apparaît deux fois",
                            "un seul exemplaire de chaque champ (fusionnez les deux)",
                        )
                    )
                    continue
                self.lignes[chemin + (cle,)] = self.ligne(noeud_cle)
                resultat[cle] = self.convertir(noeud_valeur, chemin + (cle,))
            return resultat
        if isinstance(noeud, yaml.SequenceNode):
            return [self.convertir(enfant, chemin + (i,)) for i, enfant in enumerate(noeud.value)]
        try:
            valeur = self._constructeur.construct_object(noeud, deep=True)
        except yaml.YAMLError:
            valeur = noeud.value
        if isinstance(valeur, (datetime.date, datetime.datetime)):
            valeur = valeur.isoformat()
        return valeur


def lire_yaml(texte: str, nom: str, decalage: int = 0) -> Lu:
    """Lit un texte YAML ; ``decalage`` est le nombre de lignes qui le précèdent."""
    if not texte.strip():
        return Lu(valeur=None)
    try:
        # libyaml (CSafeLoader) lit trois fois plus vite ; ses nœuds gardent aussi leurs lignes.
        noeud = yaml.compose(texte, Loader=_LECTEUR_RAPIDE)
    except yaml.YAMLError:
        # En cas d'erreur, on relit avec le lecteur Python : ses messages sont plus précis.
        try:
            noeud = yaml.compose(texte, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            return Lu(erreurs=[_erreur_yaml(exc, nom, decalage)])
    if noeud is None:
        return Lu(valeur=None)
    convertisseur = _Convertisseur(nom, decalage)
    valeur = convertisseur.convertir(noeud)
    return Lu(valeur=valeur, lignes=convertisseur.lignes, erreurs=convertisseur.erreurs)


def lire_fichier_yaml(chemin: Path, nom: str) -> Lu:
    texte, erreurs = lire_texte(chemin, nom)
    if texte is None:
        return Lu(erreurs=erreurs)
    if not texte.strip():
        return Lu(erreurs=[Erreur(nom, 1, "", "le fichier est vide", "le contenu décrit par son schéma (voir data/schemas/)")])
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
            return Lu(erreurs=[Erreur(nom, 1, "", "le fichier est vide", "un en-tête entre deux lignes « --- », puis le texte de la fiche")])
        return Lu(valeur={}, corps="")
    entete = EN_TETE_MKDOCS.match(texte)
    if entete is None:
        premiere = texte.split("\n", 1)[0]
        if en_tete_obligatoire:
            if premiere.rstrip() == "---":
                probleme = ("l'en-tête n'est jamais refermé", "une ligne « --- » seule après le dernier champ de l'en-tête")
            else:
                probleme = ("l'en-tête est absent : la première ligne n'est pas « --- »", "une première ligne « --- », les champs de la fiche, puis une ligne « --- »")
            return Lu(erreurs=[Erreur(nom, 1, "", *probleme)])
        _, meta = meta_mkdocs(texte)
        if meta:
            return Lu(erreurs=[Erreur(
                nom, 1, "", f"la première ligne « {premiere[:60]} » serait lue comme un champ d'en-tête et disparaîtrait de la page",
                "une ligne vide en tête de page, ou un en-tête entre deux lignes « --- »",
            )])
        return Lu(valeur={}, corps=texte, ligne_corps=1)
    lu = lire_yaml(entete.group(1), nom, decalage=1)
    fin = entete.end()
    lu.corps = texte[fin:]
    lu.ligne_corps = texte.count("\n", 0, fin) + 1
    if lu.valeur is None and not lu.erreurs:
        if en_tete_obligatoire:
            lu.erreurs.append(Erreur(nom, 1, "", "l'en-tête est vide", "les champs de la fiche entre les deux lignes « --- »"))
        lu.valeur = {}
    return lu


def champ_lisible(chemin: Chemin) -> str:
    """``('echeancier', 2, 'annee')`` → ``echeancier › n° 3 › annee``."""
    morceaux = []
    for partie in chemin:
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
