"""Le document pour la CAF, en Word : « make docx » (projet_social.docx), relu avec python-docx.

Sur une copie du centre de test à trois niveaux, construite avec une adresse publique (site_url),
convertie depuis sa page « projet social complet » (le même document assemblé que le site et le PDF).
Jamais sur le contenu du dépôt.

Vérifié dans le fichier Word :
- les titres sont les styles de titre de Word, dans l'ordre de l'arbre : chapitre (Titre 1),
  nœud de premier niveau (Titre 2), fiche (Titre 3), comme les sections du document HTML ;
- chaque fiche est titre une seule fois, avec son adresse sur le site sous son titre ;
- chaque sigle de data/sigles.yml et sa signification ; chaque tableau, cellule pour cellule ;
- un champ « table des matières » (TOC) à la place du sommaire HTML, la langue française, le titre ;
- deux conversions du même site donnent le même fichier ;
- avec PROJET_SOCIAL_DOCX, le document est publié avec le site et lié depuis l'accueil.
"""

import os
import re
import zipfile

import pytest
import yaml
from bs4 import BeautifulSoup

from outils import FIXTURE_TROIS_NIVEAUX, construire, copier_centre_avec_menu

docx = pytest.importorskip("docx")

ADRESSE = "https://centre-de-test.example.org/projet/"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NIVEAUX = {"ps-chapitre": 1, "ps-partie": 2, "ps-groupe-fiches": 2, "ps-fiche": 3}


def _simple(texte: str) -> str:
    return re.sub(r"\s+", " ", texte).strip()


def _construire(centre, site, **variables):
    """``construire`` avec des variables d'environnement données (et sans celles d'un autre test)."""
    avant = {
        cle: os.environ.get(cle)
        for cle in ("SITE_URL", "PROJET_SOCIAL_PDF", "PROJET_SOCIAL_DOCX", *variables)
    }
    try:
        for cle in avant:
            os.environ.pop(cle, None)
        os.environ.update(variables)
        return construire(centre, site)
    finally:
        for cle, valeur in avant.items():
            os.environ.pop(cle, None)
            if valeur is not None:
                os.environ[cle] = valeur


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    from projet_social.docx import convertir

    dossier = tmp_path_factory.mktemp("document-word")
    centre = copier_centre_avec_menu(FIXTURE_TROIS_NIVEAUX, dossier / "centre")
    with (centre / "mkdocs.yml").open("a", encoding="utf-8") as flux:
        flux.write(f"site_url: {ADRESSE}\n")
    resultat = _construire(centre, dossier / "site")
    assert resultat.returncode == 0, resultat.stderr[-3000:]
    sortie = dossier / "projet-social.docx"
    mesures = convertir(dossier / "site", sortie, epoch=1_700_000_000)
    page = BeautifulSoup(
        (dossier / "site" / "projet-social-complet" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    return {
        "dossier": dossier,
        "centre": centre,
        "docx": sortie,
        "mesures": mesures,
        "word": docx.Document(str(sortie)),
        "article": page.select_one("article"),
    }


def _titres(word) -> list[tuple[int, str]]:
    """Les titres du document Word : (niveau, texte), pour les styles « Heading N » (« Titre N » en français)."""
    titres = []
    for paragraphe in word.paragraphs:
        trouve = re.fullmatch(r"Heading (\d)", paragraphe.style.name)
        if trouve:
            titres.append((int(trouve.group(1)), _simple(paragraphe.text)))
    return titres


def _sections(article) -> list[tuple[int, str]]:
    """Les sections du document HTML (chapitres, parties, nœuds, fiches), dans l'ordre : (niveau, titre)."""
    sections = []
    for section in article.select("section"):
        classe = next((c for c in section.get("class", []) if c in NIVEAUX), None)
        if classe is None:
            continue
        titre = section.find(re.compile(r"^h[1-6]$"))
        for lien in titre.select(".headerlink"):
            lien.decompose()
        sections.append((NIVEAUX[classe], _simple(titre.get_text())))
    return sections


def _texte(word) -> str:
    morceaux = [p.text for p in word.paragraphs]
    for tableau in word.tables:
        morceaux += [cellule.text for ligne in tableau.rows for cellule in ligne.cells]
    return _simple(" ".join(morceaux))


def test_titres_dans_l_ordre_de_l_arbre(document):
    titres, sections = _titres(document["word"]), _sections(document["article"])
    assert sections and any(n == 3 for n, _ in sections)
    # Chaque section du document, à son niveau, dans le même ordre (entre elles : les titres de leur texte).
    reste = iter(titres)
    for attendu in sections:
        assert any(t == attendu for t in reste), f"titre absent ou hors d'ordre : {attendu}"
    # Les chapitres sont les seuls « Titre 1 ».
    assert [t for t in titres if t[0] == 1] == [s for s in sections if s[0] == 1]


def test_chaque_fiche_est_un_titre_une_seule_fois(document):
    fiches = [t for n, t in _sections(document["article"]) if n == 3]
    titres = [t for _, t in _titres(document["word"])]
    assert fiches
    for fiche in fiches:
        assert titres.count(fiche) == 1, fiche
        assert (3, fiche) in _titres(document["word"]), fiche


def test_adresse_de_chaque_fiche(document):
    texte = _texte(document["word"])
    fiches = document["article"].select("section.ps-fiche")
    assert fiches
    for section in fiches:
        lien = section.select_one("p.ps-url-imprimee a[href]")
        assert lien is not None and lien["href"].startswith(ADRESSE), section.get("id")
        assert lien["href"] in texte, lien["href"]
    # Les liens vers le site mènent à son adresse publique (aucun lien relatif, inutilisable dans Word).
    relations = document["word"].part.rels.values()
    externes = [r.target_ref for r in relations if r.reltype.endswith("/hyperlink")]
    assert externes and all(re.match(r"^(https?|mailto|tel):", cible) for cible in externes), (
        externes
    )


def test_chaque_sigle_et_sa_signification(document):
    sigles = yaml.safe_load(
        (document["centre"] / "data" / "sigles.yml").read_text(encoding="utf-8")
    )
    texte = _texte(document["word"])
    assert sigles
    for sigle, signification in sigles.items():
        assert re.search(rf"\b{re.escape(sigle)}\b", texte), sigle
        assert _simple(signification) in texte, signification


def test_chaque_tableau_cellule_pour_cellule(document):
    tableaux_html = document["article"].find_all("table")
    tableaux_word = document["word"].tables
    assert tableaux_html
    assert len(tableaux_word) == len(tableaux_html)
    for html, word in zip(tableaux_html, tableaux_word):
        assert len(word._tbl.findall(f".//{W}tc")) == len(html.find_all(["td", "th"])), _simple(
            html.get_text()
        )[:80]


def test_sommaire_champ_table_des_matieres(document):
    corps = document["word"].element.body
    instructions = [e.text or "" for e in corps.iter(f"{W}instrText")]
    simples = [e.get(f"{W}instr") or "" for e in corps.iter(f"{W}fldSimple")]
    assert any("TOC" in i for i in instructions + simples)
    # Le sommaire HTML n'est pas recopié en plus du champ.
    assert not any(
        p.style.name.startswith("toc") and "Sommaire" not in p.text
        for p in document["word"].paragraphs
    )


def test_langue_titre_et_couverture(document):
    with zipfile.ZipFile(document["docx"]) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    assert re.search(r'<w:lang [^>]*w:val="fr-FR"', styles), "langue du document : français"
    nom = _simple(document["article"].select_one("h1.ps-couverture-titre").get_text())
    word = document["word"]
    assert word.core_properties.title == nom
    premiers = [(p.style.name, _simple(p.text)) for p in word.paragraphs[:2]]
    assert premiers[0] == ("Title", nom)
    assert premiers[1][0] == "Subtitle" and premiers[1][1].startswith("Projet social")


def test_deux_conversions_meme_fichier(document, tmp_path):
    from projet_social.docx import convertir

    convertir(document["dossier"] / "site", tmp_path / "bis.docx", epoch=1_700_000_000)
    assert (tmp_path / "bis.docx").read_bytes() == document["docx"].read_bytes()


def test_publie_et_lie_a_cote_du_pdf(document):
    pdf = document["dossier"] / "projet-social.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 250_000)
    site = document["dossier"] / "site-publie"
    resultat = _construire(
        document["centre"],
        site,
        PROJET_SOCIAL_PDF=str(pdf),
        PROJET_SOCIAL_DOCX=str(document["docx"]),
    )
    assert resultat.returncode == 0, resultat.stderr[-3000:]
    assert (site / "projet-social.docx").read_bytes() == document["docx"].read_bytes()
    for chemin in ("index.html", "projet-social-complet/index.html"):
        article = BeautifulSoup(
            (site / chemin).read_text(encoding="utf-8"), "html.parser"
        ).select_one("article")
        assert article.find("a", href=re.compile(r"projet-social\.pdf$")) is not None, chemin
        lien = article.find("a", href=re.compile(r"projet-social\.docx$"))
        assert lien is not None, chemin
        assert re.search(r"en Word \(\d+ ko, \d{1,2}(er)? \w+ 20\d\d\)", lien.get_text()), (
            lien.get_text()
        )


def test_publie_sans_pdf_sans_lien(document):
    """« make docx » sans « make pdf » : le document Word est publié, mais les pages ne lient que le document
    accompagné de son PDF (le lien Word est à côté de celui du PDF)."""
    site = document["dossier"] / "site-sans-pdf"
    resultat = _construire(document["centre"], site, PROJET_SOCIAL_DOCX=str(document["docx"]))
    assert resultat.returncode == 0, resultat.stderr[-3000:]
    assert (site / "projet-social.docx").is_file()
