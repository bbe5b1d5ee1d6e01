"""La chaîne d'intégration et de publication elle-même (.github/, requirements.txt).

Ce que ces tests gardent (voir aussi les commentaires en tête des workflows) :
- chaque action GitHub est épinglée par l'empreinte complète de son commit (40 caractères
  hexadécimaux), avec la version en commentaire pour les humains et Dependabot ;
- chaque job a une durée maximale (timeout-minutes) ;
- chaque actions/checkout laisse le jeton hors de .git (persist-credentials: false) ;
- un « apt-get install » suit toujours un « apt-get update » (même étape ou plus tôt) ;
- les permissions par défaut du workflow restent en lecture seule ;
- zizmor (analyse de sécurité des workflows, hors ligne) ne trouve rien ;
- aucune expression ${{ … }} dans une commande (run) : les valeurs passent par env ;
- un artefact joint sans zip (archive: false) est un seul fichier, avec upload-artifact v7 ou plus ;
- requirements.txt est un verrou complet : versions exactes et empreintes --hash,
  cohérent avec requirements.in ; make install l'installe avec --require-hashes.

Rien ici ne touche au réseau : zizmor tourne avec --offline.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from outils import construire

RACINE = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((RACINE / ".github" / "workflows").glob("*.y*ml"))
VERROU = RACINE / "requirements.txt"
DIRECTES = RACINE / "requirements.in"

# uses: propriétaire/dépôt[/chemin]@<40 hex> # v1.2.3  (le commentaire donne la version)
USES_EPINGLE = re.compile(
    r"""^\s*(?:-\s+)?uses:\s*["']?(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>[0-9a-f]{40})["']?"""
    r"""\s+#\s*v?\d+(?:\.\d+)*\b"""
)
LIGNE_USES = re.compile(r"""^\s*(?:-\s+)?uses:\s*(?P<valeur>\S+)""")
APT_INSTALL = re.compile(r"\bapt(?:-get)?\s+(?:\S+\s+)*?install\b")
APT_UPDATE = re.compile(r"\bapt(?:-get)?\s+(?:\S+\s+)*?update\b")


def _charger(chemin: Path) -> dict:
    return yaml.safe_load(chemin.read_text(encoding="utf-8"))


def _ids(chemins):
    return [c.name for c in chemins]


def test_il_y_a_des_workflows():
    assert WORKFLOWS, "aucun workflow dans .github/workflows"


def _uses_du_yaml(workflow: dict) -> list[str]:
    """Toutes les valeurs « uses » : étapes, et jobs qui appellent un workflow réutilisable."""
    valeurs = []
    for job in (workflow.get("jobs") or {}).values():
        if "uses" in job:
            valeurs.append(job["uses"])
        for etape in job.get("steps") or []:
            if "uses" in etape:
                valeurs.append(etape["uses"])
    return valeurs


@pytest.mark.parametrize("chemin", WORKFLOWS, ids=_ids(WORKFLOWS))
def test_actions_epinglees_par_empreinte_avec_version(chemin):
    # Le YAML lu ne garde pas les commentaires : on lit donc aussi les lignes brutes.
    lignes = chemin.read_text(encoding="utf-8").splitlines()
    fautes = []
    lues = 0
    for numero, ligne in enumerate(lignes, 1):
        trouve = LIGNE_USES.match(ligne)
        if not trouve:
            continue
        lues += 1
        valeur = trouve.group("valeur").strip("\"'")
        if valeur.startswith("./"):
            continue  # action du dépôt lui-même : versionnée avec lui
        if valeur.startswith("docker://"):
            if not re.search(r"@sha256:[0-9a-f]{64}$", valeur):
                fautes.append(f"{chemin.name}:{numero}: image sans empreinte sha256 : {valeur}")
            continue
        if not USES_EPINGLE.match(ligne):
            fautes.append(
                f"{chemin.name}:{numero}: « {ligne.strip()} » — attendu "
                "« uses: propriétaire/action@<empreinte de 40 caractères> # vX.Y.Z »"
            )
    # Chaque « uses » du YAML a bien été vu ligne à ligne (pas de forme { uses: … } qui échappe).
    assert lues == len(_uses_du_yaml(_charger(chemin))), (
        f"{chemin.name} : « uses » non lus ligne à ligne"
    )
    assert not fautes, "\n".join(fautes)


@pytest.mark.parametrize("chemin", WORKFLOWS, ids=_ids(WORKFLOWS))
def test_chaque_job_a_une_duree_maximale(chemin):
    workflow = _charger(chemin)
    sans = [
        nom
        for nom, job in (workflow.get("jobs") or {}).items()
        # Un job qui appelle un workflow réutilisable ne peut pas porter timeout-minutes :
        # ce sont les jobs de ce workflow-là qui le portent.
        if "uses" not in job and not isinstance(job.get("timeout-minutes"), (int, str))
    ]
    assert not sans, f"{chemin.name} : jobs sans timeout-minutes : {sans}"
    for nom, job in workflow["jobs"].items():
        duree = job.get("timeout-minutes")
        if isinstance(duree, int):
            assert 1 <= duree <= 60, f"{chemin.name} : {nom} : timeout-minutes {duree} hors de 1–60"


@pytest.mark.parametrize("chemin", WORKFLOWS, ids=_ids(WORKFLOWS))
def test_checkout_sans_jeton_persistant(chemin):
    workflow = _charger(chemin)
    fautes = []
    for nom, job in (workflow.get("jobs") or {}).items():
        for etape in job.get("steps") or []:
            if not str(etape.get("uses", "")).startswith("actions/checkout@"):
                continue
            valeur = (etape.get("with") or {}).get("persist-credentials")
            if valeur is not False and str(valeur).lower() != "false":
                fautes.append(
                    f"{chemin.name} : job {nom} : actions/checkout sans persist-credentials: false"
                )
    assert not fautes, "\n".join(fautes)


def _apt_dans_l_ordre(commandes: list[str]) -> list[int]:
    """Indices des commandes qui installent par apt sans « apt-get update » avant elles."""
    fautes = []
    a_jour = False
    for i, texte in enumerate(commandes):
        # Dans une même commande, l'ordre des lignes compte aussi.
        for ligne in texte.splitlines():
            ligne = ligne.split("#", 1)[0]
            if APT_UPDATE.search(ligne):
                a_jour = True
            if APT_INSTALL.search(ligne) and not a_jour:
                fautes.append(i)
    return fautes


def test_le_controle_apt_reconnait_les_cas():
    assert _apt_dans_l_ordre(["sudo apt-get install -y x"]) == [0]
    assert _apt_dans_l_ordre(["sudo apt-get update -qq", "sudo apt-get install -y -qq x"]) == []
    assert _apt_dans_l_ordre(["sudo apt-get -qq update && sudo apt-get -y install x"]) == []
    assert _apt_dans_l_ordre(["apt-get install x\napt-get update"]) == [0]
    assert _apt_dans_l_ordre(["make test"]) == []


@pytest.mark.parametrize("chemin", WORKFLOWS, ids=_ids(WORKFLOWS))
def test_apt_get_update_avant_install(chemin):
    workflow = _charger(chemin)
    fautes = []
    for nom, job in (workflow.get("jobs") or {}).items():
        etapes = job.get("steps") or []
        commandes = [str(etape.get("run", "")) for etape in etapes]
        for i in _apt_dans_l_ordre(commandes):
            fautes.append(f"{chemin.name} : job {nom}, étape {etapes[i].get('name', i + 1)!r}")
    assert not fautes, "apt-get install sans apt-get update avant :\n" + "\n".join(fautes)


def test_ci_run_apt_get_update_avant_install():
    script = (RACINE / ".ci" / "run").read_text(encoding="utf-8")
    assert _apt_dans_l_ordre([script]) == [], ".ci/run : apt-get install avant apt-get update"


def test_le_chromium_choisi(monkeypatch, tmp_path):
    """CHROMIUM s'il est donné ; sinon le Chromium sans interface s'il est installé, puis le complet ;
    aucun des deux : le complet, que nomme alors le message « Chromium introuvable »."""
    from projet_social import navigateur

    coquille, complet = tmp_path / "chromium-headless-shell", tmp_path / "chromium"
    monkeypatch.setattr(navigateur, "CHROMIUMS_DE_DEBIAN", (str(coquille), str(complet)))
    monkeypatch.delenv("CHROMIUM", raising=False)
    assert navigateur.chromium() == str(complet)
    complet.touch()
    assert navigateur.chromium() == str(complet)
    coquille.touch()
    assert navigateur.chromium() == str(coquille)
    monkeypatch.setenv("CHROMIUM", "/opt/autre/chrome")
    assert navigateur.chromium() == "/opt/autre/chrome"


@pytest.mark.parametrize("chemin", WORKFLOWS, ids=_ids(WORKFLOWS))
def test_permissions_par_defaut_en_lecture(chemin):
    workflow = _charger(chemin)
    assert "permissions" in workflow, (
        f"{chemin.name} : pas de « permissions » au niveau du workflow"
    )
    permissions = workflow["permissions"]
    # Les droits d'écriture se donnent job par job, au seul job qui en a besoin.
    assert permissions in ({}, None) or isinstance(permissions, dict), permissions
    ecritures = {k: v for k, v in (permissions or {}).items() if v == "write"}
    assert not ecritures, f"{chemin.name} : écriture accordée à tout le workflow : {ecritures}"
    for nom, job in workflow["jobs"].items():
        assert job.get("permissions") not in ("write-all",), f"{chemin.name} : {nom} : write-all"


def test_dependabot_suit_actions_et_pip():
    config = _charger(RACINE / ".github" / "dependabot.yml")
    ecosystemes = {maj["package-ecosystem"] for maj in config["updates"]}
    assert {"github-actions", "pip"} <= ecosystemes, ecosystemes


@pytest.mark.parametrize("chemin", WORKFLOWS, ids=_ids(WORKFLOWS))
def test_aucune_expression_dans_les_commandes(chemin):
    # Une expression recopiée dans un script y devient du code (injection) : les valeurs,
    # adresses d'artefacts comprises, passent par des variables d'environnement (env:).
    workflow = _charger(chemin)
    fautes = [
        f"{chemin.name} : job {nom}, étape {etape.get('name', etape.get('run', '')[:40])!r}"
        for nom, job in (workflow.get("jobs") or {}).items()
        for etape in job.get("steps") or []
        if "${{" in str(etape.get("run", ""))
    ]
    assert not fautes, "expression ${{ … }} dans une commande :\n" + "\n".join(fautes)


@pytest.mark.parametrize("chemin", WORKFLOWS, ids=_ids(WORKFLOWS))
def test_artefact_sans_zip_un_seul_fichier(chemin):
    # « archive: false » (upload-artifact v7 et plus) joint un fichier tel quel, que le
    # navigateur ouvre directement ; l'action le refuse pour un dossier ou plusieurs fichiers.
    texte = chemin.read_text(encoding="utf-8")
    versions = dict(re.findall(r"uses:\s*(\S+)\s+#\s*v(\d+)", texte))
    fautes = []
    for job in (_charger(chemin).get("jobs") or {}).values():
        for etape in job.get("steps") or []:
            uses = str(etape.get("uses", ""))
            avec = etape.get("with") or {}
            if (
                not uses.startswith("actions/upload-artifact@")
                or str(avec.get("archive", True)).lower() != "false"
            ):
                continue
            chemin_joint = str(avec.get("path", ""))
            if int(versions.get(uses, 0)) < 7:
                fautes.append(f"{uses} : archive: false demande upload-artifact v7 ou plus")
            if (
                not chemin_joint
                or "\n" in chemin_joint.strip()
                or re.search(r"[*?\[\]{}!]", chemin_joint)
                or chemin_joint.endswith("/")
            ):
                fautes.append(
                    f"{uses} : archive: false avec « {chemin_joint} » (un seul fichier attendu)"
                )
    assert not fautes, f"{chemin.name} :\n" + "\n".join(fautes)


def _zizmor() -> str | None:
    """zizmor du venv (installé par le verrou), sinon celui du PATH."""
    voisin = Path(sys.executable).parent / "zizmor"
    if voisin.is_file() and os.access(voisin, os.X_OK):
        return str(voisin)
    return shutil.which("zizmor")


def test_zizmor_ne_trouve_rien():
    zizmor = _zizmor()
    if zizmor is None:
        pytest.skip("zizmor n'est pas installé (il est dans requirements.txt : make install)")
    resultat = subprocess.run(
        [
            zizmor,
            "--offline",  # aucun appel réseau : seulement les audits hors ligne
            "--no-progress",
            "--color=never",
            "--collect=workflows",
            "--collect=dependabot",
            ".github",
        ],
        cwd=RACINE,
        capture_output=True,
        text=True,
        timeout=120,
        # Aucun jeton transmis : --offline n'en a pas besoin (et un jeton vide est refusé).
        env={
            k: v
            for k, v in os.environ.items()
            if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")
        },
    )
    assert resultat.returncode == 0, (
        f"zizmor (code {resultat.returncode}) :\n{resultat.stdout}\n{resultat.stderr}"
    )


def _lignes_logiques(texte: str) -> list[str]:
    """Les lignes d'un fichier requirements, continuations « \\ » recollées, commentaires ôtés."""
    logiques, courante = [], ""
    for ligne in texte.splitlines():
        ligne = re.sub(r"(^|\s)#.*$", "", ligne).rstrip()
        if ligne.endswith("\\"):
            courante += ligne[:-1] + " "
            continue
        courante += ligne
        if courante.strip():
            logiques.append(courante.strip())
        courante = ""
    if courante.strip():
        logiques.append(courante.strip())
    return logiques


def _nom(nom: str) -> str:
    return re.sub(r"[-_.]+", "-", nom).lower()


EPINGLE = re.compile(r"^(?P<nom>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)")


def _verrou() -> dict[str, tuple[str, str]]:
    return {
        _nom(m.group("nom")): (m.group("version"), ligne)
        for ligne in _lignes_logiques(VERROU.read_text(encoding="utf-8"))
        if (m := EPINGLE.match(ligne))
    }


def test_verrou_versions_exactes_et_empreintes():
    fautes = []
    lignes = _lignes_logiques(VERROU.read_text(encoding="utf-8"))
    assert lignes, "requirements.txt est vide"
    for ligne in lignes:
        if ligne.startswith("--"):
            # Options globales : seul un index/une source peut apparaître, jamais de quoi
            # désactiver la vérification.
            assert not ligne.startswith(("--trusted-host", "--no-binary")), ligne
            continue
        if not EPINGLE.match(ligne):
            fautes.append(f"pas une version exacte : {ligne[:80]}")
        elif not re.search(r"--hash=sha256:[0-9a-f]{64}\b", ligne):
            fautes.append(f"sans --hash : {ligne[:80]}")
    assert not fautes, "\n".join(fautes)


def test_verrou_contient_les_dependances_directes():
    # requirements.in (dépendances directes) et le verrou disent les mêmes versions :
    # sinon pip-compile n'a pas été relancé après une modification.
    verrou = _verrou()
    for ligne in _lignes_logiques(DIRECTES.read_text(encoding="utf-8")):
        m = EPINGLE.match(ligne)
        assert m, f"requirements.in : version exacte attendue : {ligne}"
        nom, version = _nom(m.group("nom")), m.group("version")
        assert nom in verrou, f"{nom} est dans requirements.in mais pas dans requirements.txt"
        assert verrou[nom][0] == version, (
            f"{nom} : {version} dans requirements.in, {verrou[nom][0]} dans le verrou"
        )


def test_make_install_exige_les_empreintes():
    makefile = (RACINE / "Makefile").read_text(encoding="utf-8")
    installations = [
        l for l in makefile.splitlines() if "pip install" in l and "requirements.txt" in l
    ]
    assert installations, "Makefile : pas d'installation depuis requirements.txt"
    for ligne in installations:
        assert "--require-hashes" in ligne, f"Makefile : {ligne.strip()}"


def _ruff(*arguments: str) -> subprocess.CompletedProcess:
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        ruff = shutil.which("ruff")
    assert ruff, "ruff absent : il est dans requirements.txt (make install)"
    return subprocess.run(
        [str(ruff), *arguments, "--no-cache", "."],
        cwd=RACINE,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ruff_ne_trouve_rien():
    """Noms inconnus, importations et variables inutiles (réglages de pyproject.toml) : aucun."""
    resultat = _ruff("check")
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_le_code_est_mis_en_forme_par_ruff():
    """« ruff format » (100 colonnes, pyproject.toml) : rien à changer. Sinon : .venv/bin/ruff format ."""
    resultat = _ruff("format", "--check")
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_la_garde_refuse_qu_un_test_du_moteur_lise_le_contenu():
    """La garde de tests/conftest.py, active pendant ce test (un test du moteur) : lire data/ ou
    docs/ de la racine, ou y lancer mkdocs ou make, fait échouer le test en le disant — même si le
    test rattrape l'erreur."""
    from conftest import ContenuDuDepotLu, _lectures

    with pytest.raises(ContenuDuDepotLu, match="lit le contenu du dépôt .*data/centre.yml"):
        open(RACINE / "data" / "centre.yml", encoding="utf-8")
    with pytest.raises(ContenuDuDepotLu, match="docs"):
        sorted((RACINE / "docs").iterdir())
    with pytest.raises(ContenuDuDepotLu, match="lancé depuis la racine du dépôt"):
        subprocess.run(["make", "check"], cwd=RACINE, capture_output=True)
    # Par l'atelier de construction des tests (tests/atelier.py) aussi.
    with pytest.raises(ContenuDuDepotLu, match="mkdocs build"):
        construire(RACINE, RACINE / ".cache" / "jamais")
    # Le moteur lui-même (macros/, overrides/, mkdocs.yml, data/schemas/) et les centres de test
    # restent lisibles.
    (RACINE / "mkdocs.yml").read_text(encoding="utf-8")
    (RACINE / "data" / "schemas" / "fiche.schema.json").read_text(encoding="utf-8")
    sorted((RACINE / "tests" / "fixtures" / "centre-mini" / "data").iterdir())
    # Les quatre refus sont gardés : ce test échouerait à la fin s'il ne les effaçait pas ici.
    assert len(_lectures) == 4
    _lectures.clear()
