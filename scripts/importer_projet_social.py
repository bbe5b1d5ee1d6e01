"""Importer un projet social exporté en texte (PDF converti) au modèle de tableau CAF.

Usage :
    .venv/bin/python scripts/importer_projet_social.py SOURCE [--sortie NOUVEAU_DOSSIER]
        [--parametres scripts/parametres_import.yml]
    .venv/bin/python scripts/importer_projet_social.py SOURCE --sortie . --ecraser

Par défaut, l'import est écrit dans un NOUVEAU dossier (import-projet-social/) :
comparez-le avec data/ et docs/fiches/ avant de recopier quoi que ce soit. Un
dossier qui existe et n'est pas vide (le centre lui-même, « --sortie . ») est
refusé, sauf avec --ecraser : seuls les fichiers que l'import produit y sont alors
remplacés. Une source vide, illisible ou dans laquelle aucune fiche n'est trouvée
est refusée avec un message, code de sortie 1, sans rien écrire. Chaque fichier
est écrit tout ou rien (fichier temporaire, puis remplacement : voir
macros/projet_social/ecriture.py) ; si un fichier ne peut pas être écrit (disque
plein), aucun n'est remplacé.

Le script lit l'export texte et écrit :
- data/arbre.yml       l'arbre des objectifs (section « Arbre d'objectifs ») ;
- data/sigles.yml      la table des sigles et abréviations ;
- data/vocabulaires.yml les statuts (légende de l'arbre), projets, publics, mots clés ;
- data/acteurs.yml     les partenaires reconnus dans les cellules « Partenariat » ;
- data/centre.yml, data/lieux.yml  recopiés des paramètres (la source ne les
  structure pas : on y recopie ce que la source dit, rien de plus) ;
- docs/fiches/<code>.md une fiche par action.

Ce que la source ne permet pas de décider n'est pas deviné : le script l'écrit
tel quel (ou le laisse vide) et l'annonce sur la sortie standard avec la fiche
et la ligne de la source (« À vérifier : fiche 1-05, ligne 1305 : … »).
Les corrections faites ensuite à la main sont listées dans scripts/corrections.md.

Chaque fichier data/*.yml commence par la ligne du schéma (« # yaml-language-server:
$schema=… », pour l'éditeur), puis par un commentaire écrit pour l'équipe : ce qu'est
le fichier et la page « Contribuer » qui l'explique (ENTETES_DONNEES). Les notes pour
les développeurs (d'où vient le fichier, où noter les corrections) sont dans
scripts/README.md, jamais dans les fichiers que l'équipe modifie.

Modèle CAF reconnu (variantes comprises) :
- une fiche commence par une ligne « AXE 1 - … » / « AXE 2 – … » / « AXE TRANSVERSAL – … »,
  suivie du titre numéroté « 01. … », « 10 . … » ou « 17 – … » ;
- le tableau vient ensuite, une ligne de texte par ligne du tableau, cellules
  séparées par des tabulations, sur deux, trois ou quatre colonnes : une ligne
  d'intitulés (« Contexte », « Échéancier »…) puis une ligne de contenus placés
  dans les mêmes colonnes ; une cellule de contenu peut aussi se trouver sur la
  ligne d'intitulés suivante (elle continue alors la rubrique de sa colonne) ;
- le contenu des cellules est un fragment HTML (<p>, <ul> non refermés), lu avec
  BeautifulSoup.

Règles pour les publics et les mots clés (vocabulaire fermé, défini plus bas
dans PUBLICS et MOTS_CLES) : un public n'est retenu que si la cellule « Public
cible » de la fiche le nomme ; un mot clé n'est retenu que si le titre de la
fiche ou son objectif général le nomme. Les cases « Projet Animation Collective
Famille / Projet Jeunesse » ont perdu leur coche à l'export : le champ
« projets » n'est jamais écrit.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, NavigableString

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "macros"))
from projet_social.ecriture import cause, ecrire_ensemble  # noqa: E402

# ---------------------------------------------------------------------------
# Vocabulaires fermés et règles de reconnaissance (documentées ici)
# ---------------------------------------------------------------------------

PROJETS = [
    ("animation-collective-famille", "Projet Animation Collective Famille"),
    ("jeunesse", "Projet Jeunesse"),
]

STATUTS_AVANCEMENT = [
    ("a-venir", "À venir"),
    ("en-cours", "En cours"),
    ("realisee", "Réalisée"),
    ("reportee", "Reportée"),
    ("abandonnee", "Abandonnée"),
]

# Public : code, libellé, motifs cherchés dans la cellule « Public cible » (minuscules ;
# ses paragraphes sont séparés par « | »). Associations, partenaires et bénévoles ne
# sont retenus que s'ils ouvrent un paragraphe (ils sont alors le public visé, et
# non les orienteurs cités en passant).
PUBLICS = [
    ("tous", "Tous publics", [r"\btout public\b", r"\btous publics\b", r"\btous les habitants\b"]),
    (
        "enfants",
        "Enfants",
        [r"\bpublic enfants\b", r"^enfants\b", r"\bjeunes enfants\b", r"enfants de moins de"],
    ),
    ("jeunes", "Jeunes", [r"\bjeunes?\b(?! enfants)", r"\bélèves\b", r"\badolescents\b"]),
    ("parents", "Parents et familles", [r"\bparents\b", r"\bfamilles?\b", r"\bmères\b"]),
    ("adultes", "Adultes", [r"\badultes\b"]),
    ("seniors", "Seniors", [r"\bseniors?\b"]),
    ("femmes", "Femmes", [r"\bfemmes\b", r"\bmères\b"]),
    (
        "associations",
        "Associations et partenaires",
        [r"(^|\| )(- )?(les )?(associations?|partenaires|acteurs|associatifs)\b"],
    ),
    ("benevoles", "Bénévoles", [r"(^|\| )(- )?bénévoles\b"]),
]

# Mot clé : code, libellé, motifs cherchés dans le titre et l'objectif général (minuscules).
MOTS_CLES = [
    ("numerique", "Numérique", [r"numérique"]),
    ("langue-francaise", "Langue française", [r"\bfrançais\b"]),
    (
        "acces-aux-droits",
        "Accès aux droits",
        [r"accès aux droits", r"démarches de vie quotidienne", r"accompagnement individuel"],
    ),
    ("sante", "Santé", [r"\bsanté\b"]),
    ("mobilite", "Mobilité", [r"mobilité"]),
    ("vacances", "Vacances et sorties", [r"vacances", r"\bsorties\b", r"séjours"]),
    ("insertion", "Insertion professionnelle", [r"insertion"]),
    ("parentalite", "Parentalité", [r"parent", r"familles?\b"]),
    ("petite-enfance", "Petite enfance", [r"0-6 ans", r"petite enfance", r"matin câlin", r"bébé"]),
    (
        "scolarite",
        "Scolarité",
        [r"scolaire", r"collège", r"orientation en 3", r"décrochage", r"\bcp\b"],
    ),
    ("loisirs", "Loisirs", [r"loisirs"]),
    (
        "vivre-ensemble",
        "Vivre ensemble",
        [r"lien social", r"entraide", r"espace public", r"jardin", r"apprendre en faisant"],
    ),
    (
        "participation",
        "Participation des habitants",
        [
            r"usagers",
            r"collectifs d'habitants",
            r"cadre de vie",
            r"pouvoir d'agir",
            r"projets de jeunes",
            r"habitants relais",
        ],
    ),
    ("vie-associative", "Vie associative et bénévolat", [r"vie associative", r"bénévoles"]),
    (
        "accueil",
        "Accueil",
        [
            r"fonction accueil",
            r"espaces accueils",
            r"accueil des « nouveaux »",
            r"\baccueillir\b",
            r"^l'accueil(,| et) l'accompagnement",
        ],
    ),
    ("communication", "Communication", [r"communication", r"journal", r"guide"]),
    ("partenariat", "Partenariat", [r"partenariat", r"interconnaissance", r"mise en réseau"]),
]

# ---------------------------------------------------------------------------
# Signalements : ce que le script n'a pas pu décider
# ---------------------------------------------------------------------------


@dataclass
class Signalement:
    fiche: str
    ligne: int
    message: str

    def __str__(self) -> str:
        ou = f"fiche {self.fiche}, " if self.fiche else ""
        return f"À vérifier : {ou}ligne {self.ligne} : {self.message}"


SIGNALEMENTS: list[Signalement] = []


def signaler(fiche: str, ligne: int, message: str) -> None:
    SIGNALEMENTS.append(Signalement(fiche, ligne, message))


# ---------------------------------------------------------------------------
# Texte : réparations des dégâts de conversion
# ---------------------------------------------------------------------------


def reparer(texte: str) -> str:
    """Répare ce que la conversion a abîmé, sans toucher au sens."""
    texte = html.unescape(texte)
    texte = re.sub(r"\^\{([^}]*)\}", r"\1", texte)  # 1^{er} -> 1er
    texte = re.sub(
        r"(\d)\^(eme|ème|er|ère|e)\b",
        lambda m: m.group(1) + ("ème" if m.group(2) in ("eme", "ème", "e") else m.group(2)),
        texte,
    )
    texte = texte.replace("\u00a0", " ").replace("\u200b", "")
    texte = re.sub(r"[ \t]+", " ", texte)
    texte = re.sub(r" +([.,])(?=\s|$)", r"\1", texte)  # « accompagnements . »
    return texte.strip()


def sans_accents(texte: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", texte) if unicodedata.category(c) != "Mn"
    )


def identifiant(texte: str) -> str:
    """« L'accès aux droits » -> « l-acces-aux-droits »."""
    texte = sans_accents(texte).lower().replace("œ", "oe").replace("æ", "ae")
    return re.sub(r"[^a-z0-9]+", "-", texte).strip("-")


def echapper_markdown(texte: str) -> str:
    """Évite qu'un début de ligne ordinaire soit pris pour un titre ou une citation.

    Les astérisques ne sont pas échappés : l'import n'en produit que pour le
    gras (texte souligné de la source) ; un astérisque isolé reste du texte.
    """
    return re.sub(r"^([#>+])", r"\\\1", texte)


# ---------------------------------------------------------------------------
# Cellules HTML -> blocs (paragraphes et listes) -> Markdown
# ---------------------------------------------------------------------------

PUCES_PRINCIPALES = "•-–"
PUCES_SECONDAIRES = "▪○◦"


@dataclass
class Bloc:
    genre: str  # "p" ou "liste"
    texte: str = ""  # paragraphe
    elements: list = field(default_factory=list)  # liste : [(texte, [sous-éléments])]
    decoupable: bool = True  # faux si la liste a perdu ses séparateurs


def _texte_du_noeud(noeud) -> str:
    if noeud.parent is not None and noeud.parent.name == "u" and str(noeud).strip():
        return f" **{str(noeud).strip()}** "
    return str(noeud)


def blocs_de_cellule(fragment: str) -> list[Bloc]:
    """Lit un fragment HTML et rend ses paragraphes et ses listes, dans l'ordre.

    Les <ul> de l'export ne sont jamais refermés : BeautifulSoup les imbrique
    dans ce qui suit. On parcourt donc les textes dans l'ordre et on range
    chacun sous son bloc le plus proche (<p> ou <ul>).
    """
    soupe = BeautifulSoup(fragment, "html.parser")
    bruts: list[tuple[str, object, list[str]]] = []  # (genre, élément, morceaux)
    for chaine in soupe.descendants:
        if not isinstance(chaine, NavigableString):
            continue
        parent = chaine.find_parent(["p", "ul"])
        genre = parent.name if parent is not None else "p"
        if bruts and bruts[-1][1] is parent:
            bruts[-1][2].append(_texte_du_noeud(chaine))
        else:
            bruts.append((genre, parent, [_texte_du_noeud(chaine)]))
    blocs: list[Bloc] = []
    for genre, _, morceaux in bruts:
        texte = reparer(" ".join(morceaux))
        if not texte:
            continue
        if genre == "ul":
            if blocs and blocs[-1].genre == "liste" and texte[0] in PUCES_SECONDAIRES:
                blocs[-1].texte += " " + texte
            else:
                blocs.append(Bloc("liste", texte))
        else:
            blocs.append(Bloc("p", texte))
    for bloc in blocs:
        if bloc.genre == "liste":
            bloc.elements, bloc.decoupable = elements_de_liste(bloc.texte)
    return blocs


def elements_de_liste(texte: str) -> tuple[list, bool]:
    """Découpe le texte d'une liste en éléments [(texte, [sous-éléments])].

    Séparateurs reconnus : puces « • », « - », « – » en tête (la première puce
    donne la puce principale), puces secondaires « ▪ ○ ◦ » (sous-éléments), ou
    à défaut des points-virgules. Sans aucun séparateur, la liste reste d'un
    seul tenant et ``decoupable`` vaut False : c'est à un humain de la couper.
    """
    texte = texte.strip()
    principale = texte[0] if texte and texte[0] in PUCES_PRINCIPALES else None
    if principale is None and texte and texte[0] in PUCES_SECONDAIRES:
        principale = texte[0]
    if principale is None:
        if " ; " in texte or texte.count(";") >= 1 and not texte.rstrip(" .").endswith(";"):
            morceaux = [m.strip() for m in re.split(r"(?<=;)\s+", texte) if m.strip()]
            if len(morceaux) > 1:
                return [(m, []) for m in morceaux], True
        return [(texte, [])], False
    if principale in "-–":
        motif = r"(?:^|\s)[" + re.escape(principale) + r"]\s+|\s*([" + PUCES_SECONDAIRES + r"])\s*"
    else:
        motif = (
            r"\s*([" + re.escape(principale) + PUCES_SECONDAIRES.replace(principale, "") + r"])\s*"
        )
    elements: list = []
    jetons = list(re.finditer(motif, texte))
    for i, jeton in enumerate(jetons):
        fin = jetons[i + 1].start() if i + 1 < len(jetons) else len(texte)
        morceau = texte[jeton.end() : fin].strip()
        puce_ici = (jeton.group(1) or principale) if jeton.lastindex else principale
        if not morceau:
            continue
        if puce_ici != principale and elements:
            elements[-1][1].append(morceau)
        else:
            elements.append((morceau, []))
    avant = texte[: jetons[0].start()].strip() if jetons else texte
    if avant:
        elements.insert(0, (avant, []))
    return elements, True


def markdown_de_blocs(blocs: list[Bloc]) -> str:
    morceaux: list[str] = []
    for bloc in blocs:
        if bloc.genre == "p":
            morceaux.append(echapper_markdown(bloc.texte))
        else:
            lignes = []
            for texte, sous in bloc.elements:
                lignes.append("- " + echapper_markdown(texte))
                lignes.extend("    - " + echapper_markdown(s) for s in sous)
            morceaux.append("\n".join(lignes))
    return "\n\n".join(morceaux)


def textes_de_liste(blocs: list[Bloc]) -> list[str]:
    """Les éléments d'une liste, en texte simple (sous-éléments joints)."""
    resultat = []
    for bloc in blocs:
        elements = bloc.elements if bloc.genre == "liste" else [(bloc.texte, [])]
        for texte, sous in elements:
            resultat.append(texte + (" " + " ; ".join(sous) if sous else ""))
    return resultat


# ---------------------------------------------------------------------------
# Repérer les fiches et lire leurs tableaux
# ---------------------------------------------------------------------------

RE_AXE_FICHE = re.compile(r"^AXE\s*[«\"]?\s*(\d+|TRANSVERSAL)\b\s*(?:[-–:]\s*)?(.*)$", re.I)
RE_TITRE_FICHE = re.compile(r"^\s*(\d{1,2})\s*[.–-]\s+(.+?)\s*$")

RUBRIQUES = [
    (r"contexte", "contexte"),
    (r"objectifs? g[ée]n[ée]r(al|aux)\b.*", "objectifs"),
    (r"public\b.*", "public"),
    (r"pr[ée]sentation de l'action", "presentation"),
    (r"[ée]ch[ée]ancier", "echeancier"),
    (r"(moyens|ressources internes)\b.*", "moyens"),
    (r"partenariats?\b.*", "partenariat"),
    (r"r[ée]sultats attendus", "resultats"),
    (r"indicateurs d'[ée]valuation", "indicateurs"),
    (r"freins à lever", "freins"),
]
CASES_PROJETS = re.compile(r"^\s*Projet (Animation Collective Famille|Jeunesse)\s*$")


def rubrique_de(cellule: str) -> str | None:
    """L'intitulé d'une rubrique du modèle CAF, ou None si c'est un contenu."""
    texte = reparer(cellule).lower()
    if "<" in cellule or len(texte) > 60:
        return None
    for motif, rubrique in RUBRIQUES:
        if re.fullmatch(motif, texte):
            return rubrique
    return None


def code_axe(mot: str) -> str:
    return mot if mot.isdigit() else mot[0].upper()


@dataclass
class FicheBrute:
    axe: str
    numero: int
    titre: str
    ligne: int
    cellules: dict = field(default_factory=dict)  # rubrique -> [(ligne, fragment)]

    @property
    def code(self) -> str:
        return f"{self.axe}-{self.numero:02d}"


def reperer_fiches(lignes: list[str]) -> list[FicheBrute]:
    """Trouve chaque fiche (ligne AXE + titre numéroté) et lit son tableau."""
    fiches: list[FicheBrute] = []
    i = 0
    while i < len(lignes):
        m = RE_AXE_FICHE.match(lignes[i].strip())
        j = _suivante_non_vide(lignes, i + 1)
        titre = RE_TITRE_FICHE.match(lignes[j]) if m and j is not None else None
        if not titre or "\t" in lignes[j]:
            i += 1
            continue
        fiche = FicheBrute(
            code_axe(m.group(1)), int(titre.group(1)), reparer(titre.group(2)), j + 1
        )
        i = lire_tableau(fiche, lignes, j + 1)
        fiches.append(fiche)
    return fiches


def _suivante_non_vide(lignes: list[str], i: int) -> int | None:
    while i < len(lignes):
        if lignes[i].strip():
            return i
        i += 1
    return None


def lire_tableau(fiche: FicheBrute, lignes: list[str], i: int) -> int:
    """Range les cellules du tableau de la fiche par rubrique ; renvoie la ligne suivante.

    Une ligne d'intitulés qui porte aussi un contenu est ambiguë : si la ligne
    suivante est une ligne de contenus, ce contenu continue la rubrique de sa
    colonne (celle de la ligne d'intitulés précédente) ; sinon il est le contenu
    de l'intitulé de la même ligne (modèle « intitulé | contenu »), à condition
    qu'il n'y en ait qu'un. Sinon on signale, sans deviner.
    """
    colonnes: dict[int, str] = {}
    while i < len(lignes):
        ligne = lignes[i]
        if not ligne.strip() or CASES_PROJETS.match(ligne):
            i += 1
            continue
        if "\t" not in ligne and rubrique_de(ligne) is None:
            break  # fin du tableau
        cellules = [
            (c, cellule, rubrique_de(cellule))
            for c, cellule in enumerate(ligne.split("\t"))
            if cellule.strip()
        ]
        intitules = [r for _, _, r in cellules if r]
        suite = _suivante_non_vide(lignes, i + 1)
        suite_est_contenu = (
            suite is not None
            and "\t" in lignes[suite]
            and not any(rubrique_de(c) for c in lignes[suite].split("\t") if c.strip())
        )
        for colonne, cellule, rubrique in cellules:
            if rubrique:
                continue
            if intitules and not suite_est_contenu:
                if len(intitules) != 1:
                    signaler(
                        fiche.code,
                        i + 1,
                        f"contenu sur une ligne de plusieurs intitulés, non importé : « {reparer(cellule)[:60]}… »",
                    )
                    continue
                rubrique = intitules[0]
            else:
                rubrique = colonnes.get(colonne)
            if rubrique is None:
                signaler(
                    fiche.code,
                    i + 1,
                    f"cellule hors de toute rubrique (colonne {colonne + 1}), non importée : « {reparer(cellule)[:60]}… »",
                )
                continue
            fiche.cellules.setdefault(rubrique, []).append((i + 1, cellule))
        for colonne, _, rubrique in cellules:
            if rubrique:
                colonnes[colonne] = rubrique
        i += 1
    return i


# ---------------------------------------------------------------------------
# L'arbre des objectifs
# ---------------------------------------------------------------------------

RE_AXE_ARBRE = re.compile(r"^AXE\s+(\d+|TRANSVERSAL)\s*:\s*(.+)$")
RE_ENJEU = re.compile(r"^Enjeu\s*n°\s*(\d+)\s*:\s*(.+)$", re.I)
RE_ACTION = re.compile(r"^(\d{1,2})\s*[.–-]\s+(.+)$")
RE_LEGENDE = re.compile(r"^\*\s*([A-Z]{1,3}\s*:.+)$")
RE_STATUT = re.compile(r"^[A-Z]{1,3}$")
RE_RENVOI = re.compile(r"\s*(?:\(\s*(?:cf\.?|fiche commune)\b[^)]*\)|-\s*cf\.?\s+.+)$", re.I)


@dataclass
class Arbre:
    axes: list = field(default_factory=list)  # nœuds (dict) du premier niveau
    statuts: list = field(default_factory=list)  # [(code, libellé)]
    placements: dict = field(default_factory=dict)  # code fiche -> [id objectif]
    statut_de: dict = field(default_factory=dict)  # code fiche -> statut
    titres: dict = field(default_factory=dict)  # code fiche -> titre dans l'arbre
    renvois_textuels: list = field(default_factory=list)  # [(nœud, texte du renvoi, ligne)]
    renvois_par_titre: list = field(
        default_factory=list
    )  # [(nœud objectif, titre d'action, ligne)]


def lire_arbre(lignes: list[str]) -> Arbre:
    """Lit les tableaux « AXE n : … » de l'arbre d'objectifs."""
    arbre = Arbre()
    axe = enjeu = objectif = None
    derniere_action = None
    dans_arbre = False
    ids: set[str] = set()
    for numero, brute in enumerate(lignes, 1):
        ligne = reparer(brute)
        if not ligne or re.fullmatch(r"\*?\s*(\d{4}\s*)+", ligne.replace("*", "").strip() or "x"):
            continue
        if m := RE_AXE_ARBRE.match(ligne):
            code = m.group(1).lower()
            axe = {"id": f"axe-{code}", "code": code, "titre": m.group(2).strip(), "enfants": []}
            arbre.axes.append(axe)
            dans_arbre, enjeu, objectif, derniere_action = True, None, None, None
            continue
        if not dans_arbre:
            continue
        if m := RE_LEGENDE.match(ligne):
            if not arbre.statuts:
                for morceau in m.group(1).split(" / "):
                    code, _, libelle = morceau.partition(":")
                    arbre.statuts.append((code.strip(), libelle.strip()))
            dans_arbre = False
            continue
        colonnes = [reparer(c) for c in brute.split("\t") if reparer(c) and reparer(c) != "*"]
        texte = colonnes[0] if colonnes else ""
        statut = next((c for c in colonnes[1:] if RE_STATUT.fullmatch(c)), None)
        if m := RE_ENJEU.match(texte):
            enjeu = {
                "id": f"enjeu-{m.group(1)}",
                "code": m.group(1),
                "titre": m.group(2).strip(),
                "enfants": [],
            }
            axe["enfants"].append(enjeu)
            objectif, derniere_action = None, None
            continue
        if RE_STATUT.fullmatch(texte):
            if derniere_action and derniere_action not in arbre.statut_de:
                arbre.statut_de[derniere_action] = texte
            continue
        if m := RE_ACTION.match(texte):
            code = f"{code_axe(axe['code'].upper())}-{int(m.group(1)):02d}"
            titre = RE_RENVOI.sub("", m.group(2)).strip()
            if objectif is None:
                signaler(code, numero, "action placée avant tout objectif dans l'arbre")
                continue
            places = arbre.placements.setdefault(code, [])
            if objectif["id"] not in places:
                places.append(objectif["id"])
            arbre.titres.setdefault(code, titre)
            if statut and code not in arbre.statut_de:
                arbre.statut_de[code] = statut
            derniere_action = code
            continue
        if RE_RENVOI.search(texte) and enjeu is not None:
            titre = RE_RENVOI.sub("", texte).strip()
            if objectif is not None and re.search(r"\(\s*cf", texte, re.I):
                arbre.renvois_par_titre.append((objectif, titre, numero))
                continue
            objectif = _nouvel_objectif(enjeu, titre, ids, numero)
            arbre.renvois_textuels.append((objectif, RE_RENVOI.search(texte).group(0), numero))
            continue
        if enjeu is None:
            signaler("", numero, f"ligne de l'arbre hors de tout enjeu, ignorée : « {texte[:60]} »")
            continue
        objectif = _nouvel_objectif(enjeu, texte, ids, numero)
        derniere_action = None
    return arbre


def _nouvel_objectif(enjeu: dict, titre: str, ids: set, numero: int) -> dict:
    id_ = identifiant(titre)
    if id_ in ids:
        signaler("", numero, f"deux objectifs portent le titre « {titre} » : le second est suffixé")
        n = 2
        while f"{id_}-{n}" in ids:
            n += 1
        id_ = f"{id_}-{n}"
    ids.add(id_)
    noeud = {"id": id_, "titre": titre}
    enjeu["enfants"].append(noeud)
    return noeud


def resoudre_renvois(arbre: Arbre, parametres: dict) -> None:
    """Rattache les actions citées par leur titre (« … (cf axe 3) ») et pose les renvois."""
    par_titre = {identifiant(t): code for code, t in arbre.titres.items()}
    for objectif, titre, numero in arbre.renvois_par_titre:
        code = par_titre.get(identifiant(titre))
        if code is None:
            signaler("", numero, f"action citée par renvoi introuvable dans l'arbre : « {titre} »")
            continue
        arbre.placements.setdefault(code, [])
        if objectif["id"] not in arbre.placements[code]:
            arbre.placements[code].append(objectif["id"])
    # Un objectif qui ne porte aucune action en propre renvoie vers l'objectif principal
    # des actions qu'il cite.
    principaux = {places[0] for places in arbre.placements.values() if places}
    for objectif, _, _ in arbre.renvois_par_titre:
        if objectif["id"] in principaux:
            continue
        cibles = [places[0] for places in arbre.placements.values() if objectif["id"] in places[1:]]
        objectif["renvois"] = list(dict.fromkeys(objectif.get("renvois", []) + cibles))
    # Renvois en texte libre (« - Cf accès aux droits ») : seulement ceux que les
    # paramètres résolvent ; les autres sont signalés.
    choix = parametres.get("renvois", {}) or {}
    for objectif, texte, numero in arbre.renvois_textuels:
        if objectif["id"] in choix:
            objectif["renvois"] = list(choix[objectif["id"]])
        else:
            signaler(
                "",
                numero,
                f"renvoi « {texte.strip()} » de l'objectif « {objectif['titre']} » à résoudre (paramètre « renvois »)",
            )


# ---------------------------------------------------------------------------
# Sigles
# ---------------------------------------------------------------------------


def lire_sigles(lignes: list[str]) -> dict[str, str]:
    """La table « SIGLES & ABRÉVIATIONS » : une ou deux paires « SIGLE<tab>sens » par ligne."""
    sigles: dict[str, str] = {}
    debut = max(
        (i for i, l in enumerate(lignes) if re.match(r"^\s*SIGLES\s*(&|ET)\s*ABR", l, re.I)),
        default=None,
    )
    if debut is None:
        return sigles
    for numero in range(debut + 1, len(lignes)):
        cellules = [reparer(c) for c in lignes[numero].split("\t")]
        if not lignes[numero].strip():
            continue
        if len(cellules) < 2:
            break
        for sigle, sens in zip(cellules[::2], cellules[1::2]):
            if sigle and sens:
                sigles[sigle] = sens
            elif sigle or sens:
                signaler(
                    "", numero + 1, f"sigle sans signification (ou l'inverse) : « {sigle or sens} »"
                )
    return dict(sorted(sigles.items(), key=lambda kv: sans_accents(kv[0]).upper()))


# ---------------------------------------------------------------------------
# Acteurs (partenaires) : reconnus grâce au référentiel des paramètres
# ---------------------------------------------------------------------------

MOTS_DE_LIAISON = r"\b(et|ou|les?|la|l'|des?|du|d'|avec|dont|en|au|aux|association|associations)\b"


def motif_acteur(texte: str) -> re.Pattern:
    sensible = texte.isupper() and len(texte) <= 8
    corps = re.escape(texte).replace(r"\ ", r"\s+")
    return re.compile(r"(?<![\w])" + corps + r"(?![\w])", 0 if sensible else re.I)


def reconnaitre_acteurs(texte: str, referentiel: list[dict]) -> tuple[list[str], bool]:
    """Acteurs nommés dans un texte (ordre d'apparition), et si le texte n'est fait que d'eux."""
    trouves: list[tuple[int, str]] = []
    reste = texte
    for acteur in referentiel:
        for nom in acteur.get("motifs", []):
            for m in motif_acteur(nom).finditer(texte):
                trouves.append((m.start(), acteur["id"]))
            reste = motif_acteur(nom).sub(" ", reste)
    reste = re.sub(MOTS_DE_LIAISON, " ", reste, flags=re.I)
    reste = re.sub(r"[\s/,;:.()\-–…&+]+", "", reste)
    ids = list(dict.fromkeys(id_ for _, id_ in sorted(trouves)))
    return ids, not reste


# ---------------------------------------------------------------------------
# Construire une fiche
# ---------------------------------------------------------------------------

SOUS_RUBRIQUES_MOYENS = [
    (r"moyens humains\b", "humains"),
    (r"(ressources|moyens) (matériel\w*|financi\w*)( et (matériel\w*|financi\w*))?", "materiels"),
]
RE_ANNEE = re.compile(r"\b(20\d\d)\b")
RE_DATE_SEULE = re.compile(r"^(20\d\d)(?:\s*[/-]\s*(20\d\d))?$")


def blocs_de(brute: FicheBrute, rubrique: str) -> list[Bloc]:
    blocs = []
    for ligne, fragment in brute.cellules.get(rubrique, []):
        nouveaux = blocs_de_cellule(fragment)
        for bloc in nouveaux:
            if bloc.genre == "liste" and not bloc.decoupable and len(bloc.texte.split()) > 8:
                signaler(
                    brute.code,
                    ligne,
                    f"liste sans séparateurs dans « {rubrique} », gardée d'un seul tenant : « {bloc.texte[:70]}… »",
                )
        blocs.extend(nouveaux)
    return blocs


def separer_sous_rubriques(blocs: list[Bloc], sous_rubriques, defaut: str) -> dict[str, list[Bloc]]:
    """Coupe une cellule aux intitulés internes (« Moyens humains », « Indicateurs qualitatifs »…)."""
    resultat: dict[str, list[Bloc]] = {}
    courante = defaut
    for bloc in blocs:
        texte = bloc.texte
        while True:
            trouve = None
            for motif, nom in sous_rubriques:
                m = re.search(r"(?:^|\s)" + motif + r"\s*:?\s*", texte, re.I)
                if m and (trouve is None or m.start() < trouve[0].start()):
                    trouve = (m, nom)
            if trouve is None:
                break
            m, nom = trouve
            avant = texte[: m.start()].strip()
            if avant:
                resultat.setdefault(courante, []).append(_bloc_comme(bloc, avant))
            courante, texte = nom, texte[m.end() :].strip()
        if texte:
            resultat.setdefault(courante, []).append(_bloc_comme(bloc, texte))
    return resultat


def _bloc_comme(modele: Bloc, texte: str) -> Bloc:
    bloc = Bloc(modele.genre, texte)
    if bloc.genre == "liste":
        bloc.elements, bloc.decoupable = elements_de_liste(texte)
    return bloc


def echeancier(blocs: list[Bloc]) -> list[dict]:
    """Étapes de l'échéancier : un paragraphe (et la liste qui le suit) par étape."""
    etapes: list[list[Bloc]] = []
    for bloc in blocs:
        if bloc.genre == "liste" and etapes:
            etapes[-1].append(bloc)
        elif bloc.genre == "p":
            # « 2021 : … 2022/2024 : … » dans un même paragraphe : deux étapes.
            premier = bloc.texte.find(":")
            coupures = [
                m.start()
                for m in re.finditer(r"(?<=\s)20\d\d(?:\s*[/-]\s*20\d\d)?\s*:", bloc.texte)
                if premier >= 0 and m.start() > premier
            ]
            bornes = [0] + coupures + [len(bloc.texte)]
            for debut, fin in zip(bornes, bornes[1:]):
                etapes.append([Bloc("p", bloc.texte[debut:fin].strip())])
        else:
            etapes.append([bloc])
    return [etape_datee(e) for e in etapes]


def etape_datee(blocs: list[Bloc]) -> dict:
    """Une étape : l'année seulement si la tête du texte (avant « : ») en donne une, ou une période."""
    premier = blocs[0].texte if blocs[0].genre == "p" else ""
    tete, deux_points, suite = premier.partition(":")
    if not deux_points:
        m = re.match(r"^(20\d\d(?:\s*[/-]\s*20\d\d)?)\b\s*(.*)$", premier)
        tete, suite = (m.group(1), m.group(2)) if m and m.group(2) else (premier, "")
    annees = [int(a) for a in RE_ANNEE.findall(tete)]
    etape: dict = {}
    seule = RE_DATE_SEULE.match(tete.strip())
    if annees and (len(annees) == 1 or seule) and (suite.strip() or len(blocs) > 1):
        if 2021 <= annees[0] <= 2024:
            etape["annee"] = annees[0]
            if len(annees) == 2 and annees[1] > annees[0] and annees[1] <= 2024:
                etape["annee_fin"] = annees[1]
    if seule and "annee" in etape and (annees[-1] <= 2024):
        premier = suite.strip()
    reste = [Bloc("p", premier)] if premier else []
    etape["texte"] = (
        markdown_de_blocs(reste + blocs[1:]) if blocs[0].genre == "p" else markdown_de_blocs(blocs)
    )
    return etape


def publics_de(texte: str) -> list[str]:
    texte = texte.lower()
    return [code for code, _, motifs in PUBLICS if any(re.search(m, texte) for m in motifs)]


def mots_cles_de(texte: str) -> list[str]:
    texte = texte.lower()
    return [code for code, _, motifs in MOTS_CLES if any(re.search(m, texte) for m in motifs)]


def construire_fiche(brute: FicheBrute, arbre: Arbre, referentiel: list[dict]) -> dict:
    code = brute.code
    fiche: dict = {"code": code, "titre": brute.titre}
    fiche["rattachements"] = arbre.placements.get(code, [])
    if not fiche["rattachements"]:
        signaler(code, brute.ligne, "fiche absente de l'arbre d'objectifs : aucun rattachement")
    if code in arbre.statut_de:
        fiche["statut"] = arbre.statut_de[code]
    blocs_public = blocs_de(brute, "public")
    public_texte = " | ".join(b.texte for b in blocs_public)
    objectifs = blocs_de(brute, "objectifs")
    # Objectif général : les paragraphes avant la première liste ; ensuite, tout
    # (listes et paragraphes qui les complètent) est objectif opérationnel.
    premiere_liste = next(
        (i for i, b in enumerate(objectifs) if b.genre == "liste"), len(objectifs)
    )
    general, operationnels = objectifs[:premiere_liste], objectifs[premiere_liste:]
    if publics := publics_de(public_texte):
        fiche["publics"] = publics
    if mots := mots_cles_de(brute.titre + " " + " ".join(b.texte for b in general)):
        fiche["mots_cles"] = mots

    def prose(rubrique: str, cle: str) -> None:
        texte = markdown_de_blocs(blocs_de(brute, rubrique))
        if texte:
            fiche[cle] = texte

    prose("contexte", "contexte")
    if general:
        fiche["objectif_general"] = markdown_de_blocs(general)
    if operationnels:
        fiche["objectifs_operationnels"] = [
            echapper_markdown(t) for t in textes_de_liste(operationnels)
        ]
    if blocs_public:
        fiche["publics_precisions"] = markdown_de_blocs(blocs_public)
    prose("presentation", "presentation")
    if etapes := echeancier(blocs_de(brute, "echeancier")):
        fiche["echeancier"] = etapes
    moyens = separer_sous_rubriques(blocs_de(brute, "moyens"), SOUS_RUBRIQUES_MOYENS, "humains")
    for nom, cle in (("humains", "moyens_humains"), ("materiels", "moyens_materiels")):
        if moyens.get(nom):
            fiche[cle] = markdown_de_blocs(moyens[nom])
    partenaires, precisions = partenariat(brute, referentiel)
    if partenaires:
        fiche["partenaires"] = partenaires
    if precisions:
        fiche["partenaires_precisions"] = markdown_de_blocs(precisions)
    prose("resultats", "resultats_attendus")
    indicateurs = separer_sous_rubriques(
        blocs_de(brute, "indicateurs"),
        [
            (r"indicateurs quantitatifs", "quantitatifs"),
            (r"indicateurs qualitatifs", "qualitatifs"),
        ],
        "sans-titre",
    )
    if indicateurs.get("sans-titre"):
        signaler(
            code,
            brute.cellules["indicateurs"][0][0],
            "indicateurs sans intitulé quantitatif/qualitatif : rangés en quantitatifs",
        )
    for nom, cle in (
        ("quantitatifs", "indicateurs_quantitatifs"),
        ("qualitatifs", "indicateurs_qualitatifs"),
    ):
        textes = textes_de_liste(
            indicateurs.get(nom, [])
            + (indicateurs.get("sans-titre", []) if nom == "quantitatifs" else [])
        )
        if textes:
            fiche[cle] = textes
    prose("freins", "freins")
    for rubrique in (
        "contexte",
        "objectifs",
        "presentation",
        "echeancier",
        "moyens",
        "resultats",
        "indicateurs",
        "freins",
    ):
        if rubrique not in brute.cellules:
            signaler(code, brute.ligne, f"rubrique « {rubrique} » vide ou absente")
    return fiche


def partenariat(brute: FicheBrute, referentiel: list[dict]) -> tuple[list[str], list[Bloc]]:
    """Les acteurs reconnus, et les mentions qui ne sont pas entièrement des acteurs."""
    ids: list[str] = []
    precisions: list[Bloc] = []
    for bloc in blocs_de(brute, "partenariat"):
        elements = bloc.elements if bloc.genre == "liste" else [(bloc.texte, [])]
        gardes = []
        for texte, sous in elements:
            trouves, complet = reconnaitre_acteurs(" ".join([texte] + sous), referentiel)
            ids.extend(i for i in trouves if i not in ids)
            if not complet:
                gardes.append((texte, sous))
        if gardes and bloc.genre == "liste":
            nouveau = Bloc("liste", bloc.texte, gardes, bloc.decoupable)
            precisions.append(nouveau)
        elif gardes:
            precisions.append(bloc)
    return ids, precisions


# ---------------------------------------------------------------------------
# Écriture (YAML lisible : blocs « | » pour le texte sur plusieurs lignes)
# ---------------------------------------------------------------------------


class Guillemets(str):
    """Une chaîne toujours écrite entre guillemets (codes « 1-01 »)."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _chaine(dumper, donnee):
    if "\n" in donnee:
        return dumper.represent_scalar("tag:yaml.org,2002:str", donnee, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", donnee)


_Dumper.add_representer(str, _chaine)
_Dumper.add_representer(
    Guillemets, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"')
)


def en_yaml(donnees) -> str:
    return yaml.dump(
        donnees,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )


def texte_de_fiche(fiche: dict) -> str:
    donnees = dict(fiche)
    donnees["code"] = Guillemets(fiche["code"])
    return "---\n" + en_yaml(donnees) + "---\n"


# La première ligne de commentaire de chaque fichier de données, écrite pour l'équipe qui
# le modifie (depuis GitHub, le plus souvent) : ce qu'est le fichier, et où trouver le mode
# d'emploi. Les notes pour les développeurs (d'où vient le fichier, où noter les corrections
# faites après l'import) sont dans scripts/README.md, pas dans les fichiers de l'équipe.
def _mode_d_emploi(page: str, fichier: str = "") -> str:
    return f"Mode d'emploi : rubrique Contribuer du site, « {page} »" + (
        f" ({fichier})." if fichier else "."
    )


ENTETES_DONNEES = {
    "acteurs": [
        "Les acteurs du territoire (associations, services, institutions) : l'annuaire, le guide",
        "« Je cherche de l'aide pour… » et les partenaires des fiches. Un acteur commence par « - id: … ».",
        _mode_d_emploi("Ajouter un acteur", "docs/contribuer/ajouter-un-acteur.md"),
    ],
    "arbre": [
        "L'arbre des objectifs du projet social : les niveaux (axe, enjeu, objectif…), puis les nœuds.",
        "Les fiches actions citent l'identifiant (id) d'un nœud dans « rattachements ».",
        _mode_d_emploi("Les champs, un par un"),
    ],
    "centre": [
        "Le centre social : nom, gestionnaire, période d'agrément, présentation, sites et contacts.",
        _mode_d_emploi("Les champs, un par un"),
    ],
    "lieux": [
        "Les lieux où le centre social et ses partenaires accueillent le public (adresse, horaires,",
        "coordonnées pour la carte). Un lieu commence par « - id: … ».",
        _mode_d_emploi(
            "Ajouter un acteur",
            "docs/contribuer/ajouter-un-acteur.md, partie « Les lieux et la carte »",
        ),
    ],
    "sigles": [
        "Les sigles et abréviations, un par ligne : « SIGLE: signification ». Le site écrit chaque",
        "sigle en toutes lettres à sa première apparition sur une page, l'explique ensuite au survol,",
        "et les liste dans la page « Sigles et abréviations ».",
        _mode_d_emploi("Corriger une fiche ou une page", "docs/contribuer/corriger-une-page.md"),
    ],
    "vocabulaires": [
        "Les listes de codes des fiches et des acteurs : statuts, projets, publics, mots clés, statuts",
        "d'avancement des bilans. Les fiches et les acteurs n'utilisent que les codes (code: …) écrits ici.",
        _mode_d_emploi("Les champs, un par un"),
    ],
}


def texte_de_donnees(nom: str, donnees) -> str:
    schema = nom.removesuffix(".yml")
    entete = f"# yaml-language-server: $schema=schemas/{schema}.schema.json\n"
    entete += "".join(f"# {ligne}\n" for ligne in ENTETES_DONNEES.get(schema, []))
    return entete + en_yaml(donnees)


# ---------------------------------------------------------------------------
# Garde-fous : ne jamais écraser le travail de l'équipe par erreur
# ---------------------------------------------------------------------------

SORTIE_PAR_DEFAUT = Path("import-projet-social")
RIEN_ECRIT = "Rien n'a été écrit."


class Refus(Exception):
    """Import refusé avant toute écriture : le message est pour l'utilisateur."""


def verifier_sortie(sortie: Path, ecraser: bool) -> None:
    """Un dossier neuf (absent ou vide), ou un dossier existant seulement avec --ecraser."""
    if sortie.exists() and not sortie.is_dir():
        raise Refus(f"La sortie {sortie} existe et n'est pas un dossier. {RIEN_ECRIT}")
    if sortie.is_dir() and any(sortie.iterdir()) and not ecraser:
        raise Refus(
            f"Le dossier {sortie} existe déjà et n'est pas vide : l'import y remplacerait data/*.yml et "
            f"docs/fiches/*.md. Choisissez un nouveau dossier (--sortie NOUVEAU_DOSSIER), ou ajoutez "
            f"--ecraser si vous voulez vraiment remplacer ces fichiers. {RIEN_ECRIT}"
        )


def lire_source(source: Path) -> list[str]:
    """Les lignes de l'export texte ; refus si la source est absente, illisible ou vide."""
    try:
        brut = source.read_bytes()
    except FileNotFoundError:
        raise Refus(f"Source introuvable : {source}. {RIEN_ECRIT}") from None
    except OSError as exc:
        raise Refus(
            f"La source {source} ne peut pas être lue ({exc.strerror or exc}). {RIEN_ECRIT}"
        ) from None
    try:
        texte = brut.decode("utf-8")
    except UnicodeDecodeError as exc:
        ligne = brut[: exc.start].count(b"\n") + 1
        raise Refus(
            f"La source {source} n'est pas un texte en UTF-8 (caractère illisible ligne {ligne}) : "
            f"enregistrez l'export en UTF-8. {RIEN_ECRIT}"
        ) from None
    if not texte.strip():
        raise Refus(f"La source {source} est vide. {RIEN_ECRIT}")
    return texte.removeprefix("\ufeff").splitlines()


# ---------------------------------------------------------------------------
# Programme
# ---------------------------------------------------------------------------


def importer(source: Path, sortie: Path, parametres: dict, ecraser: bool = False) -> list[dict]:
    """Lit la source et écrit le centre dans ``sortie`` ; ``Refus`` avant toute écriture sinon.

    ``sortie`` doit être absent ou vide, sauf avec ``ecraser``. Les fichiers sont
    tous préparés avant d'être écrits, puis écrits tout ou rien (``OSError`` si le
    disque est plein : aucun fichier n'est alors remplacé).
    """
    SIGNALEMENTS.clear()
    verifier_sortie(sortie, ecraser)
    lignes = lire_source(source)
    bruts = reperer_fiches(lignes)
    if not bruts:
        raise Refus(
            f"Aucune fiche trouvée dans {source} : ce n'est pas un export du modèle de tableau CAF reconnu "
            f"(une ligne « AXE 1 - … » suivie d'un titre numéroté « 01. … »). {RIEN_ECRIT}"
        )
    arbre = lire_arbre(lignes)
    resoudre_renvois(arbre, parametres)
    referentiel = parametres.get("acteurs", []) or []
    fiches = [construire_fiche(b, arbre, referentiel) for b in bruts]
    codes_arbre, codes_fiches = set(arbre.placements), {f["code"] for f in fiches}
    for code in sorted(codes_arbre - codes_fiches):
        signaler(code, 0, "action de l'arbre sans fiche dans la source")

    sigles = lire_sigles(lignes)
    usages: dict[str, list[str]] = {}
    for fiche in fiches:
        for id_ in fiche.get("partenaires", []):
            usages.setdefault(id_, []).append(fiche["code"])
    acteurs = []
    for acteur in referentiel:
        if acteur["id"] not in usages:
            signaler(
                "",
                0,
                f"acteur « {acteur['id']} » du référentiel jamais trouvé dans un partenariat : non écrit",
            )
            continue
        entree = {k: v for k, v in acteur.items() if k not in ("motifs",)}
        if entree.get("sigle") and entree["sigle"] not in sigles:
            signaler(
                "",
                0,
                f"sigle « {entree['sigle']} » de l'acteur « {acteur['id']} » absent de la table des sigles : retiré",
            )
            del entree["sigle"]
        fiches_citant = usages[acteur["id"]]
        entree["source"] = (
            parametres.get("nom_source", "Projet social")
            + (
                ", partenariat des fiches "
                if len(fiches_citant) > 1
                else ", partenariat de la fiche "
            )
            + ", ".join(fiches_citant)
        )
        acteurs.append(entree)

    vocabulaires = {
        "statuts": [{"code": c, "libelle": l} for c, l in arbre.statuts],
        "projets": [{"code": c, "libelle": l} for c, l in PROJETS],
        "publics": [{"code": c, "libelle": l} for c, l, _ in PUBLICS],
        "mots_cles": [{"code": c, "libelle": l} for c, l, _ in MOTS_CLES],
        "statuts_avancement": [{"code": c, "libelle": l} for c, l in STATUTS_AVANCEMENT],
    }
    niveaux = parametres.get("niveaux") or [
        {"id": "axe", "nom": "Axe", "pluriel": "Axes"},
        {"id": "enjeu", "nom": "Enjeu n°", "pluriel": "Enjeux"},
        {"id": "objectif", "nom": "Objectif opérationnel", "pluriel": "Objectifs opérationnels"},
    ]
    for axe in arbre.axes:
        axe["titre"] = (parametres.get("titres_axes") or {}).get(axe["id"], axe["titre"])
    donnees = {
        "arbre.yml": {"niveaux": niveaux, "noeuds": arbre.axes},
        "sigles.yml": sigles,
        "vocabulaires.yml": vocabulaires,
        "acteurs.yml": acteurs,
    }
    for nom in ("centre", "lieux"):
        if parametres.get(nom):
            donnees[f"{nom}.yml"] = parametres[nom]
    fichiers = {
        sortie / "data" / nom: texte_de_donnees(nom, valeur) for nom, valeur in donnees.items()
    }
    fichiers |= {
        sortie / "docs" / "fiches" / f"{fiche['code']}.md": texte_de_fiche(fiche)
        for fiche in fiches
    }
    ecrire_ensemble(fichiers)
    return fiches


def lire_parametres(chemin: Path) -> dict:
    """Les paramètres de l'import ; un fichier absent vaut « aucun paramètre »."""
    if not chemin.exists():
        return {}
    try:
        parametres = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise Refus(
            f"Les paramètres {chemin} ne peuvent pas être lus ({exc}). {RIEN_ECRIT}"
        ) from None
    if parametres is not None and not isinstance(parametres, dict):
        raise Refus(
            f"Les paramètres {chemin} doivent être des champs « nom: valeur ». {RIEN_ECRIT}"
        )
    return parametres or {}


def main(arguments: list[str] | None = None) -> int:
    analyse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyse.add_argument("source", type=Path, help="l'export texte du projet social")
    analyse.add_argument(
        "--sortie",
        type=Path,
        default=SORTIE_PAR_DEFAUT,
        help=f"nouveau dossier où écrire data/ et docs/fiches/ (par défaut : {SORTIE_PAR_DEFAUT}/) ; "
        "un dossier qui n'est pas vide est refusé sans --ecraser",
    )
    analyse.add_argument(
        "--ecraser",
        action="store_true",
        help="écrire quand même dans un dossier qui n'est pas vide (le centre : « --sortie . --ecraser »), "
        "en remplaçant les fichiers que l'import produit",
    )
    analyse.add_argument(
        "--parametres",
        type=Path,
        default=Path(__file__).with_name("parametres_import.yml"),
        help="centre, lieux, référentiel des acteurs, renvois (YAML)",
    )
    options = analyse.parse_args(arguments)
    try:
        parametres = lire_parametres(options.parametres)
        fiches = importer(options.source, options.sortie, parametres, ecraser=options.ecraser)
    except Refus as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"Écriture impossible dans {options.sortie} ({cause(exc)}) : aucun fichier n'est resté à moitié écrit ; "
            "relancez l'import une fois le problème réglé.",
            file=sys.stderr,
        )
        return 1
    par_axe: dict[str, int] = {}
    for fiche in fiches:
        par_axe[fiche["code"].split("-")[0]] = par_axe.get(fiche["code"].split("-")[0], 0) + 1
    print(
        f"{len(fiches)} fiches écrites dans {options.sortie} ("
        + ", ".join(f"axe {a} : {n}" for a, n in par_axe.items())
        + ")."
    )
    for signalement in SIGNALEMENTS:
        print(signalement)
    return 0


if __name__ == "__main__":
    sys.exit(main())
