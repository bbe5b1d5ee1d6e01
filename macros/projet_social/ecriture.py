"""Écrire les fichiers de l'équipe sans jamais les abîmer.

Chaque écriture passe par un fichier temporaire placé dans le même dossier, vidé
sur le disque (``fsync``), puis mis à la place de l'original (``os.replace``) :
si le disque est plein, si les droits manquent ou si le programme s'arrête en
route, l'original reste tel quel et aucun fichier temporaire ne traîne.

``ajouter_a_une_liste`` complète un fichier YAML fait d'une liste (data/acteurs.yml)
en recopiant ses octets tels quels (commentaires, mise en forme, fins de ligne
Windows, marque d'ordre des octets) et en ajoutant le nouveau bloc à la fin, avec
les fins de ligne du fichier. Un fichier qu'on ne saurait pas compléter sans risque
(pas en UTF-8, YAML mal formé, liste écrite entre crochets, pas une liste…) est
refusé avec une erreur en français qui nomme le fichier et la ligne : il n'est
jamais réécrit.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

import yaml

from .erreurs import Erreur, rapport
from .lecture import lire_texte, lire_yaml

ATTENDU_LISTE = "une liste en colonne : chaque élément commence par « - » en début de ligne (« - id: … »), comme dans le modèle"


class Refus(Exception):
    """Le fichier ne peut pas être complété sans risque ; il n'a pas été touché."""

    def __init__(self, erreurs: list[Erreur]):
        self.erreurs = erreurs
        super().__init__(rapport(erreurs))


CAUSES = {
    errno.ENOSPC: "le disque est plein",
    getattr(errno, "EDQUOT", -1): "le quota du disque est atteint",
    errno.EACCES: "droits insuffisants sur le dossier ou le fichier",
    errno.EPERM: "droits insuffisants sur le dossier ou le fichier",
    errno.EROFS: "le disque est en lecture seule",
}


def cause(exc: OSError) -> str:
    """La cause d'un échec d'écriture, en français quand elle est connue."""
    return CAUSES.get(exc.errno) or exc.strerror or str(exc)


# -- l'écriture atomique --------------------------------------------------------------


def ecrire_atomiquement(
    chemin: Path | str, contenu: bytes | str, *, sans_ecraser: bool = False
) -> None:
    """Écrit ``contenu`` (texte : en UTF-8, tel quel) dans ``chemin``, tout ou rien.

    Avec ``sans_ecraser``, un fichier qui existe déjà n'est jamais remplacé :
    ``FileExistsError``, même s'il apparaît pendant l'écriture.
    Les autres échecs (disque plein…) lèvent ``OSError`` ; l'original est intact.
    """
    chemin = Path(chemin)
    if not sans_ecraser:
        ecrire_ensemble({chemin: contenu})
        return
    chemin.parent.mkdir(parents=True, exist_ok=True)
    temporaire = _preparer(chemin, contenu)
    try:
        _placer_sans_ecraser(temporaire, chemin)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporaire)
    _synchroniser_le_dossier(chemin.parent)


def ecrire_ensemble(fichiers: dict[Path, bytes | str]) -> None:
    """Écrit plusieurs fichiers : tous les temporaires d'abord, puis les remplacements.

    Si l'un des temporaires ne peut pas être écrit (disque plein), aucun fichier
    n'est remplacé. Les dossiers manquants sont créés.
    """
    prets: list[tuple[str, Path]] = []
    crees: list[Path] = []
    try:
        for chemin, contenu in fichiers.items():
            chemin = Path(chemin)
            _creer_le_dossier(chemin.parent, crees)
            prets.append((_preparer(chemin, contenu), chemin))
        for temporaire, chemin in prets:
            os.replace(temporaire, chemin)
    except BaseException:
        for temporaire, _ in prets:
            with contextlib.suppress(OSError):
                os.unlink(temporaire)
        for dossier in reversed(crees):  # les dossiers créés ici, s'ils sont restés vides
            with contextlib.suppress(OSError):
                dossier.rmdir()
        raise
    for dossier in dict.fromkeys(chemin.parent for _, chemin in prets):
        _synchroniser_le_dossier(dossier)


def _creer_le_dossier(dossier: Path, crees: list[Path]) -> None:
    """Crée ``dossier`` et ses parents manquants, notés dans ``crees`` (du plus haut au plus bas)."""
    manquants = []
    while not dossier.exists() and dossier != dossier.parent:
        manquants.append(dossier)
        dossier = dossier.parent
    for manquant in reversed(manquants):
        manquant.mkdir(exist_ok=True)
        crees.append(manquant)


def _preparer(chemin: Path, contenu: bytes | str) -> str:
    """Le fichier temporaire, complet et sur le disque, à côté de ``chemin``."""
    donnees = contenu.encode("utf-8") if isinstance(contenu, str) else contenu
    descripteur, temporaire = tempfile.mkstemp(
        dir=chemin.parent, prefix=f".{chemin.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descripteur, "wb") as fichier:
            fichier.write(donnees)
            fichier.flush()
            os.fsync(fichier.fileno())
        _donner_les_droits(temporaire, chemin)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporaire)
        raise
    return temporaire


def _donner_les_droits(temporaire: str, chemin: Path) -> None:
    """Les droits de l'original (ou ceux d'un fichier ordinaire), pas le 0600 du temporaire."""
    try:
        mode = stat.S_IMODE(os.stat(chemin).st_mode)
    except FileNotFoundError:
        masque = os.umask(0)
        os.umask(masque)
        mode = 0o666 & ~masque
    with contextlib.suppress(OSError):
        os.chmod(temporaire, mode)


def _placer_sans_ecraser(temporaire: str, chemin: Path) -> None:
    try:
        os.link(temporaire, chemin)  # échoue si le fichier existe, sans fenêtre de course
    except FileExistsError:
        raise
    except OSError:
        # Système de fichiers sans liens physiques : vérification, puis remplacement.
        if os.path.lexists(chemin):
            raise FileExistsError(errno.EEXIST, "le fichier existe déjà", str(chemin)) from None
        os.replace(temporaire, chemin)


def _synchroniser_le_dossier(dossier: Path) -> None:
    """Le nouveau nom lui-même sur le disque (POSIX) ; sans effet ailleurs."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descripteur = os.open(dossier, os.O_RDONLY)
        try:
            os.fsync(descripteur)
        finally:
            os.close(descripteur)


# -- compléter une liste YAML -----------------------------------------------------------


def fin_de_ligne(texte: str) -> str:
    """La fin de ligne du fichier (celle de sa première ligne) : « \\r\\n », « \\r » ou « \\n »."""
    for i, caractere in enumerate(texte):
        if caractere == "\n":
            return "\n"
        if caractere == "\r":
            return "\r\n" if texte[i + 1 : i + 2] == "\n" else "\r"
    return "\n"


def ajouter_a_une_liste(chemin: Path | str, bloc: str, nom: str) -> None:
    """Ajoute ``bloc`` (un élément « - … » en YAML, lignes séparées par « \\n ») à la fin de la liste.

    ``nom`` est le nom du fichier dans les messages (« data/acteurs.yml »).
    Lève ``Refus`` (rien n'est écrit) si le fichier ne peut pas être complété sans
    risque, ``OSError`` si l'écriture échoue (l'original est intact).
    """
    chemin = Path(chemin)
    try:
        brut = chemin.read_bytes()
    except FileNotFoundError:
        brut = b""
    except OSError:
        _, erreurs = lire_texte(chemin, nom)
        raise Refus(
            erreurs
            or [Erreur(nom, None, "", "le fichier ne peut pas être lu", "un fichier texte lisible")]
        ) from None
    try:
        texte = brut.decode("utf-8")
    except UnicodeDecodeError:
        _, erreurs = lire_texte(chemin, nom)  # le message du reste du projet, avec la ligne fautive
        raise Refus(
            erreurs
            or [
                Erreur(
                    nom,
                    None,
                    "",
                    "le fichier n'est pas encodé en UTF-8",
                    "un fichier enregistré en UTF-8",
                )
            ]
        ) from None

    bom = texte.startswith("\ufeff")
    texte = texte.removeprefix("\ufeff")
    nl = fin_de_ligne(texte)
    normal = texte.replace("\r\n", "\n").replace("\r", "\n")
    avant: list = []
    retrait = ""
    if not normal.strip():
        debut = b""  # vide ou seulement des blancs : on repart de rien
    else:
        lu = lire_yaml(normal, nom)
        if lu.erreurs:
            raise Refus(lu.erreurs)
        noeud = yaml.compose(normal, Loader=yaml.SafeLoader)
        if lu.valeur is None:
            debut = brut  # seulement des commentaires : on les garde
        elif not isinstance(lu.valeur, list):
            raise Refus(
                [
                    Erreur(
                        nom,
                        _ligne(noeud),
                        "",
                        "le fichier ne contient pas une liste : un nouvel élément ne peut pas y être ajouté",
                        ATTENDU_LISTE,
                    )
                ]
            )
        elif noeud.flow_style:
            if lu.valeur:
                raise Refus(
                    [
                        Erreur(
                            nom,
                            _ligne(noeud),
                            "",
                            "la liste est écrite entre crochets « [ … ] » : un élément ne peut pas être ajouté à sa suite sans la réécrire",
                            ATTENDU_LISTE,
                        )
                    ]
                )
            # « [] » : liste vide écrite entre crochets ; on ne garde que les commentaires.
            debut = "".join(
                l for l in texte.splitlines(keepends=True) if l.lstrip().startswith("#")
            ).encode("utf-8")
        else:
            debut, avant = brut, lu.valeur
            retrait = (
                " " * noeud.start_mark.column
            )  # une liste décalée (« ␣␣- id: … ») : même décalage
    if bom and not debut.startswith(codecs.BOM_UTF8):
        debut = codecs.BOM_UTF8 + debut

    if retrait:
        bloc = "\n".join(retrait + ligne if ligne.strip() else ligne for ligne in bloc.split("\n"))
    if debut.removeprefix(codecs.BOM_UTF8).strip():
        ajout = bloc.replace("\n", nl)
        if not debut.endswith((b"\n", b"\r")):
            ajout = nl + ajout
    else:
        ajout = bloc.lstrip("\n").replace("\n", nl)
    nouveau = debut + ajout.encode("utf-8")

    # Vérification : le fichier complété se relit, et garde ses éléments à l'identique.
    relu = lire_yaml(
        nouveau.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"),
        nom,
    )
    if (
        relu.erreurs
        or not isinstance(relu.valeur, list)
        or len(relu.valeur) != len(avant) + 1
        or relu.valeur[:-1] != avant
    ):
        raise Refus(
            [
                Erreur(
                    nom,
                    None,
                    "",
                    "un élément ajouté à la fin de ce fichier le rendrait illisible ou modifierait les éléments existants (mise en forme inhabituelle)",
                    ATTENDU_LISTE + ", sans « --- » ni « ... » à la fin du fichier",
                )
            ]
        )
    ecrire_atomiquement(chemin, nouveau)


def _ligne(noeud: yaml.Node | None) -> int | None:
    return noeud.start_mark.line + 1 if noeud is not None else None
