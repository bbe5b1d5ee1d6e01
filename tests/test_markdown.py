"""Extensions Markdown du projet : sigles sans coût quadratique, contenu assaini."""

import markdown
from bs4 import BeautifulSoup

GLOSSAIRE = {
    "CAF": "Caisse d'allocations familiales",
    "MJC": "Maison des jeunes et de la culture",
    "CAF 63": "CAF du Puy-de-Dôme",
}
TEXTE = """# La CAF et la MJC

Avec la CAF 63, la MJC *et la CAF* : **MJC** puis CAF.

- CAF
- une MJC, puis *la CAF* et la MJC
    - imbriqué : CAF

| Sigle | Texte |
| --- | --- |
| CAF | la MJC et la CAF |

CAFÉ n'est pas un sigle, ni MJCX.
"""


def convertir(extensions):
    md = markdown.Markdown(
        extensions=extensions, extension_configs={"abbr": {"glossary": GLOSSAIRE}}
    )
    return md.convert(TEXTE)


def test_sigles_rapides_rend_comme_abbr():
    attendu = convertir(["abbr", "tables"])
    # Sans « en_clair » : le rendu d'abbr (l'explication à la première apparition : tests/test_sigles.py).
    obtenu = markdown.Markdown(
        extensions=["abbr", "projet_social.sigles_rapides", "tables"],
        extension_configs={
            "abbr": {"glossary": GLOSSAIRE},
            "projet_social.sigles_rapides": {"en_clair": False},
        },
    ).convert(TEXTE)
    assert obtenu == attendu
    assert obtenu.count("<abbr") == 15
    assert '<abbr title="CAF du Puy-de-Dôme">CAF 63</abbr>' in obtenu


def test_html_tape_affiche_et_liens_assainis():
    html = markdown.markdown(
        '<b>gras</b> [a](javascript:alert(1)) [b](https://exemple.fr) ![i](data:x)\n\n*c*{: onclick="x" }',
        extensions=["attr_list", "projet_social.markdown_sur"],
    )
    soupe = BeautifulSoup(html, "html.parser")
    assert soupe.find("b") is None and "<b>gras</b>" in soupe.get_text()
    assert [a["href"] for a in soupe.find_all("a")] == ["https://exemple.fr"]
    assert soupe.find("img") is None
    assert all(not nom.startswith("on") for el in soupe.find_all(True) for nom in el.attrs)
