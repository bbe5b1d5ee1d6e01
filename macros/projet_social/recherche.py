"""La recherche du site au service des habitants : leurs mots, l'ordre des résultats, « rien trouvé ».

Appelé par le greffon (``on_page_content``) pour chaque page, avant que la recherche de
Material n'indexe la page (elle le fait dans ``on_page_context``, d'après ``page.content``
et ``page.meta``) :

- **les mots des habitants** (data/synonymes.yml) : sur une fiche, une page d'acteur ou une
  rubrique « Je cherche de l'aide pour… », les mots de tous les jours de ses mots clés
  (« papiers », « devoirs », « crèche »…) sont ajoutés dans un paragraphe ``hidden`` : ni
  affiché ni lu par les lecteurs d'écran (``hidden`` retire l'élément de l'arbre
  d'accessibilité), mais indexé, car l'analyseur de Material (material/plugins/search/plugin.py,
  classe ``Parser``) lit tout le texte de la page, sauf les éléments ``data-search-exclude``.
  Le paragraphe est placé avant le premier intertitre : il appartient à l'entrée principale
  de la page (son titre), pas à une section.
- **l'ordre des résultats** : ``page.meta["search"]["boost"]``, que Material recopie dans
  chaque entrée de l'index (``SearchIndex.create_entry_for_section``) et que son moteur
  passe à lunr (``this.add(doc, {boost: doc.boost})``). Fiches et acteurs d'abord, le
  glossaire et les pages pour l'équipe (Contribuer, guide des champs) après.
- **« rien trouvé »** : l'adresse du guide de territoire et le téléphone de l'accueil, posés
  dans ``page.meta["recherche"]`` ; overrides/main.html les donne au script de la recherche
  (assets/javascripts/recherche-fr.js), qui les affiche quand une recherche ne trouve rien.
- **les horaires** : ``page.meta["horaires"]`` quand la page montre des horaires calculables
  (``data-horaires``) ; overrides/main.html charge alors opening_hours et assets/horaires.js.
"""

from __future__ import annotations

import html
import re

from . import guide
from .modele import chemin_web
from .registre import DOSSIER_CONTRIBUER, PAGE_CHAMPS, PAGE_GLOSSAIRE
from .rendu import telephone_international

# Le poids d'une page dans les résultats (1 : le poids de toute autre page).
POIDS = {"fiche": 3.0, "acteur": 2.0, "rubrique": 2.0, "guide": 1.5}
POIDS_BAS = 0.3  # glossaire, guide des champs, pages « Contribuer »
CLASSE = "ps-mots-des-habitants"
_INTERTITRE = re.compile(r"<h[2-6][\s>]")


def _codes(construction, produite) -> list[str]:
    """Les codes des mots clés de la page présentée (fiche, acteur, rubrique « besoin »)."""
    projet = construction.projet
    if produite is None:
        return []
    if produite.sorte.nom == "fiche":
        return [t.code for t in projet.fiches[produite.cle].mots_cles]
    if produite.sorte.nom == "acteur":
        return [t.code for t in projet.acteurs[produite.cle].mots_cles]
    if produite.sorte.nom == "rubrique" and produite.cle.startswith("besoin."):
        return [produite.cle.removeprefix("besoin.")]
    return []


def mots_des_habitants(synonymes: dict[str, list[str]], codes: list[str]) -> list[str]:
    mots: list[str] = []
    for code in codes:
        mots += [m for m in synonymes.get(code, []) if m not in mots]
    return mots


def paragraphe_cache(mots: list[str]) -> str:
    """Le paragraphe indexé mais ni affiché ni lu (``hidden``)."""
    return f'<p hidden class="{CLASSE}">Mots des habitants : {html.escape(", ".join(mots))}.</p>\n'


def inserer(contenu: str, paragraphe: str) -> str:
    """Avant le premier intertitre (h2…h6) : dans l'entrée principale de la page."""
    trouve = _INTERTITRE.search(contenu)
    if trouve is None:
        return contenu + paragraphe
    return contenu[: trouve.start()] + paragraphe + contenu[trouve.start() :]


def poids(src: str, produite) -> float | None:
    if produite is not None and produite.sorte.nom in POIDS:
        return POIDS[produite.sorte.nom]
    if src in (PAGE_GLOSSAIRE, PAGE_CHAMPS) or src.startswith(DOSSIER_CONTRIBUER):
        return POIDS_BAS
    return None


def contact_de_l_accueil(projet) -> dict:
    """Le guide de territoire et le premier téléphone de l'accueil (data/centre.yml, « sites »)."""
    contact = {"guide": chemin_web(guide.PAGE_GUIDE)}
    for site in projet.centre.sites:
        if site.telephone:
            contact.update(
                telephone=site.telephone,
                tel=str(telephone_international(site.telephone)),
                nom=site.nom,
            )
            break
    return contact


def preparer(construction, page, contenu: str) -> str:
    """Le HTML de la page, avec les mots des habitants ; page.meta complété pour la recherche et les horaires."""
    if construction is None:
        return contenu
    projet = construction.projet
    src = page.file.src_uri
    produite = construction.page_produite(src)
    recherche = page.meta.get("search")
    if not (isinstance(recherche, dict) and recherche.get("exclude")):
        valeur = poids(src, produite)
        if valeur is not None and not (isinstance(recherche, dict) and "boost" in recherche):
            page.meta["search"] = {
                **(recherche if isinstance(recherche, dict) else {}),
                "boost": valeur,
            }
        mots = mots_des_habitants(projet.synonymes, _codes(construction, produite))
        if mots:
            contenu = inserer(contenu, paragraphe_cache(mots))
    page.meta["recherche"] = contact_de_l_accueil(projet)
    if "data-horaires=" in contenu:
        page.meta["horaires"] = True
    return contenu
