"""Adaptateur MkDocs (``hooks:`` de mkdocs.yml) : passe la main au paquet projet_social.

- on_config : charge et valide tout le contenu ; s'il y a des erreurs, la
  construction s'arrête avec le rapport en français. Règle ensuite ce qui vient
  des données : sigles (abréviations), mots clés permis, menu, bouton « Modifier ».
- on_files : ajoute les pages produites (accueil, arbre, nœuds, index, guide, acteurs…),
  les graphiques SVG du tableau de bord et les données ouvertes (donnees/*.json, *.csv).
- on_page_markdown : remplace le texte d'une fiche par son rendu depuis l'objet
  validé ; échappe les titres saisis dans les en-têtes ; sort de la recherche les
  pages qui ne font que regrouper les autres.
- on_page_context : le bouton « Modifier » d'une page produite ouvre son fichier de données.
- on_page_context : la page « projet social complet » reçoit le HTML de toutes
  les autres (déjà rendues à ce moment), assemblé par projet_social.assemblage.
- on_page_context : « Mis à jour le … » d'après l'historique git (projet_social.publication).
- on_files : publie aussi les schémas JSON dans /schemas/ (fichiers connus de MkDocs : les liens vers eux sont vérifiés).
- on_post_build : écrit CNAME pour un domaine personnalisé.
"""
from __future__ import annotations

import datetime
import html
import json
import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent))

from projet_social import assainir, assemblage, donnees_ouvertes, etat, guide, publication, schemas, suivi  # noqa: E402
from projet_social.chargement import charger  # noqa: E402
from projet_social.erreurs import rapport  # noqa: E402
from projet_social.generation import pages_produites, rendre_page  # noqa: E402
from projet_social.navigation import menu  # noqa: E402
from projet_social.rendu import date_francaise, taille_lisible  # noqa: E402

PDF = "projet-social.pdf"
SANS_RECHERCHE = {assemblage.SOURCE_COMPLET, "fiches/index.md", "mots-cles.md", guide.PAGE_ANNUAIRE}

log = logging.getLogger("mkdocs.projet_social")
_produites: dict = {}
_fichiers: list = []
_publication: dict = {}  # branche et dossier docs/ de la construction en cours (dépôt et dates : dans etat)


@event_priority(100)
def on_config(config):
    racine = Path(config.config_file_path).resolve().parent
    projet, erreurs = charger(racine, config.docs_dir)
    if any(e.bloquante for e in erreurs) or projet is None:
        raise Abort("\n" + rapport(erreurs))
    for erreur in erreurs:
        log.info(str(erreur))

    config.mdx_configs.setdefault("abbr", {})["glossary"] = dict(projet.sigles)
    tags = config.plugins.get("material/tags")
    if tags is not None:
        libelles = {t.libelle for nom in ("publics", "mots_cles") for t in projet.vocabulaire(nom)}
        from material.plugins.tags.structure.tag import Tag

        tags.config.tags_allowed = {Tag(html.escape(l)) for l in libelles}
    if not config.site_name or config.site_name == "Projet social":
        # Material affiche le nom du site sans l'échapper, sur chaque page.
        config.site_name = html.escape(projet.centre.nom)
    depot = publication.depot(projet.centre.depot, os.environ)
    if depot:
        # Un edit_uri absolu, sans repo_url : le bouton « Modifier » fonctionne et
        # Material n'interroge pas api.github.com à chaque page.
        config.edit_uri = f"{depot}/edit/{projet.centre.branche}/docs/"
    config.site_url = publication.adresse_du_site(config.site_url, projet.centre.domaine, os.environ) or config.site_url
    docs = Path(config.docs_dir).resolve()
    _publication.update(
        branche=projet.centre.branche, docs=docs.relative_to(racine).as_posix() if docs.is_relative_to(racine) else "docs",
    )
    etat.definir(projet, _document_pdf(), depot, publication.dates_git(racine))
    config.nav = menu(projet, config.nav)
    _produites.clear()
    return config


def _document_pdf() -> dict | None:
    """Le PDF produit par « make pdf » (variable PROJET_SOCIAL_PDF), à publier avec le site."""
    chemin = Path(os.environ.get("PROJET_SOCIAL_PDF", ""))
    if not chemin.name or not chemin.is_file():
        return None
    jour = datetime.date.fromtimestamp(chemin.stat().st_mtime)
    return {"chemin": str(chemin.resolve()), "src": PDF, "taille": taille_lisible(chemin.stat().st_size), "date": date_francaise(jour)}


def on_files(files, config):
    projet = etat.projet()
    for page in pages_produites(projet):
        _produites[page.src] = page
        # Le contenu vient de on_page_markdown (rendu des objets validés).
        files.append(File.generated(config, page.src, content=""))
    for src, contenu in suivi.fichiers(projet):  # graphiques du tableau de bord
        files.append(File.generated(config, src, content=contenu))
    date_des_acteurs = etat.date_du_fichier("data/acteurs.yml")
    for src, contenu in donnees_ouvertes.fichiers(projet, date_des_acteurs, config.site_url or ""):  # JSON, CSV, data·inclusion
        files.append(File.generated(config, src, content=contenu))
    for nom in schemas.noms_des_schemas():  # le contrat de données, publié (et lié depuis « Données ouvertes »)
        contenu = json.dumps(schemas.schema(nom), ensure_ascii=False, indent=2) + "\n"
        files.append(File.generated(config, f"schemas/{nom}.schema.json", content=contenu))
    document = etat.document()
    if document:
        files.append(File.generated(config, document["src"], abs_src_path=document["chemin"]))
    _fichiers[:] = [files]
    return files


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    for cle in ("title", "description"):
        if isinstance(page.meta.get(cle), str) and src not in _produites:
            page.meta[cle] = html.escape(page.meta[cle])
    if src in SANS_RECHERCHE:
        # Pages qui ne font que regrouper d'autres pages : hors de l'index de recherche.
        page.meta["search"] = {"exclude": True}
    if src == assemblage.SOURCE_COMPLET:
        page.meta["hide"] = ["navigation", "toc"]
    projet = etat.projet()
    produite = _produites.get(src)
    if produite is not None:
        return rendre_page(projet, produite.sorte, produite.cle, src, etat.document(), config.site_url or "")
    fiche = projet.fiches_par_fichier.get(src)
    if fiche is None:
        return markdown  # une page rédigée : du Markdown, jamais un gabarit
    # Le texte de la fiche est remplacé par son rendu depuis l'objet validé :
    # l'en-tête et le corps tapés ne sont que des valeurs passées au gabarit.
    page.meta = {"tags": [html.escape(t.libelle) for t in fiche.publics + fiche.mots_cles]}
    return rendre_page(projet, "fiche", fiche.code, src, etat.document(), config.site_url or "")


@event_priority(-100)
def on_page_content(html_de_la_page, page, config, files):
    """En dernier : le HTML de chaque page passe la liste blanche (assainir.py)."""
    return assainir.assainir(html_de_la_page)


def on_page_context(context, page, config, nav):
    if page.file.src_uri == guide.PAGE_LIEUX and guide.carte_utile(etat.projet()):
        page.meta["carte"] = True  # overrides/main.html charge alors Leaflet, sur cette page seulement
    if page.file.src_uri == assemblage.SOURCE_COMPLET:
        pages = {f.src_uri: f.page for f in _fichiers[0].documentation_pages() if f.page is not None}
        sections = assemblage.plan(
            etat.projet(), config.nav, {src: (html.unescape(p.title or ""), p.url) for src, p in pages.items()}
        )
        contenus = {src: p.content or "" for src, p in pages.items()}
        page.content = assainir.assainir(page.content + assemblage.assembler(sections, contenus, page.url, config.site_url or ""))
    produite = _produites.get(page.file.src_uri)
    source = f"{_publication['docs']}/{page.file.src_uri}"
    if produite is not None:
        depot, source = etat.depot(), produite.source
        page.edit_url = f"{depot}/edit/{_publication['branche']}/{source}" if depot and source else None
    jour = etat.date_du_fichier(source) if source else None
    if jour:  # affiché par overrides/main.html
        page.meta["mis_a_jour"] = {"texte": date_francaise(jour), "iso": jour.isoformat()}
    return context


def on_post_build(config):
    domaine = publication.domaine_personnalise(etat.projet().centre.domaine, config.site_url or "")
    if domaine:  # un domaine personnalisé (data/centre.yml ou site_url de mkdocs.yml)
        (Path(config.site_dir) / "CNAME").write_text(domaine + "\n", encoding="utf-8")
