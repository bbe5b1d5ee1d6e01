"""Le texte des équipes est du contenu : ni Jinja, ni HTML, ni lien javascript: ne s'exécutent."""

import re

import pytest
from bs4 import BeautifulSoup

from outils import FIXTURE, construire, copier_centre, remplacer

PIEGE = "{{ 7*7 }} {% include 'mkdocs.yml' %} <script>alert(1)</script> *étoile* | barre"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    centre = copier_centre(FIXTURE, tmp_path_factory.mktemp("piege") / "centre")
    fiche = centre / "docs/fiches/b-01.md"
    remplacer(fiche, "titre: L'accompagnement à la scolarité (CLAS)", f'titre: "{PIEGE}"')
    remplacer(
        fiche,
        "contexte: Les parents demandent un soutien pour les devoirs.",
        "contexte: |\n  {% raw %}x{% endraw %} <img src=x onerror=alert(2)> [clic](javascript:alert(3))\n"
        '  [ok](https://exemple.fr) {: onclick="alert(4)" }\n\n  <iframe src="https://mal.example"></iframe>',
    )
    fiche.write_text(
        fiche.read_text(encoding="utf-8") + "Corps : {{ 6*7 }} <script>alert(5)</script>\n",
        encoding="utf-8",
    )
    (centre / "docs/quartier.md").write_text(
        '---\ntitle: "</title><script>alert(6)</script>"\n---\n# Quartier {{ 6*7 }} <b>gras</b>\n\n{% for i in range(3) %}boucle{% endfor %}\n',
        encoding="utf-8",
    )
    remplacer(
        centre / "data/arbre.yml",
        "titre: Accompagner la scolarité",
        'titre: "Accompagner <script>alert(7)</script> | * la scolarité"',
    )
    remplacer(
        centre / "data/acteurs.yml",
        "nom: École des Tilleuls",
        'nom: "École <script>alert(8)</script> {{ 1+1 }}"',
    )
    remplacer(
        centre / "data/sigles.yml",
        "MJC: Maison des jeunes et de la culture",
        'MJC: "Maison <i>des</i> jeunes \\" onmouseover=alert(9)"',
    )
    # Le guide de territoire : précisions d'une permanence, missions, nom d'un lieu (affiché aussi sur la carte).
    remplacer(
        centre / "data/acteurs.yml",
        "precisions: sur rendez-vous",
        'precisions: "sur <script>alert(10)</script> rdv | * {{ 2*2 }}"',
    )
    remplacer(
        centre / "data/acteurs.yml",
        "    - Ateliers numériques",
        "    - Ateliers <b onclick=alert(11)>numériques</b> {% if 1 %}x{% endif %}",
    )
    remplacer(
        centre / "data/lieux.yml",
        "nom: Maison des Tilleuls",
        'nom: "Maison \\"><script>alert(12)</script>"',
    )
    sortie = centre.parent / "site"
    resultat = construire(centre, sortie)
    assert resultat.returncode == 0, resultat.stderr
    return sortie


def tous_les_html(site):
    return {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_aucun_script_ni_attribut_injecte(site):
    for chemin, html in tous_les_html(site).items():
        soupe = BeautifulSoup(html, "html.parser")
        for script in soupe.find_all("script"):
            assert "alert" not in script.get_text(), chemin
        for element in soupe.find_all(True):
            for nom, valeur in element.attrs.items():
                assert not nom.startswith("on"), (chemin, element)
                if nom in ("href", "src"):
                    assert not str(valeur).strip().lower().startswith("javascript:"), (
                        chemin,
                        element,
                    )
        assert soupe.find("iframe") is None and soupe.find("img", src="x") is None, chemin


def test_le_texte_s_affiche_tel_que_tape(site):
    fiche = BeautifulSoup(
        (site / "fiches/b-01/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    titre = fiche.select_one("article h1").get_text()
    assert titre == "B-01 · " + PIEGE
    texte = fiche.select_one("article").get_text()
    assert "{% raw %}x{% endraw %}" in texte and "<img src=x onerror=alert(2)>" in texte
    assert "Corps : {{ 6*7 }} <script>alert(5)</script>" in texte
    assert "42" not in texte and "49" not in texte
    assert fiche.find("a", string="clic") is None and fiche.find("span", string="clic") is not None
    assert fiche.find("a", string="ok")["href"] == "https://exemple.fr"
    assert "<script>alert(1)</script>" in fiche.title.get_text()


def test_page_redigee_non_interpretee(site):
    page = BeautifulSoup((site / "quartier/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("article h1").get_text() == "Quartier {{ 6*7 }} <b>gras</b>"
    assert "{% for i in range(3) %}boucle{% endfor %}" in page.select_one("article").get_text()
    assert page.title.get_text().startswith("</title><script>alert(6)</script>")


def test_titres_avec_etoile_et_barre_dans_les_tableaux(site):
    echeancier = BeautifulSoup(
        (site / "echeancier/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    ligne = echeancier.find(id="echeancier-domaine-b").find_next("table").select("tbody tr")[-1]
    cellules = ligne.find_all(["th", "td"])
    assert len(cellules) == 6
    assert cellules[0].get_text() == "B-01 · " + PIEGE
    noeud = BeautifulSoup(
        (site / "arbre/domaine-b/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert (
        noeud.find(id="objectif-b1").get_text()
        == "Objectif B.1 : Accompagner <script>alert(7)</script> | * la scolarité"
    )


def test_acteur_et_sigle_echappes(site):
    acteur = BeautifulSoup(
        (site / "acteurs/ecole-des-tilleuls/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert acteur.select_one("article h1").get_text() == "École <script>alert(8)</script> {{ 1+1 }}"
    quartier = (site / "glossaire/index.html").read_text(encoding="utf-8")
    assert re.search(
        r"<td>Maison &lt;i&gt;des&lt;/i&gt; jeunes \" onmouseover=alert\(9\)</td>", quartier
    )


def test_guide_de_territoire_echappe(site):
    acteur = BeautifulSoup(
        (site / "acteurs/mjc-des-tilleuls/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    texte = acteur.select_one("article").get_text(" ")
    assert "Précisions : sur <script>alert(10)</script> rdv | * {{ 2*2 }}" in texte
    assert "Ateliers <b onclick=alert(11)>numériques</b> {% if 1 %}x{% endif %}" in texte
    lieux = BeautifulSoup((site / "lieux/index.html").read_text(encoding="utf-8"), "html.parser")
    assert (
        lieux.select_one("#lieu-maison-des-tilleuls .ps-lieu-nom").get_text()
        == 'Maison "><script>alert(12)</script>'
    )
