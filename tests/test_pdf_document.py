"""Le document pour la CAF : le PDF du projet social complet, lu page par page.

Sur une copie du centre de test à trois niveaux dont les pages rédigées sont allongées d'un
paragraphe (un chapitre d'une phrase tient en moins de 200 caractères : ce ne serait pas une
page « presque vide », mais un chapitre court). Jamais sur le contenu du dépôt.

Vérifié dans le texte du PDF (pdftotext, page par page) :
- chaque entrée du sommaire annonce la page où se trouve vraiment le titre qu'elle vise ;
- aucune page, hors couverture, n'a moins de 200 caractères de texte (pas de titre seul sur sa page) ;
- l'échéancier (son tableau) et chaque sigle, avec sa signification, sont dans le document ;
- chaque page, hors couverture, porte en tête le titre de son chapitre (et de l'axe, pour les fiches).
"""

import re
import subprocess

import pytest
import yaml
from bs4 import BeautifulSoup

from outils import FIXTURE_TROIS_NIVEAUX, construire, copier_centre_avec_menu, dans_un_autre_fil


pytestmark = [pytest.mark.navigateur, pytest.mark.pdftotext]

PARAGRAPHE = (
    "\n\nCe paragraphe allonge la page pour le test du document imprimé : il décrit, en quelques phrases, "
    "ce que l'équipe du centre social écrit d'ordinaire dans ce chapitre, avec les habitants et les "
    "partenaires du quartier, pour que la page du document ait la taille d'une vraie page du projet social.\n"
)
PIED = re.compile(r"^\s*(Projet social .*|page \d+ / \d+)\s*$")


def _simple(texte: str) -> str:
    return re.sub(r"\s+", " ", texte).strip()


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    from projet_social.pdf import imprimer

    dossier = tmp_path_factory.mktemp("document-caf")
    centre = copier_centre_avec_menu(FIXTURE_TROIS_NIVEAUX, dossier / "centre")
    for page in (centre / "docs").rglob("*.md"):
        if "fiches" not in page.parts and "contribuer" not in page.parts:
            page.write_text(page.read_text(encoding="utf-8") + PARAGRAPHE, encoding="utf-8")
    resultat = construire(centre, dossier / "site")
    assert resultat.returncode == 0, resultat.stderr[-3000:]
    pdf = dossier / "projet-social.pdf"
    mesures = dans_un_autre_fil(imprimer, dossier / "site", pdf)
    pages = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    html = BeautifulSoup(
        (dossier / "site" / "projet-social-complet" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    return {
        "centre": centre,
        "mesures": mesures,
        "pages": pages,
        "html": html,
        "pdf": pdf,
        "entetes": _entetes_attendus(html),
    }


def _entetes_attendus(html) -> list[str]:
    """Les titres courants attendus, dans l'ordre du document : le sommaire, chaque chapitre,
    et pour les fiches « chapitre — axe »."""

    def titre(section):
        return _simple(section.find(re.compile(r"^h[1-6]$")).get_text())

    entetes = [titre(html.select_one("article nav.ps-sommaire"))]
    for chapitre in html.select("article section.ps-chapitre"):
        entetes.append(titre(chapitre))
        entetes += [
            f"{titre(chapitre)} — {titre(groupe)}"
            for groupe in chapitre.select(":scope > section.ps-groupe-fiches")
        ]
    return entetes


def _premiere_ligne(page: str) -> str:
    return next((_simple(ligne) for ligne in page.splitlines() if ligne.strip()), "")


def _corps(page: str, document: dict) -> str:
    """Le texte d'une page sans son pied (titre du document, « page N / M ») ni son titre courant."""
    lignes = [ligne for ligne in page.splitlines() if not PIED.match(ligne)]
    premiere = next((i for i, ligne in enumerate(lignes) if ligne.strip()), None)
    if premiere is not None and _simple(lignes[premiere]) in document["entetes"]:
        del lignes[premiere]
    return "\n".join(lignes)


def _titre_vise(html, cible: str) -> str:
    section = html.find(id=cible)
    titre = section.find(re.compile(r"^h[1-6]$")) if section.name == "section" else section
    for lien in titre.select(".headerlink"):
        lien.decompose()
    return _simple(titre.get_text())


def test_le_sommaire_annonce_la_page_de_chaque_titre(document):
    pages, html = document["pages"], document["html"]
    entrees = html.select("nav.ps-sommaire .ps-sommaire-entree")
    assert len(entrees) >= 5 + 10  # les 5 fiches, les axes et les chapitres
    # Les entrées telles qu'imprimées : « Titre ........ 12 » (les points sont un filet : pdftotext ne les lit pas).
    debut = next(i for i, p in enumerate(pages) if re.match(r"\s*Sommaire\b", _corps(p, document)))
    lignes = []
    for page in pages[debut : debut + 3]:
        lignes += [
            m.groups()
            for m in re.finditer(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", _corps(page, document), re.M)
        ]
    assert len(lignes) >= len(entrees), lignes
    imprimees = {_simple(titre): int(numero) for titre, numero in lignes}
    for entree in entrees:
        titre = _simple(entree.select_one(".ps-sommaire-titre").get_text())
        assert titre in imprimees, (titre, sorted(imprimees))
        numero = imprimees[titre]
        vise = _titre_vise(html, entree.select_one(".ps-sommaire-page")["data-cible"])
        page = pages[numero - 1]
        # Le titre visé est sur la page annoncée, en début de ligne (un titre, pas une mention dans le texte).
        assert any(_simple(ligne).startswith(vise[:40]) for ligne in page.splitlines()), (
            titre,
            numero,
            vise,
        )
    assert document["mesures"]["ecarts"] == []
    # La place des numéros était réservée : la seconde impression a autant de pages que la première.
    assert document["mesures"]["pages"] == document["mesures"]["brouillon_pages"] == len(pages)


def test_sommaire_sans_double_numerotation(document):
    """Les titres portent leurs numéros (« 1-01 · … ») : la liste du sommaire n'en ajoute pas."""
    nav = document["html"].select_one("nav.ps-sommaire")
    assert nav.find("ol") is None
    sommaire = next(p for p in document["pages"] if re.match(r"\s*Sommaire\b", _corps(p, document)))
    assert re.search(r"^\s*1-01 · Les ateliers numériques du Val", sommaire, re.M)
    assert not re.search(r"^\s*(\d+|[a-z])\.\s", _corps(sommaire, document), re.M), sommaire


def test_pas_de_page_presque_vide(document):
    for numero, page in enumerate(document["pages"][1:], start=2):
        caracteres = len(re.sub(r"\s", "", _corps(page, document)))
        assert caracteres >= 200, (
            f"page {numero} : {caracteres} caractères\n{_corps(page, document)}"
        )


def test_un_axe_s_ouvre_avec_ses_objectifs_et_la_liste_de_ses_fiches(document):
    arbre = yaml.safe_load((document["centre"] / "data" / "arbre.yml").read_text(encoding="utf-8"))
    pluriel = arbre["niveaux"][1]["pluriel"]
    ouvertures = 0
    for page in document["pages"]:
        corps = _simple(_corps(page, document))
        if re.match(r"Axe [12T] : ", corps):
            ouvertures += 1
            assert re.search(r"Les fiches actions|La fiche action", corps), corps[:300]
            assert re.search(r"[12T]-01 · ", corps), corps[:300]
            # L'axe transversal du centre de test n'a pas d'enfant.
            if not corps.startswith("Axe T"):
                assert pluriel in corps, corps[:300]
    assert ouvertures >= 2


def test_echeancier_et_sigles_dans_le_document(document):
    texte = _simple("\n".join(document["pages"]))
    page = next(
        _simple(p) for p in document["pages"] if "Échéancier 2021-2024 : Axe 1" in _simple(p)
    )
    for code in ("1-01", "1-02", "2-01", "2-02", "T-01"):
        assert code in page, code
    assert re.search(r"2021 .*2022 .*2023 .*2024", page)
    assert "prévu" in page
    sigles = yaml.safe_load(
        (document["centre"] / "data" / "sigles.yml").read_text(encoding="utf-8")
    )
    for sigle, sens in sigles.items():
        assert re.search(rf"\b{re.escape(sigle)} : {re.escape(_simple(sens))}", texte), sigle


def test_couverture(document):
    couverture = _simple(document["pages"][0])
    assert "Projet social 2021-2024" in couverture
    assert "Période d'agrément : de 2021 à 2024." in couverture
    assert re.search(r"Document du \d{1,2}(er)? \w+ 20\d\d", couverture)


def test_titre_courant_du_chapitre(document):
    """Chaque page, hors couverture, porte en tête le titre de son chapitre (pour les fiches :
    « chapitre — axe »), y compris les pages qui ne l'ouvrent pas ; dans l'ordre du document."""
    pages, entetes = document["pages"], document["entetes"]
    assert not any(_premiere_ligne(pages[0]).startswith(e) for e in entetes), pages[0][:300]
    lus = [_premiere_ligne(page) for page in pages[1:]]
    for numero, ligne in enumerate(lus, start=2):
        assert ligne in entetes, f"page {numero} : « {ligne} » n'est pas un titre courant attendu"
    # Chaque titre courant apparaît, une fois pour toutes ses pages, dans l'ordre des chapitres.
    suite = [e for i, e in enumerate(lus) if i == 0 or e != lus[i - 1]]
    assert suite == entetes, suite
    # Une page au milieu d'un chapitre, qui ne l'ouvre pas : la deuxième fiche de l'axe 1.
    html = document["html"]
    fiche = _simple(
        html.select("section.ps-groupe-fiches section.ps-fiche")[1]
        .find(re.compile(r"^h[1-6]$"))
        .get_text()
    )
    page = pages[
        int(next(n for t, n in document["mesures"]["sommaire"] if _simple(t) == fiche)) - 1
    ]
    assert any(_simple(ligne).startswith(fiche) for ligne in page.splitlines())
    axe = html.select_one("section.ps-groupe-fiches")
    chapitre = axe.find_parent("section", class_="ps-chapitre")
    attendu = f"{_simple(chapitre.find('h2').get_text())} — {_simple(axe.find('h3').get_text())}"
    assert attendu.startswith("Les fiches actions — Axe 1 : ")
    assert _premiere_ligne(page) == attendu
    assert not any(
        _simple(ligne) == _simple(chapitre.find("h2").get_text()) for ligne in page.splitlines()[1:]
    )
