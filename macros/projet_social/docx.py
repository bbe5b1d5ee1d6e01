"""``make docx`` : le projet social complet en document Word (DOCX), pour la CAF.

Usage : ``python -m projet_social.docx SITE SORTIE.docx``. On lit la page « projet social
complet » d'un site construit (``SITE/projet-social-complet/index.html``) : c'est le même
document assemblé que la page du site et que le PDF (assemblage.py), pas un second rendu.
Le contenu de l'article est converti par pandoc (programme livré dans la roue
``pypandoc-binary`` : rien à installer sur la machine) :

- la couverture donne le titre du document (nom du centre), son sous-titre (« Projet social
  2021-2024 ») et sa date ; ses autres lignes restent en tête du texte ;
- le sommaire HTML est retiré : pandoc place à sa place un vrai champ « table des matières »
  de Word (``--toc``, trois niveaux), que Word remplit à l'ouverture (il propose de mettre à
  jour les champs) ou par clic droit → « Mettre à jour les champs » ;
- les titres deviennent les styles de titre de Word (« Titre 1 » : chapitre, « Titre 2 » : nœud
  de premier niveau, l'axe, « Titre 3 » : fiche…) : le titre de page (h2 dans le document
  assemblé, sous le h1 de la couverture) est remonté d'un niveau ;
- les tableaux restent des tableaux Word (glossaire des sigles, échéancier…) ;
- sous le titre de chaque fiche, son adresse sur le site (« En ligne : https://… ») ;
- la langue du document est le français (``lang=fr-FR`` : correcteur, césure).

Les liens vers les pages du site mènent à son adresse publique quand la construction la
connaît (adresse canonique de la page : ``site_url``, ``domaine`` de data/centre.yml ou
``SITE_URL``) ; sinon ils sont retirés, le texte reste (comme dans le PDF). Les renvois
internes (« voir la fiche … ») restent des liens dans le document.

Reproductible : les dates internes du fichier (propriétés du document, archive zip) viennent de
``SOURCE_DATE_EPOCH`` si elle est donnée, sinon du début du jour (UTC) : deux conversions du
même site le même jour donnent le même fichier, octet pour octet.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from .pdf import PAGE, site_et_sortie  # la page du projet social complet, dans le site construit

# Ce qui sert à l'écran ou au navigateur, pas au document : sommaire HTML (remplacé par le champ
# de Word), boutons « Télécharger », contenu caché, ancres « ¶ » des titres, icônes.
A_RETIRER = (
    "nav.ps-sommaire",
    ".ps-ecran-seulement",
    "[hidden]",
    ".headerlink",
    "script",
    "style",
    "svg",
    ".md-content__button",
    ".md-source-file",
)


def _texte(element) -> str:
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def html_du_document(page_html: str) -> tuple[str, dict[str, str]]:
    """Le HTML à convertir (l'article de la page, nettoyé) et les métadonnées tirées de la couverture."""
    soupe = BeautifulSoup(page_html, "html.parser")
    article = soupe.select_one("article.md-content__inner") or soupe.find("article")
    if article is None:
        raise ValueError("la page du projet social complet n'a pas d'article")
    for selecteur in A_RETIRER:
        for element in article.select(selecteur):
            element.decompose()
    meta = {}
    for cle, selecteur in (
        ("title", "h1.ps-couverture-titre"),
        ("subtitle", ".ps-couverture-periode"),
        ("date", ".ps-couverture-date"),
    ):
        element = article.select_one(selecteur)
        if element is not None:
            meta[cle] = _texte(element)
            element.decompose()
    if "title" not in meta:  # une couverture sans sa classe : le premier h1
        h1 = article.find("h1")
        if h1 is not None:
            meta["title"] = _texte(h1)
            h1.decompose()
    # Les liens vers le site : à son adresse publique (celle de la page, canonique), sinon retirés.
    canonique = soupe.find("link", rel="canonical")
    adresse = canonique.get("href", "") if canonique is not None else ""
    for lien in article.find_all("a", href=True):
        href = lien["href"]
        if href.startswith("#") or urlsplit(href).scheme:
            continue
        if adresse:
            lien["href"] = urljoin(adresse, href)
        else:
            lien.unwrap()
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"></head><body>{article.decode_contents()}</body></html>',
        meta,
    )


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def convertir(site: Path, sortie: Path, epoch: int | None = None) -> dict:
    """Écrit ``sortie`` depuis le site construit ``site`` ; renvoie quelques mesures (durée, taille)."""
    debut = time.perf_counter()
    document, meta = html_du_document((site / PAGE / "index.html").read_text(encoding="utf-8"))
    if epoch is None:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0) or int(
            datetime.datetime.combine(
                datetime.date.today(), datetime.time(), datetime.timezone.utc
            ).timestamp()
        )
    arguments = [
        _pandoc(),
        "--from=html",
        "--to=docx",
        "--toc",
        "--toc-depth=3",
        "--shift-heading-level-by=-1",
        "--metadata=lang:fr-FR",
        "--metadata=toc-title:Sommaire",
    ]
    for cle, valeur in meta.items():
        arguments.append(f"--metadata={cle}:{valeur}")
    sortie.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as dossier:
        source = Path(dossier) / "projet-social.html"
        source.write_text(document, encoding="utf-8")
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
        # --resource-path : les images éventuelles sont lues à côté de la page du site.
        resultat = subprocess.run(
            arguments + [f"--resource-path={site / PAGE}", "-o", str(sortie), str(source)],
            capture_output=True,
            text=True,
            env=env,
        )
    if resultat.returncode != 0:
        raise RuntimeError(f"pandoc a échoué ({resultat.returncode}) : {resultat.stderr.strip()}")
    return {
        "secondes": time.perf_counter() - debut,
        "octets": sortie.stat().st_size,
        "avertissements": [l for l in resultat.stderr.splitlines() if l.strip()],
    }


def main(arguments: list[str] | None = None) -> int:
    lus = site_et_sortie(arguments, "docx", "docx")
    if isinstance(lus, int):
        return lus
    site, sortie = lus
    mesures = convertir(site, sortie)
    for ligne in mesures["avertissements"]:
        print(f"pandoc : {ligne}", file=sys.stderr)
    print(
        f"Document Word écrit : {sortie} ({mesures['octets'] / 1e6:.1f} Mo) en {mesures['secondes']:.1f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
