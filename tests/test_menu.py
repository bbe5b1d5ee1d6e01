"""Le menu vient du contenu (data/menu.yml) : vérifié en français par make check, sans chemin dans mkdocs.yml."""

import shutil

import yaml
from bs4 import BeautifulSoup

from outils import FIXTURE_TROIS_NIVEAUX, RACINE, bloquantes, construire, copier_centre
from projet_social.chargement import charger


def _copie(tmp_path):
    return copier_centre(FIXTURE_TROIS_NIVEAUX, tmp_path / "centre")


def test_le_produit_ne_nomme_aucune_page_d_un_centre():
    config = yaml.safe_load(
        (RACINE / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", "")
    )
    assert "nav" not in config


def test_entree_vers_une_page_supprimee(tmp_path):
    centre = _copie(tmp_path)
    (centre / "docs/contacts.md").unlink()
    erreurs = bloquantes(centre)
    assert len(erreurs) == 1, erreurs
    e = erreurs[0]
    lignes = (centre / "data/menu.yml").read_text(encoding="utf-8").splitlines()
    assert e.fichier == "data/menu.yml" and "contacts.md" in lignes[e.ligne - 1]
    assert "n'existe pas dans docs/" in e.message and "data/menu.yml" in e.attendu


def test_menu_mal_forme(tmp_path):
    centre = _copie(tmp_path)
    (centre / "data/menu.yml").write_text(
        "- Accueil: index.md\n- Deux: [a.md]\n  Titres: b.md\n", encoding="utf-8"
    )
    erreurs = bloquantes(centre)
    assert erreurs and all(e.fichier == "data/menu.yml" for e in erreurs)


def test_page_absente_du_menu_avertie(tmp_path):
    centre = _copie(tmp_path)
    (centre / "docs/nouvelle.md").write_text("# Une nouvelle page\n", encoding="utf-8")
    _, erreurs = charger(centre)
    (avertissement,) = [e for e in erreurs if e.fichier == "docs/nouvelle.md"]
    assert not avertissement.bloquante and "pas dans le menu" in avertissement.message
    assert "- Titre: nouvelle.md" in avertissement.attendu


def test_ajouter_renommer_retirer_un_chapitre(tmp_path):
    """Un chapitre ajouté, un renommé, un retiré : dans data/ et docs/ seulement ; le site suit."""
    centre = _copie(tmp_path)
    menu = centre / "data/menu.yml"
    texte = menu.read_text(encoding="utf-8")
    (centre / "docs/contacts.md").unlink()
    texte = texte.replace("- Contacts: contacts.md\n", "")
    texte = texte.replace(
        "- Gouvernance et organisation: gouvernance.md",
        "- Qui décide: gouvernance.md\n- Nos partenaires: partenaires.md",
    )
    menu.write_text(texte, encoding="utf-8")
    (centre / "docs/partenaires.md").write_text("# Nos partenaires\n", encoding="utf-8")
    assert bloquantes(centre) == []
    resultat = construire(centre, tmp_path / "site")
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    accueil = BeautifulSoup(
        (tmp_path / "site/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    titres = [
        a.get_text(" ", strip=True)
        for a in accueil.select(
            ".md-nav--primary > .md-nav__list > li > a, .md-nav--primary > .md-nav__list > li > label"
        )
    ]
    assert (
        "Qui décide" in " ".join(titres)
        and "Nos partenaires" in " ".join(titres)
        and "Contacts" not in " ".join(titres)
    )
    # Le document complet suit le menu.
    complet = (tmp_path / "site/projet-social-complet/index.html").read_text(encoding="utf-8")
    assert complet.index("Qui décide") < complet.index("Nos partenaires")


def test_sans_menu_le_site_se_construit_seul(tmp_path):
    centre = _copie(tmp_path)
    (centre / "data/menu.yml").unlink()
    shutil.rmtree(centre / "docs/projets-specifiques")
    assert bloquantes(centre) == []
    resultat = construire(centre, tmp_path / "site")
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
