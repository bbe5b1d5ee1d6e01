"""``make nouveau-centre`` : un centre vierge à la place du centre du dépôt.

Le dépôt de départ est une copie du centre de test (tests/fixtures/centre-mini : data/, docs/ et
un mkdocs.yml qui utilise le moteur du dépôt), faite dépôt git avec un premier commit : comme
tout test du moteur, celui-ci ne lit pas le contenu du dépôt. Les mots propres à l'ancien centre
(son nom, sa commune, son territoire, ses acteurs, ses lieux, les titres de ses fiches) sont lus
dans cette copie.

- la commande, sans terminal, avec ses arguments ou ses variables d'environnement : le centre
  vierge se charge sans erreur bloquante ; rien n'est inventé (gestionnaire inconnu : absent) ;
- un petit arbre (deux nœuds) et une fiche (``python -m projet_social.nouveau fiche``), puis la
  construction stricte du site (une fois pour le module : marquée « lent ») : aucun mot de
  l'ancien centre dans les pages construites, hors pages du guide de l'équipe en attente ;
- le refus sur des modifications non enregistrées : code 1, message en français, rien d'écrit ;
- sans terminal et sans les valeurs obligatoires : la commande complète à taper, code 2.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from atelier import lancer
from outils import FIXTURE, RACINE, construire, copier_centre
from projet_social import nouveau_centre
from projet_social.chargement import charger
from projet_social.nouveau import Abandon

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@exemple.fr",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@exemple.fr",
    "GIT_CONFIG_NOSYSTEM": "1",
}
ARGUMENTS = [
    "--nom",
    "Centre social de l'Escale",
    "--commune",
    "Villeneuve-Exemple",
    "--debut",
    "2025",
    "--fin",
    "2028",
    "--niveaux",
    "Axe,Objectif",
]
# Pages du site qui pourraient garder des exemples de l'ancien centre : aucune (le guide de
# l'équipe et les schémas donnent des exemples fictifs : Villefictive, 01 99 …, maison-des-tilleuls).
EN_ATTENTE: tuple[str, ...] = ()


def _git(dossier: Path, *commande: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *commande],
        cwd=dossier,
        env=dict(os.environ, **GIT_ENV),
        check=True,
        capture_output=True,
    )


def _environnement() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROJET_SOCIAL_")}
    return dict(env, PYTHONPATH=str(RACINE / "macros"), **GIT_ENV)


def commande(depot: Path, *arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m projet_social.nouveau_centre …`` sans terminal (ce que lance make nouveau-centre)."""
    return lancer(  # par l'atelier des tests (tests/atelier.py)
        [sys.executable, "-m", "projet_social.nouveau_centre", *arguments],
        cwd=depot,
        env=dict(_environnement(), **(env or {})),
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def _etat(dossier: Path) -> dict[str, bytes]:
    """Tous les fichiers (hors .git) et leur contenu : pour vérifier que rien n'a été écrit."""
    return {
        p.relative_to(dossier).as_posix(): p.read_bytes()
        for p in dossier.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(dossier).parts
    }


@pytest.fixture(scope="module")
def depot_d_origine(tmp_path_factory) -> Path:
    """Le centre de test (data/, docs/ et un mkdocs.yml du produit), en dépôt git à part : le
    centre que « make nouveau-centre » remplace."""
    depot = copier_centre(FIXTURE, tmp_path_factory.mktemp("origine") / "depot")
    # Le guide de l'équipe (docs/contribuer/), que la commande garde : deux pages suffisent ici.
    guide = depot / "docs" / "contribuer"
    guide.mkdir()
    (guide / "index.md").write_text("# Contribuer\n\nLe guide de l'équipe.\n", encoding="utf-8")
    (guide / "ajouter-une-fiche.md").write_text(
        "# Ajouter une fiche\n\n`make nouvelle-fiche`.\n", encoding="utf-8"
    )
    (depot / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    _git(depot, "init", "-q", "-b", "main")
    _git(depot, "add", "-A")
    _git(depot, "commit", "-q", "-m", "Le centre de départ")
    return depot


def copie_du_depot(origine: Path, destination: Path) -> Path:
    shutil.copytree(origine, destination, symlinks=True)
    return destination


def mots_du_centre(depot: Path) -> set[str]:
    """Les mots propres au centre : nom, commune, territoire, gestionnaire, acteurs, lieux, sites, titres des fiches."""

    def lire(nom):
        chemin = depot / "data" / nom
        return yaml.safe_load(chemin.read_text(encoding="utf-8")) if chemin.is_file() else None

    centre = lire("centre.yml") or {}
    mots = {centre.get(c) for c in ("nom", "territoire", "commune", "gestionnaire")}
    mots |= {s.get("nom") for s in centre.get("sites") or []}
    mots |= {a.get("nom") for a in (lire("acteurs.yml") or [])} | {
        l.get("nom") for l in (lire("lieux.yml") or [])
    }
    for fiche in (depot / "docs" / "fiches").glob("*.md"):
        entete = yaml.safe_load(fiche.read_text(encoding="utf-8").split("---")[1]) or {}
        mots.add(entete.get("titre"))
    return {m for m in mots if isinstance(m, str) and len(m) >= 4}


@pytest.fixture(scope="module")
def parcours(depot_d_origine, tmp_path_factory) -> dict:
    """La commande, puis deux nœuds et une fiche, puis le site : une fois pour tout le module."""
    depot = copie_du_depot(depot_d_origine, tmp_path_factory.mktemp("parcours") / "depot")
    anciens = mots_du_centre(depot)
    debut = time.perf_counter()
    resultat = commande(depot, *ARGUMENTS)
    duree_commande = time.perf_counter() - debut
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    vierge, erreurs_vierge = charger(depot)
    nouveaux = mots_du_centre(depot)  # ceux du centre vierge lui-même ne comptent pas
    docs_apres_commande = {
        p.relative_to(depot / "docs").as_posix() for p in (depot / "docs").rglob("*") if p.is_file()
    }
    # Un petit arbre : un axe, un objectif ; puis une fiche, comme l'équipe la créerait.
    arbre = depot / "data" / "arbre.yml"
    texte = arbre.read_text(encoding="utf-8")
    texte = texte[: texte.index("noeuds:")] + (
        "noeuds:\n  - id: vivre-ensemble\n    code: '1'\n    titre: Vivre ensemble\n    enfants:\n"
        "      - id: creer-des-occasions-de-rencontre\n        code: '1.1'\n        titre: Créer des occasions de rencontre\n"
    )
    arbre.write_text(texte, encoding="utf-8")
    fiche = lancer(
        [
            sys.executable,
            "-m",
            "projet_social.nouveau",
            "fiche",
            "--noeud",
            "creer-des-occasions-de-rencontre",
            "--titre",
            "Le repas partagé du jeudi",
            "--racine",
            str(depot),
        ],
        cwd=depot,
        env=_environnement(),
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert fiche.returncode == 0, fiche.stdout + fiche.stderr
    projet, erreurs = charger(depot)
    return {
        "depot": depot,
        "sortie": resultat,
        "vierge": vierge,
        "erreurs_vierge": erreurs_vierge,
        "projet": projet,
        "erreurs": erreurs,
        "anciens": anciens - nouveaux,
        "fiche": fiche,
        "docs_apres_commande": docs_apres_commande,
        "duree_commande": duree_commande,
    }


@pytest.fixture(scope="module")
def site_du_parcours(parcours) -> dict:
    """Le site du centre vierge (deux nœuds, une fiche), construit une fois pour le module."""
    depot = parcours["depot"]
    debut = time.perf_counter()
    construction = construire(depot, depot.parent / "site")
    duree = time.perf_counter() - debut
    print(
        f"\nnouveau-centre : commande {parcours['duree_commande']:.1f} s, construction stricte {duree:.1f} s"
    )
    return dict(parcours, construction=construction, site=depot.parent / "site")


# -- sans construire ------------------------------------------------------------------


@pytest.mark.parametrize(
    "nom, attendu",
    [
        ("Axe", "Axes"),
        ("Enjeu", "Enjeux"),
        ("Objectif opérationnel", "Objectifs opérationnels"),
        ("Axe de travail", "Axes de travail"),
        ("Objectif général", "Objectifs généraux"),
        ("Priorité", "Priorités"),
        ("Action", "Actions"),
        ("Objectif d'action", "Objectifs d'action"),
    ],
)
def test_pluriel_simple(nom, attendu):
    assert nouveau_centre.pluriel(nom) == attendu


def test_niveaux_du_centre():
    assert nouveau_centre.niveaux_du_centre("Axe, Enjeu n°,Objectif opérationnel") == [
        {"id": "axe", "nom": "Axe", "pluriel": "Axes"},
        {"id": "enjeu-n", "nom": "Enjeu n°", "pluriel": "Enjeux n°"},
        {
            "id": "objectif-operationnel",
            "nom": "Objectif opérationnel",
            "pluriel": "Objectifs opérationnels",
        },
    ]
    assert (
        nouveau_centre.niveaux_du_centre("Axe,Objectif", "Grands axes,Objectifs")[0]["pluriel"]
        == "Grands axes"
    )
    for niveaux, pluriels in (
        ("A,B,C,D,E", None),
        ("", None),
        ("Axe,,Objectif", None),
        ("Axe,Objectif", "Axes"),
    ):
        with pytest.raises(Abandon):
            nouveau_centre.niveaux_du_centre(niveaux, pluriels)


def test_le_centre_vierge_se_charge_et_n_invente_rien(parcours):
    depot, sortie = parcours["depot"], parcours["sortie"]
    assert parcours["vierge"] is not None
    assert [e for e in parcours["erreurs_vierge"] if e.bloquante] == []
    centre = yaml.safe_load((depot / "data/centre.yml").read_text(encoding="utf-8"))
    assert centre == {
        "nom": "Centre social de l'Escale",
        "commune": "Villeneuve-Exemple",
        "agrement": {"debut": 2025, "fin": 2028},
    }
    assert parcours["vierge"].centre.gestionnaire == ""
    assert (
        "Le gestionnaire n'est pas connu" in sortie.stdout
        and "git checkout -- data docs && git clean -fd -- data docs" in sortie.stdout
    )
    arbre = yaml.safe_load((depot / "data/arbre.yml").read_text(encoding="utf-8"))
    assert [n.id for n in parcours["vierge"].niveaux] == ["axe", "objectif"]
    assert (
        "niveaux" in arbre and len(parcours["vierge"].noeuds) == 1
    )  # le nœud « À définir » exigé par le schéma
    # Les vocabulaires nationaux : publics et catégories de thématiques data·inclusion, avec leur correspondance.
    from data_inclusion.schema.v1.publics import Public
    from data_inclusion.schema.v1.thematiques import Categorie

    vocabulaires = parcours["vierge"].vocabulaires
    assert list(vocabulaires["publics"]) == [p.value for p in Public]
    assert all(t.data_inclusion == [t.code] for t in vocabulaires["publics"].values())
    assert list(vocabulaires["mots_cles"]) == [c.value for c in Categorie]
    assert vocabulaires["mots_cles"]["numerique"].data_inclusion[0].startswith("numerique--")
    assert list(vocabulaires["statuts_avancement"]) == [
        "a-venir",
        "en-cours",
        "realisee",
        "reportee",
        "abandonnee",
    ]
    assert (
        parcours["vierge"].acteurs == {}
        and parcours["vierge"].lieux == {}
        and parcours["vierge"].sigles == {}
    )
    assert parcours["vierge"].fiches == {}
    # Le squelette des pages rédigées, le guide de l'équipe gardé, les autres pages supprimées.
    for page in (
        "preambule.md",
        "diagnostic/index.md",
        "orientations.md",
        "gouvernance.md",
        "contacts.md",
    ):
        assert "À rédiger : " in (depot / "docs" / page).read_text(encoding="utf-8"), page
    assert (depot / "docs/contribuer/index.md").is_file()
    hors_du_guide = {p for p in parcours["docs_apres_commande"] if not p.startswith("contribuer/")}
    assert hors_du_guide == {
        "preambule.md",
        "diagnostic/index.md",
        "orientations.md",
        "gouvernance.md",
        "contacts.md",
    }
    menu = yaml.safe_load((depot / "data/menu.yml").read_text(encoding="utf-8"))
    assert {"Contacts": "contacts.md"} in menu and any(
        isinstance(e, dict) and "Contribuer" in e for e in menu
    )


def test_variables_d_environnement_comme_make(depot_d_origine, tmp_path):
    """make nouveau-centre NOM="…" … : les valeurs passent par l'environnement, apostrophes et guillemets compris."""
    depot = copie_du_depot(depot_d_origine, tmp_path / "depot")
    resultat = commande(
        depot,
        env={
            "PROJET_SOCIAL_NOM": 'Centre social « L\'Îlot » "Nord"',
            "PROJET_SOCIAL_DEBUT": "2024",
            "PROJET_SOCIAL_FIN": "2027",
            "PROJET_SOCIAL_NIVEAUX": "Orientation,Enjeu,Objectif opérationnel",
            "PROJET_SOCIAL_GESTIONNAIRE": "Association des habitants",
            "PROJET_SOCIAL_DEPOT": "https://github.com/mon-centre/projet-social",
        },
    )
    assert resultat.returncode == 0, resultat.stderr
    projet, erreurs = charger(depot)
    assert [e for e in erreurs if e.bloquante] == []
    assert projet.centre.nom == 'Centre social « L\'Îlot » "Nord"'
    assert [n.pluriel for n in projet.niveaux] == [
        "Orientations",
        "Enjeux",
        "Objectifs opérationnels",
    ]
    centre = yaml.safe_load((depot / "data/centre.yml").read_text(encoding="utf-8"))
    assert (
        centre["gestionnaire"] == "Association des habitants"
        and centre["depot"] == "https://github.com/mon-centre/projet-social"
    )
    assert "commune" not in centre  # inconnue : absente, pas inventée


def test_refus_sur_des_modifications_non_enregistrees(depot_d_origine, tmp_path):
    depot = copie_du_depot(depot_d_origine, tmp_path / "depot")
    (depot / "docs" / "brouillon.md").write_text(
        "# Un brouillon pas encore enregistré\n", encoding="utf-8"
    )
    avant = _etat(depot)
    resultat = commande(depot, *ARGUMENTS)
    assert resultat.returncode == 1
    assert (
        "modifications non enregistrées" in resultat.stderr
        and "Rien n'a été modifié" in resultat.stderr
    )
    assert "docs/brouillon.md" in resultat.stderr and "Traceback" not in resultat.stderr
    assert _etat(depot) == avant


def test_hors_d_un_depot_git_refus(depot_d_origine, tmp_path):
    depot = tmp_path / "sans-git"
    for dossier in ("data", "docs"):
        shutil.copytree(depot_d_origine / dossier, depot / dossier)
    avant = _etat(depot)
    resultat = commande(depot, *ARGUMENTS, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert resultat.returncode == 1 and "pas un dépôt git" in resultat.stderr
    assert _etat(depot) == avant


def test_sans_terminal_il_manque_des_valeurs(depot_d_origine, tmp_path):
    depot = copie_du_depot(depot_d_origine, tmp_path / "depot")
    avant = _etat(depot)
    resultat = commande(depot, "--nom", "Centre social d'en haut")
    assert resultat.returncode == 2, resultat.stderr
    assert (
        'make nouveau-centre NOM="Centre social d\'en haut" DEBUT="…" FIN="…" NIVEAUX="…"'
        in resultat.stderr
    )
    assert "Traceback" not in resultat.stderr
    refus = commande(depot, *ARGUMENTS[:-1], "Axe,Enjeu,Objectif,Action,Tâche")
    assert refus.returncode == 1 and "de 1 à 4 noms" in refus.stderr
    assert _etat(depot) == avant


# -- avec la construction du site (une fois pour le module) ---------------------------


@pytest.mark.lent
def test_arbre_fiche_et_site_construit(site_du_parcours):
    parcours = site_du_parcours
    assert parcours["construction"].returncode == 0, parcours["construction"].stderr[-3000:]
    assert [e for e in parcours["erreurs"] if e.bloquante] == []
    assert [f.titre for f in parcours["projet"].fiches.values()] == ["Le repas partagé du jeudi"]
    site = parcours["site"]
    accueil = (site / "index.html").read_text(encoding="utf-8")
    assert "Centre social de l&#39;Escale" in accueil or "Centre social de l'Escale" in accueil
    assert any(site.joinpath("fiches").rglob("index.html"))


@pytest.mark.lent
def test_aucun_mot_de_l_ancien_centre_dans_le_site(site_du_parcours):
    parcours = site_du_parcours
    anciens = parcours["anciens"]
    assert len(anciens) >= 3, anciens  # le centre de départ avait bien des mots à lui
    site = parcours["site"]
    trouves: dict[str, set[str]] = {}
    for page in site.rglob("*"):
        relatif = page.relative_to(site).as_posix()
        if page.suffix not in (
            ".html",
            ".json",
            ".xml",
            ".csv",
            ".txt",
            ".ics",
        ) or relatif.startswith(EN_ATTENTE):
            continue
        if relatif == "search/search_index.json":
            index = json.loads(page.read_text(encoding="utf-8"))
            textes = [
                (f"search:{d['location']}", d["title"] + " " + d["text"])
                for d in index["docs"]
                if not d["location"].startswith(EN_ATTENTE)
            ]
        else:
            textes = [(relatif, page.read_text(encoding="utf-8", errors="replace"))]
        for ou, texte in textes:
            texte = html.unescape(texte)
            for mot in anciens:
                if mot in texte:
                    trouves.setdefault(mot, set()).add(ou)
    assert not trouves, f"mots de l'ancien centre dans le site : {trouves}"
