"""Publication sur GitHub Pages et contribution sans git.

- les annotations GitHub de ``make check`` (format, fichier, ligne, français, échappement) ;
- le bouton « Modifier » d'une fiche, d'un acteur et d'une page ouvre le bon fichier ;
- « Mis à jour le … » d'après l'historique git ;
- les modèles de ``make nouvelle-fiche`` / ``make nouvel-acteur`` passent la validation ;
- les workflows sont du YAML valide, utilisent les actions Pages et n'appellent que le Makefile ;
- une construction « à blanc » sous un préfixe de site de projet, sans lien interne cassé.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
from pathlib import Path
from unittest import mock

import pytest
import yaml
from bs4 import BeautifulSoup

from atelier import lancer
from outils import (
    FIXTURE,
    FIXTURE_TROIS_NIVEAUX,
    PYTHON,
    RACINE,
    construire,
    copier_centre,
    copier_centre_avec_menu,
)
from projet_social import annotations, nouveau, publication, reference
from projet_social.chargement import charger
from projet_social.erreurs import AVERTISSEMENT, Erreur

ADRESSE = "https://exemple.github.io/projet-social/"
_spec = importlib.util.spec_from_file_location(
    "verifier_liens", RACINE / "scripts" / "verifier_liens.py"
)
verifier_liens = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(verifier_liens)


def _git(dossier: Path, *commande: str, date: str = "2026-03-01T10:00:00+01:00") -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@exemple.fr",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@exemple.fr",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
    )
    return subprocess.run(
        ["git", *commande], cwd=dossier, env=env, check=True, capture_output=True, text=True
    ).stdout


# -- annotations ----------------------------------------------------------------------


def _verifier(centre: Path, tmp_path: Path, **env) -> tuple[subprocess.CompletedProcess, str]:
    resume = tmp_path / "resume.md"
    environnement = {k: v for k, v in os.environ.items() if k not in ("GITHUB_BASE_REF",)}
    environnement.update(
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(resume),
        PYTHONPATH=str(RACINE / "macros"),
        **env,
    )
    sortie = lancer(
        [PYTHON, "-m", "projet_social.verifier", "."],
        cwd=centre,
        env=environnement,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    return sortie, resume.read_text(encoding="utf-8") if resume.exists() else ""


def test_annotations_d_une_fiche_cassee(centre, tmp_path):
    fiche = centre / "docs/fiches/a-01.md"
    texte = fiche.read_text(encoding="utf-8")
    texte = texte.replace("statut: continuee", "statut: continue").replace(
        "partenaires: [mjc-des-tilleuls]", "partenaires: [mjc-des-tilleuls, mjc-tilleul]"
    )
    fiche.write_text(texte, encoding="utf-8")
    ligne_statut = texte.splitlines().index("statut: continue") + 1

    sortie, resume = _verifier(centre, tmp_path)
    assert sortie.returncode == 1
    erreurs = [l for l in sortie.stdout.splitlines() if l.startswith("::error ")]
    assert erreurs[0] == (
        f"::error file=docs/fiches/a-01.md,line={ligne_statut},title=Erreur dans champ « statut »::"
        "« continue » n'est pas dans la liste « statuts » (vouliez-vous dire « continuee » ?). "
        "Attendu : une des valeurs de « statuts » dans data/vocabulaires.yml : nouvelle, continuee"
    )
    assert re.match(
        r"::error file=docs/fiches/a-01\.md,line=\d+,title=Erreur dans champ « partenaires › n° 2 »::acteur inconnu « mjc-tilleul »",
        erreurs[1],
    )
    # Le rapport complet, en Markdown, dans le résumé de l'exécution.
    assert "## Vérification du contenu" in resume and "**2 erreurs** à corriger" in resume
    assert "| ❌ erreur | docs/fiches/a-01.md | " + str(ligne_statut) + " | statut |" in resume


def test_echappement_selon_les_regles_de_github():
    erreur = Erreur(
        "docs/fiches/x,y:z.md", 7, "titre", "100% faux\r\nseconde ligne", "un titre, court: sans %"
    )
    ligne = annotations.annotation(erreur)
    assert ligne == (
        "::error file=docs/fiches/x%2Cy%3Az.md,line=7,title=Erreur dans champ « titre »::"
        "100%25 faux%0D%0Aseconde ligne. Attendu : un titre, court: sans %25"
    )
    assert "\n" not in ligne and "\r" not in ligne
    avertissement = Erreur("data/arbre.yml", None, "", "rien", "quelque chose", AVERTISSEMENT)
    assert (
        annotations.annotation(avertissement)
        == "::warning file=data/arbre.yml,title=Avertissement dans le fichier::rien. Attendu : quelque chose"
    )


def test_les_fichiers_modifies_passent_en_premier(tmp_path):
    depot = tmp_path / "depot"
    depot.mkdir()
    _git(depot, "init", "-q", "-b", "main")
    (depot / "a.md").write_text("a\n")
    (depot / "b.md").write_text("b\n")
    _git(depot, "add", ".")
    _git(depot, "commit", "-q", "-m", "début")
    _git(depot, "checkout", "-q", "-b", "proposition")
    (depot / "b.md").write_text("b modifié\n")
    _git(depot, "commit", "-q", "-am", "modification")
    modifies = annotations.fichiers_modifies(depot, {"GITHUB_BASE_REF": "main"})
    assert modifies == {"b.md"}
    erreurs = [Erreur(f, 1, "", "m", "a") for f in ("a.md", "b.md")] + [
        Erreur("a.md", 2, "", "m", "a", AVERTISSEMENT)
    ]
    assert [e.fichier for e in annotations.ordonner(erreurs, modifies)] == ["b.md", "a.md", "a.md"]
    assert annotations.fichiers_modifies(depot, {}) == set()  # hors pull request


def test_sans_github_actions_pas_d_annotation(centre):
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    sortie = lancer(
        [PYTHON, "-m", "projet_social.verifier", "."],
        cwd=centre,
        capture_output=True,
        text=True,
        env=dict(env, PYTHONPATH=str(RACINE / "macros")),
        stdin=subprocess.DEVNULL,
    )
    assert sortie.returncode == 0 and "::" not in sortie.stdout


# -- modèles de fiche et d'acteur -------------------------------------------------------


@pytest.mark.parametrize(
    "code, suivant",
    [("2-18", "2-19"), ("T-09", "T-10"), ("2-9", "2-10"), ("A.1", "A.2"), ("1-01", "1-02")],
)
def test_code_suivant(code, suivant):
    assert nouveau.incrementer(code) == suivant


def test_modeles_valides_et_complets(centre):
    chemin = nouveau.creer_fiche(centre, "objectif-a2", "Jardin partagé : « ensemble »")
    assert chemin == centre / "docs/fiches/a-02.md"  # code suivant A-01, nommé comme les voisines
    fichier_acteurs, id_ = nouveau.creer_acteur(centre, "Maison des Jeunes (Tilleuls)")
    assert id_ == "maison-des-jeunes-tilleuls"
    projet, erreurs = charger(centre)
    assert [e for e in erreurs if e.bloquante] == []
    assert projet.fiches["A-02"].titre == "Jardin partagé : « ensemble »"
    assert projet.fiches["A-02"].rattachements[0].id == "objectif-a2"
    assert projet.acteurs[id_].nom == "Maison des Jeunes (Tilleuls)"
    # Tous les champs sont présents, chacun expliqué par son titre tiré du schéma.
    texte = chemin.read_text(encoding="utf-8")
    for champ in reference.fichier("fiche").champs:
        assert re.search(rf"^(# )?{champ.nom}:", texte, re.M), champ.nom
        assert f"# {champ.titre}" in texte
    bloc = fichier_acteurs.read_text(encoding="utf-8").split("- id: maison-des-jeunes-tilleuls")[1]
    for champ in reference.fichier("acteurs").champs[1:]:
        assert re.search(rf"^  (# )?{champ.nom}:", bloc, re.M), champ.nom


def test_commande_interactive_et_make_check(centre):
    env = dict(os.environ, PYTHONPATH=str(RACINE / "macros"))
    questions = subprocess.run(
        [PYTHON, "-m", "projet_social.nouveau", "fiche"],
        cwd=centre,
        env=env,
        input="3\nSoutien aux devoirs\n\n",
        capture_output=True,
        text=True,
    )
    assert questions.returncode == 0, questions.stderr
    assert "1. Objectif A.1 : Créer des occasions de rencontre" in questions.stdout
    assert "[B-02]" in questions.stdout and (centre / "docs/fiches/b-02.md").exists()
    sans_questions = lancer(
        [PYTHON, "-m", "projet_social.nouveau", "acteur", "--nom", "Centre de loisirs"],
        cwd=centre,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert sans_questions.returncode == 0, sans_questions.stderr
    refus = lancer(
        [PYTHON, "-m", "projet_social.nouveau", "fiche", "--noeud", "inconnu", "--titre", "x"],
        cwd=centre,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert refus.returncode == 1 and "Nœud inconnu « inconnu »" in refus.stderr
    verification = lancer(
        [PYTHON, "-m", "projet_social.verifier", "."],
        cwd=centre,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert verification.returncode == 0, verification.stdout


def test_cibles_make_des_modeles():
    makefile = (RACINE / "Makefile").read_text(encoding="utf-8")
    assert re.search(
        r"^nouvelle-fiche:.*\n\t\$\(PY\) -m projet_social\.nouveau fiche \$\(ARGS\)$",
        makefile,
        re.M,
    )
    assert re.search(
        r"^nouvel-acteur:.*\n\t\$\(PY\) -m projet_social\.nouveau acteur \$\(ARGS\)$",
        makefile,
        re.M,
    )


# -- workflows ----------------------------------------------------------------------------

WORKFLOWS = RACINE / ".github" / "workflows"
# Les versions majeures qui ne tournent plus sous node20 (déprécié par GitHub).
VERSION_MINIMALE = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
    "actions/upload-artifact": 7,  # v7 : « archive: false », un fichier joint sans zip (le PDF)
}


def _flux(nom: str) -> dict:
    return yaml.safe_load((WORKFLOWS / nom).read_text(encoding="utf-8"))


def _etapes(flux: dict) -> list[dict]:
    return [etape for job in flux["jobs"].values() for etape in job.get("steps", [])]


def test_workflows_yaml_valides_et_actions_a_jour():
    cibles = set(
        re.findall(r"^([a-z][a-z-]*):", (RACINE / "Makefile").read_text(encoding="utf-8"), re.M)
    )
    for chemin in sorted(WORKFLOWS.glob("*.yml")):
        texte = chemin.read_text(encoding="utf-8")
        flux = yaml.safe_load(texte)
        assert flux["name"] and flux["jobs"] and (flux.get("on") or flux.get(True)), (
            chemin.name
        )  # YAML lit « on: » comme True
        # Les actions sont épinglées par empreinte de commit, la version en commentaire
        # (« uses: actions/checkout@<40 hex> # v6.0.3 », voir tests/test_ci.py) :
        # la version majeure se lit donc dans le commentaire, que le YAML ne garde pas.
        versions = dict(re.findall(r"uses:\s*(\S+)\s+#\s*v(\d+)", texte))
        for etape in _etapes(flux):
            if "uses" in etape:
                action, _, ref = etape["uses"].partition("@")
                assert action in VERSION_MINIMALE, etape["uses"]
                assert re.fullmatch(r"[0-9a-f]{40}", ref), etape["uses"]
                assert int(versions[etape["uses"]]) >= VERSION_MINIMALE[action], etape["uses"]
            else:
                # Aucune recette à part : chaque commande est une cible du Makefile
                # (ou l'installation d'un paquet du système, index apt mis à jour d'abord).
                commande = etape["run"].strip()
                if all(
                    ligne.strip().startswith(("sudo apt-get update", "sudo apt-get install "))
                    for ligne in commande.splitlines()
                ):
                    continue
                assert re.fullmatch(r"make [a-z-]+", commande), commande
                assert commande.split()[1] in cibles


def test_workflow_de_publication():
    flux = _flux("publier.yml")
    assert (flux.get("on") or flux.get(True))["push"]["branches"] == ["main"]
    utilisees = [e.get("uses", "").partition("@")[0] for e in _etapes(flux)]
    for action in (
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ):
        assert action in utilisees
    commandes = [e["run"] for e in _etapes(flux) if "run" in e]
    # make pdf construit le site avec le PDF ; make docx le reconstruit avec le PDF et le document Word.
    assert commandes == ["make check", "make pdf", "make docx"]
    docx = next(e for e in _etapes(flux) if e.get("run") == "make docx")
    assert "steps.pages.outputs.base_url" in docx["env"]["SITE_URL"]
    construction = next(e for e in _etapes(flux) if e.get("run") == "make pdf")
    assert "steps.pages.outputs.base_url" in construction["env"]["SITE_URL"]
    publier = flux["jobs"]["publier"]
    assert (
        publier["permissions"] == {"pages": "write", "id-token": "write"}
        and publier["environment"]["name"] == "github-pages"
    )
    televersement = next(
        e for e in _etapes(flux) if e.get("uses", "").startswith("actions/upload-pages-artifact")
    )
    assert televersement["with"]["path"] == "site"


def test_workflow_des_propositions():
    flux = _flux("verifier.yml")
    assert "pull_request" in (flux.get("on") or flux.get(True))
    etapes = _etapes(flux)
    assert [e["run"] for e in etapes if e.get("run", "").startswith("make")] == [
        "make check",
        "make pdf",
        "make apercu-hors-ligne",
        "make resume-relecture",
        "make test",
    ]
    checkout = next(e for e in etapes if e.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # pour comparer avec la branche de base
    construction = next(e for e in etapes if e.get("run") == "make pdf")
    assert construction["env"]["CHROMIUM"] == "/usr/bin/google-chrome"


def test_workflow_des_propositions_joint_de_quoi_relire():
    """Le PDF sans zip (il s'ouvre en un clic), l'aperçu hors ligne en zip, leurs liens dans le résumé."""
    etapes = _etapes(_flux("verifier.yml"))
    indices = {e.get("id"): i for i, e in enumerate(etapes) if e.get("id")}
    artefacts = [e for e in etapes if e.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(artefacts) == 2, artefacts
    pdf, apercu = artefacts
    # Le PDF de « make pdf », seul fichier, joint tel quel : le navigateur l'ouvre directement.
    assert pdf["with"]["path"] == "site/projet-social.pdf" and pdf["with"]["archive"] is False
    assert pdf["with"]["if-no-files-found"] == "error"
    assert pdf["if"] == "steps.construction.outcome == 'success'"
    # L'aperçu : le dossier de « make apercu-hors-ligne », zippé (index.html à sa racine).
    recette = re.search(
        r"^apercu-hors-ligne:.*\n\t(.*)$", (RACINE / "Makefile").read_text(encoding="utf-8"), re.M
    ).group(1)
    assert apercu["with"]["path"] == recette.split(" -d ")[1].split()[0]
    assert (
        apercu["with"].get("archive", True) is True
        and apercu["with"]["if-no-files-found"] == "error"
    )
    assert etapes[indices["apercu"]]["run"] == "make apercu-hors-ligne"
    assert "!cancelled()" in apercu["if"] and "steps.apercu.outcome == 'success'" in apercu["if"]
    # Le résumé : après les deux artefacts, même si une étape a échoué ; adresses par l'environnement.
    resume = next(e for e in etapes if e.get("run") == "make resume-relecture")
    assert "!cancelled()" in resume["if"]
    assert etapes.index(resume) > max(indices[pdf["id"]], indices[apercu["id"]])
    assert resume["env"] == {
        "URL_PDF": f"${{{{ steps.{pdf['id']}.outputs.artifact-url }}}}",
        "URL_APERCU": f"${{{{ steps.{apercu['id']}.outputs.artifact-url }}}}",
    }
    # Les liens sont là avant les tests (les plus longs).
    assert etapes.index(resume) < next(
        i for i, e in enumerate(etapes) if e.get("run") == "make test"
    )


def test_dependabot_et_pre_commit():
    dependabot = yaml.safe_load((RACINE / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in dependabot["updates"]} == {"pip", "github-actions"}
    crochets = yaml.safe_load((RACINE / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = next(r for r in crochets["repos"] if r["repo"] == "local")
    assert any(
        "-m projet_social.verifier" in h["entry"] and h["entry"].startswith(".venv/bin/python")
        for h in local["hooks"]
    )


# -- publication : adresse, dépôt, dates --------------------------------------------------


def test_adresse_depot_et_domaine():
    assert (
        publication.adresse_du_site(None, "", {"SITE_URL": "https://a.github.io/depot"})
        == "https://a.github.io/depot/"
    )
    assert (
        publication.adresse_du_site(
            None, "projet.centre.fr", {"SITE_URL": "https://a.github.io/depot"}
        )
        == "https://projet.centre.fr/"
    )
    assert publication.adresse_du_site("https://x.fr/", "y.fr", {}) == "https://x.fr/"
    assert publication.adresse_du_site(None, "", {}) == ""
    assert (
        publication.depot(
            "", {"GITHUB_REPOSITORY": "centre/site", "GITHUB_SERVER_URL": "https://github.com"}
        )
        == "https://github.com/centre/site"
    )
    assert (
        publication.depot("https://github.com/a/b/", {"GITHUB_REPOSITORY": "c/d"})
        == "https://github.com/a/b"
    )
    assert publication.domaine_personnalise("", "https://projet.centre.fr/") == "projet.centre.fr"
    assert publication.domaine_personnalise("", "https://a.github.io/depot/") == ""


def test_dates_hors_git(tmp_path):
    assert publication.dates_git(tmp_path) == {}


@pytest.fixture(scope="module")
def site_de_projet(tmp_path_factory):
    """Le centre de test, avec une fiche et un acteur créés par les modèles, dans un dépôt git,
    construit comme le fait le workflow de publication (SITE_URL donnée par configure-pages)."""
    dossier = tmp_path_factory.mktemp("publication")
    centre = copier_centre(FIXTURE, dossier / "centre")
    nouveau.creer_fiche(centre, "objectif-a2", "Jardin partagé")
    nouveau.creer_acteur(centre, "Centre de loisirs")
    _git(centre, "init", "-q", "-b", "main")
    _git(centre, "add", ".")
    _git(centre, "commit", "-q", "-m", "début", date="2026-03-01T10:00:00+01:00")
    (centre / "docs/quartier.md").write_text(
        (centre / "docs/quartier.md").read_text(encoding="utf-8") + "\nUne ligne de plus.\n",
        encoding="utf-8",
    )
    _git(centre, "commit", "-q", "-am", "quartier", date="2026-11-25T09:30:00+01:00")
    site = dossier / "site"
    with mock.patch.dict(os.environ, {"SITE_URL": ADRESSE.rstrip("/")}):
        resultat = construire(centre, site)
    assert resultat.returncode == 0, resultat.stderr
    return site


def _page(site: Path, chemin: str) -> BeautifulSoup:
    return BeautifulSoup((site / chemin).read_text(encoding="utf-8"), "html.parser")


def _modifier(site: Path, chemin: str) -> str | None:
    lien = _page(site, chemin).select_one('a[rel="edit"]')
    return lien["href"] if lien else None


def test_bouton_modifier_ouvre_le_bon_fichier(site_de_projet):
    edition = "https://github.com/exemple/tilleuls/edit/main/"
    assert _modifier(site_de_projet, "fiches/a-01/index.html") == edition + "docs/fiches/a-01.md"
    assert _modifier(site_de_projet, "fiches/a-02/index.html") == edition + "docs/fiches/a-02.md"
    assert (
        _modifier(site_de_projet, "acteurs/mjc-des-tilleuls/index.html")
        == edition + "data/acteurs.yml"
    )
    assert _modifier(site_de_projet, "quartier/index.html") == edition + "docs/quartier.md"
    assert _modifier(site_de_projet, "contribuer/champs/index.html") is None  # produit des schémas


def test_bouton_modifier_sans_depot_dans_les_donnees(tmp_path):
    centre = copier_centre(FIXTURE, tmp_path / "centre")
    fichier = centre / "data/centre.yml"
    fichier.write_text(
        re.sub(r"(?m)^depot:.*\n", "", fichier.read_text(encoding="utf-8")), encoding="utf-8"
    )
    with mock.patch.dict(
        os.environ,
        {
            "GITHUB_REPOSITORY": "centre-des-tilleuls/site",
            "GITHUB_SERVER_URL": "https://github.com",
        },
    ):
        resultat = construire(centre, tmp_path / "site")
    assert resultat.returncode == 0, resultat.stderr
    assert (
        _modifier(tmp_path / "site", "fiches/a-01/index.html")
        == "https://github.com/centre-des-tilleuls/site/edit/main/docs/fiches/a-01.md"
    )


def test_mis_a_jour_d_apres_git(site_de_projet):
    def date(chemin):
        element = _page(site_de_projet, chemin).select_one(".ps-mis-a-jour")
        return element.get_text(" ", strip=True) if element else None

    assert date("quartier/index.html") == "Mis à jour le 25 novembre 2026"
    assert date("fiches/a-01/index.html") == "Mis à jour le 1er mars 2026"
    assert (
        date("acteurs/mjc-des-tilleuls/index.html") == "Mis à jour le 1er mars 2026"
    )  # data/acteurs.yml
    assert (
        _page(site_de_projet, "quartier/index.html").select_one(".ps-mis-a-jour time")["datetime"]
        == "2026-11-25"
    )


def test_guide_des_champs_tire_des_schemas(site_de_projet):
    page = _page(site_de_projet, "contribuer/champs/index.html")
    codes = {c.get_text() for c in page.select("article td code")}
    for f in reference.tous_les_fichiers():
        assert page.find(id=f.nom), f.nom
        for champ in reference.a_plat(f.champs):
            assert champ.nom in codes, (f.nom, champ.nom)
    texte = page.select_one("article").get_text(" ")
    assert (
        "Rattachements dans l'arbre" in texte
        and "Le premier est le rattachement principal" in texte
    )
    # La documentation de l'équipe n'est plus dans le menu des habitants : le pied de page y mène.
    accueil = _page(site_de_projet, "index.html")
    assert "Contribuer" not in accueil.select_one("nav.md-nav--primary").get_text()
    assert "Modifier le site (équipe)" in accueil.select_one("footer nav.ps-pied").get_text()


def test_aucun_lien_interne_casse_sous_le_prefixe(site_de_projet):
    assert verifier_liens.liens_casses(site_de_projet, ADRESSE) == []
    # La page 404 est servie à toutes les adresses : ses liens portent le préfixe.
    assert (
        _page(site_de_projet, "404.html")
        .select_one('link[rel="stylesheet"]')["href"]
        .startswith("/projet-social/assets/")
    )
    assert not (
        site_de_projet / "CNAME"
    ).exists()  # adresse *.github.io : pas de domaine personnalisé


def test_le_verificateur_de_liens_trouve_un_lien_casse(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="a/">ok</a><a href="b/">cassé</a><a href="https://ailleurs.fr/">externe</a><a href="#x">ancre</a>'
    )
    (site / "a" / "index.html").write_text(
        '<a href="../">ok</a><a href="/a/">hors préfixe</a><img src="../img.png">'
    )
    (site / "404.html").write_text(
        '<link href="/projet-social/a/" rel="x"><link href="a/" rel="y">'
    )
    assert verifier_liens.liens_casses(site, ADRESSE) == [
        "404.html : lien relatif « a/ » (la page 404 est servie à toutes les adresses)",
        "a/index.html : « /a/ »",
        "a/index.html : « ../img.png »",
        "index.html : « b/ »",
    ]


def test_domaine_personnalise(tmp_path):
    centre = copier_centre(FIXTURE, tmp_path / "centre")
    with (centre / "data/centre.yml").open("a", encoding="utf-8") as fichier:
        fichier.write("domaine: projet-social.tilleuls.fr\n")
    with mock.patch.dict(os.environ, {"SITE_URL": ADRESSE}):
        resultat = construire(centre, tmp_path / "site")
    assert resultat.returncode == 0, resultat.stderr
    assert (tmp_path / "site/CNAME").read_text(encoding="utf-8") == "projet-social.tilleuls.fr\n"
    assert (
        verifier_liens.liens_casses(tmp_path / "site", "https://projet-social.tilleuls.fr/") == []
    )


def test_centre_a_trois_niveaux_sous_un_prefixe(tmp_path):
    """La construction du workflow de publication, à blanc, sur le second centre de test (avec son menu).
    Le contenu du dépôt l'est par tests/test_contenu_du_centre.py."""
    centre = copier_centre_avec_menu(FIXTURE_TROIS_NIVEAUX, tmp_path / "centre")
    with mock.patch.dict(os.environ, {"SITE_URL": ADRESSE}):
        resultat = construire(centre, tmp_path / "site")
    assert resultat.returncode == 0, resultat.stderr
    assert verifier_liens.liens_casses(tmp_path / "site", ADRESSE) == []
    for page in (
        "contribuer/index.html",
        "contribuer/champs/index.html",
        "arbre/axe-2/enjeu-3/index.html",
    ):
        assert (tmp_path / "site" / page).is_file()
