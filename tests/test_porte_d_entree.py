"""La porte d'entrée des habitants : premier écran d'un téléphone, pied de page, recherche, accessibilité.

Sur les centres de test (jamais le contenu du dépôt) :

- à 360 × 640, le premier écran de l'accueil montre un besoin du guide, un formulaire de
  recherche et un numéro de téléphone à toucher (tel:) ;
- chaque sorte de page a, en pied de page, la déclaration d'accessibilité et les mentions légales ;
- la documentation de l'équipe (contribuer/) n'est ni dans le menu ni dans l'index de recherche ;
- axe-core (WCAG 2.0, 2.1, 2.2 A et AA) : aucune violation, à 360 et à 1280 px ;
- chaque lien du contenu fait au moins 24 px de haut, ou en est assez écarté (WCAG 2.2, 2.5.8).

Les captures d'écran (360 px) vont dans CAPTURES (par défaut /tmp/captures).
"""

import json
import os
from pathlib import Path

import pytest
from outils import ECRANS
from projet_social.navigateur import NORMES_AXE, axe_core, onglet_de_lecture

pytestmark = pytest.mark.navigateur

from playwright.sync_api import expect  # noqa: E402

# Les pages des habitants passent aussi les règles de WCAG 2.2 AA (taille des cibles…).
NORMES = dict(
    NORMES_AXE,
    runOnly={"type": "tag", "values": [*NORMES_AXE["runOnly"]["values"], "wcag22aa"]},
)
CAPTURES = Path(os.environ.get("CAPTURES", "/tmp/captures"))

# Une page de chaque sorte, sur le centre de test à deux niveaux.
PAGES = {
    "accueil": "",
    "fiche": "fiches/a-01/",
    "acteur": "acteurs/mjc-des-tilleuls/",
    "rubrique": "guide/besoin/scolarite/",
    "guide": "guide/",
    "noeud": "arbre/domaine-a/",
    "donnees": "donnees/",
    "complet": "projet-social-complet/",
    "lieux": "lieux/",
    "participer": "participer/",
    "accessibilite": "accessibilite/",
    "mentions": "mentions-legales/",
    "equipe": "contribuer/champs/",
}
AXE = [
    "accueil",
    "fiche",
    "acteur",
    "donnees",
    "complet",
    "participer",
    "accessibilite",
    "mentions",
]


@pytest.fixture(scope="module")
def adresse(site_mini, adresse_de):
    return adresse_de(site_mini)


@pytest.fixture
def telephone(navigateur):
    """Un téléphone neuf : le premier écran d'une première visite, défilement à zéro compris."""
    contexte = navigateur.new_context(locale="fr-FR", **ECRANS["telephone"])
    yield onglet_de_lecture(contexte, recherche=True)
    contexte.close()


def _en_haut(page, selecteur: str) -> dict | None:
    """Le premier élément visible de ``selecteur`` dont le bas est dans les 640 premiers pixels."""
    return page.evaluate(
        """sel => {
            for (const e of document.querySelectorAll(sel)) {
                const r = e.getBoundingClientRect();
                if (r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= 640) return {texte: e.textContent.trim(), bas: r.bottom};
            }
            return null;
        }""",
        selecteur,
    )


def test_premier_ecran_de_l_accueil(telephone, adresse):
    telephone.goto(adresse)
    telephone.wait_for_load_state("load")
    assert telephone.evaluate("window.scrollY") == 0
    besoin = _en_haut(telephone, "article a[href*='guide/besoin/']")
    assert besoin, "aucun besoin du guide sur le premier écran"
    champ = _en_haut(telephone, "article form[role=search] input[type=search]")
    bouton = _en_haut(telephone, "article form[role=search] button[type=submit]")
    assert champ and bouton, "pas de formulaire de recherche sur le premier écran"
    # Le champ a un nom accessible (son étiquette) et le formulaire un repère « search ».
    expect(telephone.get_by_role("search", name="Recherche dans le site")).to_be_visible()
    expect(telephone.get_by_role("searchbox", name="Rechercher sur le site")).to_be_visible()
    appel = _en_haut(telephone, "article a[href^='tel:']")
    assert appel, "pas de numéro à toucher (tel:) sur le premier écran"
    CAPTURES.mkdir(parents=True, exist_ok=True)
    telephone.screenshot(path=str(CAPTURES / "accueil-360.png"))


def test_le_formulaire_ouvre_la_recherche(onglets_partages, adresse):
    telephone = onglets_partages("telephone", recherche=True)
    telephone.goto(adresse)
    telephone.get_by_role("searchbox", name="Rechercher sur le site").fill("numerique")
    telephone.get_by_role("button", name="Rechercher", exact=True).click()
    resultats = telephone.locator(".md-search-result__item")
    expect(resultats.first).to_be_visible(timeout=10000)
    assert "B-01" in " ".join(resultats.all_inner_texts())


def test_l_accueil_mene_a_participer(onglets_partages, adresse):
    telephone = onglets_partages("telephone")
    telephone.goto(adresse)
    telephone.locator("article").get_by_role(
        "link", name="Proposer une idée, devenir bénévole"
    ).click()
    expect(telephone.locator("article h1")).to_have_text("Proposer une idée, devenir bénévole")
    # Sans rubrique « participer » dans les données : demander à l'accueil, avec son numéro.
    assert "Demandez à l'accueil" in telephone.locator("article").inner_text()
    assert telephone.locator("article a[href^='tel:']").count() >= 1


@pytest.mark.parametrize("sorte", list(PAGES))
def test_pied_de_page(onglets_partages, adresse, sorte):
    telephone = onglets_partages("telephone")
    telephone.goto(adresse + PAGES[sorte])
    pied = telephone.locator("footer.md-footer nav.ps-pied")
    for texte in ("Déclaration d'accessibilité", "Mentions légales"):
        lien = pied.get_by_role("link", name=texte)
        expect(lien).to_have_count(1)
        hauteur = lien.evaluate("a => a.getBoundingClientRect().height")
        assert hauteur >= 24, f"{texte} : {hauteur} px de haut"
    if sorte in ("fiche", "acteur"):
        CAPTURES.mkdir(parents=True, exist_ok=True)
        telephone.screenshot(path=str(CAPTURES / f"{sorte}-360.png"))


def test_pages_de_confiance(onglets_partages, adresse):
    telephone = onglets_partages("telephone")
    telephone.goto(adresse + "accessibilite/")
    texte = telephone.locator("article").inner_text()
    # Aucun audit dans les données du centre de test : « non conforme », sans rien inventer.
    assert "non conforme" in texte and "Aucun audit" in texte
    assert "Défenseur des droits" in texte and "Libre réponse 71120" in texte
    telephone.goto(adresse + "mentions-legales/")
    texte = telephone.locator("article").inner_text()
    assert "Éditeur : non renseigné" in texte and "Hébergeur : non renseigné" in texte
    assert "directeur_publication" in telephone.locator("article").inner_html()


def _index_de_recherche(site: Path) -> list[str]:
    return [
        d["location"]
        for d in json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    ]


def test_l_equipe_hors_de_la_recherche_et_du_menu(site_mini, site_trois_niveaux):
    from bs4 import BeautifulSoup

    for site in (site_mini, site_trois_niveaux):
        assert (site / "contribuer").is_dir()  # publiée…
        assert [
            l for l in _index_de_recherche(site) if l.startswith("contribuer")
        ] == []  # …mais pas cherchée
        accueil = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
        menu = accueil.select_one(".md-nav--primary")
        assert not [a["href"] for a in menu.select("a[href]") if "contribuer" in a["href"]]
        premier_niveau = [
            e.get_text(" ", strip=True)
            for e in menu.select(
                ".md-nav--primary > .md-nav__list > li > a, "
                ".md-nav--primary > .md-nav__list > li > label"
            )
        ]
        assert "Le projet social" in " ".join(premier_niveau)
        # Le pied de page mène à la documentation de l'équipe.
        equipe = [
            a
            for a in accueil.select("nav.ps-pied a")
            if a.get_text(strip=True) == "Modifier le site (équipe)"
        ]
        assert len(equipe) == 1 and equipe[0]["href"].startswith("contribuer/")


# Chaque page au téléphone (360 px) ; à 1 280 px, celles que test_navigateur.py ne passe pas déjà
# dans axe-core à cette largeur (l'accueil, la fiche, l'acteur et les données y sont).
AXE_PAR_LARGEUR = [(sorte, 360) for sorte in AXE] + [
    (sorte, 1280) for sorte in AXE if sorte not in {"accueil", "fiche", "acteur", "donnees"}
]


@pytest.mark.parametrize("sorte, largeur", AXE_PAR_LARGEUR)
def test_axe_core(onglets_partages, adresse, sorte, largeur):
    page = onglets_partages("telephone" if largeur == 360 else "ordinateur")
    assert page.viewport_size["width"] == largeur
    page.goto(adresse + PAGES[sorte])
    resultats = axe_core(page, NORMES)
    assert resultats.violations_count == 0, resultats.generate_report()


CIBLES = """() => {
    const liens = [...document.querySelectorAll("article.md-content__inner a[href]")]
        .filter(a => a.getClientRects().length && getComputedStyle(a).visibility !== "hidden");
    const rects = liens.map(a => [...a.getClientRects()]);
    const trop_petits = [];
    liens.forEach((a, i) => {
        for (const r of rects[i]) {
            if (r.height >= 24 && r.width >= 24) continue;
            // Exception d'espacement (2.5.8) : un cercle de 24 px centré sur la cible ne touche aucune autre cible.
            const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
            const touche = rects.some((autres, j) => j !== i && autres.some(o => {
                const dx = Math.max(o.left - cx, 0, cx - o.right), dy = Math.max(o.top - cy, 0, cy - o.bottom);
                return dx * dx + dy * dy < 12 * 12;
            }));
            if (touche) trop_petits.push(a.textContent.trim().slice(0, 40) + " (" + Math.round(r.width) + "×" + Math.round(r.height) + ")");
        }
    });
    return trop_petits;
}"""


@pytest.mark.parametrize(
    "sorte",
    ["accueil", "fiche", "acteur", "rubrique", "guide", "donnees", "participer", "mentions"],
)
def test_cibles_de_24_px(onglets_partages, adresse, sorte):
    telephone = onglets_partages("telephone")
    telephone.goto(adresse + PAGES[sorte])
    assert telephone.evaluate(CIBLES) == []
