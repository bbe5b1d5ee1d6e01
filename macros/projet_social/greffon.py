"""Le greffon MkDocs (``plugins: - projet_social`` dans mkdocs.yml) : il passe la main au paquet.

Comme les greffons de Material (tags, blog) : l'état de la construction est tenu
sur l'objet (``self.construction``, créé à chaque ``on_config``), les étapes ne
font que lire le registre des pages (registre.py) et appeler le paquet.

- on_config : charge et valide tout le contenu (une erreur arrête la construction,
  rapport en français) ; règle ce qui vient des données : nom du site (échappé),
  sigles, mots clés permis, menu, bouton « Modifier ».
- on_files : ajoute les pages produites (registre), hors menu celles qui doivent
  l'être (fiches, acteurs, rubriques), les graphiques du tableau de bord, les
  données ouvertes, les schémas, les formulaires de l'équipe (/admin/), le PDF et le
  document Word (DOCX).
- on_page_read_source : une fiche n'est pas relue par MkDocs (son objet validé suffit).
- on_page_markdown : remplace le Markdown de chaque page produite et de chaque
  fiche par son rendu depuis les objets validés ; échappe les titres saisis.
- on_page_content : en dernier, le HTML de chaque page passe la liste blanche (nh3).
- on_env : le projet social complet s'assemble sur un second cœur (arriere_plan.py ; le
  Markdown des pages aussi, calculé d'avance depuis on_files, et le HTML d'une part des
  pages : conversion.py).
- on_page_context : « Modifier » et « Mis à jour le … » d'après le registre et git ;
  le projet social complet reçoit le HTML de toutes les autres pages.
- on_post_build : CNAME pour un domaine personnalisé ; avec on_build_error, arrête les
  processus d'arrière-plan et rend la mémoire figée au ramasse-miettes (gc.unfreeze).
- on_serve : ``make serve`` suit aussi data/ ; tant que le contenu a des erreurs,
  l'aperçu affiche leur rapport en français au lieu de s'arrêter.
"""

from __future__ import annotations

import datetime
import gc
import html
import json
import logging
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel, set_exclusions

from . import (
    arriere_plan,
    assainir,
    assemblage,
    conversion,
    donnees_ouvertes,
    formulaires,
    guide,
    publication,
    recherche,
    schemas,
    suivi,
)
from .chargement import charger
from .construction import Construction
from .erreurs import rapport
from .generation import rendre_page
from .navigation import menu, menu_du_document
from .registre import DOSSIER_CONTRIBUER, PAGE_COMPLET, PIED_DE_PAGE
from .rendu import cache_des_gabarits, date_francaise, taille_lisible, texte
from .sigles_rapides import une_explication_par_sigle

PDF = "projet-social.pdf"
DOCX = "projet-social.docx"
log = logging.getLogger("mkdocs.plugins.projet_social")


class ProjetSocialGreffon(BasePlugin):
    supports_multiple_instances = False

    def __init__(self):
        self.construction: Construction | None = None
        self.fichiers = None  # les fichiers de la construction en cours (pour le document complet)
        self.commande = "build"
        self.erreurs: list = []  # en aperçu (make serve) : les erreurs du contenu, affichées dans le navigateur
        self.racine: Path | None = None

    def on_startup(self, *, command, dirty):
        # Avec on_startup, MkDocs garde ce greffon d'une reconstruction à l'autre de « serve ».
        self.commande = command

    def on_serve(self, server, *, config, builder):
        """Une modification de data/ reconstruit l'aperçu, comme une modification de docs/."""
        if self.racine is not None and (self.racine / "data").is_dir():
            server.watch(str(self.racine / "data"))
        return server

    # -- configuration -------------------------------------------------------------------------

    @event_priority(100)
    def on_config(self, config):
        racine = self.racine = Path(config.config_file_path).resolve().parent
        projet, erreurs = charger(racine, config.docs_dir)
        self.erreurs = []
        if any(e.bloquante for e in erreurs) or projet is None:
            if self.commande != "serve":
                raise Abort("\n" + rapport(erreurs))
            # L'aperçu continue : sa page d'accueil montre le rapport (on_files).
            log.info("\n" + rapport(erreurs))  # (une erreur du journal arrêterait « strict »)
            self.erreurs, self.construction = erreurs or [None], None
            config.nav = [{"Erreurs à corriger": "index.md"}]
            return config
        for erreur in erreurs:
            log.info(str(erreur))

        config.mdx_configs.setdefault("abbr", {})["glossary"] = dict(projet.sigles)
        tags = config.plugins.get("material/tags")
        if tags is not None:
            from material.plugins.tags.structure.tag import Tag

            libelles = {
                t.libelle for nom in ("publics", "mots_cles") for t in projet.vocabulaire(nom)
            }
            tags.config.tags_allowed = {Tag(html.escape(l)) for l in libelles}
        if not config.site_name or config.site_name == "Projet social":
            # Material affiche le nom du site sans l'échapper, sur chaque page.
            config.site_name = html.escape(projet.centre.nom)
        depot = publication.depot(projet.centre.depot, os.environ)
        if depot:
            # Un edit_uri absolu, sans repo_url : le bouton « Modifier » fonctionne et
            # Material n'interroge pas api.github.com à chaque page.
            config.edit_uri = f"{depot}/edit/{projet.centre.branche}/docs/"
        config.site_url = (
            publication.adresse_du_site(config.site_url, projet.centre.domaine, os.environ)
            or config.site_url
        )
        docs = Path(config.docs_dir).resolve()
        self.construction = Construction(
            projet=projet,
            document=_document_pdf(),
            depot=depot,
            branche=projet.centre.branche,
            docs=docs.relative_to(racine).as_posix() if docs.is_relative_to(racine) else "docs",
            dates=publication.dates_git(racine),
            adresse_du_site=config.site_url or "",
            pages={page.src: page for page in projet.pages_produites},
        )
        # Le menu vient du contenu (data/menu.yml) ; un « nav » de mkdocs.yml reste possible.
        config.nav = menu(projet, projet.menu if projet.menu is not None else config.nav)
        _figer_ce_qui_vit()  # le projet validé vit jusqu'à la fin de la construction
        return config

    # -- fichiers --------------------------------------------------------------------------------

    def on_files(self, files, config):
        if self.erreurs:
            return self._fichiers_du_rapport(files, config)
        construction = self.construction
        projet = construction.projet
        for fichier in files.documentation_pages():
            if fichier.src_uri in projet.fiches_par_fichier:
                fichier.inclusion = InclusionLevel.NOT_IN_NAV
        for page in construction.pages.values():
            # Le contenu vient de on_page_markdown (rendu des objets validés).
            inclusion = InclusionLevel.UNDEFINED if page.sorte.menu else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src, content="", inclusion=inclusion))
        for src, contenu in suivi.fichiers(projet):  # graphiques du tableau de bord
            files.append(File.generated(config, src, content=contenu))
        for src, contenu in donnees_ouvertes.fichiers(projet, construction.data_inclusion()):
            files.append(File.generated(config, src, content=contenu))
        # Les formulaires de l'équipe (/admin/), tirés des schémas : hors menu, recherche et plan du site.
        for src, contenu in formulaires.fichiers(
            projet,
            self.racine,
            construction.depot,
            construction.branche,
            construction.adresse_du_site,
            construction.docs,
        ):
            files.append(File.generated(config, src, content=contenu))
        for nom in (
            schemas.noms_des_schemas()
        ):  # le contrat de données, publié (et lié depuis « Données ouvertes »)
            contenu = json.dumps(schemas.schema(nom), ensure_ascii=False, indent=2) + "\n"
            files.append(
                File.generated(
                    config, f"{donnees_ouvertes.DOSSIER_SCHEMAS}{nom}.schema.json", content=contenu
                )
            )
        # Le PDF et, à côté, le document Word (publié même sans PDF, alors sans lien).
        document = construction.document
        for publie in (
            document,
            document["docx"] if document else _fichier_publie("PROJET_SOCIAL_DOCX", DOCX),
        ):
            if publie:
                files.append(File.generated(config, publie["src"], abs_src_path=publie["chemin"]))
        self.fichiers = files
        # Le Markdown des fiches et des pages produites ne dépend que des objets validés : un
        # second cœur le rend d'avance, dans l'ordre où MkDocs le demandera (arriere_plan.py), et
        # convertit en HTML une part des pages pendant que MkDocs convertit les autres
        # (conversion.py). Les niveaux d'inclusion sont fixés avant (MkDocs le refera à
        # l'identique) : la conversion en dépend.
        set_exclusions(files, config)
        produites = {
            f.src_uri: (f, produite)
            for f in files.documentation_pages()
            if (produite := construction.page_produite(f.src_uri)) is not None
        }
        partage = conversion.Partage(os.getpid())

        def markdown_et_conversion(src: str) -> tuple[str, conversion.Conversion | None]:
            fichier, produite = produites[src]
            markdown = rendre_page(construction, produite)
            if not partage.au_fils(markdown):
                return markdown, None
            return markdown, conversion.convertir(fichier, files, config, markdown)

        construction.markdown = arriere_plan.Avance(
            markdown_et_conversion, list(produites), fiches=len(projet.fiches)
        )
        return files

    # -- pages ------------------------------------------------------------------------------------

    def _fichiers_du_rapport(self, files, config):
        """En aperçu, un contenu erroné donne un site d'une page : le rapport, en français."""
        for fichier in list(files.documentation_pages()):
            files.remove(fichier)
        lignes = [f"- {texte(str(e))}" for e in self.erreurs if e is not None and e.bloquante]
        contenu = "\n".join(
            [
                "# Le contenu a des erreurs",
                "",
                f"L'aperçu reprendra dès qu'elles seront corrigées ({len(lignes)} erreur(s)). "
                "Chacune donne le fichier, la ligne, ce qui ne va pas et ce qui est attendu :",
                "",
                *(lignes or ["- le projet n'a pas pu être chargé (voir le terminal)"]),
                "",
                "Aide : « Contribuer › Lire un message d'erreur ».",
                "",
            ]
        )
        files.append(File.generated(config, "index.md", content=contenu))
        return files

    def on_page_read_source(self, page, config):
        """Une fiche est rendue depuis son objet validé (on_page_markdown remplace son Markdown et son
        en-tête) : MkDocs n'a pas à relire son fichier ni à relire son en-tête YAML, déjà lus et validés
        par le chargement (on_config). Les autres pages sont lues par MkDocs, comme d'habitude."""
        construction = self.construction
        if construction is not None and page.file.src_uri in construction.projet.fiches_par_fichier:
            return ""
        return None

    @event_priority(100)
    def on_page_markdown(self, markdown, page, config, files):
        construction = self.construction
        if construction is None:
            return markdown  # l'aperçu d'un contenu erroné : la page du rapport
        src = page.file.src_uri
        produite = construction.page_produite(src)
        if src.startswith(DOSSIER_CONTRIBUER):
            # La documentation de l'équipe : hors des résultats de recherche des habitants.
            page.meta["search"] = {"exclude": True}
        if produite is None:
            for cle in ("title", "description"):  # une page rédigée : son en-tête est du texte
                if isinstance(page.meta.get(cle), str):
                    page.meta[cle] = html.escape(page.meta[cle])
            return markdown  # du Markdown, jamais un gabarit
        if produite.sorte.nom == "fiche":
            # L'en-tête et le corps tapés ne sont que des valeurs passées au gabarit.
            fiche = construction.projet.fiches[produite.cle]
            page.meta = {"tags": [html.escape(t.libelle) for t in fiche.publics + fiche.mots_cles]}
        if not produite.sorte.recherche:
            # Pages qui ne font que regrouper d'autres pages : hors de l'index de recherche.
            page.meta["search"] = {"exclude": True}
        if src == PAGE_COMPLET:
            page.meta["hide"] = ["navigation", "toc"]
        # Calculés d'avance, ou ici (arriere_plan.py) ; la conversion, pour une part des pages.
        markdown, convertie = construction.markdown.valeur(src)
        if convertie is not None:
            conversion.preparer(page, convertie)
        return markdown

    @event_priority(-100)
    def on_page_content(self, html_de_la_page, page, config, files):
        """En dernier : le HTML de chaque page passe la liste blanche (assainir.py). Avant : les mots des
        habitants, le poids dans la recherche et ce que overrides/main.html doit charger (recherche.py)."""
        return assainir.assainir(recherche.preparer(self.construction, page, html_de_la_page))

    def on_page_context(self, context, page, config, nav):
        construction = self.construction
        if construction is None:
            return context
        src = page.file.src_uri
        if src == guide.PAGE_LIEUX and guide.carte_utile(construction.projet):
            page.meta["carte"] = (
                True  # overrides/main.html charge alors Leaflet, sur cette page seulement
            )
        if src == PAGE_COMPLET:
            page.content = construction.complet.valeur(src)  # (on_env)
        # Le pied de chaque page (overrides/main.html) : accessibilité, mentions légales, équipe.
        if (
            construction.pied is None
        ):  # le même pour toutes les pages : cherché une fois par construction
            liens_du_pied = [
                (
                    texte_du_lien,
                    next(filter(None, map(self.fichiers.get_file_from_path, cibles)), None),
                )
                for texte_du_lien, cibles in PIED_DE_PAGE
            ]
            construction.pied = [
                {"texte": texte_du_lien, "url": f.url}
                for texte_du_lien, f in liens_du_pied
                if f is not None
            ]
        context["ps_pied"] = construction.pied  # lu seulement (overrides/partials/copyright.html)
        a_modifier = construction.a_modifier(construction.pages.get(src), src)
        if src in construction.pages:
            page.edit_url = construction.lien_modifier(a_modifier)
        jour = (
            construction.date_du_fichier(a_modifier)
            if a_modifier and not a_modifier.endswith("/")
            else None
        )
        if jour:  # affiché par overrides/main.html
            page.meta["mis_a_jour"] = {"texte": date_francaise(jour), "iso": jour.isoformat()}
        return context

    @event_priority(-100)  # après material/tags (100), qui écrit les listes de mots clés des pages
    def on_env(self, env, config, files):
        """Toutes les pages sont converties : un second cœur assemble le projet social complet
        pendant que MkDocs écrit les autres (arriere_plan.py)."""
        _figer_ce_qui_vit()  # les pages converties vivent jusqu'à la fin de la construction
        # Pendant les tests seulement : les gabarits du thème compilés une fois pour la session.
        env.bytecode_cache = env.bytecode_cache or cache_des_gabarits("theme")
        construction = self.construction
        if construction is not None:
            construction.markdown.fermer()  # tout le Markdown a été demandé
            complet = files.get_file_from_path(PAGE_COMPLET)
            if complet is not None and complet.page is not None:
                construction.complet = arriere_plan.Avance(
                    lambda _src: self._document_complet(complet.page, config),
                    [PAGE_COMPLET],
                    fiches=len(construction.projet.fiches),
                )
        return env

    def _document_complet(self, page, config) -> str:
        """Le HTML du projet social complet : sa page, puis toutes les autres (assemblage.py)."""
        construction = self.construction
        pages = {
            f.src_uri: f.page for f in self.fichiers.documentation_pages() if f.page is not None
        }
        sections = assemblage.plan(
            construction.projet,
            menu_du_document(config.nav),
            {s: (html.unescape(p.title or ""), p.url) for s, p in pages.items()},
            construction.pages,
        )
        contenus = {s: p.content or "" for s, p in pages.items()}
        # Le contenu de la page et celui des autres pages sont déjà passés par la liste blanche
        # (on_page_content) : seul ce que l'assemblage ajoute ou réécrit y passe ici.
        # Une seule page : chaque sigle n'y est écrit en clair qu'à sa première apparition (sigles_rapides.py).
        return une_explication_par_sigle(
            page.content
            + assainir.assainir(
                assemblage.assembler(sections, contenus, page.url, config.site_url or "")
            )
        )

    def on_build_error(self, error):
        self._fermer_l_arriere_plan()
        gc.unfreeze()

    def _fermer_l_arriere_plan(self) -> None:
        if self.construction is not None:
            for avance in (self.construction.markdown, self.construction.complet):
                if avance is not None:
                    avance.fermer()

    def on_post_build(self, config):
        gc.unfreeze()  # (make serve) ce qui a servi à cette construction redevient libérable
        if self.construction is None:
            return
        self._fermer_l_arriere_plan()
        domaine = publication.domaine_personnalise(
            self.construction.projet.centre.domaine, config.site_url or ""
        )
        if domaine:  # un domaine personnalisé (data/centre.yml ou site_url de mkdocs.yml)
            (Path(config.site_dir) / "CNAME").write_text(domaine + "\n", encoding="utf-8")


def _figer_ce_qui_vit() -> None:
    """Ce qui vit déjà vivra jusqu'à la fin de la construction : le ramasse-miettes de Python ne le
    reparcourt plus à chaque collecte complète (``gc.freeze``, rendu libérable par ``gc.unfreeze``
    dans on_post_build et on_build_error). À 2 000 fiches, ses collectes complètes passent de 7,7 s
    à 5,0 s ; un fork (arriere_plan.py) recopie aussi moins de mémoire."""
    gc.freeze()


def _fichier_publie(variable: str, src: str) -> dict | None:
    """Le fichier que désigne la variable d'environnement ``variable``, publié sous le nom ``src``."""
    chemin = Path(os.environ.get(variable, ""))
    if not chemin.name or not chemin.is_file():
        return None
    jour = datetime.date.fromtimestamp(chemin.stat().st_mtime)
    return {
        "chemin": str(chemin.resolve()),
        "src": src,
        "taille": taille_lisible(chemin.stat().st_size),
        "date": date_francaise(jour),
    }


def _document_pdf() -> dict | None:
    """Le PDF produit par « make pdf » (variable PROJET_SOCIAL_PDF), à publier avec le site.

    Le document Word de « make docx » (variable PROJET_SOCIAL_DOCX) l'accompagne sous la clé
    « docx » : les gabarits le lient à côté du PDF. Sans PDF, il est publié (on_files) sans lien :
    les gabarits (accueil, document complet, données ouvertes) ne parlent du document que s'il y a un PDF.
    """
    pdf = _fichier_publie("PROJET_SOCIAL_PDF", PDF)
    if pdf is None:
        return None
    return {**pdf, "docx": _fichier_publie("PROJET_SOCIAL_DOCX", DOCX)}
