"""``make pdf`` : imprimer la page « projet social complet » en PDF avec Chromium.

Usage : ``python -m projet_social.pdf SITE SORTIE.pdf``. Le site construit est
servi en local, la page est ouverte dans Chromium sans écran (Playwright, chemin
dans la variable CHROMIUM, par défaut navigateur.chromium()) et imprimée en A4 avec
la feuille de style d'impression du site : signets (un par titre), texte
sélectionnable, PDF balisé (langue du document), titre du document.

Le sommaire donne la page de chaque entrée. Chromium n'implémente pas
``target-counter()`` : on imprime donc deux fois. La première impression porte,
dans le titre de chaque section visée, un repère invisible (« @@PS12@@ », placé
hors du flux : il ne déplace rien) ; ``pdftotext`` (poppler-utils) dit sur quelle
page il tombe. On écrit alors les numéros dans le sommaire et dans les renvois
internes (« p. 12 ») et on imprime pour de bon. La place des numéros est réservée
dès la première impression (largeur fixe, chiffres à chasse fixe) : rien ne bouge
entre les deux, et on le vérifie (chaque titre doit être sur la page annoncée).
Sans pdftotext, une seule impression, sans numéros de page (avec un avertissement).

Chaque page, hors couverture, porte en tête le chapitre où elle se trouve (« Synthèse du
diagnostic », « Les fiches actions — Axe 1 : … »). Chromium n'implémente pas les éléments
courants (``string-set``, ``position: running()``) mais bien les pages nommées (propriété
``page``) et les boîtes de marge de ``@page`` (Chromium 131 et plus) : chaque chapitre (et
chaque axe des fiches) reçoit son nom de page, et une règle ``@page`` par nom écrit son titre
dans la marge du haut. Le pied « page N / M » reste celui de Chromium (``footerTemplate``). Tout
se fait dans la même impression : signets, liens et balisage sont ceux de Chromium, intacts.

Les liens vers les pages du site ne doivent pas mener au serveur local de
l'impression (``http://127.0.0.1:…``) : ils vont à l'adresse publique du site
quand la construction la connaît (``site_url``, ``domaine`` de data/centre.yml ou
``SITE_URL`` de la publication : la page porte alors son adresse canonique), et
sinon ils sont retirés (le texte reste). Les renvois internes au document
(sommaire, « voir la fiche … ») restent des liens dans le PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .navigateur import INDEX_DE_RECHERCHE, OPTIONS_CHROMIUM, servir
from .navigateur import chromium as chemin_de_chromium

PAGE = "projet-social-complet/"
# Réécrit les liens vers le site avant l'impression ; renvoie (liens publics, liens retirés).
LIENS_SANS_SERVEUR_LOCAL = """() => {
  const canonique = document.querySelector('link[rel="canonical"]');
  const publique = canonique ? canonique.href.replace(/projet-social-complet\\/?$/, '') : '';
  let publics = 0, retires = 0;
  for (const a of document.querySelectorAll('a[href]')) {
    const url = new URL(a.getAttribute('href'), location.href);
    if (url.origin !== location.origin) continue;
    if (url.pathname === location.pathname && url.hash) continue;  // renvoi dans le document
    if (publique) { a.href = publique + url.pathname.replace(/^\\//, '') + url.search + url.hash; publics++; }
    else { a.removeAttribute('href'); retires++; }
  }
  return [publics, retires];
}"""
PIED = (
    '<div style="font-size:8px;width:100%;padding:0 16mm;display:flex;justify-content:space-between;color:#444">'
    '<span class="title"></span><span>page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)


# Avant la première impression : le titre courant de chaque page. Une page nommée par chapitre
# (et par axe des fiches : « Les fiches actions — Axe 1 : … »), une règle @page par nom qui écrit
# le titre dans la boîte de marge du haut ; la couverture n'en a pas. Les chapitres commencent déjà
# une page (feuille d'impression) : les noms de page ne changent donc pas la mise en page.
ENTETES = """() => {
  const texte = (el) => {
    if (!el) return '';
    const copie = el.cloneNode(true);
    copie.querySelectorAll('.headerlink').forEach(x => x.remove());
    return copie.textContent.replace(/\\s+/g, ' ').trim();
  };
  const chaine = (t) => '"' + t.replace(/\\\\/g, '\\\\\\\\').replace(/"/g, '\\\\"') + '"';
  const regles = [];
  const nommer = (el, nom, titre) => {
    if (!titre) return;
    el.style.page = nom;
    regles.push('@page ' + nom + ' { @top-left { content: ' + chaine(titre) + '; } }');
  };
  const sommaire = document.querySelector('article nav.ps-sommaire');
  if (sommaire) nommer(sommaire, 'ps-entete-sommaire', texte(sommaire.querySelector('h1, h2, h3')));
  document.querySelectorAll('article section.ps-chapitre').forEach((chapitre, i) => {
    const titre = texte(chapitre.querySelector('h1, h2, h3, h4'));
    nommer(chapitre, 'ps-entete-' + i, titre);
    chapitre.querySelectorAll(':scope > section.ps-groupe-fiches').forEach((groupe, j) => {
      const axe = texte(groupe.querySelector('h1, h2, h3, h4, h5'));
      nommer(groupe, 'ps-entete-' + i + '-' + j, axe ? titre + ' \\u2014 ' + axe : titre);
    });
  });
  const style = document.createElement('style');
  style.textContent = regles.join('\\n') + `
@page { @top-left { font-family: -apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif;
  font-size: 8pt; color: #444; vertical-align: bottom; padding-bottom: 3mm; } }`;
  document.head.append(style);
}"""
# Avant la première impression : un repère dans le titre de chaque section visée par le
# sommaire ou par un renvoi, et la place de « p. N » après chaque renvoi interne.
REPERES = """() => {
  const cibles = [];
  const indices = new Map();
  const repere = (id) => {
    if (indices.has(id)) return indices.get(id);
    const cible = document.getElementById(id);
    if (!cible) return null;
    let ancre = cible;
    if (cible.tagName === 'SECTION') ancre = cible.querySelector('h1, h2, h3, h4, h5, h6') || cible;
    const n = cibles.length;
    const s = document.createElement('span');
    s.className = 'ps-repere';
    s.textContent = '@@PS' + n + '@@';
    s.style.cssText = 'position:absolute;font-size:2px;line-height:0;color:#fff;white-space:nowrap';
    ancre.prepend(s);
    cibles.push(id);
    indices.set(id, n);
    return n;
  };
  for (const place of document.querySelectorAll('.ps-sommaire-page[data-cible]')) {
    const n = repere(place.dataset.cible);
    if (n !== null) place.dataset.repere = n;
  }
  // Les renvois internes hors du sommaire : « voir la fiche 1-01 (p. 12) ».
  for (const a of document.querySelectorAll('article a[href^="#"]')) {
    if (a.closest('.ps-sommaire, .ps-repere')) continue;
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (!id) continue;
    const n = repere(id);
    if (n === null) continue;
    const renvoi = document.createElement('span');
    renvoi.className = 'ps-renvoi-page';
    renvoi.dataset.repere = n;
    renvoi.innerHTML = ' (p.&nbsp;<span class="ps-renvoi-numero"></span>';  // « 12) » : la parenthèse dans la place réservée
    a.after(renvoi);
  }
  return cibles.length;
}"""
# Après la première impression : les numéros de page à leur place, les repères retirés.
NUMEROS = """(pages) => {
  for (const place of document.querySelectorAll('.ps-sommaire-page[data-repere]')) {
    const p = pages[place.dataset.repere];
    place.textContent = p ? String(p) : '';
  }
  for (const renvoi of document.querySelectorAll('.ps-renvoi-page[data-repere]')) {
    const p = pages[renvoi.dataset.repere];
    if (p) renvoi.querySelector('.ps-renvoi-numero').textContent = p + ')';
    else renvoi.remove();
  }
  for (const r of document.querySelectorAll('.ps-repere')) r.remove();
}"""
# Le sommaire tel qu'imprimé : (titre imprimé en tête de la section visée, page annoncée), pour la
# vérification. Le titre du sommaire est celui du menu (« Contacts ») ; la section peut s'ouvrir sur
# celui de sa page (« Nous contacter ») : c'est lui qu'on cherche sur la page annoncée.
SOMMAIRE_IMPRIME = """() => [...document.querySelectorAll('.ps-sommaire-entree')].map(e => {
  const place = e.querySelector('.ps-sommaire-page');
  const cible = document.getElementById(place.dataset.cible);
  const titre = cible && (cible.querySelector('h1, h2, h3, h4, h5, h6') || cible);
  return [titre ? titre.innerText : e.querySelector('.ps-sommaire-titre').innerText, place.textContent];
})"""
_REPERE = re.compile(r"@@PS(\d+)@@")


def nombre_de_pages(pdf: Path) -> int | None:
    """Le nombre de pages d'un PDF (pdfinfo de poppler-utils), ou None sans lui."""
    outil = shutil.which("pdfinfo")
    if outil is None:
        return None
    sortie = subprocess.run([outil, str(pdf)], capture_output=True, text=True, check=True).stdout
    return next(
        (int(l.split(":", 1)[1]) for l in sortie.splitlines() if l.startswith("Pages:")), None
    )


def texte_des_pages(pdf: Path) -> list[str] | None:
    """Le texte de chaque page (pdftotext), ou None sans poppler-utils.

    Un long document est lu par morceaux de pages, un pdftotext par cœur : plusieurs
    secondes de moins à chaque lecture d'un PDF de centaines de pages."""
    outil = shutil.which("pdftotext")
    if outil is None:
        return None

    def lire(bornes: list[str]) -> list[str]:
        sortie = subprocess.run(
            [outil, "-enc", "UTF-8", *bornes, str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        pages = sortie.split("\f")
        return pages[:-1] if pages and not pages[-1].strip() else pages

    total = nombre_de_pages(pdf)
    coeurs = min(os.cpu_count() or 1, 8)
    if not total or total < 60 or coeurs < 2:
        return lire([])
    taille = -(-total // coeurs)
    morceaux = [
        ["-f", str(debut), "-l", str(min(debut + taille - 1, total))]
        for debut in range(1, total + 1, taille)
    ]
    with ThreadPoolExecutor(max_workers=len(morceaux)) as groupe:
        return [page for pages in groupe.map(lire, morceaux) for page in pages]


def _simple(texte: str) -> str:
    return re.sub(r"\s+", " ", texte).strip()


def ecarts_du_sommaire(sommaire: list[tuple[str, str]], pages: list[str]) -> list[str]:
    """Les entrées du sommaire dont le titre n'est pas sur la page annoncée."""
    ecarts = []
    for titre, numero in sommaire:
        if not numero.isdigit() or not (1 <= int(numero) <= len(pages)):
            ecarts.append(f"{titre} : pas de numéro de page")
        elif _simple(titre) not in _simple(pages[int(numero) - 1]):
            ecarts.append(f"{titre} : annoncé page {numero}, absent de cette page")
    return ecarts


def imprimer(site: Path, sortie: Path, chromium: str | None = None) -> dict:
    """Produit ``sortie`` ; renvoie quelques mesures (durée, pages, taille)."""
    from playwright.sync_api import sync_playwright

    chromium = chromium or chemin_de_chromium()
    debut = time.perf_counter()
    mesures: dict = {"etapes": {}}
    etape = debut

    def fin_d_etape(nom: str) -> None:
        """La durée de l'étape qui finit (mesures["etapes"], pour le banc)."""
        nonlocal etape
        maintenant = time.perf_counter()
        mesures["etapes"][nom] = maintenant - etape
        etape = maintenant

    avec_numeros = False
    with servir(site) as adresse:
        with sync_playwright() as p:
            navigateur = p.chromium.launch(executable_path=chromium, args=OPTIONS_CHROMIUM)
            page = navigateur.new_page()
            # L'index de recherche n'est pas chargé : sinon le script de recherche du thème le lit et
            # l'indexe pendant les impressions (des secondes de calcul à 500 fiches, sur les mêmes cœurs).
            page.route(INDEX_DE_RECHERCHE, lambda route: route.abort())
            # La page s'ouvre déjà en mode impression : ses scripts ne refont pas leur travail au
            # passage de l'écran au papier.
            page.emulate_media(media="print")
            page.goto(f"{adresse}{PAGE}", wait_until="load")
            titre = page.locator("article h1").first.inner_text().strip()
            periode = page.locator(".ps-couverture-periode").first.inner_text().strip()
            page.evaluate("t => { document.title = t; }", f"{periode} — {titre}")
            page.evaluate(LIENS_SANS_SERVEUR_LOCAL)
            page.evaluate(ENTETES)
            fin_d_etape("ouverture")
            sortie.parent.mkdir(parents=True, exist_ok=True)
            options = dict(
                format="A4",
                print_background=True,
                outline=True,
                tagged=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=PIED,
                margin={"top": "16mm", "bottom": "18mm", "left": "0", "right": "0"},
            )
            avec_numeros = shutil.which("pdftotext") is not None
            if avec_numeros:
                page.evaluate(REPERES)
                with tempfile.TemporaryDirectory() as dossier:
                    brouillon = Path(dossier) / "brouillon.pdf"
                    # Le brouillon ne sert qu'à lire les pages : sans pied, fonds, signets ni balisage
                    # (la mise en page n'en dépend pas : marges de @page), il est plus vite imprimé.
                    page.pdf(
                        path=str(brouillon),
                        **dict(
                            options,
                            display_header_footer=False,
                            print_background=False,
                            outline=False,
                            tagged=False,
                        ),
                    )
                    fin_d_etape("brouillon")
                    textes = texte_des_pages(brouillon)
                numeros: dict[str, int] = {}
                for i, texte in enumerate(textes, start=1):
                    for n in _REPERE.findall(texte):
                        numeros.setdefault(n, i)
                page.evaluate(NUMEROS, numeros)
                mesures["brouillon_pages"] = len(textes)
                fin_d_etape("numeros")
            else:
                print(
                    "pdftotext (poppler-utils) absent : le sommaire du PDF n'aura pas de numéros de page.",
                    file=sys.stderr,
                )
            page.pdf(path=str(sortie), **options)
            fin_d_etape("impression")
            mesures["sommaire"] = [tuple(e) for e in page.evaluate(SOMMAIRE_IMPRIME)]
            navigateur.close()
    if avec_numeros:
        textes = texte_des_pages(sortie)
        mesures["pages"] = len(textes)
        mesures["ecarts"] = ecarts_du_sommaire(mesures["sommaire"], textes)
        if mesures["pages"] != mesures["brouillon_pages"]:
            mesures["ecarts"].append(
                f"{mesures['brouillon_pages']} pages à la première impression, {mesures['pages']} à la seconde"
            )
        for ecart in mesures["ecarts"]:
            print(f"Sommaire du PDF : {ecart}", file=sys.stderr)
        fin_d_etape("verification")
    mesures.update(secondes=time.perf_counter() - debut, octets=sortie.stat().st_size)
    return mesures


def site_et_sortie(
    arguments: list[str] | None, module: str, extension: str
) -> tuple[Path, Path] | int:
    """(site construit, fichier à écrire) lus sur la ligne de commande ; sinon le code de sortie, après un message."""
    arguments = sys.argv[1:] if arguments is None else arguments
    if len(arguments) != 2:
        print(f"Usage : python -m projet_social.{module} SITE SORTIE.{extension}", file=sys.stderr)
        return 2
    site, sortie = Path(arguments[0]), Path(arguments[1])
    if not (site / PAGE / "index.html").is_file():
        print(
            f"Le site construit ({site}) n'a pas de page {PAGE} : lancez d'abord la construction.",
            file=sys.stderr,
        )
        return 1
    return site, sortie


def main(arguments: list[str] | None = None) -> int:
    lus = site_et_sortie(arguments, "pdf", "pdf")
    if isinstance(lus, int):
        return lus
    site, sortie = lus
    mesures = imprimer(site, sortie)
    pages = f", {mesures['pages']} pages" if "pages" in mesures else ""
    print(
        f"PDF écrit : {sortie} ({mesures['octets'] / 1e6:.1f} Mo{pages}) en {mesures['secondes']:.1f} s."
    )
    print("Étapes : " + ", ".join(f"{nom} {s:.1f} s" for nom, s in mesures["etapes"].items()))
    return 1 if mesures.get("ecarts") else 0


if __name__ == "__main__":
    sys.exit(main())
