"""Les sigles écrits en clair à leur première apparition dans une page (projet_social.sigles_rapides).

Avec Python-Markdown seul (ni MkDocs ni centre de test) : la première apparition d'un sigle dans le
texte d'une page donne « <abbr>FLE</abbr> (français langue étrangère) », les suivantes un simple
<abbr> ; un écran tactile ne peut pas ouvrir le title d'un <abbr>.
"""

import gc
import time
import xml.etree.ElementTree as etree

import markdown
import pytest
from bs4 import BeautifulSoup

from projet_social.assainir import assainir
from projet_social.sigles_rapides import CLASSE, une_explication_par_sigle

GLOSSAIRE = {
    "FLE": "français langue étrangère",
    "CAF": "Caisse d'Allocations Familiales",
    "CAF 63": "CAF du Puy-de-Dôme",
    "PMI": "protection maternelle et infantile",
    "APEVH": "Association des parents d'élèves de l'école V.Hugo",
}


def convertir(
    texte: str, en_clair: bool = True, extensions=("tables", "admonition")
) -> BeautifulSoup:
    md = markdown.Markdown(
        extensions=["abbr", "projet_social.sigles_rapides", *extensions],
        extension_configs={
            "abbr": {"glossary": GLOSSAIRE},
            "projet_social.sigles_rapides": {"en_clair": en_clair},
        },
    )
    return BeautifulSoup(md.convert(texte), "html.parser")


def explications(soupe: BeautifulSoup) -> list[str]:
    """Les sigles écrits en clair, dans l'ordre de la page : « FLE (français langue étrangère) »."""
    return [
        span.find_previous_sibling("abbr").get_text() + span.get_text()
        for span in soupe.select(f"span.{CLASSE}")
    ]


def texte(soupe: BeautifulSoup, selecteur: str = "p") -> list[str]:
    return [" ".join(el.get_text().split()) for el in soupe.select(selecteur)]


def test_premiere_apparition_en_clair_les_suivantes_en_abbr():
    soupe = convertir("Des cours de FLE le lundi.\n\nLe FLE, encore : FLE.")
    assert texte(soupe) == [
        "Des cours de FLE (français langue étrangère) le lundi.",
        "Le FLE, encore : FLE.",
    ]
    assert explications(soupe) == ["FLE (français langue étrangère)"]
    # Chaque apparition reste un <abbr title>, la première comprise.
    assert [a["title"] for a in soupe.find_all("abbr")] == ["français langue étrangère"] * 3
    premier = soupe.find("abbr")
    assert premier.find_next_sibling("span")["class"] == [CLASSE]


def test_chaque_sigle_a_sa_premiere_apparition():
    soupe = convertir("La CAF et la PMI.\n\nLa CAF 63, la CAF, la PMI et le FLE.")
    assert explications(soupe) == [
        "CAF (Caisse d'Allocations Familiales)",
        "PMI (protection maternelle et infantile)",
        "CAF 63 (CAF du Puy-de-Dôme)",
        "FLE (français langue étrangère)",
    ]
    # Le sigle dans l'explication (« CAF du Puy-de-Dôme ») n'est pas un <abbr> de plus.
    assert len(soupe.find_all("abbr")) == 6


def test_pas_dans_un_titre_c_est_le_paragraphe_qui_compte():
    soupe = convertir("# Les cours de FLE\n\n## FLE et CAF\n\nDes cours de FLE.\n\nEt la CAF.")
    assert texte(soupe, "h1, h2") == ["Les cours de FLE", "FLE et CAF"]
    assert [a.get_text() for a in soupe.select("h1 abbr, h2 abbr")] == ["FLE", "FLE", "CAF"]
    assert texte(soupe) == [
        "Des cours de FLE (français langue étrangère).",
        "Et la CAF (Caisse d'Allocations Familiales).",
    ]


@pytest.mark.parametrize(
    "markdown_du_sigle",
    [
        "[les cours de FLE](cours.md)",  # texte d'un lien
        "`FLE`",  # code
        "**[FLE](cours.md)**",  # lien dans un autre élément
    ],
)
def test_pas_dans_un_lien_ni_un_code(markdown_du_sigle):
    soupe = convertir(f"Voir {markdown_du_sigle}.\n\nDes cours de FLE.")
    assert texte(soupe)[1] == "Des cours de FLE (français langue étrangère)."
    assert len(explications(soupe)) == 1


def test_pas_dans_un_en_tete_de_tableau_ni_un_titre_d_encadre():
    soupe = convertir(
        '!!! note "La CAF"\n    Texte.\n\n| FLE | Lieu |\n| --- | --- |\n| un cours de FLE | la CAF |\n'
    )
    assert soupe.select_one("th").get_text() == "FLE"
    assert soupe.select_one("p.admonition-title").get_text() == "La CAF"
    assert texte(soupe, "td") == [
        "un cours de FLE (français langue étrangère)",
        "la CAF (Caisse d'Allocations Familiales)",
    ]


def test_pas_dans_ce_qui_ne_se_voit_que_sur_papier():
    soupe = convertir(
        "La CAF, sur papier.\n{ .ps-imprime-seulement }\n\nLa CAF, partout.",
        extensions=("attr_list",),
    )
    assert texte(soupe) == [
        "La CAF, sur papier.",
        "La CAF (Caisse d'Allocations Familiales), partout.",
    ]


def test_la_queue_d_un_lien_compte():
    # Le texte qui suit un lien, dans le même paragraphe, n'est pas le texte du lien.
    soupe = convertir("[Le FLE](cours.md) : le FLE le lundi.")
    assert texte(soupe) == ["Le FLE : le FLE (français langue étrangère) le lundi."]


@pytest.mark.parametrize(
    "ecrit",
    [
        "Des cours de FLE (français langue étrangère) le lundi.",
        "Des cours de français langue étrangère (FLE) le lundi.",
        "Des cours de Français Langue Etrangère (FLE) le lundi.",  # majuscules, accents
        "Des cours de FLE : français  langue\nétrangère.",  # deux-points, espaces
        "Des cours de *français langue étrangère* (FLE) le lundi.",  # explication dans un autre élément
    ],
)
def test_deja_explique_par_le_texte_pas_deux_fois(ecrit):
    soupe = convertir(f"{ecrit}\n\nPuis le FLE.")
    assert explications(soupe) == []
    assert len(soupe.find_all("abbr")) == 2
    assert texte(soupe)[1] == "Puis le FLE."


def test_explique_dans_un_titre_vaut_pour_la_page():
    soupe = convertir("## Le français langue étrangère (FLE)\n\nDes cours de FLE.")
    assert explications(soupe) == []


def test_glossaire_en_tableau_pas_deux_fois():
    # Comme la page du glossaire : le sens est échappé pour le Markdown (« V\\.Hugo »).
    soupe = convertir(
        "| Sigle | Signification |\n| --- | --- |\n| FLE | français langue étrangère |\n"
        "| CAF | Caisse d'Allocations Familiales |\n| APEVH | Association des parents d'élèves de l'école V\\.Hugo |\n"
    )
    assert explications(soupe) == []
    assert texte(soupe, "td") == [
        "FLE",
        "français langue étrangère",
        "CAF",
        "Caisse d'Allocations Familiales",
        "APEVH",
        "Association des parents d'élèves de l'école V.Hugo",
    ]


def test_sigle_entre_parentheses():
    soupe = convertir("Des cours (FLE) le lundi.")
    assert texte(soupe) == ["Des cours (FLE, français langue étrangère) le lundi."]


def test_sigle_defini_dans_la_page():
    soupe = convertir(
        "*[ANRU]: Agence nationale pour la rénovation urbaine\n\nL'ANRU finance, l'ANRU décide."
    )
    assert texte(soupe) == [
        "L'ANRU (Agence nationale pour la rénovation urbaine) finance, l'ANRU décide."
    ]


def test_sans_en_clair_le_rendu_d_abbr():
    source = (
        "# La CAF\n\nLa CAF et le FLE, la CAF 63.\n\n| FLE | x |\n| --- | --- |\n| CAF | FLE |\n"
    )
    md = markdown.Markdown(
        extensions=["abbr", "tables"], extension_configs={"abbr": {"glossary": GLOSSAIRE}}
    )
    assert str(convertir(source, en_clair=False, extensions=("tables",))) == md.convert(source)


def test_document_complet_une_seule_explication():
    # Comme dans la construction : chaque page est déjà passée par la liste blanche (assainir.py).
    page_1 = assainir(str(convertir("Des cours de FLE avec la CAF.")))
    page_2 = assainir(str(convertir("La PMI et le FLE ; le FLE.")))
    document = une_explication_par_sigle(page_1 + page_2)
    soupe = BeautifulSoup(document, "html.parser")
    assert explications(soupe) == [
        "FLE (français langue étrangère)",
        "CAF (Caisse d'Allocations Familiales)",
        "PMI (protection maternelle et infantile)",
    ]
    assert texte(soupe) == [
        "Des cours de FLE (français langue étrangère) avec la CAF (Caisse d'Allocations Familiales).",
        "La PMI (protection maternelle et infantile) et le FLE ; le FLE.",
    ]
    assert len(soupe.find_all("abbr")) == 5


# -- En temps linéaire ---------------------------------------------------------------------------


def arbre(forme: str, n: int) -> etree.Element:
    """Le corps d'une page comme le laisse Python-Markdown avant les sigles : ``n`` paragraphes
    (« la <em>CAF</em> et le FLE, puis la CAF 63 »), ou un paragraphe de ``n`` éléments suivis
    chacun d'un sigle (« <em>mot i</em> CAF »)."""
    racine = etree.Element("div")
    if forme == "paragraphes":
        for i in range(n):
            p = etree.SubElement(racine, "p")
            p.text = f"Paragraphe {i} : la "
            em = etree.SubElement(p, "em")
            em.text, em.tail = "CAF", " et le FLE, puis la CAF 63."
    else:
        p = etree.SubElement(racine, "p")
        for i in range(n):
            em = etree.SubElement(p, "em")
            em.text, em.tail = f"mot {i}", " CAF "
    return racine


def duree_des_sigles(forme: str, n: int, fois: int = 3) -> tuple[float, str]:
    """(durée du processeur des sigles sur ``arbre(forme, n)``, la meilleure de ``fois``, sans le
    ramasse-miettes de Python, dont les passages ne dépendent pas du processeur ; HTML)."""
    md = markdown.Markdown(
        extensions=["abbr", "projet_social.sigles_rapides"],
        extension_configs={"abbr": {"glossary": GLOSSAIRE}},
    )
    processeur = md.treeprocessors["abbr"]
    meilleure = float("inf")
    for _ in range(fois):
        racine = arbre(forme, n)
        gc.disable()
        try:
            debut = time.perf_counter()
            processeur.run(racine)
            meilleure = min(meilleure, time.perf_counter() - debut)
        finally:
            gc.enable()
    return meilleure, etree.tostring(racine, encoding="unicode")


@pytest.mark.parametrize("forme", ["paragraphes", "un_paragraphe"])
def test_grande_page_en_temps_lineaire(forme):
    # Le processeur d'origine cherchait la position de chaque paragraphe (ou de chaque élément)
    # dans la page : quadratique, plus de 10 s pour 20 000 paragraphes. Ici, huit fois plus de
    # texte doit prendre environ huit fois plus de temps (soixante-quatre en temps quadratique ;
    # la borne, ×25, laisse de la marge à une machine chargée).
    petite, _ = duree_des_sigles(forme, 2000, fois=5)
    grande, html = duree_des_sigles(forme, 16000)
    assert html.count(f'class="{CLASSE}"') == (3 if forme == "paragraphes" else 1)
    assert html.count("<abbr") == (3 * 16000 if forme == "paragraphes" else 16000)
    assert grande < 25 * petite, (
        f"sigles : {grande:.3f} s pour 16 000 éléments, {petite:.3f} s pour 2 000 : "
        f"×{grande / petite:.1f} pour huit fois plus de texte (linéaire : ×8 ; quadratique : ×64)"
    )
