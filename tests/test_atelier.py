"""L'atelier de construction des tests (tests/atelier.py) construit le même site qu'un Python neuf,
et rend ce que rendraient les commandes de l'équipe dans un processus neuf."""

import re
import subprocess

import pytest
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


def test_une_commande_de_l_equipe_rend_la_meme_chose_qu_un_processus(tmp_path, monkeypatch):
    """``python -m projet_social.…`` (make check, make nouvelle-fiche) par l'atelier : mêmes codes,
    même sortie, mêmes messages d'erreur qu'un processus neuf, et la même fiche écrite."""
    import os
    import sys

    from atelier import lancer

    commandes = [
        ["projet_social.nouveau", "fiche", "--noeud", "objectif-a2", "--titre", "Un « essai »"],
        ["projet_social.nouveau", "fiche", "--noeud", "inconnu", "--titre", "x"],
        ["projet_social.verifier", "."],
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROJET_SOCIAL_")}

    def executer(nom: str, lanceur) -> list:
        centre = copier_centre(FIXTURE, tmp_path / nom)

        def net(texte: str) -> str:  # sans le dossier ni la durée de la vérification
            return re.sub(r"vérifié en [\d.]+ s", "vérifié en … s", texte.replace(str(centre), "…"))

        sorties = [
            lanceur(
                [sys.executable, "-m", *commande],
                cwd=centre,
                env=env,
                capture_output=True,
                text=True,
                stdin=subprocess.DEVNULL,
            )
            for commande in commandes
        ]
        fiche = (centre / "docs/fiches/a-02.md").read_text(encoding="utf-8")
        return [(s.returncode, net(s.stdout), net(s.stderr)) for s in sorties] + [fiche]

    neuf = executer("neuf", subprocess.run)
    with monkeypatch.context() as m:  # rien ne passe par subprocess.run : tout par l'atelier
        m.setattr(subprocess, "run", lambda *a, **k: pytest.fail(f"hors de l'atelier : {a}"))
        par_l_atelier = executer("atelier", lancer)
    assert [r[0] for r in neuf[:3]] == [0, 1, 0]
    assert "Nœud inconnu « inconnu »" in neuf[1][2]
    assert par_l_atelier == neuf
