"""La conversion faite d'avance par le processus fils (projet_social/conversion.py) : la même que
celle de MkDocs, messages du journal compris, émis quand MkDocs en est à la page ; refusée si le
Markdown de la page a changé depuis ; et le partage des pages entre le père et le fils."""

from __future__ import annotations

import logging
import os

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from projet_social import conversion

MARKDOWN = """# Le titre

## Une section {#section}

Un [lien vers b](b.md#plus-bas), un [lien cassé](absente.md) et une [ancre d'ici](#section).
"""


@pytest.fixture
def site(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for nom in ("a.md", "b.md"):
        (docs / nom).write_text("# Page\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Essai\nmarkdown_extensions: [toc, attr_list]\n", encoding="utf-8"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    fichiers = Files(
        [File(nom, config.docs_dir, config.site_dir, True) for nom in ("a.md", "b.md")]
    )
    return config, fichiers


class _Messages(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.messages = []

    def emit(self, record):
        self.messages.append((record.levelno, record.getMessage()))


@pytest.fixture
def journal():
    messages = _Messages()
    logging.getLogger("mkdocs").addHandler(messages)
    yield messages.messages
    logging.getLogger("mkdocs").removeHandler(messages)


def _page(config, fichiers, markdown):
    page = Page(None, fichiers.get_file_from_path("a.md"), config)
    page.markdown = markdown
    return page


def _rendu(page):
    return (
        page.content,
        str(page.toc),
        page.title,
        page.present_anchor_ids,
        {f.src_uri: ancres for f, ancres in (page.links_to_anchors or {}).items()},
    )


def test_la_conversion_d_avance_est_celle_de_mkdocs(site, journal):
    config, fichiers = site
    temoin = _page(config, fichiers, MARKDOWN)
    temoin.render(config, fichiers)
    messages_de_mkdocs = list(journal)
    assert any("absente.md" in m for _, m in messages_de_mkdocs)  # le lien cassé est signalé
    journal.clear()

    faite = conversion.convertir(fichiers.get_file_from_path("a.md"), fichiers, config, MARKDOWN)
    assert journal == []  # gardé, pas encore émis
    page = _page(config, fichiers, MARKDOWN)
    conversion.preparer(page, faite)
    page.render(config, fichiers)
    assert _rendu(page) == _rendu(temoin)
    assert journal == messages_de_mkdocs  # émis au moment où MkDocs convertit la page
    assert page.links_to_anchors and next(iter(page.links_to_anchors)) is (
        fichiers.get_file_from_path("b.md")
    )


def test_un_markdown_change_depuis_est_converti_par_mkdocs(site, journal):
    config, fichiers = site
    faite = conversion.convertir(fichiers.get_file_from_path("a.md"), fichiers, config, MARKDOWN)
    page = _page(config, fichiers, "# Autre chose\n")
    conversion.preparer(page, faite)
    page.render(config, fichiers)
    assert page.content == '<h1 id="autre-chose">Autre chose</h1>'
    assert journal == []  # les messages de l'autre Markdown ne sont pas émis


def test_le_partage_avance_au_meme_pas_et_rien_dans_le_pere():
    assert not conversion.Partage(os.getpid()).au_fils("x" * 1000)
    partage = conversion.Partage(os.getpid() + 1)  # comme dans le fils
    longueurs = [1000] * 40 + [50_000] + [1000] * 60
    au_fils = [partage.au_fils("x" * n) for n in longueurs]
    assert 0 < sum(au_fils) < len(au_fils)
    # Chaque processus garde une charge du même ordre, grande page comprise.
    fils = sum(n for n, f in zip(longueurs, au_fils) if f)
    pere = sum(n for n, f in zip(longueurs, au_fils) if not f)
    assert (
        abs(fils + conversion.RENDU * sum(longueurs) - pere - conversion.CONTENU * sum(longueurs))
        <= 50_000
    )
