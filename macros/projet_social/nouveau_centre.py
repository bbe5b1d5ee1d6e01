"""``make nouveau-centre`` : remplacer le centre actuel par un centre vierge, prêt à remplir.

Usage :
    python -m projet_social.nouveau_centre [--nom NOM] [--commune COMMUNE] [--gestionnaire GESTIONNAIRE]
        [--debut ANNEE] [--fin ANNEE] [--niveaux "Axe,Objectif"] [--pluriels "Axes,Objectifs"]
        [--depot https://github.com/compte/depot] [--racine DOSSIER]
    make nouveau-centre NOM="Centre social X" COMMUNE="Ville" DEBUT=2025 FIN=2028 NIVEAUX="Axe,Objectif"

Avec make, les valeurs arrivent par l'environnement (PROJET_SOCIAL_NOM, PROJET_SOCIAL_COMMUNE,
PROJET_SOCIAL_GESTIONNAIRE, PROJET_SOCIAL_DEBUT, PROJET_SOCIAL_FIN, PROJET_SOCIAL_NIVEAUX,
PROJET_SOCIAL_PLURIELS, PROJET_SOCIAL_DEPOT, PROJET_SOCIAL_RACINE), jamais par une ligne relue
par le shell : apostrophes et guillemets ne posent aucun problème. Une option donnée en
argument passe avant la variable d'environnement. Ce qui manque est demandé au terminal ;
sans terminal, la commande affiche la commande complète à taper (code de sortie 2).

Ce qui est écrit :
- data/centre.yml d'après les réponses (rien d'inventé : un gestionnaire inconnu est laissé en
  commentaire, le site dit alors « non précisé dans le projet social », et la commande le dit) ;
- data/arbre.yml avec les niveaux nommés (de 1 à 4, du plus général au plus précis) et un seul
  nœud « À définir » : le schéma exige au moins un nœud ;
- data/vocabulaires.yml : publics et thématiques du référentiel national data·inclusion
  (paquet data-inclusion-schema installé), statuts et statuts d'avancement habituels ;
- data/acteurs.yml, data/lieux.yml, data/sigles.yml vides (leurs commentaires d'en-tête) ;
- les pages rédigées réduites à un squelette (préambule, diagnostic, orientations, gouvernance,
  contacts), chacune avec ce qu'il faut y écrire, et data/menu.yml qui leur correspond ;
- docs/fiches/ et les autres pages de docs/ supprimées ; docs/contribuer/ (le guide de l'équipe) gardé.

Sécurité : la commande refuse de tourner si le dépôt git a des modifications non enregistrées
(``git status --porcelain`` non vide) : rien n'est écrit, et le retour en arrière reste toujours
possible. Le nouveau contenu est d'abord vérifié dans un dossier temporaire (il doit se charger
sans erreur bloquante), puis écrit tout ou rien (ecriture.py) avant que l'ancien soit supprimé.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unicodedata
from pathlib import Path

import yaml

from . import ecriture
from .chargement import charger
from .erreurs import rapport
from .nouveau import (
    Abandon,
    SansTerminal,
    _demander,
    _sans_reponse_possible,
    completer_depuis_l_environnement,
    echec_d_ecriture,
    pour_le_shell,
)


ENVIRONNEMENT = {
    "racine": "PROJET_SOCIAL_RACINE",
    "nom": "PROJET_SOCIAL_NOM",
    "commune": "PROJET_SOCIAL_COMMUNE",
    "gestionnaire": "PROJET_SOCIAL_GESTIONNAIRE",
    "debut": "PROJET_SOCIAL_DEBUT",
    "fin": "PROJET_SOCIAL_FIN",
    "niveaux": "PROJET_SOCIAL_NIVEAUX",
    "pluriels": "PROJET_SOCIAL_PLURIELS",
    "depot": "PROJET_SOCIAL_DEPOT",
}
# Option → nom de la variable de make (pour la commande complète à taper).
VARIABLE_DE_MAKE = {
    "nom": "NOM",
    "commune": "COMMUNE",
    "gestionnaire": "GESTIONNAIRE",
    "debut": "DEBUT",
    "fin": "FIN",
    "niveaux": "NIVEAUX",
    "pluriels": "PLURIELS",
    "depot": "DEPOT",
    "racine": "RACINE",
}

MOTIF_DEPOT = re.compile(
    r"^https://[a-z0-9.-]{1,253}/[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}/?$"
)

# -- les réponses -----------------------------------------------------------------------


def annee(texte: str, quoi: str) -> int:
    texte = texte.strip()
    if not re.fullmatch(r"\d{4}", texte) or not 1900 <= int(texte) <= 2200:
        raise Abandon(
            f"{quoi} « {texte} » invalide : une année sur quatre chiffres, par exemple 2025."
        )
    return int(texte)


def identifiant(texte: str) -> str:
    """« Objectif opérationnel » → « objectif-operationnel »."""
    ascii_ = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:60].strip("-")


# Les mots après lesquels le nom d'un niveau ne prend plus la marque du pluriel : « Axe de travail » → « Axes de travail ».
_MOTS_OUTILS = {
    "de",
    "du",
    "des",
    "d",
    "à",
    "a",
    "au",
    "aux",
    "pour",
    "en",
    "et",
    "sur",
    "n°",
    "no",
    "le",
    "la",
    "les",
    "l",
}


def _pluriel_d_un_mot(mot: str) -> str:
    bas = mot.lower()
    if not mot[-1:].isalpha() or bas.endswith(("s", "x", "z")):
        return mot
    if bas.endswith(("eau", "eu", "au")):
        return mot + "x"
    if bas.endswith("al") and bas not in ("bal", "festival", "carnaval", "récital", "chacal"):
        return mot[:-2] + "aux"
    return mot + "s"


def pluriel(nom: str) -> str:
    """Le pluriel simple d'un nom de niveau : « Axe » → « Axes », « Enjeu » → « Enjeux »,
    « Objectif opérationnel » → « Objectifs opérationnels », « Axe de travail » → « Axes de travail ».
    Un pluriel différent se donne avec --pluriels (ou se corrige ensuite dans data/arbre.yml)."""
    mots = nom.split()
    resultat = []
    for i, mot in enumerate(mots):
        if mot.lower().split("'")[0].split("’")[0] in _MOTS_OUTILS or "'" in mot or "’" in mot:
            resultat += mots[i:]
            break
        resultat.append(_pluriel_d_un_mot(mot))
    return " ".join(resultat)


def _liste(texte: str) -> list[str]:
    return [morceau.strip() for morceau in texte.split(",")] if texte.strip() else []


def niveaux_du_centre(noms: str, pluriels: str | None = None) -> list[dict]:
    """Les niveaux de l'arbre (1 à 4, du plus général au plus précis), avec leur identifiant tiré du nom."""
    liste = _liste(noms)
    if not 1 <= len(liste) <= 4:
        raise Abandon(
            f"Niveaux « {noms} » : de 1 à 4 noms séparés par des virgules, du plus général au plus précis, "
            "par exemple « Axe,Objectif » ou « Axe,Enjeu,Objectif opérationnel »."
        )
    if any(not nom for nom in liste):
        raise Abandon(f"Niveaux « {noms} » : un nom de niveau est vide (deux virgules de suite ?).")
    formes = _liste(pluriels or "")
    if formes and len(formes) != len(liste):
        raise Abandon(
            f"Pluriels « {pluriels} » : {len(formes)} nom(s) pour {len(liste)} niveau(x) ; "
            "un pluriel par niveau, dans le même ordre, séparés par des virgules."
        )
    resultat, pris = [], set()
    for i, nom in enumerate(liste):
        base = identifiant(nom) or f"niveau-{i + 1}"
        id_, n = base, 2
        while id_ in pris:
            id_, n = f"{base}-{n}", n + 1
        pris.add(id_)
        forme = formes[i] if formes else pluriel(nom)
        if not forme:
            raise Abandon(f"Pluriels « {pluriels} » : le pluriel de « {nom} » est vide.")
        resultat.append({"id": id_, "nom": nom, "pluriel": forme})
    return resultat


# -- les fichiers ---------------------------------------------------------------------


def _q(texte: str) -> str:
    """Une valeur YAML sûre sur une ligne (JSON est du YAML) : apostrophes, « : », « # » sans souci."""
    return json.dumps(texte, ensure_ascii=False)


def centre_yml(
    nom: str, commune: str | None, gestionnaire: str | None, debut: int, fin: int, depot: str | None
) -> str:
    lignes = [
        "# yaml-language-server: $schema=schemas/centre.schema.json",
        "# Le centre social : nom, gestionnaire, période d'agrément, présentation, sites et contacts.",
        "# Mode d'emploi : rubrique Contribuer du site, « Les champs, un par un ».",
        f"nom: {_q(nom)}",
        "# Territoire : les quartiers ou communes couverts (retirez « # » et complétez).",
        "# territoire: …",
    ]
    lignes += [f"commune: {_q(commune)}"] if commune else ["# commune: …"]
    if gestionnaire:
        lignes.append(f"gestionnaire: {_q(gestionnaire)}")
    else:
        lignes += [
            "# À compléter si le projet social la nomme : la structure qui porte l'agrément (association,",
            "# commune, CAF…). Sans ce champ, le site dit « gestionnaire : non précisé dans le projet social ».",
            "# gestionnaire: …",
        ]
    lignes += [
        "agrement:",
        f"  debut: {debut}",
        f"  fin: {fin}",
        "# Présentation : quelques lignes affichées sur la page d'accueil (retirez les « # »).",
        "# presentation: |",
        "#   Le centre social accueille…",
        "# Sites d'accueil : un « - nom: … » par lieu où le public est accueilli (retirez les « # »).",
        "# sites:",
        "#   - nom: …",
        "#     adresse: …",
    ]
    if depot:
        lignes.append(f"depot: {depot.rstrip('/')}")
    return "\n".join(lignes) + "\n"


def arbre_yml(niveaux: list[dict]) -> str:
    premier = niveaux[0]
    lignes = [
        "# yaml-language-server: $schema=schemas/arbre.schema.json",
        "# L'arbre des objectifs du projet social : les niveaux (axe, enjeu, objectif…), puis les nœuds.",
        "# Les fiches actions citent l'identifiant (id) d'un nœud dans « rattachements ».",
        "# Mode d'emploi : rubrique Contribuer du site, « Les champs, un par un ».",
        "niveaux:",
    ]
    for niveau in niveaux:
        lignes += [
            f"  - id: {niveau['id']}",
            f"    nom: {_q(niveau['nom'])}",
            f"    pluriel: {_q(niveau['pluriel'])}",
        ]
    lignes += [
        "# Le schéma (data/schemas/arbre.schema.json) demande au moins un nœud : celui-ci tient la place.",
        "# Remplacez son titre, ajoutez les autres nœuds du premier niveau (« - id: … », même décalage)",
        "# et leurs enfants (« enfants: », décalés de quatre espaces de plus).",
        "noeuds:",
        f"  - id: {premier['id']}-1",
        "    code: '1'",
        "    titre: À définir",
    ]
    return "\n".join(lignes) + "\n"


def _commentaire(texte: str, retrait: str = "") -> list[str]:
    return [
        f"{retrait}# {ligne}"
        for ligne in textwrap.wrap(texte, 94 - len(retrait), break_on_hyphens=False)
    ]


def vocabulaires_yml() -> str:
    """Publics et thématiques du référentiel national data·inclusion (paquet data-inclusion-schema)."""
    from data_inclusion.schema.v1.publics import Public
    from data_inclusion.schema.v1.thematiques import Categorie, Thematique

    version = _version_data_inclusion()
    lignes = [
        "# yaml-language-server: $schema=schemas/vocabulaires.schema.json",
        "# Les listes de codes des fiches et des acteurs : statuts, projets, publics, mots clés, statuts",
        "# d'avancement des bilans. Les fiches et les acteurs n'utilisent que les codes (code: …) écrits ici.",
        "# Mode d'emploi : rubrique Contribuer du site, « Les champs, un par un ».",
        "statuts:",
        "  - code: E",
        "    libelle: évolution d'une action existante",
        "  - code: NA",
        "    libelle: nouvelle action",
        "  - code: AE",
        "    libelle: action existante",
        *_commentaire(
            "Les projets auxquels une action contribue (par exemple un projet « Animation collective "
            "famille »), un « - code: … » suivi de « libelle: … » par projet ; [] tant qu'il n'y en a pas."
        ),
        "projets: []",
        *_commentaire(
            f"Publics : ceux du référentiel national data·inclusion (schéma {version}), avec leur "
            "correspondance pour l'export des données. Ajoutez les vôtres (sans « data_inclusion: ») "
            "et retirez ceux qui ne servent pas : un code retiré ne doit plus être cité par une fiche ni un acteur."
        ),
        "publics:",
    ]
    for public in Public:
        lignes += [f"  - code: {public.value}", f"    libelle: {_q(public.label)}"]
        if public.description and public.description.strip().rstrip(".") != public.label:
            lignes.append(f"    description: {_q(public.description.strip())}")
        lignes.append(f"    data_inclusion: [{public.value}]")
    lignes += [
        *_commentaire(
            f"Mots clés (thématiques) : les catégories du référentiel national data·inclusion (schéma "
            f"{version}). « data_inclusion » liste toutes les thématiques de la catégorie, reprises dans "
            "l'export des données : gardez seulement celles que le centre et ses acteurs couvrent vraiment. "
            "Ajoutez vos propres mots clés (vie de quartier, loisirs…) sans « data_inclusion: »."
        ),
        "mots_cles:",
    ]
    for categorie in Categorie:
        sous = [t for t in Thematique if t.value.startswith(f"{categorie.value}--")]
        lignes += [f"  - code: {categorie.value}", f"    libelle: {_q(categorie.label)}"]
        if sous:
            lignes.append(
                f"    description: {_q('Thématiques data·inclusion : ' + ' ; '.join(t.label for t in sous) + '.')}"
            )
            lignes.append("    data_inclusion:")
            lignes += [f"      - {t.value}" for t in sous]
    lignes += [
        "statuts_avancement:",
        "  - code: a-venir",
        "    libelle: À venir",
        "  - code: en-cours",
        "    libelle: En cours",
        "  - code: realisee",
        "    libelle: Réalisée",
        "  - code: reportee",
        "    libelle: Reportée",
        "  - code: abandonnee",
        "    libelle: Abandonnée",
    ]
    return "\n".join(lignes) + "\n"


def _version_data_inclusion() -> str:
    try:
        from importlib.metadata import version

        return f"data-inclusion-schema {version('data-inclusion-schema')}"
    except Exception:  # noqa: BLE001 — la version n'est qu'une précision du commentaire
        return "data-inclusion-schema"


ACTEURS = """\
# yaml-language-server: $schema=schemas/acteurs.schema.json
# Les acteurs du territoire (associations, services, institutions) : l'annuaire, le guide
# « Je cherche de l'aide pour… » et les partenaires des fiches. Un acteur commence par « - id: … ».
# Mode d'emploi : rubrique Contribuer du site, « Ajouter un acteur » (docs/contribuer/ajouter-un-acteur.md).
# Pour en ajouter un tout prêt à remplir : make nouvel-acteur NOM="…" (« [] » : aucun acteur pour l'instant).
[]
"""
LIEUX = """\
# yaml-language-server: $schema=schemas/lieux.schema.json
# Les lieux où le centre social et ses partenaires accueillent le public (adresse, horaires,
# coordonnées pour la carte). Un lieu commence par « - id: … ».
# Mode d'emploi : rubrique Contribuer du site, « Ajouter un acteur » (docs/contribuer/ajouter-un-acteur.md, partie « Les lieux et la carte »).
# « [] » : aucun lieu pour l'instant ; remplacez cette ligne par le premier « - id: … ».
[]
"""
SIGLES = """\
# yaml-language-server: $schema=schemas/sigles.schema.json
# Les sigles et abréviations, un par ligne : « SIGLE: signification ». Le site écrit chaque
# sigle en toutes lettres à sa première apparition sur une page, l'explique ensuite au survol,
# et les liste dans la page « Sigles et abréviations ».
# Mode d'emploi : rubrique Contribuer du site, « Corriger une fiche ou une page » (docs/contribuer/corriger-une-page.md).
# « {} » : aucun sigle pour l'instant ; remplacez cette ligne par le premier « SIGLE: signification ».
{}
"""

# (fichier dans docs/, titre dans le menu, titre de la page, ce qu'il faut y écrire)
PAGES = [
    (
        "preambule.md",
        "Préambule et contexte",
        "Préambule et contexte",
        "l'histoire du centre social, son gestionnaire, son territoire, et la démarche qui a conduit à ce projet "
        "social (calendrier, personnes associées : habitants, bénévoles, partenaires, équipe).",
    ),
    (
        "diagnostic/index.md",
        "Synthèse du diagnostic",
        "Synthèse du diagnostic",
        "ce que le diagnostic partagé a montré : portrait du territoire et de ses habitants (chiffres clés), "
        "point de vue des habitants et des acteurs, évaluation du projet précédent, besoins repérés. D'autres "
        "pages peuvent s'ajouter dans docs/diagnostic/ (et dans data/menu.yml, sous ce chapitre).",
    ),
    (
        "orientations.md",
        "Orientations",
        "Orientations",
        "les grandes orientations retenues pour la période d'agrément, et comment elles découlent du diagnostic. "
        "Leur détail (les niveaux de l'arbre des objectifs) est dans data/arbre.yml : le site en fait l'arbre "
        "des objectifs.",
    ),
    (
        "gouvernance.md",
        "Gouvernance et organisation",
        "Gouvernance et organisation",
        "les instances (comité de pilotage, conseil d'administration, comité d'usagers…), la place des habitants "
        "et des partenaires dans les décisions, l'organigramme de l'équipe et le budget prévisionnel.",
    ),
    (
        "contacts.md",
        "Contacts",
        "Nous contacter",
        "les adresses, téléphones, courriels et horaires d'accueil du centre social. Les sites d'accueil peuvent "
        "aussi être décrits dans data/centre.yml (« sites ») et les lieux dans data/lieux.yml, pour la carte.",
    ),
]


def page_md(titre: str, contenu: str) -> str:
    return (
        f"# {titre}\n\n"
        f"À rédiger : {contenu}\n\n"
        "Pour modifier cette page : le crayon « Modifier cette page » en haut à droite, ou le fichier "
        "dans docs/ (voir « Contribuer › Corriger une page »).\n"
    )


ENTETE_MENU = """\
# yaml-language-server: $schema=schemas/menu.schema.json
# Le menu du site, dans l'ordre du projet social : c'est aussi l'ordre du projet social
# complet (et de son PDF). Une ligne par chapitre, « - Titre: page.md » (la page est
# rangée dans docs/) ; une section : « - Titre: » puis ses pages, décalées de 4 espaces.
# Les pages produites par le site y ont leur place : « arbre/index.md » devient l'arbre
# des objectifs, « tableau-de-bord/index.md » le suivi et l'évaluation, « guide/index.md »
# le guide de territoire. Les fiches n'y figurent pas (voir « fiches/index.md »).
# Aide : « Contribuer › Corriger une page ».
"""


def _entree_yaml(entree, retrait: str = "") -> list[str]:
    if isinstance(entree, str):
        return [f"{retrait}- {entree}"]
    ((titre, valeur),) = entree.items()
    if isinstance(valeur, str):
        return [f"{retrait}- {titre}: {valeur}"]
    lignes = [f"{retrait}- {titre}:"]
    for sous in valeur:
        lignes += _entree_yaml(sous, retrait + "    ")
    return lignes


def contribuer_du_menu(racine: Path) -> list:
    """La section « Contribuer » du menu actuel (le guide de l'équipe est gardé), sinon celle tirée des fichiers."""
    from .lecture import lire_fichier_yaml

    existantes = {
        p.relative_to(racine / "docs").as_posix()
        for p in (racine / "docs" / "contribuer").glob("*.md")
    }
    lu = (
        lire_fichier_yaml(racine / "data" / "menu.yml", "data/menu.yml")
        if (racine / "data" / "menu.yml").is_file()
        else None
    )
    section = None
    for entree in lu.valeur if lu and isinstance(lu.valeur, list) else []:
        if isinstance(entree, dict) and len(entree) == 1:
            ((titre, valeur),) = entree.items()
            if isinstance(valeur, list) and any(
                isinstance(p, str)
                and p.startswith("contribuer/")
                or isinstance(p, dict)
                and any(str(v).startswith("contribuer/") for v in p.values())
                for p in valeur
            ):
                section = valeur
    if section is None:
        pages = sorted(existantes, key=lambda p: (p != "contribuer/index.md", p))
        section = pages + ["contribuer/champs.md"] if pages else []
    else:
        # Seules les pages du guide qui existent (ou produites par le site, comme contribuer/champs.md).
        def garder(p) -> bool:
            chemin = p if isinstance(p, str) else next(iter(p.values()))
            return (
                not isinstance(chemin, str)
                or chemin in existantes
                or chemin == "contribuer/champs.md"
            )

        section = [p for p in section if garder(p)]
    return [{"Contribuer": section}] if section else []


def menu_yml(racine: Path) -> str:
    entrees: list = [{"Accueil": "index.md"}]
    titres = {fichier: menu for fichier, menu, _, _ in PAGES}
    entrees += [
        {titres["preambule.md"]: "preambule.md"},
        {titres["diagnostic/index.md"]: "diagnostic/index.md"},
        {titres["orientations.md"]: "orientations.md"},
        "arbre/index.md",
        {"Fiches actions": "fiches/index.md"},
        "tableau-de-bord/index.md",
        {titres["gouvernance.md"]: "gouvernance.md"},
        "guide/index.md",
        {"Sigles et abréviations": "glossaire.md"},
        {"Publics et mots clés": "mots-cles.md"},
        {titres["contacts.md"]: "contacts.md"},
        {"Données ouvertes": "donnees/index.md"},
        {"Le projet social complet": "projet-social-complet.md"},
    ]
    entrees += contribuer_du_menu(racine)
    lignes = []
    for entree in entrees:
        lignes += _entree_yaml(entree)
    texte = "\n".join(lignes) + "\n"
    # Les commentaires qui expliquent les pages produites, sur leur ligne, comme dans le menu d'origine.
    texte = texte.replace(
        "- tableau-de-bord/index.md\n",
        "- tableau-de-bord/index.md   # devient « Suivi et évaluation » : tableau de bord, échéancier, bilans, export\n",
    )
    texte = texte.replace(
        "- guide/index.md\n",
        "- guide/index.md            # devient « Guide de territoire » : guide, annuaire des acteurs, carte des lieux\n",
    )
    return ENTETE_MENU + texte


def synonymes_yml(racine: Path) -> str | None:
    """Les mots des habitants de l'ancien centre, reportés sur les catégories data·inclusion du nouveau.

    Un ancien mot clé mène, par ses correspondances data·inclusion (« categorie--thematique »),
    aux catégories qui sont les mots clés du nouveau centre : ses mots y sont repris. Ce sont des
    mots de la langue de tous les jours, pas des faits sur l'ancien centre. None s'il n'y a rien.
    """
    vocabulaires = (
        yaml.safe_load((racine / "data" / "vocabulaires.yml").read_text(encoding="utf-8"))
        if (racine / "data" / "vocabulaires.yml").is_file()
        else {}
    )
    anciens = (
        yaml.safe_load((racine / "data" / "synonymes.yml").read_text(encoding="utf-8"))
        if (racine / "data" / "synonymes.yml").is_file()
        else []
    )
    from data_inclusion.schema.v1.thematiques import Categorie

    categories = {c.value for c in Categorie}
    vers: dict[str, set[str]] = {}
    for terme in (vocabulaires or {}).get("mots_cles") or []:
        if isinstance(terme, dict):
            vers[terme.get("code")] = {
                str(t).split("--")[0] for t in terme.get("data_inclusion") or []
            } & categories
    mots: dict[str, list[str]] = {}
    for entree in anciens if isinstance(anciens, list) else []:
        if not isinstance(entree, dict):
            continue
        for categorie in sorted(vers.get(entree.get("mot_cle"), ())):
            for mot in entree.get("mots") or []:
                if isinstance(mot, str) and mot not in mots.setdefault(categorie, []):
                    mots[categorie].append(mot)
    if not mots:
        return None
    entete = (
        (racine / "data" / "synonymes.yml")
        .read_text(encoding="utf-8")
        .split("\n- ", 1)[0]
        .rstrip("\n")
    )
    corps = [
        f"- mot_cle: {code}\n  mots: [{', '.join(_q(m) for m in liste)}]"
        for code, liste in mots.items()
    ]
    return entete + "\n\n" + "\n".join(corps) + "\n"


def fichiers_du_centre(racine: Path, reponses: dict) -> dict[str, str]:
    """Chemin (depuis la racine) → contenu, pour tout ce qui est écrit."""
    fichiers = {
        "data/centre.yml": centre_yml(
            reponses["nom"],
            reponses.get("commune"),
            reponses.get("gestionnaire"),
            reponses["debut"],
            reponses["fin"],
            reponses.get("depot"),
        ),
        "data/arbre.yml": arbre_yml(reponses["niveaux"]),
        "data/vocabulaires.yml": vocabulaires_yml(),
        "data/acteurs.yml": ACTEURS,
        "data/lieux.yml": LIEUX,
        "data/sigles.yml": SIGLES,
        "data/menu.yml": menu_yml(racine),
    }
    if (synonymes := synonymes_yml(racine)) is not None:
        fichiers["data/synonymes.yml"] = synonymes
    for fichier, _, titre, contenu in PAGES:
        fichiers[f"docs/{fichier}"] = page_md(titre, contenu)
    return fichiers


def a_supprimer(racine: Path, fichiers: dict[str, str]) -> list[Path]:
    """Les fichiers de docs/ qui ne sont ni du guide de l'équipe (docs/contribuer/) ni du nouveau squelette."""
    docs = racine / "docs"
    gardes = {racine / f for f in fichiers}
    # Les fichiers facultatifs de data/ que le nouveau centre n'a pas (ses mots clés ont changé).
    facultatifs = [racine / "data" / "synonymes.yml"]
    return sorted(
        [
            p
            for p in docs.rglob("*")
            if (p.is_file() or p.is_symlink())
            and "contribuer" != p.relative_to(docs).parts[0]
            and p not in gardes
        ]
        + [p for p in facultatifs if p.is_file() and p not in gardes]
    )


# -- vérifier avant d'écrire ----------------------------------------------------------


def verifier_dans_un_dossier_temporaire(racine: Path, fichiers: dict[str, str]) -> None:
    """Le nouveau centre (avec le guide de l'équipe gardé) se charge sans erreur bloquante ; sinon ``Abandon``."""
    with tempfile.TemporaryDirectory(prefix="nouveau-centre-") as dossier:
        essai = Path(dossier)
        (essai / "data").mkdir()
        if (racine / "data" / "schemas").is_dir():
            shutil.copytree(racine / "data" / "schemas", essai / "data" / "schemas")
        if (racine / "docs" / "contribuer").is_dir():
            shutil.copytree(racine / "docs" / "contribuer", essai / "docs" / "contribuer")
        for relatif, contenu in fichiers.items():
            (essai / relatif).parent.mkdir(parents=True, exist_ok=True)
            (essai / relatif).write_text(contenu, encoding="utf-8")
        projet, erreurs = charger(essai)
        bloquantes = [e for e in erreurs if e.bloquante]
        if projet is None or bloquantes:
            raise Abandon(
                "Le centre vierge ne passerait pas « make check » ; rien n'a été modifié. "
                "Erreurs (à signaler) :\n" + rapport(bloquantes or erreurs)
            )


# -- git ------------------------------------------------------------------------------


def modifications_non_enregistrees(racine: Path) -> str:
    """La sortie de ``git status --porcelain`` ; ``Abandon`` si ce n'est pas un dépôt git."""
    try:
        sortie = subprocess.run(
            ["git", "status", "--porcelain"], cwd=racine, capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        raise Abandon(
            "git est introuvable : sans lui, le centre actuel ne pourrait pas être retrouvé ensuite. "
            "Rien n'a été modifié."
        ) from None
    if sortie.returncode != 0:
        raise Abandon(
            f"{racine} n'est pas un dépôt git (ou git ne peut pas le lire) : sans historique, le centre "
            "actuel ne pourrait pas être retrouvé ensuite. Rien n'a été modifié."
        )
    return sortie.stdout


RETOUR_EN_ARRIERE = """\
Pour revenir au centre d'avant, tant que rien n'est enregistré (pas de « git commit ») :

    git checkout -- data docs && git clean -fd -- data docs

La première commande rend leur contenu enregistré aux fichiers de data/ et docs/ (modifiés ou
supprimés) ; la seconde supprime les fichiers que la commande y a ajoutés (« git clean -nd -- data docs »
les montre sans rien supprimer). Rien d'autre n'est touché : la commande a refusé de tourner tant
qu'il restait des modifications non enregistrées, il n'y en avait donc pas d'autres à perdre.
(« git reset --hard » revient aussi en arrière, mais pour tout le dépôt : à n'utiliser que si
vous n'avez rien modifié d'autre depuis.)"""


# -- la commande ----------------------------------------------------------------------


def commande_complete(args: argparse.Namespace) -> str:
    morceaux = ["make nouveau-centre"]
    for option, variable in VARIABLE_DE_MAKE.items():
        valeur = getattr(args, option)
        if valeur:
            morceaux.append(f"{variable}={pour_le_shell(str(valeur))}")
        elif option in ("nom", "debut", "fin", "niveaux"):
            morceaux.append(f'{variable}="…"')
    return " ".join(morceaux)


def sans_terminal(args: argparse.Namespace, manque: list[str]) -> SansTerminal:
    return SansTerminal(
        f"Il manque {', '.join(manque)}, et aucune question ne peut être posée ici (pas de terminal).\n"
        "Donnez tout dans la commande (les apostrophes ne posent pas de problème) :\n\n"
        f"    {commande_complete(args)}\n\n"
        "NIVEAUX : les noms des niveaux de l'arbre des objectifs, du plus général au plus précis (1 à 4), "
        'séparés par des virgules, par exemple "Axe,Objectif".\n'
        'Facultatif : COMMUNE=…, GESTIONNAIRE=… (la structure qui porte l\'agrément), PLURIELS="Axes,Objectifs" '
        "(par défaut tirés des noms)."
    )


def reponses(args: argparse.Namespace) -> dict:
    """Les réponses vérifiées ; ce qui manque est demandé au terminal (``SansTerminal`` sinon)."""
    obligatoires = {
        "nom": "le nom du centre (NOM)",
        "debut": "la première année de l'agrément (DEBUT)",
        "fin": "la dernière année de l'agrément (FIN)",
        "niveaux": "les niveaux de l'arbre (NIVEAUX)",
    }
    # Ce qui est donné est vérifié avant toute question.
    for option, quoi in (("debut", "Première année"), ("fin", "Dernière année")):
        if getattr(args, option):
            annee(getattr(args, option), quoi)
    if args.niveaux:
        niveaux_du_centre(args.niveaux, args.pluriels)
    if args.depot and not MOTIF_DEPOT.match(args.depot):
        raise Abandon(
            f"Dépôt « {args.depot} » invalide : une adresse de la forme https://github.com/compte/depot."
        )
    manque = [quoi for option, quoi in obligatoires.items() if not getattr(args, option)]
    au_terminal = not _sans_reponse_possible()
    if manque and not au_terminal:
        raise sans_terminal(args, manque)
    erreur = sans_terminal(args, manque or ["une réponse"])
    nom = args.nom or _demander("Nom du centre social", sans_reponse=erreur)
    if not nom.strip():
        raise Abandon("Le nom est vide : rien n'a été modifié.")
    commune = args.commune
    gestionnaire = args.gestionnaire
    if manque and not commune:  # questions posées : la commune (facultative) aussi
        commune = _demander("Commune (rien si vous ne savez pas)", sans_reponse=erreur)
    if (
        au_terminal and not gestionnaire
    ):  # facultatif, mais demandé dès qu'une question est possible
        gestionnaire = _demander(
            "Gestionnaire, la structure qui porte l'agrément (rien si vous ne savez pas : le site dira « non précisé »)",
            sans_reponse=erreur,
        )
    debut = annee(
        args.debut or _demander("Première année de l'agrément", sans_reponse=erreur),
        "Première année",
    )
    fin = annee(
        args.fin or _demander("Dernière année de l'agrément", sans_reponse=erreur), "Dernière année"
    )
    if fin < debut:
        raise Abandon(
            f"La dernière année ({fin}) précède la première ({debut}) : rien n'a été modifié."
        )
    if args.niveaux:
        niveaux = niveaux_du_centre(args.niveaux, args.pluriels)
    else:
        noms = _demander(
            "Niveaux de l'arbre des objectifs, du plus général au plus précis, séparés par des virgules",
            "Axe,Objectif",
            erreur,
        )
        niveaux = niveaux_du_centre(noms)
        for niveau in niveaux:
            niveau["pluriel"] = _demander(
                f"Pluriel de « {niveau['nom']} »", niveau["pluriel"], erreur
            )
    return {
        "nom": nom.strip(),
        "commune": (commune or "").strip() or None,
        "gestionnaire": (gestionnaire or "").strip() or None,
        "debut": debut,
        "fin": fin,
        "niveaux": niveaux,
        "depot": args.depot,
    }


def nouveau_centre(racine: Path, args: argparse.Namespace) -> tuple[dict, list[Path]]:
    """Vérifie, demande, vérifie le résultat, puis écrit. Renvoie les réponses et les fichiers supprimés."""
    if not (racine / "data").is_dir():
        raise Abandon(
            f"{racine} ne contient pas de dossier data/ : ce n'est pas le dépôt d'un centre. Rien n'a été modifié."
        )
    modifications = modifications_non_enregistrees(racine)
    if modifications.strip():
        lignes = modifications.splitlines()
        apercu = "\n".join(f"    {l}" for l in lignes[:10]) + (
            f"\n    … et {len(lignes) - 10} autre(s)" if len(lignes) > 10 else ""
        )
        raise Abandon(
            "Le dépôt a des modifications non enregistrées : « make nouveau-centre » remplace tout le "
            "contenu, il ne tourne que sur un dépôt propre, pour que le centre actuel puisse toujours "
            f"être retrouvé. Rien n'a été modifié.\n{apercu}\n"
            "Enregistrez-les d'abord (git commit), ou abandonnez-les si elles ne servent à rien."
        )
    valeurs = reponses(args)
    fichiers = fichiers_du_centre(racine, valeurs)
    verifier_dans_un_dossier_temporaire(racine, fichiers)
    supprimes = a_supprimer(racine, fichiers)
    # Tout ou rien pour ce qui est écrit ; l'ancien contenu n'est supprimé qu'ensuite.
    ecriture.ecrire_ensemble({racine / relatif: contenu for relatif, contenu in fichiers.items()})
    for chemin in supprimes:
        chemin.unlink()
    docs = racine / "docs"
    for dossier in sorted(
        (d for d in docs.rglob("*") if d.is_dir()), key=lambda d: len(d.parts), reverse=True
    ):
        if not any(dossier.iterdir()):
            dossier.rmdir()
    return valeurs, supprimes


def main(arguments: list[str] | None = None) -> int:
    analyse = argparse.ArgumentParser(
        prog="python -m projet_social.nouveau_centre",
        description="Remplace le centre actuel par un centre vierge, prêt à remplir.",
    )
    analyse.add_argument(
        "--racine", help="dossier du centre (data/ et docs/) ; par défaut le dossier courant"
    )
    analyse.add_argument("--nom", help="nom du centre social")
    analyse.add_argument("--commune", help="commune (facultatif)")
    analyse.add_argument(
        "--gestionnaire",
        help="structure qui porte l'agrément (facultatif : sinon « non précisé dans le projet social »)",
    )
    analyse.add_argument("--debut", help="première année de l'agrément")
    analyse.add_argument("--fin", help="dernière année de l'agrément")
    analyse.add_argument(
        "--niveaux",
        help='noms des niveaux de l\'arbre, du plus général au plus précis : "Axe,Objectif"',
    )
    analyse.add_argument(
        "--pluriels", help="leurs pluriels, dans le même ordre (par défaut tirés des noms)"
    )
    analyse.add_argument(
        "--depot", help="adresse du dépôt GitHub (bouton « Modifier cette page »), facultatif"
    )
    args = analyse.parse_args(arguments)
    completer_depuis_l_environnement(args, ENVIRONNEMENT)
    racine = Path(args.racine or ".").resolve()
    try:
        valeurs, supprimes = nouveau_centre(racine, args)
    except SansTerminal as exc:
        print(exc, file=sys.stderr)
        return 2
    except Abandon as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            echec_d_ecriture(
                Path(exc.filename or racine),
                exc,
                "voir « git status » ; pour revenir en arrière : "
                "git checkout -- data docs && git clean -fd -- data docs",
            ),
            file=sys.stderr,
        )
        return 1
    niveaux = " → ".join(n["nom"] for n in valeurs["niveaux"])
    print(
        f"Centre vierge prêt : « {valeurs['nom']} », agrément {valeurs['debut']}-{valeurs['fin']}, arbre en {len(valeurs['niveaux'])} "
        f"niveau(x) ({niveaux}). {len(supprimes)} fichier(s) de l'ancien centre supprimé(s) de docs/ ; docs/contribuer/ est gardé."
    )
    if not valeurs["gestionnaire"]:
        print(
            "Le gestionnaire n'est pas connu : le champ est laissé en commentaire dans data/centre.yml et le site dit "
            "« gestionnaire : non précisé dans le projet social » ; complétez-le si le projet social le nomme."
        )
    print(
        "Suite : remplacez le nœud « À définir » de data/arbre.yml par vos orientations, rédigez les pages de docs/, "
        "puis « make nouvelle-fiche » et « make nouvel-acteur » ; « make check » vérifie, « make build » construit.\n"
    )
    print(RETOUR_EN_ARRIERE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
