"""Adaptateur MkDocs (``hooks:`` de mkdocs.yml) : passe la main au paquet projet_social.

- on_config : charge et valide tout le contenu ; s'il y a des erreurs, la
  construction s'arrête avec le rapport en français. Règle ensuite ce qui vient
  des données : sigles (abréviations), mots clés permis, menu, bouton « Modifier ».
- on_files : ajoute les pages produites (accueil, arbre, nœuds, index, acteurs…).
- on_page_markdown : remplace le texte d'une fiche par l'appel de macro qui la
  rend depuis l'objet validé ; échappe les titres saisis dans les en-têtes.
- on_page_context : le bouton « Modifier » d'une page produite ouvre son fichier de données.
- on_post_build : publie les schémas JSON dans /schemas/.
"""
from __future__ import annotations

import html
import json
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent))

from projet_social import etat, schemas  # noqa: E402
from projet_social.chargement import charger  # noqa: E402
from projet_social.erreurs import rapport  # noqa: E402
from projet_social.generation import appel_de_macro, fiche_du_fichier, pages_produites, talon  # noqa: E402
from projet_social.navigation import menu  # noqa: E402

log = logging.getLogger("mkdocs.projet_social")
_produites: dict = {}


@event_priority(100)
def on_config(config):
    racine = Path(config.config_file_path).resolve().parent
    projet, erreurs = charger(racine, config.docs_dir)
    if any(e.bloquante for e in erreurs) or projet is None:
        raise Abort("\n" + rapport(erreurs))
    for erreur in erreurs:
        log.info(str(erreur))
    etat.definir(projet)

    config.mdx_configs.setdefault("abbr", {})["glossary"] = dict(projet.sigles)
    tags = config.plugins.get("material/tags")
    if tags is not None:
        libelles = {t.libelle for nom in ("publics", "mots_cles") for t in projet.vocabulaire(nom)}
        from material.plugins.tags.structure.tag import Tag

        tags.config.tags_allowed = {Tag(html.escape(l)) for l in libelles}
    if not config.site_name or config.site_name == "Projet social":
        config.site_name = projet.centre.nom
    if projet.centre.depot:
        # Un edit_uri absolu, sans repo_url : le bouton « Modifier » fonctionne et
        # Material n'interroge pas api.github.com à chaque page.
        config.edit_uri = f"{projet.centre.depot}/edit/{projet.centre.branche}/docs/"
    config.nav = menu(projet, config.nav)
    _produites.clear()
    return config


def on_files(files, config):
    projet = etat.projet()
    for page in pages_produites(projet):
        _produites[page.src] = page
        files.append(File.generated(config, page.src, content=talon(page.sorte, page.cle)))
    return files


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    for cle in ("title", "description"):
        if isinstance(page.meta.get(cle), str) and src not in _produites:
            page.meta[cle] = html.escape(page.meta[cle])
    fiche = fiche_du_fichier(etat.projet(), src) if src.startswith("fiches/") else None
    if fiche is None:
        return markdown
    # Le texte tapé dans la fiche n'est pas rendu par Jinja : seul le talon l'est.
    page.meta = {"render_macros": True, "tags": [html.escape(t.libelle) for t in fiche.publics + fiche.mots_cles]}
    return appel_de_macro("fiche", fiche.code)


def on_page_context(context, page, config, nav):
    produite = _produites.get(page.file.src_uri)
    if produite is not None:
        depot = etat.projet().centre.depot
        page.edit_url = f"{depot}/edit/{etat.projet().centre.branche}/{produite.source}" if depot and produite.source else None
    return context


def on_post_build(config):
    dossier = Path(config.site_dir) / "schemas"
    dossier.mkdir(parents=True, exist_ok=True)
    for nom in schemas.noms_des_schemas():
        (dossier / f"{nom}.schema.json").write_text(
            json.dumps(schemas.schema(nom), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
