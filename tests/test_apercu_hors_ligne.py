"""Relire une proposition sans rien installer : l'aperçu hors ligne et le résumé de relecture.

- ``make apercu-hors-ligne`` (la commande même du Makefile, sur une copie du centre de test)
  construit des pages « x.html » dont chaque lien relatif mène à un fichier du disque : le
  site s'ouvre d'un double-clic sur index.html (file://), sans serveur ;
- ``make resume-relecture`` (scripts/resume_relecture.py) écrit, en français, la section
  « Relire la proposition » du résumé avec les liens vers le PDF et l'aperçu, adresses
  vérifiées et échappées.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from outils import FIXTURE, PYTHON, RACINE, copier_centre

CIBLE = "apercu-hors-ligne"
DOCUMENT_COMPLET = "projet-social-complet.html"
_liens = importlib.util.spec_from_file_location(
    "verifier_liens", RACINE / "scripts" / "verifier_liens.py"
)
verifier_liens = importlib.util.module_from_spec(_liens)
_liens.loader.exec_module(verifier_liens)
liens_casses_hors_ligne = verifier_liens.liens_casses_hors_ligne

_spec = importlib.util.spec_from_file_location(
    "resume_relecture", RACINE / "scripts" / "resume_relecture.py"
)
resume_relecture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(resume_relecture)


# -- l'aperçu hors ligne ----------------------------------------------------------------


def _recette(cible: str) -> list[str]:
    """Les commandes de la cible ``cible`` du Makefile, telles qu'écrites."""
    makefile = (RACINE / "Makefile").read_text(encoding="utf-8")
    trouve = re.search(rf"^{re.escape(cible)}:[^\n]*\n((?:\t[^\n]*\n)+)", makefile, re.M)
    assert trouve, f"pas de cible « {cible} » dans le Makefile"
    return [ligne.strip() for ligne in trouve.group(1).splitlines()]


def _dossier_de_sortie(commande: list[str]) -> str:
    return commande[commande.index("-d") + 1]


@pytest.fixture(scope="module")
def apercu(tmp_path_factory) -> Path:
    """L'aperçu hors ligne du centre de test, construit par la commande de « make apercu-hors-ligne »."""
    centre = copier_centre(FIXTURE, tmp_path_factory.mktemp("apercu-hors-ligne") / "centre")
    recette = _recette(CIBLE)
    assert len(recette) == 1, recette
    assert "$(PY)" in recette[0], recette[0]
    commande = shlex.split(recette[0].replace("$(PY)", PYTHON))
    assert not any("$(" in morceau for morceau in commande), commande
    resultat = subprocess.run(
        commande,
        cwd=centre,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert resultat.returncode == 0, resultat.stderr
    return centre / _dossier_de_sortie(commande)


def test_la_cible_construit_pour_le_disque():
    commande = shlex.split(_recette(CIBLE)[0])
    assert commande[1:4] == ["-m", "mkdocs", "build"], commande
    assert "--no-directory-urls" in commande and "--strict" in commande
    # Hors de site/ (publié) ; le workflow des propositions joint ce dossier-là.
    sortie = _dossier_de_sortie(commande)
    assert not sortie.startswith("site"), sortie
    assert f"path: {sortie}" in (RACINE / ".github" / "workflows" / "verifier.yml").read_text(
        encoding="utf-8"
    )


def test_des_pages_en_x_html_et_index_a_la_racine(apercu):
    assert (apercu / "index.html").is_file()  # le fichier à ouvrir, à la racine du zip
    assert (apercu / "glossaire.html").is_file() and not (apercu / "glossaire").exists()
    assert (apercu / "fiches" / "a-01.html").is_file() and not (apercu / "fiches" / "a-01").exists()
    assert (apercu / "fiches" / "index.html").is_file()
    accueil = BeautifulSoup((apercu / "index.html").read_text(encoding="utf-8"), "html.parser")
    liens = {a["href"] for a in accueil.find_all("a", href=True)}
    assert "glossaire.html" in liens, sorted(liens)


def test_chaque_lien_relatif_mene_a_un_fichier(apercu):
    casses = liens_casses_hors_ligne(apercu)
    assert casses == [], "\n".join(casses)


def test_document_complet_hors_ligne(apercu):
    casses = [c for c in liens_casses_hors_ligne(apercu) if c.startswith(DOCUMENT_COMPLET + " ")]
    assert casses == [], "\n".join(casses)


def test_le_controle_trouve_les_liens_casses(tmp_path):
    (tmp_path / "dossier").mkdir()
    (tmp_path / "dossier" / "index.html").write_text("<p>ici</p>", encoding="utf-8")
    (tmp_path / "page.html").write_text("<p>page</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="page.html#haut">bon</a><a href="dossier/index.html">bon</a><a href="#ancre">ancre</a>'
        '<a href="https://exemple.fr/">externe</a><a href="mailto:a@exemple.fr">courriel</a>'
        '<a href="dossier/">dossier</a><a href="absente.html">absente</a><a href="/page.html">absolu</a>'
        '<img src="../dehors.png">',
        encoding="utf-8",
    )
    (tmp_path / "404.html").write_text(
        '<a href="/">servie par un serveur seulement</a>', encoding="utf-8"
    )
    casses = liens_casses_hors_ligne(tmp_path)
    assert casses == [
        "index.html : « dossier/ » (un dossier, pas une page)",
        "index.html : « absente.html » (fichier absent)",
        "index.html : « /page.html » (absolu : mène à la racine du disque)",
        "index.html : « ../dehors.png » (sort de l'aperçu)",
    ], casses


# -- le résumé « Relire la proposition » -------------------------------------------------

URL_PDF = "https://github.com/exemple/projet-social/actions/runs/123/artifacts/456"
URL_APERCU = "https://github.com/exemple/projet-social/actions/runs/123/artifacts/789"
LIEN = re.compile(r"\[([^\]]+)\]\(([^)\s]*)\)")


def test_resume_avec_les_deux_liens():
    texte = resume_relecture.section(URL_PDF, URL_APERCU)
    assert texte.startswith("## Relire la proposition\n")
    assert LIEN.findall(texte) == [
        ("Ouvrir le projet social complet en PDF", URL_PDF),
        ("Télécharger l'aperçu du site", URL_APERCU),
    ]
    assert "en un clic" in texte and "`index.html`" in texte and "décompressez" in texte


@pytest.mark.parametrize(
    "hostile",
    [
        "https://github.com/o/r/a(x)](javascript:alert(1))",
        'https://github.com/o/r/a"><script>alert(1)</script>',
        "https://github.com/o/r/a`code`'|*_[x]\\",
        "https://github.com/o/r/aé",
    ],
)
def test_resume_echappe_les_adresses(hostile):
    texte = resume_relecture.section(hostile, URL_APERCU)
    liens = LIEN.findall(texte)
    # Toujours exactement deux liens, sur leurs textes ; l'adresse reste dans son lien.
    assert [titre for titre, _ in liens] == [
        "Ouvrir le projet social complet en PDF",
        "Télécharger l'aperçu du site",
    ]
    adresse = liens[0][1]
    assert adresse.startswith("https://github.com/o/r/a") and liens[1][1] == URL_APERCU
    assert not set(adresse) & set(" ()[]<>\"'`|\\*"), adresse
    assert "<script>" not in texte and "](javascript:" not in texte


@pytest.mark.parametrize(
    "refusee",
    [
        "",
        "   ",
        None,
        "javascript:alert(1)",
        "http://github.com/o/r/artifacts/1",
        "https://",
        "//github.com/x",
        URL_PDF + "\n## Faux titre",
        URL_PDF + " suite",
    ],
)
def test_resume_refuse_ce_qui_n_est_pas_une_adresse_https(refusee):
    texte = resume_relecture.section(refusee, URL_APERCU)
    assert "Le PDF du projet social complet n'a pas été joint" in texte
    assert LIEN.findall(texte) == [("Télécharger l'aperçu du site", URL_APERCU)]
    assert "Faux titre" not in texte and "javascript" not in texte


def test_resume_sans_aucun_artefact():
    texte = resume_relecture.section(None, None)
    assert LIEN.findall(texte) == []
    assert "n'a pas été joint" in texte and "Corrigez d'abord" in texte


def test_make_resume_relecture_ajoute_au_resume(tmp_path):
    resume = tmp_path / "resume.md"
    resume.write_text("## Vérification du contenu\n\nAucune erreur.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    env.update(GITHUB_STEP_SUMMARY=str(resume), URL_PDF=URL_PDF, URL_APERCU=URL_APERCU)
    sortie = subprocess.run(
        ["make", "-s", "-C", str(RACINE), "resume-relecture", f"PYTHON={PYTHON}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert sortie.returncode == 0, sortie.stderr
    texte = resume.read_text(encoding="utf-8")
    assert texte.startswith(
        "## Vérification du contenu\n\nAucune erreur.\n"
    )  # le rapport de make check reste
    assert "\n## Relire la proposition\n" in texte and URL_PDF in texte and URL_APERCU in texte
    # Hors de GitHub Actions : à l'écran.
    del env["GITHUB_STEP_SUMMARY"]
    ecran = subprocess.run(
        [PYTHON, str(RACINE / "scripts" / "resume_relecture.py")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert ecran.returncode == 0 and ecran.stdout.startswith("## Relire la proposition")
