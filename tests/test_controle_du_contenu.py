"""Les contrôles du contenu (scripts/controler_contenu.py), essayés sur le second centre de test.

Ils servent à tests/test_contenu_du_centre.py et au parcours de l'équipe ; ici, on vérifie
qu'ils disent bien, en français et en annotations GitHub, ce qui ne va pas.
"""

import os
import shutil
import subprocess
import sys

import pytest

from outils import (
    FIXTURE_TROIS_NIVEAUX,
    RACINE,
    controle_du_contenu,
    copier_centre_avec_menu,
    dans_un_autre_fil,
)

controle = controle_du_contenu()


@pytest.fixture
def copie(tmp_path):
    return copier_centre_avec_menu(FIXTURE_TROIS_NIVEAUX, tmp_path / "centre")


def test_un_contenu_valide_ne_donne_aucun_constat(centre_trois_niveaux, site_trois_niveaux):
    assert controle.controler_verification(centre_trois_niveaux) == []
    assert controle.controler_pages(centre_trois_niveaux, site_trois_niveaux) == []
    assert controle.controler_liens(centre_trois_niveaux, site_trois_niveaux, "/") == []
    assert controle.pages_a_controler(centre_trois_niveaux, site_trois_niveaux) == [
        "",
        "fiches/1-01/",
        "guide/",
        "acteurs/",
        "contribuer/",
    ]
    assert controle.rapport([]) == "Contenu contrôlé : aucun problème."


def test_une_page_manquante_est_dite(centre_trois_niveaux, site_trois_niveaux, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(site_trois_niveaux, site)
    shutil.rmtree(site / "fiches/2-01")
    (site / "glossaire/index.html").write_text(
        "<article><table><tbody><tr><td>X</td></tr></tbody></table></article>", encoding="utf-8"
    )
    constats = [str(c) for c in controle.controler_pages(centre_trois_niveaux, site)]
    assert (
        "[pages] docs/fiches/2-01.md — la fiche 2-01 n'a pas de page dans le site construit (attendue : fiches/2-01/)"
        in constats
    )
    assert any("4 pages de fiches publiées pour 5 fiches chargées" in c for c in constats)
    assert "[pages] data/sigles.yml — 1 sigles au glossaire pour 5 dans data/sigles.yml" in constats


@pytest.mark.navigateur
def test_une_violation_d_accessibilite_est_dite(centre_trois_niveaux, site_trois_niveaux, tmp_path):
    """axe-core dans l'onglet gardé d'une page à l'autre : la violation d'une page est dite sur
    cette page, avec le fichier à corriger ; la page précédente, conforme, ne dit rien."""
    site = tmp_path / "site"
    shutil.copytree(site_trois_niveaux, site)
    fiche = site / "fiches/1-01/index.html"
    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace("</article>", '<img src="x.png"></article>', 1),
        encoding="utf-8",
    )
    constats = dans_un_autre_fil(
        controle.controler_accessibilite, centre_trois_niveaux, site, ["", "fiches/1-01/"]
    )
    assert [str(c).split(" (")[0] for c in constats] == [
        "[accessibilité] docs/fiches/1-01.md — page « /fiches/1-01/ » : image-alt"
    ]


def test_lien_casse_et_erreur_de_contenu_en_francais_et_en_annotations(copie):
    (copie / "docs/orientations.md").write_text(
        "# Orientations\n\nVoir [la page disparue](disparue.md).\n", encoding="utf-8"
    )
    resultat = subprocess.run(
        [sys.executable, str(RACINE / "scripts/controler_contenu.py"), str(copie)],
        env=dict(
            os.environ,
            GITHUB_ACTIONS="true",
            GITHUB_STEP_SUMMARY="",
            GITHUB_BASE_REF="",
            PYTHONPATH=str(RACINE / "macros"),
        ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resultat.returncode == 1, resultat.stdout + resultat.stderr
    lignes = resultat.stdout.splitlines()
    # Le lien cassé est trouvé par la vérification (make check), avec sa ligne ; la construction,
    # qui commencerait par la même vérification, n'est pas lancée pour le redire.
    assert any(
        l.startswith(
            "[vérification] docs/orientations.md:3 — lien « disparue.md » : le lien « disparue.md » mène à la page docs/disparue.md, qui n'existe pas"
        )
        for l in lignes
    ), lignes
    assert "1 problème à corriger." in lignes
    assert any(
        l.startswith(
            "::error file=docs/orientations.md,line=3,title=Contrôle du contenu %3A vérification::lien « disparue.md »"
        )
        for l in lignes
    )

    (copie / "docs/orientations.md").write_text("# Orientations\n", encoding="utf-8")
    fiche = copie / "docs/fiches/T-01.md"
    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace("statut: NA", "statut: XX"), encoding="utf-8"
    )
    constats = controle.controler_verification(copie)
    assert [(c.fichier, c.ligne) for c in constats] == [("docs/fiches/T-01.md", 6)]
    assert controle.annotation(constats[0]).startswith(
        "::error file=docs/fiches/T-01.md,line=6,title=Contrôle du contenu %3A vérification::statut : « XX » n'est pas dans la liste « statuts »"
    )


def test_annotation_echappee_comme_make_check():
    constat = controle.Constat("liens", "100% cassé\nseconde ligne", "docs/x,y:z.md", 7)
    assert (
        controle.annotation(constat)
        == "::error file=docs/x%2Cy%3Az.md,line=7,title=Contrôle du contenu %3A liens::100%25 cassé%0Aseconde ligne"
    )
