"""Le contenu du centre qui vit à la racine du dépôt (data/, docs/, mkdocs.yml), contrôlé comme
le serait n'importe quel contenu : ce sont, avec test_parcours_de_l_equipe.py, les seuls tests
qui lisent ce contenu.

Aucune assertion ne dépend de ce que contient le centre (nombre de fiches, titres, sigles…) :
l'équipe ajoute des fiches, des bilans, des acteurs et des sigles sans toucher aux tests. On
vérifie ce qui doit tenir pour tout contenu valide (scripts/controler_contenu.py) :

- « make check » ne trouve aucune erreur bloquante ;
- le site se construit en mode strict, sous une adresse de sous-dossier comme sur GitHub Pages ;
- aucun lien interne n'est cassé ;
- chaque fiche, acteur, sigle, page rédigée, nœud de l'arbre et année d'agrément que le chargeur
  connaît a sa page, et les pages publiées sont aussi nombreuses que les objets chargés ;
- chaque page de fiche donne un numéro à toucher (lien tel:) avant « Pour les partenaires » ;
- axe-core ne trouve aucune violation (WCAG 2.1 A/AA) sur l'accueil, une fiche, le guide de
  territoire, l'annuaire et le guide « Contribuer » (marqué « navigateur »).

Les messages d'échec sont en français ; dans GitHub Actions (GITHUB_ACTIONS=true), chaque
constat est aussi écrit en annotation ``::error file=…,line=…::…`` dans la sortie du test.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import re

from atelier import lancer
from outils import RACINE, construire, controle_du_contenu, dans_un_autre_fil
from projet_social import reference
from projet_social.chargement import charger

controle = controle_du_contenu()

# Le centre qui vit à la racine du dépôt, quel qu'il soit (aucun s'il n'y en a pas).
CENTRES = [RACINE] if (RACINE / "data" / "centre.yml").is_file() else []

pytestmark = [
    pytest.mark.contenu,
    pytest.mark.skipif(
        not CENTRES, reason="aucun centre à la racine du dépôt (data/centre.yml absent)"
    ),
]


def signaler(constats, quoi: str) -> str:
    """Le message d'échec, en français ; les annotations GitHub dans la sortie du test."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for constat in constats:
            print(controle.annotation(constat))
    return f"{quoi} :\n" + controle.rapport(constats)


def verifier_comme_make_check(racine: Path) -> subprocess.CompletedProcess:
    """``make check`` sur ``racine`` : ``python -m projet_social.verifier``, dans un processus à part."""
    env = dict(os.environ, PYTHONPATH=str(RACINE / "macros"))
    env.pop("GITHUB_ACTIONS", None)  # les annotations sont écrites par signaler()
    return lancer(  # par l'atelier des tests (tests/atelier.py) : un processus à part aussi
        [sys.executable, "-m", "projet_social.verifier", str(racine)],
        cwd=racine,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module", params=CENTRES, ids=["depot"])
def centre_du_depot(request) -> Path:
    return request.param


@pytest.fixture(scope="module")
def construction(centre_du_depot, tmp_path_factory):
    """Le site du centre, construit une fois (strict, sous l'adresse d'un site de projet GitHub Pages)."""
    site = tmp_path_factory.mktemp("contenu-du-depot") / "site"
    return site, construire(centre_du_depot, site, adresse=controle.ADRESSE)


@pytest.fixture(scope="module")
def projet(centre_du_depot):
    """Le contenu du centre, chargé une fois pour les contrôles du site construit."""
    return charger(centre_du_depot)[0]


@pytest.fixture(scope="module")
def site(construction):
    site, resultat = construction
    if resultat.returncode != 0:
        pytest.fail("le site ne se construit pas : voir test_construction_stricte", pytrace=False)
    return site


def test_make_check_sans_erreur(centre_du_depot):
    resultat = verifier_comme_make_check(centre_du_depot)
    constats = controle.controler_verification(centre_du_depot)
    assert resultat.returncode == 0 and not constats, (
        signaler(constats, "« make check » refuse le contenu")
        + "\n\nSortie de « make check » :\n"
        + resultat.stdout
        + resultat.stderr
    )


@pytest.mark.lent
def test_construction_stricte(construction):
    _, resultat = construction
    constats = controle.controler_construction(resultat)
    assert resultat.returncode == 0 and not constats, signaler(
        constats, "la construction stricte du site échoue"
    )


@pytest.mark.lent
def test_aucun_lien_interne_casse(centre_du_depot, site):
    constats = controle.controler_liens(centre_du_depot, site, controle.ADRESSE)
    assert not constats, signaler(constats, "liens internes cassés dans le site construit")


@pytest.mark.lent
def test_chaque_objet_charge_a_sa_page(centre_du_depot, site, projet):
    constats = controle.controler_pages(centre_du_depot, site, projet)
    assert not constats, signaler(
        constats, "le site construit ne publie pas tout ce que le chargeur a lu"
    )


@pytest.mark.lent
def test_chaque_fiche_donne_un_numero_en_tete(centre_du_depot, site, projet):
    constats = controle.controler_telephones(centre_du_depot, site, projet)
    assert not constats, signaler(
        constats, "des fiches ne donnent aucun numéro à appeler en tête de page"
    )


@pytest.mark.lent
@pytest.mark.navigateur
def test_accessibilite_de_quelques_pages(centre_du_depot, site, projet):
    chemins = controle.pages_a_controler(centre_du_depot, site, projet)
    assert {"", "guide/", "acteurs/"} <= set(chemins), (
        f"pages à contrôler introuvables dans le site : {chemins}"
    )
    assert (
        any(c.startswith("fiches/") for c in chemins)
        or not (centre_du_depot / "docs" / "fiches").is_dir()
    ), chemins
    # Son propre Playwright, à côté du Chromium partagé de la session : voir outils.dans_un_autre_fil.
    constats = dans_un_autre_fil(controle.controler_accessibilite, centre_du_depot, site, chemins)
    assert not constats, signaler(
        constats, "axe-core (WCAG 2.1 A/AA) trouve des défauts d'accessibilité"
    )


# -- Le guide « Contribuer » : son exemple de bilan, posé dans une fiche du centre de test, est valide.
# (La page fait partie du contenu : l'équipe peut la modifier ; ce contrôle vaut pour toute version.)

CONTRIBUER = RACINE / "docs" / "contribuer"
PAGE_BILAN = CONTRIBUER / "ajouter-un-bilan.md"


def _sans_erreur(centre: Path):
    projet, erreurs = charger(centre)
    assert [str(e) for e in erreurs if e.bloquante] == []
    return projet


# -- la page « Ajouter un bilan » -------------------------------------------------------------


def _exemple_de_la_page() -> str:
    blocs = re.findall(r"^```yaml\n(.*?)^```", PAGE_BILAN.read_text(encoding="utf-8"), re.M | re.S)
    assert blocs, "aucun exemple ```yaml dans la page"
    return blocs[0]


@pytest.mark.skipif(not PAGE_BILAN.is_file(), reason="pas de page « Ajouter un bilan »")
def test_l_exemple_de_la_page_bilan_passe_la_validation(centre):
    exemple = _exemple_de_la_page()
    assert exemple.startswith("bilans:\n  - annee: ")
    projet = _sans_erreur(centre)
    debut, fin = projet.centre.debut, projet.centre.fin
    # L'année de l'exemple, ramenée dans l'agrément du centre de test si besoin.
    annee = int(re.search(r"annee: (\d{4})", exemple).group(1))
    if not debut <= annee <= fin:
        exemple = exemple.replace(f"annee: {annee}", f"annee: {debut}")
    # La fiche A-01 a les indicateurs de l'exemple ; ses propres bilans sont remplacés par celui de la page.
    fiche = centre / "docs" / "fiches" / "a-01.md"
    texte = fiche.read_text(encoding="utf-8")
    texte = re.sub(r"^bilans:\n(?:  .*\n)+", exemple, texte, flags=re.M)
    fiche.write_text(texte, encoding="utf-8")
    projet = _sans_erreur(centre)
    (bilan,) = projet.fiches["A-01"].bilans
    assert bilan.statut_avancement.code == "realisee"
    assert [v.indicateur for v in bilan.indicateurs] == [
        "Nombre de participants",
        "Satisfaction des habitants",
    ]
    assert bilan.indicateurs[0].valeur == 310 and bilan.indicateurs[1].appreciation
    assert all(
        [
            bilan.realisations,
            bilan.resultats_habitants,
            bilan.resultats_territoire,
            bilan.resultats_centre,
            bilan.limites,
            bilan.perspectives,
            bilan.date,
            bilan.auteur_role,
        ]
    )
    # Chaque champ du schéma d'un bilan figure dans l'exemple, et dans le tableau de la page.
    page = PAGE_BILAN.read_text(encoding="utf-8")
    bilans = next(c for c in reference.fichier("fiche").champs if c.nom == "bilans")
    for champ in reference.a_plat(bilans.sous_champs):
        assert re.search(rf"^ +(- )?{champ.nom}:", exemple, re.M), champ.nom
        assert f"`{champ.nom}`" in page, champ.nom


@pytest.mark.skipif(not PAGE_BILAN.is_file(), reason="pas de page « Ajouter un bilan »")
def test_la_page_bilan_est_liee_depuis_contribuer():
    index = (CONTRIBUER / "index.md").read_text(encoding="utf-8")
    assert "(ajouter-un-bilan.md)" in index
