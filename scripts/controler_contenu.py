"""Contrôler le contenu d'un centre : ce qui doit tenir pour TOUT contenu valide.

Usage : ``python scripts/controler_contenu.py [dossier du centre] [--navigateur] [--adresse URL]``
(par défaut le dossier courant ; le moteur est celui du dépôt qui contient ce script).

Les contrôles, chacun indépendant du contenu précis (aucun nombre de fiches ni titre attendu) :

1. ``make check`` (``projet_social.verifier``) : aucune erreur bloquante ;
2. la construction stricte du site (``mkdocs build --strict``), sous une adresse de
   sous-dossier comme sur GitHub Pages (``--adresse``) ;
3. aucun lien interne cassé (``scripts/verifier_liens.py``), et chaque fiche, acteur,
   sigle, page rédigée, nœud de l'arbre et année de bilan que le chargeur connaît a sa page ;
   chaque page de fiche donne un numéro à toucher (``tel:``) avant « Pour les partenaires » ;
4. avec ``--navigateur`` : axe-core (WCAG 2.1 A et AA) sur l'accueil, une fiche, le guide
   de territoire, l'annuaire et le guide « Contribuer » (Chromium : variable CHROMIUM).

Le rapport est en français, un constat par ligne ; dans GitHub Actions
(``GITHUB_ACTIONS=true``), chaque constat devient aussi une annotation
``::error file=…,line=…,title=…::…`` (même format et même échappement que ``make check``,
voir macros/projet_social/annotations.py). Sort avec le code 1 s'il y a au moins un constat.

Les tests tests/test_contenu_du_centre.py et tests/test_parcours_de_l_equipe.py appellent
les mêmes fonctions : ce sont les seuls tests qui lisent le contenu du dépôt.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

MOTEUR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(MOTEUR / "macros"))
sys.path.insert(0, str(MOTEUR / "scripts"))

from projet_social import annotations  # noqa: E402
from projet_social.chargement import charger  # noqa: E402
from projet_social.modele import ProjetSocial  # noqa: E402
from projet_social.navigateur import (  # noqa: E402
    OPTIONS_CHROMIUM,
    axe_core,
    chromium,
    onglet_de_lecture,
    servir,
)
from verifier_liens import liens_casses  # noqa: E402

ADRESSE = "https://exemple.github.io/projet-social/"  # un site de projet GitHub Pages : sous un sous-dossier
CHROMIUM = chromium()


@dataclass(frozen=True)
class Constat:
    """Un problème trouvé par un contrôle, rattaché si possible à un fichier du centre."""

    controle: str  # « vérification », « construction », « liens », « pages », « téléphone », « accessibilité »
    message: str
    fichier: str = ""  # relatif au dossier du centre (docs/…, data/…)
    ligne: int | None = None

    def __str__(self) -> str:
        ou = self.fichier + (f":{self.ligne}" if self.ligne else "") if self.fichier else ""
        return f"[{self.controle}] " + (f"{ou} — " if ou else "") + self.message


def annotation(constat: Constat) -> str:
    """Une ligne ``::error …::…`` pour GitHub Actions (échappement de annotations.py)."""
    proprietes = []
    if constat.fichier:
        proprietes.append(f"file={annotations.echapper_propriete(constat.fichier)}")
    if constat.ligne:
        proprietes.append(f"line={int(constat.ligne)}")
    proprietes.append(
        f"title={annotations.echapper_propriete('Contrôle du contenu : ' + constat.controle)}"
    )
    return f"::error {','.join(proprietes)}::{annotations.echapper_message(constat.message)}"


def rapport(constats: list[Constat]) -> str:
    """Le rapport en français : un constat par ligne, puis le bilan."""
    if not constats:
        return "Contenu contrôlé : aucun problème."
    lignes = [str(c) for c in constats]
    lignes.append(f"{len(constats)} problème{'s' if len(constats) > 1 else ''} à corriger.")
    return "\n".join(lignes)


# -- 1. make check -------------------------------------------------------------------------------


def controler_verification(racine: Path) -> list[Constat]:
    """Les erreurs bloquantes de ``make check`` (les avertissements ne bloquent pas)."""
    projet, erreurs = charger(racine)
    constats = [
        Constat(
            "vérification",
            f"{e.champ + ' : ' if e.champ else ''}{e.message}. Attendu : {e.attendu}",
            e.fichier,
            e.ligne,
        )
        for e in erreurs
        if e.bloquante
    ]
    if projet is None and not constats:
        constats.append(Constat("vérification", "le contenu ne peut pas être chargé"))
    return constats


# -- 2. la construction stricte ---------------------------------------------------------------------


def construire(
    racine: Path,
    sortie: Path,
    adresse: str = ADRESSE,
    config: Path | None = None,
    lancer=subprocess.run,
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` du centre ``racine`` avec le moteur du dépôt, publié à ``adresse``.
    ``lancer`` : ``subprocess.run``, ou ce qui en a la forme (l'atelier des tests, tests/atelier.py)."""
    env = dict(os.environ, PYTHONPATH=str(MOTEUR / "macros"), NO_MKDOCS_2_WARNING="1")
    if adresse:
        env["SITE_URL"] = adresse
    return lancer(
        # Sans -q : avec -q, MkDocs ne compte plus les avertissements et « strict » ne les refuse plus.
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config or racine / "mkdocs.yml"),
            "-d",
            str(sortie),
        ],
        cwd=racine,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


# Les avertissements de MkDocs les plus courants, dits en français (les autres sont cités tels quels).
TRADUCTIONS = [
    (
        re.compile(
            r"^Doc file '(?P<page>[^']+)' contains a link '(?P<lien>[^']+)', but the target (?:'[^']*' )?is not found among documentation files\.?"
        ),
        "la page contient un lien « {lien} » vers une page qui n'existe pas",
    ),
    (
        re.compile(
            r"^Doc file '(?P<page>[^']+)' contains a link '(?P<lien>[^']+)', but the doc '[^']*' does not contain an anchor '(?P<ancre>[^']*)'\.?"
        ),
        "la page contient un lien « {lien} » vers une ancre « {ancre} » qui n'existe pas",
    ),
    (
        re.compile(
            r"^Doc file '(?P<page>[^']+)' contains an unrecognized relative link '(?P<lien>[^']+)'.*"
        ),
        "la page contient un lien relatif « {lien} » que MkDocs ne reconnaît pas",
    ),
    (
        re.compile(
            r"^A reference to '(?P<lien>[^']+)' is included in the 'nav' configuration, which is not found in the documentation files\.?"
        ),
        "le menu (nav de mkdocs.yml) cite « {lien} », qui n'existe pas dans docs/",
    ),
]


def _traduire(message: str) -> tuple[str, str]:
    """(message en français, fichier du centre concerné) pour un avertissement de MkDocs."""
    for motif, francais in TRADUCTIONS:
        if m := motif.match(message):
            page = m.groupdict().get("page")
            return francais.format(**m.groupdict()), f"docs/{page}" if page else "mkdocs.yml"
    fichier = re.search(r"\b((?:docs|data)/[\w./-]+\.(?:md|yml))\b", message)
    return f"MkDocs signale : {message}", fichier.group(1) if fichier else ""


def controler_construction(resultat: subprocess.CompletedProcess) -> list[Constat]:
    """Chaque avertissement ou erreur de la construction ; l'échec lui-même s'il n'en dit pas plus."""
    constats = []
    for ligne in (resultat.stderr + "\n" + resultat.stdout).splitlines():
        ligne = re.sub(r"\x1b\[[0-9;]*m", "", ligne).strip()
        if m := re.match(r"^(WARNING|ERROR)\s+-\s+(.*)$", ligne):
            message, fichier = _traduire(m.group(2))
            constats.append(
                Constat("construction", f"la construction stricte refuse : {message}", fichier)
            )
    if resultat.returncode != 0 and not constats:
        lignes = [l for l in (resultat.stderr + "\n" + resultat.stdout).splitlines() if l.strip()]
        fin = " / ".join(re.sub(r"\x1b\[[0-9;]*m", "", l).strip() for l in lignes[-4:])
        constats.append(
            Constat(
                "construction",
                f"la construction du site a échoué (code {resultat.returncode}) : {fin}",
            )
        )
    return constats


# -- 3. les liens et les pages ---------------------------------------------------------------------


def source_de_la_page(racine: Path, page: str) -> str:
    """Le fichier du centre qui donne une page HTML (``fiches/1-01/index.html`` → ``docs/fiches/1-01.md``), s'il existe."""
    chemin = page.removesuffix("index.html").removesuffix(".html").strip("/")
    for candidat in (
        [f"docs/{chemin}.md", f"docs/{chemin}/index.md"] if chemin else ["docs/index.md"]
    ):
        if (racine / candidat).is_file():
            return candidat
    return ""


def controler_liens(racine: Path, site: Path, adresse: str = ADRESSE) -> list[Constat]:
    """Les liens internes cassés du site tel qu'il sera servi à ``adresse``."""
    constats = []
    for casse in liens_casses(site, adresse):
        page, _, lien = casse.partition(" : ")
        constats.append(
            Constat(
                "liens",
                f"lien interne cassé sur la page {page} : {lien}",
                source_de_la_page(racine, page),
            )
        )
    return constats


def _page(site: Path, chemin_web: str) -> Path:
    return (
        site / chemin_web.strip("/") / "index.html"
        if chemin_web.strip("/")
        else site / "index.html"
    )


def _web(src: str) -> str:
    """``fiches/1-01.md`` → ``fiches/1-01/`` ; ``arbre/axe-1/index.md`` → ``arbre/axe-1/``."""
    return re.sub(r"(^|/)index$", "", src.removesuffix(".md")).strip("/") + "/"


def _charge(racine: Path, projet: ProjetSocial | None) -> ProjetSocial | None:
    """Le contenu déjà chargé par l'appelant, sinon celui de ``racine``."""
    return projet if projet is not None else charger(racine)[0]


def controler_pages(racine: Path, site: Path, projet: ProjetSocial | None = None) -> list[Constat]:
    """Chaque objet que le chargeur connaît a sa page, et les pages comptées sont autant que les objets."""
    projet = _charge(racine, projet)
    if projet is None:
        return [Constat("pages", "le contenu ne peut pas être chargé : pages non contrôlées")]
    constats = []

    def manque(quoi: str, chemin_web: str, fichier: str = "") -> None:
        constats.append(
            Constat(
                "pages",
                f"{quoi} n'a pas de page dans le site construit (attendue : {chemin_web})",
                fichier,
            )
        )

    # Les fiches : une page chacune, titrée « code · titre », et rien d'autre dans fiches/.
    fiches = {f.chemin_web: f for f in projet.fiches.values()}
    for chemin_web, fiche in fiches.items():
        page = _page(site, chemin_web)
        if not page.is_file():
            manque(f"la fiche {fiche.code}", chemin_web, f"docs/{fiche.fichier}")
            continue
        titre = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            "article h1"
        )
        attendu = f"{fiche.code} · {' '.join(fiche.titre.split())}"
        if titre is None or " ".join(titre.get_text().split()) != attendu:
            constats.append(
                Constat(
                    "pages",
                    f"la page de la fiche {fiche.code} n'a pas pour titre « {attendu} »",
                    f"docs/{fiche.fichier}",
                )
            )
    publiees = {
        p.parent.relative_to(site).as_posix() + "/" for p in site.glob("fiches/*/index.html")
    }
    if len(publiees) != len(fiches):
        constats.append(
            Constat(
                "pages",
                f"{len(publiees)} pages de fiches publiées pour {len(fiches)} fiches chargées"
                f" (en trop : {sorted(publiees - set(fiches))}, manquantes : {sorted(set(fiches) - publiees)})",
            )
        )
    # Les acteurs : une page chacun dans l'annuaire.
    for acteur in projet.acteurs.values():
        if not _page(site, _web(acteur.cible)).is_file():
            manque(f"l'acteur « {acteur.id} »", _web(acteur.cible), "data/acteurs.yml")
    publies = list(site.glob("acteurs/*/index.html"))
    if len(publies) != len(projet.acteurs):
        constats.append(
            Constat(
                "pages",
                f"{len(publies)} pages d'acteurs publiées pour {len(projet.acteurs)} acteurs chargés",
                "data/acteurs.yml",
            )
        )
    # Les sigles : une ligne chacun au glossaire.
    glossaire = _page(site, "glossaire/")
    if not glossaire.is_file():
        manque("le glossaire", "glossaire/", "data/sigles.yml")
    else:
        lignes = BeautifulSoup(glossaire.read_text(encoding="utf-8"), "html.parser").select(
            "article table tbody tr"
        )
        if len(lignes) != len(projet.sigles):
            constats.append(
                Constat(
                    "pages",
                    f"{len(lignes)} sigles au glossaire pour {len(projet.sigles)} dans data/sigles.yml",
                    "data/sigles.yml",
                )
            )
    # Les pages rédigées, les nœuds de l'arbre qui ont leur page, une page « Bilan » par année d'agrément.
    for src in projet.pages_redigees:
        if not _page(site, _web(src)).is_file():
            manque(f"la page rédigée docs/{src}", _web(src), f"docs/{src}")
    for noeud in projet.noeuds.values():
        if noeud.src and not _page(site, _web(noeud.src)).is_file():
            manque(f"le nœud « {noeud.id} » de l'arbre", _web(noeud.src), "data/arbre.yml")
    for annee in projet.centre.annees:
        if not _page(site, f"bilans/{annee}/").is_file():
            manque(f"l'année {annee} de l'agrément", f"bilans/{annee}/", "data/centre.yml")
    return constats


def controler_telephones(
    racine: Path, site: Path, projet: ProjetSocial | None = None
) -> list[Constat]:
    """Chaque page de fiche donne un numéro à toucher (lien ``tel:``) en tête, dans « Comment en
    profiter ? » : avant le titre « Pour les partenaires » (ou n'importe où dans la page, si elle n'a
    pas ce titre). Sur un téléphone, c'est ce qui le met dans les deux premiers écrans (le test
    tests/test_telephone.py le mesure dans Chromium sur les centres de test)."""
    projet = _charge(racine, projet)
    if projet is None:
        return [Constat("téléphone", "le contenu ne peut pas être chargé : numéros non contrôlés")]
    constats = []
    for fiche in projet.fiches.values():
        page = _page(site, fiche.chemin_web)
        if not page.is_file():
            continue  # controler_pages le signale
        texte = page.read_text(encoding="utf-8")
        partenaires = re.search(r'<h[1-6][^>]*\bid="pour-les-partenaires"', texte)
        tete = texte[: partenaires.start()] if partenaires else texte
        article = tete.find("<article")
        if article < 0 or not re.search(r'<a\b[^>]*\bhref="tel:[^"]', tete[article:]):
            constats.append(
                Constat(
                    "téléphone",
                    f"la page de la fiche {fiche.code} ne donne aucun numéro à toucher avant « Pour les partenaires » : "
                    "ajoutez à la fiche un « contact » avec un « telephone », ou le téléphone de l'accueil du centre "
                    "(« telephone » des « sites » de data/centre.yml)",
                    f"docs/{fiche.fichier}",
                )
            )
    return constats


# -- 4. l'accessibilité (axe-core dans Chromium) ------------------------------------------------------


def pages_a_controler(racine: Path, site: Path, projet: ProjetSocial | None = None) -> list[str]:
    """L'accueil, une fiche (la première), le guide de territoire, l'annuaire, le guide « Contribuer »."""
    projet = _charge(racine, projet)
    chemins = [""]
    if projet is not None and projet.fiches:
        chemins.append(next(iter(projet.fiches.values())).chemin_web)
    chemins += ["guide/", "acteurs/", "contribuer/"]
    return [c for c in chemins if _page(site, c).is_file()]


def controler_accessibilite(
    racine: Path, site: Path, chemins: list[str] | None = None
) -> list[Constat]:
    """Les violations WCAG 2.1 A/AA qu'axe-core trouve sur quelques pages, servies en local."""
    if not Path(CHROMIUM).exists():
        return [
            Constat(
                "accessibilité",
                f"Chromium introuvable ({CHROMIUM}) : indiquez son chemin dans la variable CHROMIUM",
            )
        ]
    from playwright.sync_api import sync_playwright

    chemins = pages_a_controler(racine, site) if chemins is None else chemins
    constats = []
    with servir(site) as adresse:
        with sync_playwright() as p:
            navigateur = p.chromium.launch(
                executable_path=CHROMIUM,
                args=OPTIONS_CHROMIUM,
            )
            contexte = navigateur.new_context(
                locale="fr-FR", viewport={"width": 1280, "height": 900}
            )
            onglet = onglet_de_lecture(contexte)
            for chemin in chemins:
                onglet.goto(adresse + chemin)
                resultats = axe_core(onglet)
                for violation in resultats.response.get("violations", []):
                    cibles = ", ".join(str(n.get("target")) for n in violation.get("nodes", [])[:3])
                    constats.append(
                        Constat(
                            "accessibilité",
                            f"page « /{chemin} » : {violation.get('id')} ({violation.get('help')}), "
                            f"{len(violation.get('nodes', []))} élément(s), par exemple {cibles}",
                            source_de_la_page(racine, chemin + "index.html"),
                        )
                    )
            contexte.close()
            navigateur.close()
    return constats


# -- tout ---------------------------------------------------------------------------------------------


def controler(
    racine: Path, site: Path, adresse: str = ADRESSE, navigateur: bool = False
) -> list[Constat]:
    """Tous les contrôles ; le site est construit dans ``site``."""
    constats = controler_verification(racine)
    if constats:
        return constats  # la construction commence par la même vérification : elle redirait ces erreurs
    resultat = construire(racine, site, adresse)
    constats += controler_construction(resultat)
    if resultat.returncode == 0:
        projet, _ = charger(racine)  # une fois pour les contrôles du site construit
        constats += (
            controler_liens(racine, site, adresse)
            + controler_pages(racine, site, projet)
            + controler_telephones(racine, site, projet)
        )
        if navigateur:
            constats += controler_accessibilite(
                racine, site, pages_a_controler(racine, site, projet)
            )
    return constats


def main(arguments: list[str] | None = None) -> int:
    analyse = argparse.ArgumentParser(
        prog="python scripts/controler_contenu.py",
        description="Contrôle le contenu d'un centre (valable pour tout contenu).",
    )
    analyse.add_argument(
        "racine",
        nargs="?",
        default=".",
        help="dossier du centre (data/, docs/, mkdocs.yml) ; par défaut le dossier courant",
    )
    analyse.add_argument(
        "--adresse", default=ADRESSE, help=f"adresse de publication simulée (par défaut {ADRESSE})"
    )
    analyse.add_argument(
        "--navigateur",
        action="store_true",
        help="passe aussi quelques pages dans axe-core (Chromium)",
    )
    args = analyse.parse_args(arguments)
    racine = Path(args.racine).resolve()
    with tempfile.TemporaryDirectory(prefix="controle-") as dossier:
        constats = controler(racine, Path(dossier) / "site", args.adresse, args.navigateur)
    print(rapport(constats))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for constat in constats:
            print(annotation(constat))
    return 1 if constats else 0


if __name__ == "__main__":
    sys.exit(main())
