"""Outils des tests : préparer un centre (réel ou de test) et construire son site."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import atelier
import yaml

RACINE = Path(__file__).resolve().parents[1]
FIXTURE = RACINE / "tests" / "fixtures" / "centre-mini"
# Les deux écrans des tests dans Chromium : un ordinateur, et le téléphone d'un habitant (tactile,
# 360 px) ; options de contexte de Playwright (new_context).
ECRANS = {
    "ordinateur": {"viewport": {"width": 1280, "height": 900}},
    "telephone": {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True},
}
PYTHON = sys.executable


def config_du_produit(centre: Path, moteur: Path = RACINE) -> dict:
    """La configuration mkdocs.yml du produit, les chemins du moteur (le dépôt ``moteur``) rendus absolus."""
    config = yaml.safe_load((moteur / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(moteur / "overrides")
    config.pop("nav", None)
    config["site_name"] = "Projet social"
    return config


def copier_centre(source: Path, destination: Path) -> Path:
    """Copie data/ et docs/ d'un centre et lui écrit un mkdocs.yml qui utilise le moteur du dépôt."""
    destination.mkdir(parents=True, exist_ok=True)
    for dossier in ("data", "docs"):
        if (source / dossier).exists():
            shutil.copytree(source / dossier, destination / dossier)
    (destination / "mkdocs.yml").write_text(
        yaml.safe_dump(config_du_produit(destination), allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return destination


def fichiers_differents(site: Path, autre: Path) -> list[str]:
    """Les fichiers (noms) présents d'un seul côté ou de contenu différent entre deux sites. Leurs
    dates diffèrent : filecmp compare alors le contenu de chaque fichier, octet pour octet."""
    differences = []

    def comparer(d: filecmp.dircmp) -> None:
        differences.extend(d.left_only + d.right_only + d.diff_files + d.funny_files)
        for sous in d.subdirs.values():
            comparer(sous)

    comparer(filecmp.dircmp(site, autre, ignore=[]))
    return differences


def construire(
    centre: Path, site: Path, config: Path | None = None, adresse: str | None = None
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` comme ``make build`` : la construction de scripts/controler_contenu.py,
    publiée à ``adresse`` (sans : SITE_URL de l'environnement), lancée par l'atelier des tests
    (tests/atelier.py : un processus déjà prêt qui se dédouble, au lieu d'un Python neuf)."""
    return controle_du_contenu().construire(
        centre, site, adresse=adresse, config=config, lancer=atelier.lancer
    )


# -- Ajouts : le second centre de test et le contenu du dépôt ----------------------------

FIXTURE_TROIS_NIVEAUX = RACINE / "tests" / "fixtures" / "centre-trois-niveaux"


def copier_centre_avec_menu(source: Path, destination: Path) -> Path:
    """Comme ``copier_centre``, avec un menu (« nav ») : celui de ``source/menu.yml`` s'il existe,
    sinon celui du ``mkdocs.yml`` de ``source`` (le contenu du dépôt, par exemple).

    Le document complet suit l'ordre du menu : sans menu, ses chapitres ne sont pas ceux du produit.
    """
    copier_centre(source, destination)
    if (source / "menu.yml").is_file():
        menu = yaml.safe_load((source / "menu.yml").read_text(encoding="utf-8"))
    elif (source / "mkdocs.yml").is_file():
        menu = (yaml.safe_load((source / "mkdocs.yml").read_text(encoding="utf-8")) or {}).get(
            "nav"
        )
    else:
        # Le menu d'un centre est désormais dans data/menu.yml, copié avec data/ : rien à ajouter.
        menu = None
    if menu:
        config = yaml.safe_load((destination / "mkdocs.yml").read_text(encoding="utf-8"))
        config["nav"] = menu
        (destination / "mkdocs.yml").write_text(
            yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return destination


def controle_du_contenu():
    """Le module scripts/controler_contenu.py : les contrôles valables pour tout contenu (chargé une fois)."""
    import importlib.util

    if "controler_contenu" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "controler_contenu", RACINE / "scripts" / "controler_contenu.py"
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["controler_contenu"] = module
        spec.loader.exec_module(module)
    return sys.modules["controler_contenu"]


def dans_un_autre_fil(fonction, *args, **kwargs):
    """``fonction(*args, **kwargs)`` dans un fil d'exécution à part (son résultat, ou son exception).

    Pour ce qui ouvre son propre Playwright (projet_social.pdf.imprimer, les contrôles de
    scripts/controler_contenu.py) : l'API synchrone de Playwright n'en tolère qu'un par fil, et le
    Chromium partagé de la session (fixture ``navigateur``) occupe peut-être déjà celui des tests.
    """
    import threading

    issue = {}

    def executer():
        try:
            issue["resultat"] = fonction(*args, **kwargs)
        except BaseException as erreur:  # noqa: BLE001 — relancée telle quelle dans le fil des tests
            issue["erreur"] = erreur

    fil = threading.Thread(target=executer, name=getattr(fonction, "__name__", "fil"))
    fil.start()
    fil.join()
    if "erreur" in issue:
        raise issue["erreur"]
    return issue["resultat"]


# -- La validation d'un centre de test, lue par les tests (une erreur par test) ----------------


def bloquantes(centre: Path) -> list:
    """Les erreurs qui arrêtent la construction, pour le centre rangé dans ``centre``."""
    from projet_social.chargement import charger

    return [e for e in charger(centre)[1] if e.bloquante]


def seule(centre: Path, fichier: str | None = None):
    """La seule erreur bloquante (du fichier donné, si un fichier illisible en entraîne d'autres ailleurs)."""
    from projet_social.erreurs import rapport

    liste = [e for e in bloquantes(centre) if fichier is None or e.fichier == fichier]
    assert len(liste) == 1, rapport(liste)
    return liste[0]


def remplacer(fichier: Path, avant: str, apres: str) -> None:
    """Remplace la première occurrence de ``avant`` (qui doit y être) dans ``fichier``."""
    texte = fichier.read_text(encoding="utf-8")
    assert avant in texte, avant
    fichier.write_text(texte.replace(avant, apres, 1), encoding="utf-8")
