"""Le parcours de l'équipe, joué sur une COPIE du contenu du dépôt (jamais sur le dépôt lui-même).

Comme le dit le guide « Contribuer » : une nouvelle fiche (« make nouvelle-fiche », sans
questions), un bilan saisi dedans (une année de l'agrément, un statut d'avancement du
vocabulaire : lus dans la copie), un nouvel acteur (« make nouvel-acteur »), un sigle ajouté
à data/sigles.yml, le titre d'une fiche modifié. Ensuite :

- les contrôles du contenu (scripts/controler_contenu.py : make check, construction stricte,
  liens internes, une page par objet chargé) passent sur la copie ;
- les tests du moteur n'en dépendent pas, par construction : pendant chacun, la garde de
  tests/conftest.py fait échouer le test qui ouvrirait data/ ou docs/ de la racine (ou y lancerait
  mkdocs ou make) ; seuls ce module et test_contenu_du_centre.py (marque « contenu ») les lisent.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from atelier import lancer
from outils import RACINE, construire, controle_du_contenu, copier_centre_avec_menu
from projet_social.chargement import charger

controle = controle_du_contenu()

pytestmark = [
    pytest.mark.contenu,
    pytest.mark.skipif(
        not (RACINE / "data" / "centre.yml").is_file(), reason="aucun centre à la racine du dépôt"
    ),
]

TITRE = "L'accueil du public"
NOM = "La ludothèque des Fictifs"
SIGLE, SENS = "ZQX", "Zone de quartier expérimentale (sigle ajouté par le test du parcours)"


def nouveau(copie: Path, *arguments: str) -> subprocess.CompletedProcess:
    """``python -m projet_social.nouveau …`` sans questions (ce que lancent make nouvelle-fiche / nouvel-acteur)."""
    env = dict(os.environ, PYTHONPATH=str(RACINE / "macros"))
    for variable in (
        "PROJET_SOCIAL_RACINE",
        "PROJET_SOCIAL_NOEUD",
        "PROJET_SOCIAL_TITRE",
        "PROJET_SOCIAL_CODE",
        "PROJET_SOCIAL_NOM",
        "PROJET_SOCIAL_ID",
    ):
        env.pop(variable, None)
    return lancer(  # par l'atelier des tests (tests/atelier.py)
        [sys.executable, "-m", "projet_social.nouveau", *arguments, "--racine", str(copie)],
        cwd=copie,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def jouer_le_parcours(copie: Path) -> dict:
    """Les gestes de l'équipe sur la copie ; renvoie ce qu'il faut retrouver ensuite."""
    avant, erreurs = charger(copie)
    assert avant is not None, (
        "le contenu du dépôt ne se charge pas : voir tests/test_contenu_du_centre.py"
    )
    feuille = next(n for n in avant.noeuds.values() if not n.enfants)

    # 1. make nouvelle-fiche NOEUD=… TITRE="L'accueil du public"
    fiches_avant = set((copie / "docs").rglob("*.md"))
    resultat = nouveau(copie, "fiche", "--noeud", feuille.id, "--titre", TITRE)
    assert resultat.returncode == 0, (
        f"« make nouvelle-fiche » échoue :\n{resultat.stdout}{resultat.stderr}"
    )
    creees = set((copie / "docs").rglob("*.md")) - fiches_avant
    assert len(creees) == 1, f"une fiche créée attendue, trouvé : {sorted(map(str, creees))}"
    nouvelle = creees.pop()

    # 2. Un bilan saisi dans la nouvelle fiche : une année de l'agrément, un statut du vocabulaire.
    centre = yaml.safe_load((copie / "data/centre.yml").read_text(encoding="utf-8"))
    vocabulaires = yaml.safe_load((copie / "data/vocabulaires.yml").read_text(encoding="utf-8"))
    annee = centre["agrement"]["debut"]
    statut = vocabulaires["statuts_avancement"][0]
    texte = nouvelle.read_text(encoding="utf-8")
    assert texte.count("\nbilans: []\n") == 1, (
        "le modèle de fiche n'a plus de ligne « bilans: [] » à remplir"
    )
    bilan = (
        f"\nbilans:\n  - annee: {annee}\n    statut_avancement: {statut['code']}\n"
        f"    realisations: Accueil ouvert le mardi matin.\n    date: {annee}-12-15\n    auteur_role: Référente accueil\n"
    )
    nouvelle.write_text(texte.replace("\nbilans: []\n", bilan), encoding="utf-8")

    # 3. make nouvel-acteur NOM="…"
    resultat = nouveau(copie, "acteur", "--nom", NOM)
    assert resultat.returncode == 0, (
        f"« make nouvel-acteur » échoue :\n{resultat.stdout}{resultat.stderr}"
    )

    # 4. Un sigle de plus dans data/sigles.yml.
    sigles = copie / "data/sigles.yml"
    assert SIGLE not in (avant.sigles or {}), (
        f"le sigle {SIGLE} existe déjà : en choisir un autre pour ce test"
    )
    texte = sigles.read_text(encoding="utf-8")
    sigles.write_text(
        texte + ("" if texte.endswith("\n") else "\n") + f"{SIGLE}: {SENS}\n", encoding="utf-8"
    )

    # 5. Le titre d'une fiche existante modifié.
    fiche = next(iter(avant.fiches.values()))
    chemin = copie / "docs" / fiche.fichier
    texte = chemin.read_text(encoding="utf-8")
    nouveau_titre = f"{' '.join(fiche.titre.split())} (titre relu par l'équipe)"
    texte, n = re.subn(
        r"^titre:.*(\n[ \t]+.*)*$",
        "titre: " + json.dumps(nouveau_titre, ensure_ascii=False),
        texte,
        count=1,
        flags=re.M,
    )
    assert n == 1, f"pas de ligne « titre: » dans {fiche.fichier}"
    chemin.write_text(texte, encoding="utf-8")

    return {
        "avant": avant,
        "nouvelle": nouvelle,
        "annee": annee,
        "statut": statut,
        "fiche": fiche.code,
        "titre": nouveau_titre,
    }


@pytest.fixture(scope="module")
def parcours(tmp_path_factory):
    copie = copier_centre_avec_menu(RACINE, tmp_path_factory.mktemp("parcours") / "centre")
    return copie, jouer_le_parcours(copie)


@pytest.fixture(scope="module")
def site_de_la_copie(parcours):
    copie, _ = parcours
    site = copie.parent / "site"
    resultat = construire(copie, site, adresse=controle.ADRESSE)
    constats = controle.controler_construction(resultat)
    assert resultat.returncode == 0 and not constats, (
        "la construction stricte échoue après le parcours :\n" + controle.rapport(constats)
    )
    return site


def test_le_contenu_modifie_passe_make_check(parcours):
    copie, attendu = parcours
    constats = controle.controler_verification(copie)
    assert not constats, (
        "« make check » refuse le contenu après le parcours de l'équipe :\n"
        + controle.rapport(constats)
    )
    apres, _ = charger(copie)
    avant = attendu["avant"]
    assert len(apres.fiches) == len(avant.fiches) + 1, "la nouvelle fiche n'est pas chargée"
    assert len(apres.acteurs) == len(avant.acteurs) + 1, "le nouvel acteur n'est pas chargé"
    assert apres.sigles[SIGLE] == SENS and len(apres.sigles) == len(avant.sigles) + 1, (
        "le nouveau sigle n'est pas chargé"
    )
    assert apres.fiches[attendu["fiche"]].titre == attendu["titre"], (
        "le titre modifié n'est pas chargé"
    )
    # La fiche créée par le parcours, par son fichier : une fiche de l'équipe peut avoir le même titre.
    nouvelle = apres.fiches_par_fichier[attendu["nouvelle"].relative_to(copie / "docs").as_posix()]
    assert [(b.annee, b.statut_avancement.code) for b in nouvelle.bilans] == [
        (attendu["annee"], attendu["statut"]["code"])
    ]
    assert NOM in [a.nom for a in apres.acteurs.values()]


@pytest.mark.lent
def test_construction_liens_et_pages_apres_le_parcours(parcours, site_de_la_copie):
    copie, attendu = parcours
    apres, _ = charger(copie)
    constats = controle.controler_liens(copie, site_de_la_copie) + controle.controler_pages(
        copie, site_de_la_copie, apres
    )
    assert not constats, (
        "contrôles du contenu en échec après le parcours de l'équipe :\n"
        + controle.rapport(constats)
    )
    # La fiche créée par le parcours, par son fichier : une fiche de l'équipe peut avoir le même titre.
    nouvelle = apres.fiches_par_fichier[attendu["nouvelle"].relative_to(copie / "docs").as_posix()]
    page = BeautifulSoup(
        (site_de_la_copie / nouvelle.chemin_web / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    etapes = [h.get_text() for h in page.select("article h3.ps-etape-bilan")]
    assert etapes == [f"Bilan {attendu['annee']} : {attendu['statut']['libelle']}"], etapes
    glossaire = (site_de_la_copie / "glossaire/index.html").read_text(encoding="utf-8")
    assert SIGLE in glossaire
