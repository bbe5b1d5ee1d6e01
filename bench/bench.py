"""Banc de mesure du site : temps de construction, mémoire, poids des pages.

    .venv/bin/python bench/bench.py                  # N = 50, 500, 2000 fiches ; PDF à 50 et 500
    .venv/bin/python bench/bench.py --tailles 50,500 --tailles-pdf 50 --sans-ecrire   # essai

Pour chaque N, dans un dossier temporaire (effacé à la fin) :

1. copie du centre de test (tests/fixtures/centre-mini), arbre agrandi
   (5 domaines × 6 objectifs), acteurs, lieux, sigles et vocabulaires
   complétés, puis N fiches synthétiques réalistes (~9 Ko par fichier : tous les
   champs de prose, indicateurs, échéancier 2023-2026, partenaires, 4 bilans
   annuels ; 30 % des fiches ont un second rattachement) ;
2. construction du site par le moteur (``mkdocs build`` dans un processus à part) ;
3. construction d'un site « Material seul » avec le MÊME Markdown de toutes les
   pages (fiches et pages produites, rendu par ``rendre_page``), même thème, même
   configuration de recherche, mêmes extensions Markdown standard, mais sans
   hooks, macros, tags ni extension ``markdown_sur`` ;
4. mesures : secondes, ms par fiche, pic de mémoire (RSS) du processus de
   construction, page de fiche la plus lourde, index de recherche, et nombre de
   ressources tierces chargées par les pages (script/link/img/iframe… vers une
   adresse http(s):// ou //).

5. le PDF, aux tailles de --tailles-pdf (50 et 500 par défaut), côte à côte :
   - **nous** : le chemin de ``make pdf`` (``mkdocs build --strict`` puis
     ``python -m projet_social.pdf SITE SORTIE.pdf`` : Chromium, deux impressions, sommaire
     avec numéros de page, titre courant, pied « page N / M ») ;
   - **le témoin** : Material + mkdocs-print-site-plugin (le même Markdown que le témoin
     ci-dessus, les rédigées en plus, menu = les pages du document complet dans son ordre),
     puis Chromium sans écran (``--headless --print-to-pdf``) sur la page ``print_page/`` ;
   avec --repetitions R, chaque côté imprime R fois, en alternance, et la plus rapide est gardée ;
   pour chacun : secondes de construction et d'impression, pages imprimées, secondes par page
   imprimée ; ``pdf_ratio`` = (nos secondes d'impression par page) / (celles du témoin) au plus
   grand N, cible ≤ 1,5.

Sauf ``--sans-ecrire``, la sortie complète (commande, machine, chiffres) est écrite dans
bench/RESULTS.md, en tête des résultats : une section datée par jour et par commande (une
nouvelle exécution de la même commande le même jour la remplace ; les autres restent).

La dernière ligne affichée est ``ratio=<x> growth=<y> page_kb=<z>`` : ratio =
notre temps / temps Material seul, le plus mauvais des N d'au moins 500 fiches (tous s'il n'y en a
aucun) ; growth = temps(plus grand N) /
temps(N précédent) ; page_kb = plus grosse page de fiche au plus grand N ; suivie de
``pdf_ratio=<w>`` quand le PDF a été mesuré. Si une construction échoue (délai --delai,
plafond --memoire-max), elle est ``ratio=nan growth=nan page_kb=nan`` et le code de sortie
vaut 1. Le dépôt n'est pas modifié, sauf bench/RESULTS.md (voir --sans-ecrire).
Voir aussi bench/profil.py (où passe le temps).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "tests"))

from outils import FIXTURE, config_du_produit  # noqa: E402

from projet_social import navigateur  # noqa: E402
from projet_social.pdf import nombre_de_pages  # noqa: E402

PYTHON = sys.executable
# Le moteur mesuré : le dépôt, ou (--moteur) une copie qui contient mkdocs.yml,
# macros/, overrides/ et data/schemas/ — pour mesurer une correction sans toucher au dépôt.
MOTEUR = RACINE
PLAFOND_MO = 4096
CIBLES = {"ratio": 1.2, "growth": 4.5, "page_kb": 60.0, "pdf_ratio": 1.5}
CHROMIUM = navigateur.chromium()
OPTIONS_CHROMIUM = ["--headless", *navigateur.OPTIONS_CHROMIUM]  # Chromium en ligne de commande
RESULTATS = RACINE / "bench" / "RESULTS.md"

# Processus intermédiaire dédié : il lance la construction, mesure le temps et lit
# le pic de mémoire de son unique enfant (RUSAGE_CHILDREN, en Ko sous Linux), et le temps de
# processeur de l'enfant et des processus qu'il a attendus (le second cœur : arriere_plan.py).
# argv[1] : plafond de mémoire virtuelle de la construction en Mo (0 : aucun), pour
# qu'une construction qui s'emballe échoue (MemoryError) sans épuiser la machine.
MESURE = r"""
import json, resource, subprocess, sys, time
plafond = int(sys.argv[1]) * 1024 * 1024
def limiter():
    if plafond:
        resource.setrlimit(resource.RLIMIT_AS, (plafond, plafond))
debut = time.perf_counter()
r = subprocess.run(sys.argv[2:], capture_output=True, text=True, preexec_fn=limiter)
duree = time.perf_counter() - debut
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": r.returncode, "secondes": duree,
                  "cpu": usage.ru_utime + usage.ru_stime,
                  "rss_ko": usage.ru_maxrss,
                  "sortie": (r.stdout + r.stderr)[-4000:]}))
"""

# --------------------------------------------------------------------------
# Données synthétiques
# --------------------------------------------------------------------------

DOMAINES = [
    ("domaine-a", "A", "Vivre ensemble au quartier", ["objectif-a1", "objectif-a2"]),
    ("domaine-b", "B", "Grandir et apprendre", ["objectif-b1", "objectif-b2"]),
    ("domaine-c", "C", "Soutenir les familles", []),
    ("domaine-d", "D", "Agir pour l'accès aux droits", []),
    ("domaine-e", "E", "Favoriser la participation des habitants", []),
]
TITRES_OBJECTIFS = [
    "Créer des occasions de rencontre",
    "Soutenir les initiatives des habitants",
    "Accompagner la scolarité",
    "Ouvrir aux loisirs",
    "Rompre l'isolement des personnes âgées",
    "Accompagner la parentalité",
    "Lutter contre la fracture numérique",
    "Faciliter l'accès aux soins",
    "Développer le bénévolat",
    "Valoriser les savoirs des habitants",
    "Renforcer les liens entre générations",
    "Favoriser la mobilité",
    "Promouvoir une alimentation saine",
    "Accompagner les jeunes vers l'autonomie",
    "Soutenir l'insertion professionnelle",
]
OBJECTIFS_PAR_DOMAINE = 6

ACTEURS = [
    ("caf-du-departement", "Caisse d'allocations familiales du département", "CAF"),
    ("ccas-de-villefictive", "Centre communal d'action sociale de Villefictive", "CCAS"),
    ("mairie-de-villefictive", "Mairie de Villefictive", ""),
    ("college-jean-moulin", "Collège Jean Moulin", ""),
    ("pmi-des-tilleuls", "Protection maternelle et infantile des Tilleuls", "PMI"),
    ("mediatheque-municipale", "Médiathèque municipale", ""),
    ("association-des-locataires", "Association des locataires des Tilleuls", ""),
    ("bailleur-social-habitat", "Habitat du Centre, bailleur social", ""),
    ("mission-locale", "Mission locale du bassin de vie", ""),
    ("france-travail", "France Travail, agence de Villefictive", ""),
    ("secours-populaire", "Secours populaire, comité local", ""),
    ("club-sportif-des-tilleuls", "Club sportif des Tilleuls", ""),
    ("conseil-departemental", "Conseil départemental", ""),
    ("ars-regionale", "Agence régionale de santé", "ARS"),
    ("epicerie-solidaire", "Épicerie solidaire La Pause", ""),
    ("compagnie-theatre-du-pont", "Compagnie de théâtre du Pont", ""),
    ("maison-de-sante", "Maison de santé pluriprofessionnelle", ""),
    ("ludotheque-la-toupie", "Ludothèque La Toupie", ""),
]
SIGLES = {
    "CAF": "Caisse d'allocations familiales",
    "CCAS": "Centre communal d'action sociale",
    "PMI": "Protection maternelle et infantile",
    "ARS": "Agence régionale de santé",
    "REAAP": "Réseau d'écoute, d'appui et d'accompagnement des parents",
    "ACM": "Accueil collectif de mineurs",
    "QPV": "Quartier prioritaire de la politique de la ville",
    "EVS": "Espace de vie sociale",
}
LIEUX = [
    ("gymnase-des-tilleuls", "Gymnase des Tilleuls", "12 rue des Sports"),
    ("salle-polyvalente", "Salle polyvalente", "3 allée des Érables"),
    ("jardin-partage", "Jardin partagé du Clos", "rue du Clos"),
]
VOCABULAIRE_EN_PLUS = {
    "projets": [("jeunesse", "Projet jeunesse"), ("acf", "Projet animation collective famille")],
    "publics": [("jeunes", "Jeunes"), ("seniors", "Seniors"), ("familles", "Familles")],
    "mots_cles": [
        ("numerique", "Numérique"),
        ("sante", "Santé"),
        ("culture", "Culture"),
        ("alimentation", "Alimentation"),
        ("mobilite", "Mobilité"),
        ("emploi", "Emploi"),
    ],
}

SUJETS = [
    "Les habitants du quartier",
    "L'équipe d'animation",
    "Les familles accompagnées",
    "Le comité des usagers",
    "Les bénévoles de l'association",
    "Les jeunes de 11 à 17 ans",
    "Les partenaires du territoire",
    "Les parents d'élèves",
    "Les personnes âgées isolées",
    "Le conseil d'administration",
    "La référente familles",
    "Les animateurs du secteur jeunesse",
    "Les professionnels de la PMI",
    "Les adhérents du centre social",
    "Les enseignants du collège",
    "Le groupe d'habitants relais",
]
VERBES = [
    "expriment le besoin de",
    "souhaitent développer",
    "participent activement à",
    "proposent de renforcer",
    "ont identifié la nécessité de",
    "s'investissent dans",
    "demandent à prolonger",
    "contribuent à",
    "accompagnent",
    "coconstruisent",
    "évaluent régulièrement",
    "mettent en œuvre",
]
COMPLEMENTS = [
    "la mise en place d'ateliers collectifs autour de la parentalité",
    "l'organisation de sorties familiales pendant les vacances scolaires",
    "un accueil de proximité ouvert à tous les publics",
    "des temps d'échange entre parents et professionnels de l'enfance",
    "l'accompagnement aux démarches administratives en ligne",
    "des actions de prévention en matière de santé et d'alimentation",
    "un espace de rencontre convivial au cœur du quartier",
    "des projets portés directement par les habitants",
    "l'accès aux loisirs culturels et sportifs pour les enfants",
    "la lutte contre l'isolement des personnes les plus fragiles",
    "des ateliers de français à visée sociale et professionnelle",
    "la fête de quartier et les repas partagés",
    "un accompagnement à la scolarité en petits groupes",
    "la découverte des ressources du territoire",
]
SUITES = [
    "en lien avec les écoles du secteur",
    "tout au long de l'année",
    "dans une logique de coconstruction",
    "afin de favoriser le pouvoir d'agir des habitants",
    "avec le soutien de la CAF",
    "en s'appuyant sur les ressources du quartier",
    "selon un calendrier défini avec les partenaires",
    "en veillant à la mixité des publics",
    "dans le respect du rythme de chacun",
    "avec une attention particulière aux familles monoparentales",
    "en complémentarité avec le CCAS",
    "dans les locaux de la maison des Tilleuls",
]
INDICATEURS_QUANTITATIFS = [
    "Nombre de participants",
    "Nombre de séances réalisées",
    "Nombre de familles touchées",
    "Nombre de bénévoles mobilisés",
    "Taux de remplissage des ateliers",
    "Nombre de partenaires associés",
    "Nombre de nouveaux adhérents",
]
INDICATEURS_QUALITATIFS = [
    "Satisfaction des habitants",
    "Implication des participants dans la préparation",
    "Qualité des liens entre familles et école",
    "Évolution de l'autonomie des participants",
    "Diversité des publics accueillis",
]
TITRES_ACTIONS = [
    "Ateliers parents-enfants",
    "Accompagnement à la scolarité",
    "Sorties familiales",
    "Café des habitants",
    "Point numérique",
    "Jardin partagé",
    "Repas partagés",
    "Ateliers sociolinguistiques",
    "Fête de quartier",
    "Accueil jeunes",
    "Permanences d'accès aux droits",
    "Visites de convivialité",
    "Ludothèque itinérante",
    "Séjours familles",
    "Atelier cuisine et santé",
    "Chantiers jeunes",
    "Bourse aux vêtements",
]


def _phrase(h: random.Random) -> str:
    mot = h.choice(COMPLEMENTS)
    if h.random() < 0.2:
        mot = f"**{mot}**"
    return f"{h.choice(SUJETS)} {h.choice(VERBES)} {mot} {h.choice(SUITES)}."


def _paragraphe(h: random.Random, mini: int = 2, maxi: int = 4) -> str:
    return " ".join(_phrase(h) for _ in range(h.randint(mini, maxi)))


def _liste(h: random.Random, mini: int = 3, maxi: int = 5) -> str:
    return "\n".join(
        f"- {h.choice(COMPLEMENTS)} {h.choice(SUITES)} ;" for _ in range(h.randint(mini, maxi))
    )


class _Dumper(yaml.SafeDumper):
    pass


def _chaine(dumper: yaml.SafeDumper, valeur: str):
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", valeur, style="|" if "\n" in valeur else None
    )


_Dumper.add_representer(str, _chaine)


def _objectifs() -> list[str]:
    ids = []
    for id_domaine, lettre, _, existants in DOMAINES:
        ids += existants + [
            f"objectif-{lettre.lower()}{k}"
            for k in range(len(existants) + 1, OBJECTIFS_PAR_DOMAINE + 1)
        ]
    return ids


def agrandir_les_donnees(centre: Path) -> None:
    """Arbre de 5 domaines × 6 objectifs, plus d'acteurs, de lieux, de sigles et de termes."""
    data = centre / "data"
    arbre = yaml.safe_load((data / "arbre.yml").read_text(encoding="utf-8"))
    par_id = {n["id"]: n for n in arbre["noeuds"]}
    t = 0
    for id_domaine, lettre, titre, existants in DOMAINES:
        noeud = par_id.get(id_domaine)
        if noeud is None:
            noeud = {"id": id_domaine, "code": lettre, "titre": titre, "enfants": []}
            arbre["noeuds"].append(noeud)
        for k in range(len(existants) + 1, OBJECTIFS_PAR_DOMAINE + 1):
            noeud["enfants"].append(
                {
                    "id": f"objectif-{lettre.lower()}{k}",
                    "code": f"{lettre}.{k}",
                    "titre": TITRES_OBJECTIFS[t % len(TITRES_OBJECTIFS)],
                }
            )
            t += 1
    (data / "arbre.yml").write_text(
        yaml.safe_dump(arbre, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )

    sigles = yaml.safe_load((data / "sigles.yml").read_text(encoding="utf-8"))
    sigles.update(SIGLES)
    (data / "sigles.yml").write_text(yaml.safe_dump(sigles, allow_unicode=True), encoding="utf-8")

    lieux = yaml.safe_load((data / "lieux.yml").read_text(encoding="utf-8"))
    deja = {l["id"] for l in lieux}
    lieux += [
        {"id": i, "nom": n, "adresse": a, "code_postal": "99000", "commune": "Villefictive"}
        for i, n, a in LIEUX
        if i not in deja
    ]
    (data / "lieux.yml").write_text(
        yaml.safe_dump(lieux, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )

    vocab = yaml.safe_load((data / "vocabulaires.yml").read_text(encoding="utf-8"))
    for liste, termes in VOCABULAIRE_EN_PLUS.items():
        deja = {v["code"] for v in vocab[liste]}
        vocab[liste] += [{"code": c, "libelle": l} for c, l in termes if c not in deja]
    (data / "vocabulaires.yml").write_text(
        yaml.safe_dump(vocab, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    themes, publics = [v["code"] for v in vocab["mots_cles"]], [v["code"] for v in vocab["publics"]]

    acteurs = yaml.safe_load((data / "acteurs.yml").read_text(encoding="utf-8"))
    for i, (id_, nom, sigle) in enumerate(ACTEURS):
        acteur = {
            "id": id_,
            "nom": nom,
            "description": _paragraphe(random.Random(i), 1, 2),
            "adresse": f"{i + 2} rue des Tilleuls",
            "code_postal": "99000",
            "commune": "Villefictive",
            "telephone": f"01 02 03 04 {i + 10:02d}",
        }
        if sigle:
            acteur["sigle"] = sigle
        hasard = random.Random(i)
        acteur.update(
            mots_cles=hasard.sample(themes, 2),
            publics=hasard.sample(publics, 1),
            horaires_accueil="Mo-Fr 09:00-12:00,14:00-17:00; PH off",
        )
        acteurs.append(acteur)
    (data / "acteurs.yml").write_text(
        yaml.safe_dump(acteurs, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def fiche_synthetique(
    i: int, objectifs: list[str], vocab: dict, acteurs: list[str], lieux: list[str]
) -> tuple[str, str]:
    """(nom de fichier, contenu) de la i-ième fiche ; la même pour tout N."""
    h = random.Random(1000 + i)
    principal = objectifs[i % len(objectifs)]
    lettre = principal.split("-")[1][0].upper()
    code = f"{lettre}-{i:04d}"
    rattachements = [principal]
    if h.random() < 0.3:
        rattachements.append(h.choice([o for o in objectifs if o != principal]))
    quant = h.sample(INDICATEURS_QUANTITATIFS, h.randint(2, 3))
    qual = h.sample(INDICATEURS_QUALITATIFS, 2)
    d = {
        "code": code,
        "titre": f"{h.choice(TITRES_ACTIONS)} ({code})",
        "rattachements": rattachements,
        "statut": h.choice(vocab["statuts"]),
        "projets": h.sample(vocab["projets"], h.randint(0, 2)),
        "publics": h.sample(vocab["publics"], h.randint(1, 3)),
        "mots_cles": h.sample(vocab["mots_cles"], h.randint(1, 3)),
        "contexte": _paragraphe(h, 1, 2) + "\n\n" + _phrase(h) + "\n",
        "objectif_general": _phrase(h),
        "objectifs_operationnels": [_phrase(h) for _ in range(3)],
        "publics_precisions": _phrase(h),
        "presentation": _paragraphe(h, 1, 2) + "\n\n" + _liste(h, 3, 4) + "\n",
        "echeancier": [
            {"annee": 2023, "texte": _phrase(h)},
            {"annee": 2024, "texte": _phrase(h)},
            {"annee": 2025, "annee_fin": 2026, "texte": _phrase(h)},
        ],
        "moyens_humains": _phrase(h),
        "moyens_materiels": f"Salle d'activité, matériel pédagogique ; {h.choice(COMPLEMENTS)}.",
        "partenaires": h.sample(acteurs, h.randint(1, 4)),
        "partenaires_precisions": f"Associations du quartier, {h.choice(SUITES)}.",
        "lieux": h.sample(lieux, h.randint(1, 2)),
        "resultats_attendus": _liste(h, 2, 3) + "\n",
        "indicateurs_quantitatifs": quant,
        "indicateurs_qualitatifs": qual,
        "freins": _phrase(h),
        "budget": [
            {"annee": 2024, "montant": h.randint(5, 80) * 100, "nature": "Fonctionnement"},
            {"annee": 2025, "montant": h.randint(5, 80) * 100, "nature": "Fonctionnement"},
        ],
        "financeurs": h.sample(acteurs, h.randint(1, 2)),
        "tarifs": "Gratuit pour les adhérents ; participation de 2 € par séance sinon.",
        # Quatre bilans par fiche, un par année d'agrément.
        "bilans": [
            {
                "annee": annee,
                "statut_avancement": statut,
                "realisations": _paragraphe(h, 1, 2),
                "indicateurs": [
                    {"indicateur": q, "valeur": h.randint(5, 300), "unite": "personnes"}
                    for q in quant
                ]
                + [{"indicateur": q, "appreciation": h.choice(SUITES)} for q in qual],
                "resultats_habitants": _phrase(h),
                "limites": _phrase(h),
                "perspectives": _phrase(h),
                "date": f"{annee}-12-1{h.randint(0, 9)}",
                "auteur_role": "Coordinatrice",
            }
            for annee, statut in (
                (2023, "realisee"),
                (2024, "en-cours"),
                (2025, "en-cours"),
                (2026, "a-venir"),
            )
        ],
    }
    en_tete = yaml.dump(d, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
    corps = _paragraphe(h, 1, 2) + "\n"
    return f"{code.lower()}.md", f"---\n{en_tete}---\n{corps}"


def generer_fiches(centre: Path, n: int) -> int:
    """Écrit n fiches dans docs/fiches/ ; renvoie la taille moyenne d'une fiche (octets)."""
    data = centre / "data"
    vocab_brut = yaml.safe_load((data / "vocabulaires.yml").read_text(encoding="utf-8"))
    vocab = {k: [t["code"] for t in v] for k, v in vocab_brut.items()}
    acteurs = [a["id"] for a in yaml.safe_load((data / "acteurs.yml").read_text(encoding="utf-8"))]
    lieux = [l["id"] for l in yaml.safe_load((data / "lieux.yml").read_text(encoding="utf-8"))]
    objectifs = _objectifs()
    total = 0
    for i in range(n):
        nom, texte = fiche_synthetique(i, objectifs, vocab, acteurs, lieux)
        (centre / "docs" / "fiches" / nom).write_text(texte, encoding="utf-8")
        total += len(texte.encode("utf-8"))
    return total // max(n, 1)


# --------------------------------------------------------------------------
# Site « Material seul »
# --------------------------------------------------------------------------


def preparer_site_material(centre: Path, destination: Path) -> int:
    """Le même Markdown de pages, sans moteur ; renvoie le nombre de pages de fiches."""
    from projet_social.chargement import charger
    from projet_social.construction import Construction
    from projet_social.generation import rendre_page
    from projet_social.registre import page_de_fiche, pages_produites

    projet, erreurs = charger(centre)
    bloquantes = [e for e in erreurs if e.bloquante]
    if projet is None or bloquantes:
        raise SystemExit(
            "Le centre synthétique est invalide :\n" + "\n".join(map(str, bloquantes[:20]))
        )
    docs = destination / "docs"
    (docs / "fiches").mkdir(parents=True)
    # Toutes les pages du site, avec le même Markdown (l'assemblage du document
    # complet est propre au produit : le témoin n'en a que la couverture).
    construction = Construction(projet)
    for page in pages_produites(projet):
        (docs / page.src).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.src).write_text(rendre_page(construction, page), encoding="utf-8")
    for fiche in projet.fiches.values():
        (docs / fiche.fichier).write_text(
            rendre_page(construction, page_de_fiche(projet, fiche.fichier)), encoding="utf-8"
        )

    produit = config_du_produit(centre)
    theme = {k: v for k, v in produit["theme"].items() if k != "custom_dir"}
    recherche = next(p for p in produit["plugins"] if isinstance(p, dict) and "search" in p)
    config = {
        "site_name": "Site témoin (Material seul)",
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": theme,
        "plugins": [recherche],
        # Les extensions Markdown standard du produit, sans la nôtre (markdown_sur).
        "markdown_extensions": [
            e for e in produit["markdown_extensions"] if "projet_social" not in str(e)
        ],
        "nav": [{"Accueil": "index.md"}, {"Fiches actions": "fiches/index.md"}],
        "not_in_nav": "/fiches/*.md\n/acteurs/*.md\n/arbre/\n/bilans/\n",
        # Les liens vers les pages d'arbre et d'acteurs (absentes ici) ne sont pas des erreurs.
        "validation": {
            "links": {"not_found": "info", "anchors": "info"},
            "nav": {"omitted_files": "info"},
        },
    }
    (destination / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return len(projet.fiches)


def _titre_markdown(chemin: Path) -> str:
    """Le titre d'une page Markdown : « title: » de son en-tête, sinon son premier « # »."""
    texte = chemin.read_text(encoding="utf-8")
    if texte.startswith("---\n"):
        entete = texte.split("\n---", 1)[0]
        for ligne in entete.splitlines():
            if ligne.startswith("title:"):
                return str(yaml.safe_load(ligne[6:]) or "").strip()
    for ligne in texte.splitlines():
        if ligne.startswith("# "):
            return ligne[2:].strip()
    return chemin.stem


def preparer_temoin_pdf(centre: Path, temoin: Path, destination: Path) -> None:
    """Le témoin du PDF : Material + mkdocs-print-site-plugin sur le Markdown du témoin (et les
    pages rédigées du centre), menu = les pages du document complet, dans son ordre (chapitres,
    puis les fiches par nœud de premier niveau)."""
    from projet_social.assemblage import plan
    from projet_social.chargement import charger
    from projet_social.navigation import menu, menu_du_document
    from projet_social.registre import pages_produites

    projet, _ = charger(centre)
    shutil.copytree(temoin / "docs", destination / "docs")
    for chemin in (centre / "docs").rglob(
        "*.md"
    ):  # les pages rédigées, telles que l'équipe les écrit
        relatif = chemin.relative_to(centre / "docs")
        if relatif.parts[0] != "fiches" and not (destination / "docs" / relatif).exists():
            (destination / "docs" / relatif).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(chemin, destination / "docs" / relatif)
    docs = destination / "docs"
    pages = {}
    for chemin in docs.rglob("*.md"):
        src = chemin.relative_to(docs).as_posix()
        url = (
            ""
            if src == "index.md"
            else (src[: -len("index.md")] if src.endswith("/index.md") else src[:-3] + "/")
        )
        pages[src] = (_titre_markdown(chemin), url)
    produites = {p.src: p for p in pages_produites(projet)}
    nav = []

    def entree(section) -> dict | str:
        enfants = [entree(e) for e in section.enfants]
        if not enfants:
            return {section.titre: section.src}
        return {section.titre: ([section.src] if section.src else []) + enfants}

    for chapitre in plan(projet, menu_du_document(menu(projet, projet.menu)), pages, produites):
        nav.append(entree(chapitre))
    config = yaml.safe_load((temoin / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_name"] = "Témoin du PDF (Material + print-site)"
    config["nav"] = nav
    config.pop("not_in_nav", None)
    config["validation"]["nav"]["not_found"] = "info"
    config["plugins"] = [
        *config["plugins"],
        {"print-site": {"add_cover_page": True}},
    ]  # print-site en dernier
    (destination / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


# --------------------------------------------------------------------------
# Construction et mesures
# --------------------------------------------------------------------------


def copier_centre(source: Path, destination: Path) -> Path:
    """Comme tests/outils.copier_centre, mais avec le moteur MOTEUR (le dépôt par défaut)."""
    destination.mkdir(parents=True, exist_ok=True)
    for dossier in ("data", "docs"):
        if (source / dossier).exists():
            shutil.copytree(source / dossier, destination / dossier)
    config = config_du_produit(destination, MOTEUR)
    (destination / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return destination


class EchecConstruction(Exception):
    pass


def construire(dossier: Path, site: Path, delai: float) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    commande = [
        PYTHON,
        "-c",
        MESURE,
        str(PLAFOND_MO),
        PYTHON,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(dossier / "mkdocs.yml"),
        "-d",
        str(site),
    ]
    code, sortie, erreurs = _lancer(
        commande, dossier, env, delai, f"construction de {dossier.name}"
    )
    if code != 0:
        raise EchecConstruction(f"mesure impossible dans {dossier} :\n{erreurs[-4000:]}")
    mesure = json.loads(sortie.strip().splitlines()[-1])
    if mesure["rc"] != 0:
        cause = (
            " (tuée par le signal %d : mémoire épuisée ?)" % -mesure["rc"]
            if mesure["rc"] < 0
            else ""
        )
        raise EchecConstruction(
            f"la construction de {dossier.name} a échoué, code {mesure['rc']}{cause}, "
            f"après {mesure['secondes']:.0f} s, pic de mémoire {mesure['rss_ko'] / 1024:.0f} Mo :\n{mesure['sortie']}"
        )
    return mesure


TIERS_BALISES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "source": ("src", "srcset"),
    "embed": ("src",),
    "object": ("data",),
}


def _tierce(adresse: str) -> bool:
    a = adresse.strip().lower()
    return a.startswith(("http://", "https://", "//"))


def ressources_tierces(site: Path) -> tuple[int, int, list[str]]:
    """(pages analysées, ressources tierces, exemples) sur toutes les pages HTML du site."""
    from bs4 import BeautifulSoup, SoupStrainer

    filtre = SoupStrainer(list(TIERS_BALISES))
    pages, total, exemples = 0, 0, []
    for chemin in sorted(site.rglob("*.html")):
        pages += 1
        soupe = BeautifulSoup(chemin.read_text(encoding="utf-8"), "html.parser", parse_only=filtre)
        for balise in soupe.find_all(list(TIERS_BALISES)):
            for attribut in TIERS_BALISES[balise.name]:
                valeur = balise.get(attribut)
                if not valeur:
                    continue
                adresses = (
                    [v.strip().split(" ")[0] for v in valeur.split(",")]
                    if attribut == "srcset"
                    else [valeur]
                )
                for adresse in adresses:
                    if _tierce(adresse):
                        total += 1
                        if len(exemples) < 5:
                            exemples.append(
                                f"{chemin.relative_to(site)}: <{balise.name} {attribut}={adresse}>"
                            )
    return pages, total, exemples


def plus_grosse_fiche(site: Path) -> tuple[float, str]:
    pages = [p for p in (site / "fiches").glob("*/index.html")]
    if not pages:
        return 0.0, ""
    p = max(pages, key=lambda x: x.stat().st_size)
    return p.stat().st_size / 1024, p.parent.name


# --------------------------------------------------------------------------
# Le PDF, côte à côte : make pdf contre Material + print-site + Chromium
# --------------------------------------------------------------------------


def chronometrer(
    commande: list[str], dossier: Path, delai: float, quoi: str, env: dict | None = None
) -> float:
    """Lance ``commande`` ; renvoie sa durée en secondes (EchecConstruction si elle échoue)."""
    debut = time.perf_counter()
    code, sortie, erreurs = _lancer(
        commande, dossier, env or dict(os.environ, NO_MKDOCS_2_WARNING="1"), delai, quoi
    )
    duree = time.perf_counter() - debut
    if code != 0:
        raise EchecConstruction(f"{quoi} : échec, code {code} :\n{(sortie + erreurs)[-4000:]}")
    return duree


def _lancer(commande: list[str], dossier: Path, env: dict, delai: float, quoi: str):
    """(code de retour, sortie, erreurs) de ``commande``. Dans un groupe de processus à part :
    au-delà de ``delai``, on arrête la commande (et seulement elle) : EchecConstruction."""
    proc = subprocess.Popen(
        commande,
        cwd=dossier,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        sortie, erreurs = proc.communicate(timeout=delai)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise EchecConstruction(f"{quoi} arrêté(e) après {delai:.0f} s (délai --delai dépassé)")
    return proc.returncode, sortie, erreurs


def mesurer_pdf(
    n: int, dossier: Path, centre: Path, temoin: Path, delai: float, repetitions: int = 1
) -> dict:
    """Le PDF de make pdf et celui du témoin (print-site + Chromium), sur le même Markdown."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(MOTEUR / "macros"))
    # Nous : exactement les deux commandes de « make pdf » (la troisième, qui publie le site avec
    # le PDF, est une construction de plus, mesurée par ailleurs).
    site = dossier / "site-pdf"
    nous_pdf = dossier / "projet-social.pdf"
    s_build = chronometrer(
        [
            PYTHON,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "-f",
            str(centre / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        centre,
        delai,
        f"N={n} : mkdocs build (make pdf)",
        env,
    )
    # Le témoin : Material + print-site, puis Chromium sans écran sur print_page/.
    temoin_pdf = dossier / "temoin-pdf"
    preparer_temoin_pdf(centre, temoin, temoin_pdf)
    site_temoin = temoin_pdf / "site"
    s_build_t = chronometrer(
        [
            PYTHON,
            "-m",
            "mkdocs",
            "build",
            "--quiet",
            "-f",
            str(temoin_pdf / "mkdocs.yml"),
            "-d",
            str(site_temoin),
        ],
        temoin_pdf,
        delai,
        f"N={n} : mkdocs build (témoin print-site)",
    )
    temoin_sortie = dossier / "temoin.pdf"
    # Les impressions, alternées (nous, le témoin, nous…) pour partager les variations de la
    # machine ; la plus rapide de chaque côté est gardée (--repetitions).
    impressions, impressions_t, etapes = [], [], ""
    # Un serveur pour le témoin, le même pour toutes ses impressions (son démarrage n'est pas chronométré).
    with navigateur.servir(site_temoin) as adresse:
        for _ in range(repetitions):
            debut = time.perf_counter()
            code, sortie, erreurs = _lancer(
                [PYTHON, "-m", "projet_social.pdf", str(site), str(nous_pdf)],
                centre,
                env,
                delai,
                f"N={n} : python -m projet_social.pdf",
            )
            impressions.append(time.perf_counter() - debut)
            if code != 0:
                raise EchecConstruction(
                    f"N={n} : make pdf : échec, code {code} :\n{erreurs[-4000:]}"
                )
            if impressions[-1] == min(impressions):
                etapes = next((l for l in sortie.splitlines() if l.startswith("Étapes")), "")
            with tempfile.TemporaryDirectory(prefix="chromium-") as profil:
                impressions_t.append(
                    chronometrer(
                        [
                            CHROMIUM,
                            *OPTIONS_CHROMIUM,
                            f"--user-data-dir={profil}",
                            f"--print-to-pdf={temoin_sortie}",
                            f"{adresse}print_page/",
                        ],
                        temoin_pdf,
                        delai,
                        f"N={n} : Chromium --print-to-pdf (témoin)",
                    )
                )
    s_print, s_print_t = min(impressions), min(impressions_t)
    pages, pages_t = nombre_de_pages(nous_pdf), nombre_de_pages(temoin_sortie)
    return {
        "build": s_build,
        "print": s_print,
        "pages": pages,
        "mo": nous_pdf.stat().st_size / 1e6,
        "build_t": s_build_t,
        "print_t": s_print_t,
        "pages_t": pages_t,
        "mo_t": temoin_sortie.stat().st_size / 1e6,
        "impressions": impressions,
        "impressions_t": impressions_t,
        "etapes": etapes,
    }


def mesurer(
    n: int, travail: Path, repetitions: int, delai: float, site: bool = True, pdf: bool = False
) -> dict:
    """Les mesures à N fiches : la construction du site (``site``), le PDF côte à côte (``pdf``)."""
    dossier = travail / f"n{n}"
    centre = copier_centre(FIXTURE, dossier / "centre")
    agrandir_les_donnees(centre)
    taille_fiche = generer_fiches(centre, n)
    temoin = dossier / "temoin"
    nb_fiches = preparer_site_material(centre, temoin)
    resultat = {"n": n, "fiches": nb_fiches, "taille_fiche_ko": taille_fiche / 1024}
    if pdf:
        resultat["pdf"] = mesurer_pdf(n, dossier, centre, temoin, delai, repetitions)
        resultat["pdf"]["fiches"] = nb_fiches
    if site:
        resultat.update(mesurer_site(dossier, centre, temoin, repetitions, delai))
    return resultat


def mesurer_site(dossier: Path, centre: Path, temoin: Path, repetitions: int, delai: float) -> dict:
    nous, material = [], []
    for _ in range(repetitions):  # alternés, pour partager les variations de la machine
        nous.append(construire(centre, dossier / "site", delai))
        material.append(construire(temoin, dossier / "site-temoin", delai))
    m_nous = min(nous, key=lambda m: m["secondes"])
    m_mat = min(material, key=lambda m: m["secondes"])

    site = dossier / "site"
    page_kb, page_nom = plus_grosse_fiche(site)
    page_temoin_kb, _ = plus_grosse_fiche(dossier / "site-temoin")
    index_recherche = site / "search" / "search_index.json"
    index_temoin = dossier / "site-temoin" / "search" / "search_index.json"
    debut = time.perf_counter()
    pages, tierces, exemples = ressources_tierces(site)
    duree_analyse = time.perf_counter() - debut
    return {
        "s": m_nous["secondes"],
        "s_material": m_mat["secondes"],
        "cpu": m_nous["cpu"],
        "cpu_material": m_mat["cpu"],
        "rss_mo": m_nous["rss_ko"] / 1024,
        "rss_material_mo": m_mat["rss_ko"] / 1024,
        "page_kb": page_kb,
        "page_nom": page_nom,
        "page_material_kb": page_temoin_kb,
        "index_fiches_kb": (site / "fiches" / "index.html").stat().st_size / 1024,
        "autre_page": max(
            (
                (p.stat().st_size / 1024, p.relative_to(site).as_posix())
                for p in site.rglob("*.html")
                if not (p.parent.parent == site / "fiches")
            ),
            default=(0.0, ""),
        ),
        "recherche_ko": index_recherche.stat().st_size / 1024,
        "recherche_material_ko": index_temoin.stat().st_size / 1024,
        "pages_html": pages,
        "tierces": tierces,
        "exemples_tiers": exemples,
        "duree_analyse": duree_analyse,
        "toutes": [m["secondes"] for m in nous],
        "toutes_material": [m["secondes"] for m in material],
    }


class _Journal:
    """Écrit sur la sortie et garde une copie, pour bench/RESULTS.md."""

    def __init__(self, sortie):
        self.sortie, self.copie = sortie, []

    def write(self, texte):
        self.copie.append(texte)
        return self.sortie.write(texte)

    def flush(self):
        self.sortie.flush()

    def texte(self) -> str:
        return "".join(self.copie)


def _version(commande: list[str]) -> str:
    try:
        r = subprocess.run(commande, capture_output=True, text=True, timeout=30)
        return (r.stdout.strip() or r.stderr.strip() or "?").splitlines()[0]
    except (OSError, subprocess.SubprocessError):
        return "absent"


def description_machine() -> str:
    """Machine, processeur, mémoire et versions des outils mesurés (pour bench/RESULTS.md)."""
    processeur = memoire = "?"
    with contextlib.suppress(OSError):
        processeur = next(
            (
                l.split(":", 1)[1].strip()
                for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")
            ),
            "?",
        )
    with contextlib.suppress(OSError, StopIteration, ValueError):
        ko = int(
            next(
                l.split()[1]
                for l in Path("/proc/meminfo").read_text().splitlines()
                if l.startswith("MemTotal")
            )
        )
        memoire = f"{ko / 1024 / 1024:.0f} Go"
    versions = []
    for paquet in (
        "mkdocs",
        "mkdocs-material",
        "mkdocs-print-site-plugin",
        "pymdown-extensions",
        "Markdown",
        "playwright",
    ):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions.append(f"{paquet} {importlib.metadata.version(paquet)}")
    return (
        f"{platform.machine()}, {processeur}, `nproc` = {os.cpu_count()}, {memoire} de RAM, "
        f"Python {platform.python_version()}, {', '.join(versions)}, {_version([CHROMIUM, '--version'])}, "
        f"{_version(['pdfinfo', '-v']) if shutil.which('pdfinfo') else 'pdfinfo absent'}"
    )


def ecrire_resultats(
    commande: str, machine: str, sortie: str, jour: str, fichier: Path = RESULTATS
) -> None:
    """Ajoute la section du jour pour cette commande en tête des résultats (la remplace si elle existe)."""
    titre = f"## {jour} : `{commande.split('   #')[0]}` (écrit par bench/bench.py)"
    section = (
        f"{titre}\n\n```\n{commande}\n```\n\n- Machine : {machine}.\n"
        f"- Écrit par le banc lui-même à la fin de l'exécution (sans `--sans-ecrire`).\n\n"
        f"```\n{sortie.rstrip()}\n```\n"
    )
    texte = (
        fichier.read_text(encoding="utf-8")
        if fichier.exists()
        else "# Banc de performance : résultats\n"
    )
    # Les sections commencent par « ## » en début de ligne ; hors blocs de code.
    morceaux, courant, dans_code = [], [], False
    for ligne in texte.splitlines(keepends=True):
        if ligne.startswith("```"):
            dans_code = not dans_code
        if ligne.startswith("## ") and not dans_code:
            morceaux.append("".join(courant))
            courant = []
        courant.append(ligne)
    morceaux.append("".join(courant))
    entete, sections = morceaux[0], morceaux[1:]
    sections = [m for m in sections if m.splitlines()[0].strip() != titre]
    fichier.write_text(
        entete.rstrip("\n")
        + "\n\n"
        + "\n".join(m.strip("\n") + "\n" for m in [section, *sections]),
        encoding="utf-8",
    )


def _tableau(entetes: list[str], lignes: list[list[str]]) -> None:
    largeurs = [max(len(e), *(len(l[i]) for l in lignes)) for i, e in enumerate(entetes)]
    print(" | ".join(e.rjust(w) for e, w in zip(entetes, largeurs)))
    print("-+-".join("-" * w for w in largeurs))
    for l in lignes:
        print(" | ".join(c.rjust(w) for c, w in zip(l, largeurs)))


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--tailles", default="50,500,2000", help="nombres de fiches, séparés par des virgules"
    )
    parser.add_argument(
        "--tailles-pdf",
        default="50,500",
        help="nombres de fiches pour le PDF côte à côte (make pdf et print-site), séparés par des virgules ; "
        "« 0 » : pas de PDF (défaut 50,500)",
    )
    parser.add_argument(
        "--sans-ecrire", action="store_true", help="essai : ne pas écrire bench/RESULTS.md"
    )
    parser.add_argument(
        "--repetitions",
        type=int,
        default=1,
        help="constructions par site et impressions du PDF, par taille, alternées (on garde la plus rapide)",
    )
    parser.add_argument(
        "--delai", type=float, default=1800, help="secondes au plus par construction (défaut 1800)"
    )
    parser.add_argument(
        "--memoire-max",
        type=int,
        default=4096,
        help="plafond de mémoire virtuelle d'une construction, en Mo (0 : aucun ; défaut 4096)",
    )
    parser.add_argument(
        "--garder",
        type=Path,
        help="travailler dans ce dossier (hors du dépôt) et le garder, pour bench/profil.py",
    )
    parser.add_argument(
        "--moteur",
        type=Path,
        default=RACINE,
        help="racine d'une copie du moteur (mkdocs.yml, macros/, overrides/, data/schemas/) ; défaut : le dépôt",
    )
    brut = sys.argv[1:] if arguments is None else arguments
    args = parser.parse_args(brut)
    tailles = sorted({int(t) for t in args.tailles.split(",") if t.strip()} - {0})
    tailles_pdf = sorted({int(t) for t in args.tailles_pdf.split(",") if t.strip()} - {0})
    global MOTEUR, PLAFOND_MO
    MOTEUR = args.moteur.resolve()
    PLAFOND_MO = args.memoire_max
    sys.path.insert(0, str(MOTEUR / "macros"))
    if tailles_pdf and not (
        Path(CHROMIUM).exists() and shutil.which("pdfinfo") and shutil.which("pdftotext")
    ):
        parser.error(
            f"--tailles-pdf : Chromium ({CHROMIUM}, variable CHROMIUM) et poppler-utils (pdfinfo, pdftotext) "
            "sont nécessaires ; ou --tailles-pdf 0"
        )
    if args.garder:
        args.garder = args.garder.resolve()
        if args.garder == RACINE or RACINE in args.garder.parents:
            parser.error("--garder : choisissez un dossier hors du dépôt")
        if args.garder.exists() and any(args.garder.iterdir()):
            parser.error(f"--garder : {args.garder} n'est pas vide")
        args.garder.mkdir(parents=True, exist_ok=True)

    journal = _Journal(sys.stdout)
    jour = time.strftime("%Y-%m-%d")
    with contextlib.redirect_stdout(journal):
        code, resume = _banc(args, tailles, tailles_pdf)
    if not args.sans_ecrire:
        commande = (
            " ".join([".venv/bin/python bench/bench.py", *brut])
            if brut
            else "make bench   # = .venv/bin/python bench/bench.py"
        )
        ecrire_resultats(commande, description_machine(), journal.texte() + resume + "\n", jour)
        print(f"Résultats écrits dans {RESULTATS.relative_to(RACINE)} (section « {jour} »).")
    print(resume)
    return code


def _banc(args, tailles: list[int], tailles_pdf: list[int]) -> tuple[int, str]:
    """Le banc ; renvoie (code de sortie, dernière ligne « ratio=… growth=… page_kb=… »)."""
    print(f"Banc du projet social — {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(
        f"machine : {platform.machine()}, nproc={os.cpu_count()}, Python {platform.python_version()} ({PYTHON})"
    )
    print(
        f"tailles : {tailles}, PDF : {tailles_pdf}, répétitions : {args.repetitions}, moteur : {MOTEUR}"
    )
    resultats, pdfs, echec = [], [], None
    with (
        contextlib.nullcontext(str(args.garder))
        if args.garder
        else tempfile.TemporaryDirectory(prefix="bench-projet-social-")
    ) as tmp:
        for n in sorted(set(tailles) | set(tailles_pdf)):
            debut = time.perf_counter()
            try:
                r = mesurer(
                    n,
                    Path(tmp),
                    args.repetitions,
                    args.delai,
                    site=n in tailles,
                    pdf=n in tailles_pdf,
                )
            except EchecConstruction as exc:
                echec = f"N={n} : {exc}"
                print(f"  ÉCHEC {echec}", flush=True)
                break
            if "pdf" in r:
                d = r["pdf"]
                pdfs.append(d)
                print(
                    f"  N={n} PDF : make pdf {d['build']:.1f} s + {d['print']:.1f} s, {d['pages']} pages ; "
                    f"témoin print-site {d['build_t']:.1f} s + {d['print_t']:.1f} s, {d['pages_t']} pages",
                    flush=True,
                )
                if len(d["impressions"]) > 1:
                    print(
                        "    impressions (la plus rapide gardée) : nous "
                        + ", ".join(f"{x:.1f}" for x in d["impressions"])
                        + " s ; témoin "
                        + ", ".join(f"{x:.1f}" for x in d["impressions_t"])
                        + " s",
                        flush=True,
                    )
                if d["etapes"]:
                    print(f"    make pdf, la plus rapide : {d['etapes']}", flush=True)
            if "s" in r:
                resultats.append(r)
                print(
                    f"  N={n}: {r['fiches']} fiches (~{r['taille_fiche_ko']:.1f} Ko chacune), nous {r['s']:.2f} s, "
                    f"Material seul {r['s_material']:.2f} s, analyse de {r['pages_html']} pages en {r['duree_analyse']:.1f} s "
                    f"(étape : {time.perf_counter() - debut:.0f} s)",
                    flush=True,
                )

    if resultats:
        print()
        lignes = []
        for r in resultats:
            lignes.append(
                [
                    str(r["fiches"]),
                    f"{r['s']:.2f}",
                    f"{1000 * r['s'] / r['fiches']:.1f}",
                    f"{r['s_material']:.2f}",
                    f"{r['s'] / r['s_material']:.2f}",
                    f"{r['cpu']:.1f}",
                    f"{r['cpu_material']:.1f}",
                    f"{r['rss_mo']:.0f}",
                    f"{r['rss_material_mo']:.0f}",
                    f"{r['page_kb']:.1f}",
                    f"{r['page_material_kb']:.1f}",
                    f"{r['index_fiches_kb']:.0f}",
                    f"{r['autre_page'][0]:.0f}",
                    f"{r['recherche_ko']:.0f}",
                    f"{r['recherche_material_ko']:.0f}",
                    str(r["pages_html"]),
                    str(r["tierces"]),
                ]
            )
        _tableau(
            [
                "N fiches",
                "build s",
                "ms/fiche",
                "Material s",
                "ratio",
                "CPU s",
                "CPU Mat. s",
                "RSS Mo",
                "RSS Mat. Mo",
                "fiche max Ko",
                "fiche Mat. Ko",
                "index fiches Ko",
                "autre max Ko",
                "search Ko",
                "search Mat. Ko",
                "pages",
                "tiers",
            ],
            lignes,
        )
        print()
        print(
            "fiche max : la plus grosse page site/fiches/*/index.html ; autre max : la plus grosse des autres pages ("
            + ", ".join(f"N={r['fiches']} : {r['autre_page'][1]}" for r in resultats)
            + ")"
        )
        print(
            "build s : temps écoulé (la cible « ratio ») ; CPU s : temps de processeur, second cœur compris "
            "(à partir de 200 fiches, le moteur calcule d'avance sur un second cœur : macros/projet_social/arriere_plan.py)"
        )
        for r in resultats:
            if r["exemples_tiers"]:
                print(f"ressources tierces (N={r['n']}) : " + " ; ".join(r["exemples_tiers"]))
    tierces = sum(r["tierces"] for r in resultats)
    if resultats:
        print(f"requêtes vers un hôte tiers au chargement des pages : {tierces} (attendu : 0)")

    pdf_ratio = float("nan")
    if pdfs:
        print()
        print(
            "PDF côte à côte (le même Markdown) : « nous » = make pdf (mkdocs build --strict, puis "
            "python -m projet_social.pdf : deux impressions Chromium) ; « témoin » = Material + "
            "mkdocs-print-site-plugin, puis chromium --headless --print-to-pdf sur print_page/"
        )
        lignes = []
        for d in pdfs:
            lignes.append(
                [
                    str(d["fiches"]),
                    f"{d['build']:.1f}",
                    f"{d['print']:.1f}",
                    str(d["pages"]),
                    f"{d['mo']:.1f}",
                    f"{1000 * d['print'] / d['pages']:.1f}",
                    f"{d['build_t']:.1f}",
                    f"{d['print_t']:.1f}",
                    str(d["pages_t"]),
                    f"{d['mo_t']:.1f}",
                    f"{1000 * d['print_t'] / d['pages_t']:.1f}",
                    f"{(d['print'] / d['pages']) / (d['print_t'] / d['pages_t']):.2f}",
                    f"{((d['build'] + d['print']) / d['pages']) / ((d['build_t'] + d['print_t']) / d['pages_t']):.2f}",
                ]
            )
        _tableau(
            [
                "N fiches",
                "build s",
                "impression s",
                "pages",
                "Mo",
                "ms/page",
                "témoin build s",
                "témoin impr. s",
                "témoin pages",
                "témoin Mo",
                "témoin ms/page",
                "ratio/page",
                "ratio/page (build compris)",
            ],
            lignes,
        )
        d = pdfs[-1]
        pdf_ratio = (d["print"] / d["pages"]) / (d["print_t"] / d["pages_t"])
        print(
            "ms/page : secondes d'impression (Chromium, serveur local compris) par page imprimée ; ratio/page : "
            "nos ms/page / ms/page du témoin ; « build compris » : construction + impression."
        )

    if echec:
        print(f"ÉCHEC : {echec.splitlines()[0]}")
    print()
    if pdfs:
        ok = pdf_ratio <= CIBLES["pdf_ratio"]
        print(
            f"  pdf_ratio {pdf_ratio:6.2f}  cible ≤ {CIBLES['pdf_ratio']}  {'OK' if ok else 'MANQUÉ'}  "
            f"(N={pdfs[-1]['fiches']} : secondes d'impression par page imprimée, nous / témoin)"
        )
    if not resultats:
        return 1 if echec or not pdfs else 0, "ratio=nan growth=nan page_kb=nan" + (
            f" pdf_ratio={pdf_ratio:.2f}" if pdfs else ""
        )

    dernier = resultats[-1]
    # La cible vaut pour chaque taille d'au moins 500 fiches (issue 15 : « à 500 et à 2000 ») :
    # la plus mauvaise compte (toutes les tailles si aucune n'atteint 500).
    comptees = [r for r in resultats if r["fiches"] >= 500] or resultats
    pire = max(comptees, key=lambda r: r["s"] / r["s_material"])
    ratio = pire["s"] / pire["s_material"]
    growth = dernier["s"] / resultats[-2]["s"] if len(resultats) > 1 else float("nan")
    page_kb = dernier["page_kb"]
    if len(resultats) > 1:
        facteur = dernier["fiches"] / resultats[-2]["fiches"]
        print(
            f"croissance : N ×{facteur:.1f} ({resultats[-2]['fiches']} → {dernier['fiches']}) donne un temps ×{growth:.2f}"
        )
    for nom, valeur in (("ratio", ratio), ("growth", growth), ("page_kb", page_kb)):
        if nom == "growth" and len(resultats) < 2 and not echec:
            print(f"  {nom:8}     nan  cible ≤ {CIBLES[nom]}  non mesurée (une seule taille)")
            continue
        ok = valeur <= CIBLES[nom]
        precision = (
            f"  (N={pire['fiches']}, la plus mauvaise des tailles)" if nom == "ratio" else ""
        )
        print(
            f"  {nom:8} {valeur:7.2f}  cible ≤ {CIBLES[nom]}  {'OK' if ok else 'MANQUÉ'}{precision}"
        )
    print(f"  tiers    {tierces:7d}  cible = 0  {'OK' if tierces == 0 else 'MANQUÉ'}")
    suite = f" pdf_ratio={pdf_ratio:.2f}" if pdfs else ""
    if echec:  # une taille demandée n'a pas pu être construite : les cibles ne sont pas atteintes
        return 1, "ratio=nan growth=nan page_kb=nan" + suite
    return 0, f"ratio={ratio:.1f} growth={growth:.1f} page_kb={page_kb:.1f}" + suite


if __name__ == "__main__":
    sys.exit(main())
