"""L'atelier de construction des tests (tests/atelier.py) construit le même site qu'un Python neuf."""

import subprocess

from outils import FIXTURE, controle_du_contenu, copier_centre, fichiers_differents


def test_le_meme_site_que_dans_un_processus_neuf(site_mini, tmp_path):
    """Le site partagé de la session vient de l'atelier ; le même centre, construit par
    ``python -m mkdocs`` dans un processus neuf (subprocess.run), donne les mêmes fichiers."""
    neuf = tmp_path / "site"
    resultat = controle_du_contenu().construire(
        copier_centre(FIXTURE, tmp_path / "centre"), neuf, adresse=None, lancer=subprocess.run
    )
    assert resultat.returncode == 0, resultat.stderr
    assert fichiers_differents(site_mini, neuf) == []


def test_une_construction_refusee_rend_son_code_et_ses_messages(tmp_path):
    """Un lien cassé : l'atelier rend le même code de sortie et les mêmes messages qu'un processus."""
    from outils import construire

    centre = copier_centre(FIXTURE, tmp_path / "centre")
    fiche = next((centre / "docs" / "fiches").glob("a-*.md"))
    fiche.write_text(fiche.read_text(encoding="utf-8") + "\n[perdu](nulle-part.md)\n", "utf-8")
    par_l_atelier = construire(centre, tmp_path / "a")
    neuf = controle_du_contenu().construire(
        centre, tmp_path / "b", adresse=None, lancer=subprocess.run
    )
    assert par_l_atelier.returncode == neuf.returncode == 1
    assert "nulle-part.md" in par_l_atelier.stdout + par_l_atelier.stderr
    assert (par_l_atelier.stdout, par_l_atelier.stderr) == (neuf.stdout, neuf.stderr)
