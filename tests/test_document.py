"""Le projet social en un seul document : la page complète et son PDF.

Sur le second centre de test (trois niveaux, avec un menu comme celui du produit) : jamais sur le
contenu du dépôt, que l'équipe modifie.
"""

import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from outils import FIXTURE, construire, copier_centre, dans_un_autre_fil
from projet_social.chargement import charger


@pytest.fixture(scope="module")
def projet(centre_trois_niveaux):
    return charger(centre_trois_niveaux)[0]


@pytest.fixture(scope="module")
def site(site_trois_niveaux):
    return site_trois_niveaux


def article(site, chemin="projet-social-complet/index.html"):
    return BeautifulSoup((site / chemin).read_text(encoding="utf-8"), "html.parser").select_one(
        "article"
    )


def test_chaque_fiche_une_fois_dans_l_ordre_de_l_arbre(site, projet):
    doc = article(site)
    titres = [
        re.sub(r"\s+", " ", s.find(re.compile(r"^h\d$")).get_text()).strip()
        for s in doc.select("section.ps-fiche")
    ]
    attendus = [
        f.code + " · " + re.sub(r"\s+", " ", f.titre).strip() for f in projet.fiches.values()
    ]
    assert titres == attendus
    # Écrit à la main, pour ne pas seulement recopier la logique : l'ordre de l'arbre (axes 1, 2, T).
    assert titres == [
        "1-01 · Les ateliers numériques du Val",
        "1-02 · L'accueil et l'accompagnement aux démarches",
        "2-01 · Le café des parents",
        "2-02 · L'accompagnement à la scolarité (CLAS)",
        "T-01 · Le comité d'usagers",
    ]


def test_chapitres_dans_l_ordre_du_document(site):
    doc = article(site)
    sommaire = doc.select_one("nav.ps-sommaire > ul")  # sans numéros : les titres ont les leurs
    chapitres = [
        re.sub(
            r"\s+",
            " ",
            li.find(["a", "span"], recursive=False).get_text()
            if li.find(["a"], recursive=False)
            else li.contents[0].get_text(),
        ).strip()
        for li in sommaire.find_all("li", recursive=False)
    ]
    assert len(doc.find_all("section", class_="ps-chapitre", recursive=False)) == len(chapitres)
    attendus = [
        "Préambule et contexte",
        "Synthèse du diagnostic",
        "Orientations",
        "Arbre des objectifs",
        "Projets spécifiques",
        "Fiches actions",
        "Suivi et évaluation",
        "Gouvernance et organisation",
        "Sigles et abréviations",
        "Contacts",
        "Délibération du conseil municipal",
    ]
    for attendu in attendus:
        assert any(attendu.lower()[:12] in c.lower() for c in chapitres), (attendu, chapitres)
    positions = [
        next(i for i, c in enumerate(chapitres) if attendu.lower()[:12] in c.lower())
        for attendu in attendus
    ]
    assert positions == sorted(positions)


def test_sommaire_et_liens_internes(site):
    doc = article(site)
    ids = [e["id"] for e in doc.find_all(id=True)]
    assert len(ids) == len(set(ids)), "identifiants en double dans le document"
    sommaire = doc.select_one("nav.ps-sommaire")
    assert len(sommaire.select("a")) >= 5 + 10  # les 5 fiches et au moins 10 chapitres
    for lien in doc.select('a[href^="#"]'):
        assert lien["href"][1:] in ids, lien["href"]


def test_echeancier_dans_le_document(site):
    """L'échéancier (entrée « Échéancier » de la section « Suivi et évaluation ») y est, avec son tableau."""
    doc = article(site)
    section = doc.find("section", id="doc-echeancier")
    assert section is not None and section.find("table") is not None
    assert "1-01" in section.find("table").get_text()


def test_adresse_de_chaque_fiche_sous_son_titre(site):
    fiche = article(site).select_one("section.ps-fiche")
    assert "fiches/1-01/" in fiche.select_one(".ps-url-imprimee").get_text()
    seule = article(site, "fiches/1-01/index.html")
    assert "fiches/1-01/" in seule.select_one(".ps-imprime-seulement").get_text()


def test_centre_de_test_a_deux_niveaux(site_mini):
    # site_mini : construit (code de retour 0 vérifié) une fois pour la session, dans conftest.py.
    doc = article(site_mini)
    groupes = [
        g.find(re.compile(r"^h\d$")).get_text() for g in doc.select("section.ps-groupe-fiches")
    ]
    assert groupes == ["Domaine A : Vivre ensemble au quartier", "Domaine B : Grandir et apprendre"]
    assert "Le quartier des Tilleuls" in doc.get_text()


@pytest.mark.navigateur
@pytest.mark.pdftotext
def test_pdf(site, projet, tmp_path):
    from projet_social.pdf import imprimer

    pdf = tmp_path / "projet-social.pdf"
    mesures = dans_un_autre_fil(
        imprimer, site, pdf
    )  # son propre Playwright : voir outils.dans_un_autre_fil
    infos = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(
        r"^Title:\s+Projet social 2021-2024 — Centre social du Val des Peupliers \(centre fictif de test\)$",
        infos,
        re.M,
    )
    assert re.search(r"^Tagged:\s+yes$", infos, re.M)
    pages = int(re.search(r"^Pages:\s+(\d+)$", infos, re.M).group(1))
    assert pages > len(projet.fiches)
    assert b"/Lang (fr)" in pdf.read_bytes()
    texte = re.sub(
        r"\s+",
        " ",
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout,
    )
    for fiche in projet.fiches.values():
        assert re.sub(r"\s+", " ", fiche.titre) in texte, fiche.code
    for sigle in projet.sigles:
        assert sigle in texte, sigle
    print(f"PDF : {pages} pages, {mesures['octets'] / 1e6:.1f} Mo, {mesures['secondes']:.1f} s")


def test_pdf_publie_avec_sa_taille_et_sa_date(tmp_path, monkeypatch):
    """Avec PROJET_SOCIAL_PDF (ce que fait « make pdf »), le PDF est publié et l'accueil le présente."""
    pdf = tmp_path / "projet-social.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 250_000)
    monkeypatch.setenv("PROJET_SOCIAL_PDF", str(pdf))
    centre = copier_centre(FIXTURE, tmp_path / "centre")
    assert construire(centre, tmp_path / "site").returncode == 0
    assert (tmp_path / "site" / "projet-social.pdf").read_bytes() == pdf.read_bytes()
    for chemin in ("index.html", "donnees/index.html"):
        page = article(tmp_path / "site", chemin)
        lien = page.find("a", href=re.compile(r"projet-social\.pdf$"))
        assert lien is not None, chemin
        assert re.search(r"250 ko, \d{1,2}(er)? \w+ 20\d\d", lien.parent.get_text()), (
            lien.parent.get_text()
        )
