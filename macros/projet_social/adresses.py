"""Ce que ``docs/`` peut publier, et le registre de toutes les adresses du site.

Deux règles, vérifiées par ``make check`` avant toute construction :

- **Les fichiers de docs/** : seules des sortes connues sont publiées (pages
  Markdown ``.md`` ; images PNG, JPEG, WebP, GIF ; PDF), chacune reconnue aussi à
  ses premiers octets, sous une taille maximale ; aucun lien symbolique (il
  publierait un fichier de la machine qui construit le site). Un SVG peut porter
  du script : il est refusé (le convertir en PNG). Les noms commençant par « . »
  ne sont jamais publiés par MkDocs : ils sont ignorés.
- **Les adresses** : chaque adresse du site (page produite à partir de data/,
  fiche, page rédigée, fichier publié, dossier réservé au moteur) n'a qu'une
  source. Deux sources à la même adresse, y compris à la casse ou à la
  normalisation Unicode près (``T-01.md`` et ``t-01.md`` se confondent sous
  Windows et macOS), sont une erreur qui nomme les deux.
"""

from __future__ import annotations

import os
import posixpath
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .erreurs import Erreur
from .textes import nombre

PAGE = ".md"
# Sorte de fichier → (extensions, premiers octets possibles, taille maximale en octets).
SORTES_PUBLIEES = {
    "image PNG": ((".png",), (b"\x89PNG\r\n\x1a\n",), 5_000_000),
    "image JPEG": ((".jpg", ".jpeg"), (b"\xff\xd8\xff",), 5_000_000),
    "image GIF": ((".gif",), (b"GIF87a", b"GIF89a"), 5_000_000),
    "image WebP": ((".webp",), (b"RIFF",), 5_000_000),
    "document PDF": ((".pdf",), (b"%PDF-",), 20_000_000),
}
EXTENSIONS_PUBLIEES = {
    ext: sorte for sorte, (exts, _, _) in SORTES_PUBLIEES.items() for ext in exts
}
ATTENDU_SORTES = "une page .md, une image .png, .jpg, .webp ou .gif, ou un document .pdf"
# Dossiers et fichiers que le moteur et le thème publient eux-mêmes.
RESERVES = {
    "assets/": "les styles, scripts et images du thème",
    "search/": "l'index de la recherche",
    "donnees/": "les données ouvertes (JSON, CSV)",
    "schemas/": "le contrat de données (schémas JSON)",
    "admin/": "les formulaires de l'équipe (Sveltia CMS)",
    "projet-social.pdf": "le PDF du projet social complet",
    "sitemap.xml": "le plan du site",
    "404.html": "la page « introuvable »",
    "CNAME": "le domaine du site",
}


@dataclass(frozen=True)
class FichierPublie:
    relatif: str  # chemin relatif à docs/
    page: bool  # une page Markdown (sinon un fichier copié tel quel)


def adresse(relatif: str) -> str:
    """L'adresse publiée d'un fichier de docs/, comme MkDocs la calcule (``use_directory_urls``)."""
    if not relatif.endswith(PAGE):
        return relatif
    dossier, nom = posixpath.split(relatif[: -len(PAGE)])
    if nom in ("index", "README"):
        return posixpath.join(dossier, "index.html")
    return posixpath.join(dossier, nom, "index.html")


def cle(adresse_publiee: str) -> str:
    """La clé sous laquelle deux adresses se confondent (casse, normalisation Unicode)."""
    return unicodedata.normalize("NFC", adresse_publiee).casefold()


def _nom(docs: Path, chemin: Path, racine: Path) -> str:
    try:
        return chemin.relative_to(racine).as_posix()
    except ValueError:
        return chemin.relative_to(docs.parent).as_posix()


def fichiers_de_docs(docs: Path, racine: Path) -> tuple[list[FichierPublie], list[Erreur]]:
    """Les fichiers que MkDocs publierait depuis ``docs``, et une erreur par fichier refusé."""
    publies: list[FichierPublie] = []
    erreurs: list[Erreur] = []
    for dossier, sous_dossiers, noms in os.walk(docs, followlinks=False):
        ici = Path(dossier)
        for nom in sorted(sous_dossiers):
            chemin = ici / nom
            if chemin.is_symlink() and not nom.startswith("."):
                erreurs.append(
                    Erreur(
                        _nom(docs, chemin, racine),
                        None,
                        "",
                        "ce dossier est un lien symbolique : il publierait des fichiers pris ailleurs sur la machine",
                        "un vrai dossier, avec ses fichiers dedans",
                    )
                )
        sous_dossiers[:] = sorted(
            n for n in sous_dossiers if not n.startswith(".") and not (ici / n).is_symlink()
        )
        for nom in sorted(noms):
            if nom.startswith("."):
                continue  # jamais publié par MkDocs
            chemin = ici / nom
            relatif = chemin.relative_to(docs).as_posix()
            fichier = _nom(docs, chemin, racine)
            probleme = _probleme(chemin, nom)
            if probleme:
                erreurs.append(Erreur(fichier, None, "", *probleme))
            else:
                publies.append(FichierPublie(relatif, nom.lower().endswith(PAGE)))
    return publies, erreurs


def _probleme(chemin: Path, nom: str) -> tuple[str, str] | None:
    if chemin.is_symlink():
        return (
            "ce fichier est un lien symbolique : il publierait un fichier pris ailleurs sur la machine",
            "une copie du fichier lui-même, pas un lien",
        )
    extension = os.path.splitext(nom)[1]
    if extension == PAGE:
        return None  # taille et contenu : vérifiés à la lecture (lecture.lire_texte)
    if extension.lower() == PAGE:
        return (
            f"l'extension « {extension} » doit s'écrire en minuscules",
            f"le même nom terminé par « {PAGE} »",
        )
    if extension.lower() in (".markdown", ".mdown", ".mkd", ".mkdn"):
        return (
            f"une page en « {extension} » ne serait pas vérifiée",
            f"le même nom terminé par « {PAGE} »",
        )
    if extension.lower() == ".svg":
        return (
            "une image SVG peut contenir du script : elle n'est pas publiée",
            "la même image en PNG (ou WebP)",
        )
    sorte = EXTENSIONS_PUBLIEES.get(extension.lower())
    if sorte is None:
        return (
            f"un fichier « {extension or 'sans extension'} » n'est pas publié par le site",
            ATTENDU_SORTES,
        )
    _, signatures, maximum = SORTES_PUBLIEES[sorte]
    taille = chemin.stat().st_size
    if taille > maximum:
        return (
            f"le fichier pèse {nombre(round(taille / 1e6, 1))} Mo",
            f"un fichier de {maximum // 1_000_000} Mo au plus (image réduite, PDF compressé)",
        )
    with chemin.open("rb") as flux:
        debut = flux.read(16)
    if not debut.startswith(signatures) or (sorte == "image WebP" and debut[8:12] != b"WEBP"):
        return (
            f"le contenu du fichier n'est pas une {sorte}, malgré son extension",
            f"une vraie {sorte}, ou l'extension qui correspond à son contenu",
        )
    return None


@dataclass(frozen=True)
class Occupant:
    """Ce qui occupe une adresse : un fichier de docs/, ou une page produite à partir de data/."""

    fichier: str  # le fichier à nommer dans l'erreur
    quoi: str  # ce qu'il produit, en clair

    def __str__(self) -> str:
        return f"{self.fichier} ({self.quoi})" if self.quoi else self.fichier


def collisions(occupants: list[tuple[str, Occupant]]) -> list[Erreur]:
    """Une erreur par adresse occupée deux fois ; ``occupants`` : (adresse publiée, source)."""
    vus: dict[str, tuple[str, Occupant]] = {}
    reserves = {cle(r): (r, texte) for r, texte in RESERVES.items()}
    erreurs = []
    for publiee, source in occupants:
        k = cle(publiee)
        reserve = next(
            (reserves[p] for p in reserves if k == p or (p.endswith("/") and k.startswith(p))), None
        )
        if reserve is not None and source.quoi == "":
            erreurs.append(
                Erreur(
                    source.fichier,
                    None,
                    "",
                    f"l'adresse « {publiee} » est réservée au site ({reserve[1]})",
                    "un autre nom de fichier ou de dossier",
                )
            )
            continue
        if k in vus:
            autre_adresse, autre = vus[k]
            qui = f"{source.quoi} donne" if source.quoi else "ce fichier donne"
            pareil = (
                ""
                if autre_adresse == publiee
                else f" (confondue avec « {autre_adresse} » à la casse ou aux accents près, sous Windows et macOS)"
            )
            deja = (
                f"déjà produite par le site à partir de {autre}"
                if autre.quoi
                else f"déjà prise par {autre}"
            )
            erreurs.append(
                Erreur(
                    source.fichier,
                    None,
                    "",
                    f"{qui} l'adresse « {publiee} »{pareil}, {deja}",
                    "un nom différent pour l'un des deux",
                )
            )
            continue
        vus[k] = (publiee, source)
    return erreurs
