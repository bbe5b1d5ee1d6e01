"""Le projet social en un seul document : assembler le HTML des pages déjà rendues.

MkDocs rend le contenu de toutes les pages avant d'appliquer le thème ; au
moment d'habiller la page « projet-social-complet », on y place donc le HTML
des autres pages, dans l'ordre du menu (celui du document d'origine), avec les
fiches regroupées par nœud de premier niveau et dans l'ordre des codes.

Chaque page devient une section : ses identifiants sont préfixés (chaque fiche
a son « #contexte »), et ses liens sont réécrits : vers une section du document
quand la cible y figure, sinon vers la page du site.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from .modele import ProjetSocial
from .registre import (
    PAGE_COMPLET,
    PAGE_GLOSSAIRE,
    PAGE_INDEX_FICHES,
    PageProduite,
    dans_le_document,
)
from .textes import identifiant

SOURCE_COMPLET = PAGE_COMPLET


@dataclass
class Section:
    src: str
    titre: str
    url: str  # adresse de la page, relative à la racine du site (fiches/1-01/)
    niveau: int = 1  # 1 : chapitre ; 2 : fiche ou page d'un chapitre
    classe: str = "ps-chapitre"
    enfants: list["Section"] = field(default_factory=list)
    ouverture: str = (
        ""  # HTML sous le titre d'une section sans page (un axe : ses objectifs, ses fiches)
    )

    @property
    def ancre(self) -> str:
        return "doc-" + identifiant(self.url or self.titre, defaut="racine")


def _chapitre_des_fiches(projet: ProjetSocial, titre: str, url: str, pages) -> Section:
    chapitre = Section(PAGE_INDEX_FICHES, titre, url)
    for racine in projet.racines:
        fiches = [f for f in projet.fiches_principales(racine) if f.fichier in pages]
        if fiches:
            groupe = Section("", racine.titre_complet, "", 2, "ps-groupe-fiches")
            groupe.enfants = [
                Section(f.fichier, f"{f.code} · {f.titre}", pages[f.fichier][1], 3, "ps-fiche")
                for f in fiches
            ]
            groupe.ouverture = _ouverture(racine, groupe.enfants)
            chapitre.enfants.append(groupe)
    return chapitre


def _ouverture(racine, fiches: list[Section]) -> str:
    """Sous le titre d'un axe : ses nœuds (enjeux, objectifs…) et la liste de ses fiches, liées."""

    def noeuds(enfants) -> str:
        if not enfants:
            return ""
        items = "".join(
            f"<li>{html.escape(n.titre_complet, quote=False)}{noeuds(n.enfants)}</li>"
            for n in enfants
        )
        return f"<ul>{items}</ul>"

    # Une ouverture courte (peu de nœuds et de fiches) garde sa première fiche sur sa page (CSS) :
    # seule, elle laisserait une page presque vide.
    courte = len(racine.descendants()) + len(fiches) < 6
    morceaux = [f'<div class="ps-ouverture-axe{" ps-ouverture-courte" if courte else ""}">']
    if racine.enfants:
        pluriel = racine.enfants[0].niveau.pluriel
        morceaux.append(f"<p><strong>{html.escape(pluriel, quote=False)}</strong></p>")
        morceaux.append(noeuds(racine.enfants))
    titre = "Les fiches actions" if len(fiches) > 1 else "La fiche action"
    morceaux.append(f"<p><strong>{titre}</strong></p><ul>")
    morceaux.extend(
        f'<li><a href="#{s.ancre}">{html.escape(s.titre, quote=False)}</a></li>' for s in fiches
    )
    morceaux.append("</ul></div>")
    return "".join(morceaux)


def plan(
    projet: ProjetSocial,
    menu: list,
    pages: dict[str, tuple[str, str]],
    produites: dict[str, PageProduite],
) -> list[Section]:
    """Les chapitres du document, dans l'ordre du menu. ``pages`` : src → (titre, url) des pages du site ;
    ``produites`` : le registre (ce qui entre dans le document).

    Une entrée simple du menu est un chapitre ; une section du menu aussi, dont la
    première page (si c'est son index.md) donne le texte d'ouverture et les autres
    les sous-parties. L'index des fiches devient toutes les fiches, par nœud de
    premier niveau. Les pages propres au site (acteurs, mots clés…) sont laissées.
    """
    chapitres: list[Section] = []
    for entree in menu:
        titre, valeur = next(iter(entree.items())) if isinstance(entree, dict) else (None, entree)
        # Les pages d'une section, titrées ou non (« - Échéancier: tableau-de-bord/echeancier.md ») :
        # le titre du menu l'emporte sur celui de la page.
        titres: dict[str, str] = {}
        srcs = []
        for v in valeur if isinstance(valeur, list) else [valeur]:
            if isinstance(v, dict) and len(v) == 1 and isinstance(next(iter(v.values())), str):
                t, v = next(iter(v.items()))
                titres[v] = html.unescape(t)
            if isinstance(v, str):
                srcs.append(v)
        srcs = [src for src in srcs if src in pages and dans_le_document(src, produites)]
        if not srcs:
            continue
        if srcs[0] == PAGE_INDEX_FICHES:
            chapitres.append(
                _chapitre_des_fiches(projet, titre or pages[srcs[0]][0], pages[srcs[0]][1], pages)
            )
            continue
        if len(srcs) == 1 and not isinstance(valeur, list):
            chapitres.append(Section(srcs[0], titre or pages[srcs[0]][0], pages[srcs[0]][1]))
            continue
        ouverture = srcs[0] if srcs[0].endswith("index.md") else ""
        chapitre = Section(
            ouverture, titre or pages[srcs[0]][0], pages[ouverture][1] if ouverture else ""
        )
        chapitre.enfants = [
            Section(src, titres.get(src) or pages[src][0], pages[src][1], 2, "ps-partie")
            for src in srcs
            if src != ouverture
        ]
        chapitres.append(chapitre)
    return chapitres


_ID = re.compile(r'\bid="([^"]*)"')
_LIEN = re.compile(r'\b(href)="([^"]*)"')
_H = re.compile(r"<(/?)h([1-6])\b")


class Assembleur:
    """Réécrit le HTML d'une page pour qu'il vive dans le document."""

    def __init__(self, ancres: dict[str, str], url_document: str, adresse_du_site: str = ""):
        self.ancres = ancres  # url de page (fiches/1-01/) → ancre de sa section
        self.url_document = url_document  # projet-social-complet/
        self.adresse_du_site = adresse_du_site.rstrip(
            "/"
        )  # pour que les liens marchent aussi dans le PDF

    def lien(self, adresse: str, url_page: str) -> str:
        if not adresse or adresse.startswith(("mailto:", "tel:")) or urlsplit(adresse).scheme:
            return adresse
        absolu = urlsplit(urljoin("/" + url_page, adresse))
        chemin = absolu.path.lstrip("/")
        # Adresses en dossiers (fiches/1-01/) ou, pour l'aperçu hors ligne, en fichiers (fiches/1-01.html).
        repertoires = not self.url_document or self.url_document.endswith("/")
        if repertoires and chemin.endswith("index.html"):
            chemin = chemin[: -len("index.html")]
        if chemin in self.ancres:
            base = self.ancres[chemin]
            return f"#{base}--{absolu.fragment}" if absolu.fragment else f"#{base}"
        if self.adresse_du_site:
            return f"{self.adresse_du_site}/{chemin}" + (
                f"#{absolu.fragment}" if absolu.fragment else ""
            )
        if repertoires:
            relatif = (
                posixpath.relpath("/" + (chemin or "."), "/" + self.url_document.rstrip("/"))
                if chemin
                else posixpath.relpath("/", "/" + self.url_document.rstrip("/"))
            )
            if chemin.endswith("/") and not relatif.endswith("/"):
                relatif += "/"
        else:
            cible = chemin + "index.html" if not chemin or chemin.endswith("/") else chemin
            relatif = posixpath.relpath("/" + cible, posixpath.dirname("/" + self.url_document))
        if urlsplit(
            relatif
        ).scheme:  # « ../javascript:x » deviendrait « javascript:x » : un chemin reste un chemin
            relatif = "./" + relatif
        return relatif + (f"#{absolu.fragment}" if absolu.fragment else "")

    def section(self, contenu: str, url_page: str, ancre: str, decalage: int) -> str:
        contenu = _ID.sub(lambda m: f'id="{ancre}--{m.group(1)}"', contenu)
        contenu = _LIEN.sub(
            lambda m: (
                f'{m.group(1)}="{html.escape(self.lien(html.unescape(m.group(2)), url_page))}"'
            ),
            contenu,
        )
        if decalage:
            contenu = _H.sub(
                lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + decalage)}", contenu
            )
        return contenu


def sommaire(sections: list[Section]) -> str:
    """La table des matières, en liste imbriquée de liens vers les sections.

    Liste sans numéros : les titres portent déjà les leurs (« 1.2. Le portrait… », « 1-01 · … »).
    Chaque entrée a sa place pour le numéro de page (``.ps-sommaire-page``, vide sur le site) :
    l'impression (pdf.py) la remplit après une première impression, points de conduite compris.
    """

    def liste(elements):
        items = []
        for s in elements:
            titre = html.escape(s.titre, quote=False)
            entree = (
                f'<a class="ps-sommaire-entree" href="#{s.ancre}"><span class="ps-sommaire-titre">{titre}</span>'
                f'<span class="ps-sommaire-points" aria-hidden="true"></span>'
                f'<span class="ps-sommaire-page" data-cible="{s.ancre}"></span></a>'
            )
            sous = liste(s.enfants) if s.enfants else ""
            items.append(f'<li class="ps-sommaire-{s.classe[3:]}">{entree}{sous}</li>')
        return "<ul>" + "".join(items) + "</ul>"

    return f'<nav class="ps-sommaire" aria-labelledby="sommaire"><h2 id="sommaire">Sommaire</h2>{liste(sections)}</nav>'


def assembler(
    sections: list[Section], contenus: dict[str, str], url_document: str, adresse_du_site: str
) -> str:
    """Le HTML du document : sommaire puis sections. ``contenus`` : src → HTML rendu de la page."""
    toutes = []

    def aplatir(elements):
        for s in elements:
            toutes.append(s)
            aplatir(s.enfants)

    aplatir(sections)
    assembleur = Assembleur(
        {s.url: s.ancre for s in toutes if s.url}, url_document, adresse_du_site
    )
    morceaux = [sommaire(sections)]

    def ecrire(s: Section):
        classe = s.classe + (
            " ps-glossaire" if s.src == PAGE_GLOSSAIRE else ""
        )  # sur papier : sur deux colonnes
        morceaux.append(
            f'<section class="{classe}" id="{s.ancre}" aria-label="{html.escape(s.titre)}">'
        )
        if s.src in contenus:
            decalage = s.niveau  # le titre de page (h1) devient h2, h3 ou h4 selon la profondeur
            contenu = assembleur.section(contenus[s.src], s.url, s.ancre, decalage)
            if s.classe == "ps-fiche":
                # Sous le titre, l'adresse de la fiche sur le site, pour le lecteur du papier.
                if adresse_du_site:
                    adresse = html.escape(adresse_du_site.rstrip("/") + "/" + s.url)
                    en_ligne = f'En ligne : <a href="{adresse}">{adresse}</a>'
                else:
                    en_ligne = f"En ligne, sur le site du projet social : {html.escape(s.url)}"
                contenu = re.sub(
                    r'<p class="ps-imprime-seulement">.*?</p>', "", contenu, count=1, flags=re.S
                )
                contenu = re.sub(
                    r"(</h\d>)", rf'\1<p class="ps-url-imprimee">{en_ligne}</p>', contenu, count=1
                )
            morceaux.append(contenu)
        else:
            niveau = min(6, s.niveau + 1)
            morceaux.append(f"<h{niveau}>{html.escape(s.titre, quote=False)}</h{niveau}>")
            morceaux.append(s.ouverture)
        for enfant in s.enfants:
            ecrire(enfant)
        morceaux.append("</section>")

    for s in sections:
        ecrire(s)
    return "\n".join(morceaux)
