"""``make nouvelle-fiche`` et ``make nouvel-acteur`` : des modèles prêts à remplir.

Usage :
    python -m projet_social.nouveau fiche  [--noeud ID] [--titre TITRE] [--code CODE] [--racine DOSSIER]
    python -m projet_social.nouveau acteur [--nom NOM] [--id ID] [--racine DOSSIER]
    make nouvelle-fiche NOEUD=ID TITRE="L'accueil du public" [CODE=…] [RACINE=…]
    make nouvel-acteur NOM="L'école des Tilleuls" [ID=…] [RACINE=…]

Avec make, les valeurs arrivent par l'environnement (PROJET_SOCIAL_NOEUD,
PROJET_SOCIAL_TITRE, PROJET_SOCIAL_CODE, PROJET_SOCIAL_NOM, PROJET_SOCIAL_ID,
PROJET_SOCIAL_RACINE), jamais par une ligne relue par le shell : une apostrophe
ou des guillemets dans un titre ne posent aucun problème. Une option donnée en
argument passe avant la variable d'environnement.

Ce qui est donné est vérifié avant toute question : un nœud inconnu est refusé
tout de suite, avec les identifiants les plus proches ; un code mal formé ou déjà pris
aussi. Ce qui n'est donné ni en argument ni par l'environnement est ensuite demandé.
Sans réponse possible (pas de terminal : entrée fermée, ou vide comme « </dev/null »),
la commande ne demande rien : elle affiche la commande complète à taper (et, pour une
fiche, les identifiants des nœuds), sans trace Python, code de sortie 2. Une entrée qui
n'est pas un terminal mais contient des réponses (un script) est lue comme au clavier.

Un acteur qui porte déjà ce nom (accents, casse et ponctuation mis à part), ce sigle
ou l'identifiant qui en serait tiré n'est pas ajouté en double : la commande nomme
l'acteur existant (identifiant, nom, ligne de data/acteurs.yml) et s'arrête (code 1),
ou, au terminal, demande un autre identifiant. Un identifiant donné exprès (ID=…),
différent de ceux qui existent, permet d'ajouter une autre structure du même nom.

La fiche (``docs/fiches/<code>.md``) ou l'acteur (ajouté à la fin de ``data/acteurs.yml``)
contient tous les champs, chacun précédé d'un commentaire tiré des schémas (reference.py)
qui décrit exactement la ligne qui le suit : les champs obligatoires sont remplis, les
autres vides ou en commentaire, les listes d'éléments avec un modèle à décommenter. Les
commentaires ne coupent jamais un code (« langue-francaise ») en fin de ligne. Le
résultat passe ``make check``.

Les fichiers de l'équipe ne sont jamais abîmés (voir ecriture.py) : une fiche
existante n'est jamais remplacée ; data/acteurs.yml est complété tout ou rien,
en gardant ses commentaires, sa mise en forme et ses fins de ligne, et il est
refusé (sans être touché) s'il ne peut pas être complété sans risque.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import os
import re
import shlex
import sys
import textwrap
from pathlib import Path

from . import ecriture, reference, textes
from .chargement import VOCABULAIRES, charger
from .erreurs import rapport
from .lecture import lire_fichier_yaml
from .modele import Acteur, Noeud, ProjetSocial, cle_naturelle

MOTIF_CODE = re.compile(r"^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$")
# Les champs qui prennent les codes d'une liste de data/vocabulaires.yml : champ → liste.
VOCABULAIRE_DU_CHAMP = {"statut": "statuts", "statut_avancement": "statuts_avancement"} | {
    v: v for v in VOCABULAIRES
}


class Abandon(Exception):
    """Une réponse impossible (nœud inconnu, code déjà pris…) : le message est pour l'utilisateur."""


# -- les codes et identifiants ------------------------------------------------------


def incrementer(code: str) -> str:
    """Le code suivant : « 2-18 » → « 2-19 », « T-09 » → « T-10 », « A.1 » → « A.2 »."""
    dernier = re.search(r"(\d+)(\D*)$", code)
    if not dernier:
        return f"{code}-2"
    nombre = str(int(dernier.group(1)) + 1).zfill(len(dernier.group(1)))
    return code[: dernier.start(1)] + nombre + dernier.group(2)


def _voisines(projet: ProjetSocial, noeud: Noeud) -> list:
    """Les fiches dont le rattachement principal est sous le nœud le plus proche qui en a."""
    courant = noeud
    while courant is not None:
        sous = {id(n) for n in [courant, *courant.descendants()]}
        fiches = [f for f in projet.fiches.values() if id(f.principal) in sous]
        if fiches:
            return fiches
        courant = courant.parent
    return []


def code_suivant(projet: ProjetSocial, noeud: Noeud) -> str:
    """Le premier code libre après la dernière fiche « voisine » (même branche de l'arbre)."""
    voisines = _voisines(projet, noeud)
    if voisines:
        code = incrementer(max((f.code for f in voisines), key=cle_naturelle))
    else:
        prefixe = re.sub(r"[^A-Za-z0-9]", "", noeud.racine.code)[:3].upper()
        code = f"{prefixe}-01" if prefixe else "01"
    while code in projet.fiches:
        code = incrementer(code)
    return code


def nom_de_fichier(projet: ProjetSocial, noeud: Noeud, code: str) -> str:
    """``fiches/<code>.md``, en minuscules si les fiches voisines le sont (a-01.md)."""
    voisines = _voisines(projet, noeud)
    minuscules = bool(voisines) and all(
        Path(f.fichier).stem == f.code.lower() != f.code for f in voisines
    )
    return f"fiches/{code.lower() if minuscules else code}.md"


def identifiant(texte: str) -> str:
    """« Maison des Jeunes (MJC) » → « maison-des-jeunes-mjc » (la règle unique : textes.identifiant)."""
    return textes.identifiant(texte, "acteur", 60)


# -- les commentaires ---------------------------------------------------------------
#
# Chaque champ du modèle est précédé d'un commentaire qui dit ce qu'il est et comment
# s'écrit exactement la ligne (ou le bloc) qui le suit : les formes tirées des schémas
# (reference.py) sont reformulées ici d'après la sorte de valeur et l'exemple montré.

LARGEUR = 96
# Espaces à ne jamais couper : à l'intérieur des guillemets « … » et devant : ; ? !
_INSECABLES = re.compile(r"(?<=«) | (?=[»:;?!])")
_CITATION_COURTE = re.compile(r"«[^«»]{0,40}»")
_PAR_EXEMPLE = re.compile(
    r"\s*\(par exemple [^)]*\)|,? par exemple (?:« [^»]* »|\"[^\"]*\"|\[[^\]]*\]|[^\s)]+)"
)
_ENUMERATION = re.compile(r"\s*\([^()]*…\)")
_EXEMPLE_DE_FORME = re.compile(r"par exemple (?:« ([^»]*) »|(\"[^\"]*\")|(\S+))")


def envelopper(texte: str, largeur: int) -> list[str]:
    """Des lignes d'au plus ``largeur`` caractères, sans couper un code (« langue-francaise »),
    un mot trop long, une courte citation « … », ni séparer « : » ou « ; » du mot qui précède."""
    proteges = _CITATION_COURTE.sub(lambda m: m.group(0).replace(" ", "\x00"), texte)
    proteges = _INSECABLES.sub("\x00", proteges)
    lignes = textwrap.wrap(proteges, largeur, break_on_hyphens=False, break_long_words=False)
    return [ligne.replace("\x00", " ") for ligne in lignes]


def sans_exemple(texte: str) -> str:
    """Le texte sans ses « par exemple … » : l'exemple est la ligne montrée sous le commentaire."""
    return _PAR_EXEMPLE.sub("", texte)


def _vocabulaire(champ: reference.Champ, projet: ProjetSocial) -> str | None:
    """Le nom de la liste de data/vocabulaires.yml dont le champ prend les codes, s'il y en a une."""
    nom = VOCABULAIRE_DU_CHAMP.get(champ.nom)
    return nom if nom and projet.vocabulaires.get(nom) else None


def _valeurs_possibles(vocabulaire: str, projet: ProjetSocial) -> str:
    termes = projet.vocabulaires[vocabulaire].values()
    return ", ".join(f"{t.code} ({t.libelle})" if t.libelle != t.code else t.code for t in termes)


def _identifiants_d_exemple(champ: reference.Champ, projet: ProjetSocial) -> list[str]:
    """Deux identifiants qui existent, pour montrer une liste remplie : [mjc-des-tilleuls, …]."""
    vocabulaire = _vocabulaire(champ, projet)
    if vocabulaire:
        return list(projet.vocabulaires[vocabulaire])[:2]
    if champ.nom in ("porteurs", "partenaires", "financeurs"):
        return list(projet.acteurs)[:2]
    if champ.nom in ("lieux", "lieu"):
        return list(projet.lieux)[:2]
    if champ.nom == "rattachements":
        return [n.id for n in projet.noeuds.values() if not n.enfants][:2]
    return []


def _forme(champ: reference.Champ, projet: ProjetSocial, exemple_montre: bool) -> str:
    """Comment s'écrit la valeur, dit pour la ligne du modèle qui suit le commentaire."""
    vocabulaire = _vocabulaire(champ, projet)
    # La liste de codes est nommée par la forme, sauf si la description du schéma la nomme déjà.
    de_la_liste = (
        f" de la liste « {vocabulaire} » de data/vocabulaires.yml"
        if vocabulaire and "data/vocabulaires.yml" not in champ.description
        else ""
    )
    if champ.sorte in ("liste_identifiants", "liste_textes") and (
        vocabulaire or champ.sorte == "liste_identifiants"
    ):
        quoi = "de codes" + de_la_liste if vocabulaire else "d'identifiants"
        forme = f"une liste {quoi} entre crochets, séparés par des virgules"
        if champ.obligatoire:
            return forme + " (au moins un)"
        exemples = _identifiants_d_exemple(champ, projet)
        if exemples and not exemple_montre:
            forme += f", par exemple [{', '.join(exemples)}]"
        return forme + ("" if exemple_montre else " ; [] tant qu'elle est vide")
    if champ.sorte == "liste_textes":
        return (
            f"une liste de textes ; [] tant qu'elle est vide. Pour la remplir, remplacez la ligne "
            f"« {champ.nom}: [] » par « {champ.nom}: » suivi d'une ligne par élément, décalée de deux "
            f"espaces et commençant par « - »"
        )
    if champ.sorte == "liste_objets":
        return (
            f"une liste ; [] tant qu'elle est vide. Pour la remplir, remplacez la ligne « {champ.nom}: [] » "
            f"par des lignes comme celles du modèle ci-dessous, sans les « # » : un « - » par élément, "
            f"les autres champs de l'élément alignés sous le premier"
        )
    if champ.sorte == "prose":
        return (
            f"un texte libre (Markdown), écrit sous la ligne « {champ.nom}: | », chaque ligne décalée "
            f"de deux espaces de plus que le nom du champ"
        )
    if vocabulaire:
        return f"un code{de_la_liste}, sans crochets"
    return sans_exemple(champ.forme) if exemple_montre else champ.forme


def _description(champ: reference.Champ, projet: ProjetSocial, exemple_montre: bool) -> str:
    description = champ.description
    vocabulaire = _vocabulaire(champ, projet)
    if vocabulaire:
        # Les valeurs possibles suivent : pas d'exemple (« par exemple E, NA, AE », « numerique, sante… »)
        # qui pourrait venir d'un autre centre.
        description = _ENUMERATION.sub("", _PAR_EXEMPLE.sub("", description))
        description = (
            description + f" Valeurs possibles : {_valeurs_possibles(vocabulaire, projet)}."
        ).strip()
    elif exemple_montre:
        description = sans_exemple(description)
    if champ.chemin == ("bilans",):
        description += (
            " Mode d'emploi : page « Ajouter un bilan » de la rubrique Contribuer du site."
        )
    return description.strip()


def _commentaire(
    champ: reference.Champ, projet: ProjetSocial, retrait: str = "", exemple_montre: bool = True
) -> list[str]:
    texte = f"{champ.titre}{' (obligatoire)' if champ.obligatoire else ''} — {_forme(champ, projet, exemple_montre)}."
    description = _description(champ, projet, exemple_montre)
    if description:
        texte += " " + description
    return [f"{retrait}# {ligne}" for ligne in envelopper(texte, LARGEUR - len(retrait))]


def _exemple(champ: reference.Champ, projet: ProjetSocial) -> str:
    """Une valeur d'exemple, pour les sous-champs montrés dans un modèle en commentaire."""
    if champ.sorte.startswith("liste"):
        return "[]"
    if champ.sorte == "annee":
        debut, fin = (
            projet.centre.debut,
            projet.centre.fin,
        )  # l'un ou l'autre peut manquer au projet social
        annee = (fin or debut) if champ.nom == "annee_fin" else (debut or fin)
        return str(annee or datetime.date.today().year)
    if champ.sorte == "date":
        return datetime.date.today().isoformat()
    if champ.sorte == "nombre":
        return "0"
    if champ.sorte == "url":
        return "https://…"
    vocabulaire = _vocabulaire(champ, projet)
    if vocabulaire:
        return next(iter(projet.vocabulaires[vocabulaire]))
    identifiants = _identifiants_d_exemple(champ, projet)
    if identifiants:
        return identifiants[0]
    trouve = _EXEMPLE_DE_FORME.search(champ.forme) if champ.sorte != "identifiant" else None
    if trouve:
        return next(g for g in trouve.groups() if g)
    return "…"


def _modele_de_liste(champ: reference.Champ, projet: ProjetSocial, retrait: str) -> list[str]:
    """Le modèle en commentaire d'une liste d'éléments (échéancier, bilans, permanences).

    Sans les « # » (et l'espace qui suit), ces lignes sont du YAML valide ; chaque
    sous-champ est suivi de son titre en commentaire, que le site ignore aussi.
    """
    lignes: list[tuple[str, str]] = []

    def elements(champs: list[reference.Champ], decalage: str) -> None:
        for i, sous in enumerate(champs):
            debut = f"{decalage}- " if i == 0 else f"{decalage}  "
            note = sous.titre + (", obligatoire" if sous.obligatoire else "")
            vocabulaire = _vocabulaire(sous, projet)
            if vocabulaire:
                note += " : " + ", ".join(projet.vocabulaires[vocabulaire])
            if sous.sorte == "liste_objets" and sous.sous_champs:
                lignes.append((f"{debut}{sous.nom}:", note))
                elements(sous.sous_champs, decalage + "    ")
            else:
                lignes.append((f"{debut}{sous.nom}: {_exemple(sous, projet)}", note))

    elements(champ.sous_champs, "  ")
    colonne = max(len(code) for code, _ in lignes) + 2
    return [f"{retrait}# {champ.nom}:"] + [
        f"{retrait}# {code.ljust(colonne)}# {note}" for code, note in lignes
    ]


def _champ(
    champ: reference.Champ, projet: ProjetSocial, valeurs: dict, retrait: str = ""
) -> list[str]:
    """Le commentaire et la ligne (ou le bloc) d'un champ du modèle."""
    if champ.nom in valeurs:
        return _commentaire(champ, projet, retrait) + [
            f"{retrait}{champ.nom}: {valeurs[champ.nom]}"
        ]
    if champ.sorte == "liste_objets":
        lignes = _commentaire(champ, projet, retrait)
        if champ.sous_champs:
            lignes += _modele_de_liste(champ, projet, retrait)
        return lignes + [f"{retrait}{champ.nom}: []"]
    if champ.sorte.startswith("liste"):
        return _commentaire(champ, projet, retrait) + [f"{retrait}{champ.nom}: []"]
    if champ.sorte == "prose":
        return _commentaire(champ, projet, retrait) + [f"{retrait}{champ.nom}: |", ""]
    # Un champ d'une ligne, laissé en commentaire : un exemple s'il vient d'une liste de codes, sinon rien.
    vocabulaire = _vocabulaire(champ, projet)
    exemple = f" {next(iter(projet.vocabulaires[vocabulaire]))}" if vocabulaire else ""
    return _commentaire(champ, projet, retrait, exemple_montre=bool(exemple)) + [
        f"{retrait}# {champ.nom}:{exemple}"
    ]


def _entete(quoi: str, exemple_en_commentaire: str, guide: str) -> list[str]:
    return [
        f"# {quoi}",
        "# Les lignes qui commencent par « # » sont des explications : le site les ignore.",
        f"# Pour remplir un champ écrit en commentaire (« # {exemple_en_commentaire} »), retirez « # » et l'espace qui suit.",
        "# Seuls les champs marqués « obligatoire » sont indispensables ; supprimez ceux qui ne servent pas.",
        f"# Mode d'emploi : page « {guide} » de la rubrique Contribuer du site.",
    ]


def _premier_en_commentaire(corps: list[str], retrait: str) -> str:
    """La première ligne « # champ: … » du modèle : l'exemple donné par l'en-tête."""
    motif = re.compile(rf"^{retrait}# ([a-z_]+:.*)$")
    return next((m.group(1) for m in map(motif.match, corps) if m), "champ: valeur")


# -- les modèles --------------------------------------------------------------------


def modele_de_fiche(projet: ProjetSocial, noeud: Noeud, titre: str, code: str) -> str:
    """Le texte complet d'une nouvelle fiche : tous les champs, expliqués."""
    valeurs = {
        "code": json.dumps(code, ensure_ascii=False),
        "titre": json.dumps(titre, ensure_ascii=False),
        "rattachements": f"[{noeud.id}]",
    }
    corps: list[str] = []
    for champ in reference.fichier("fiche").champs:
        if champ.nom == "projets" and projet.vocabulaires.get("projets"):
            # Absent veut dire « pas connu », [] veut dire « aucun » : on laisse en commentaire.
            corps += _commentaire(champ, projet) + [
                f"# projets: [{next(iter(projet.vocabulaires['projets']))}]"
            ]
        else:
            corps += _champ(champ, projet, valeurs)
        corps.append("")
    quoi = f"Fiche créée par « make nouvelle-fiche » le {datetime.date.today().isoformat()}."
    lignes = [
        "---",
        *_entete(quoi, _premier_en_commentaire(corps, ""), "Ajouter une fiche action"),
        "",
        *corps,
    ]
    lignes += [
        "# Après la ligne « --- » qui suit : un texte libre (facultatif), affiché à la fin de la fiche.",
        "---",
        "",
    ]
    return "\n".join(lignes)


def modele_d_acteur(projet: ProjetSocial, id_: str, nom: str) -> str:
    """Le bloc YAML d'un nouvel acteur, à ajouter à la fin de data/acteurs.yml."""
    corps: list[str] = []
    for champ in reference.fichier("acteurs").champs:
        if champ.nom == "id":
            continue
        if champ.nom == "date_maj":
            # « Vérifié le » : à remplir seulement après avoir vérifié auprès de la structure.
            corps += _commentaire(champ, projet, "  ") + [
                f"  # date_maj: {datetime.date.today().isoformat()}"
            ]
        else:
            corps += _champ(champ, projet, {"nom": json.dumps(nom, ensure_ascii=False)}, "  ")
    quoi = f"Acteur ajouté par « make nouvel-acteur » le {datetime.date.today().isoformat()}."
    lignes = [
        "",
        *_entete(quoi, _premier_en_commentaire(corps, "  "), "Ajouter un acteur"),
        f"- id: {id_}",
        *corps,
    ]
    return "\n".join(lignes) + "\n"


# -- l'écriture ---------------------------------------------------------------------


def _charger(racine: Path) -> ProjetSocial:
    projet, erreurs = charger(racine)
    if projet is None:
        raise Abandon(
            "Le contenu actuel ne peut pas être chargé ; corrigez d'abord ces erreurs :\n"
            + rapport(erreurs)
        )
    return projet


def _normal(texte: str) -> str:
    """Sans accents, casse ni ponctuation : « L'École » et « l ecole » se valent."""
    return identifiant(texte) if texte.strip() else ""


def noeud_connu(projet: ProjetSocial, noeud_id: str) -> Noeud:
    """Le nœud ``noeud_id`` ; sinon ``Abandon``, avec les identifiants les plus proches."""
    if noeud_id in projet.noeuds:
        return projet.noeuds[noeud_id]
    proches = noeuds_proches(projet, noeud_id)
    if proches:
        suggestion = " ou ".join(f"« {n.id} » ({n.titre_complet})" for n in proches)
        raise Abandon(
            f"Nœud inconnu « {noeud_id} » : vouliez-vous dire {suggestion} ? "
            f"Le nœud est un identifiant de data/arbre.yml."
        )
    raise Abandon(
        f"Nœud inconnu « {noeud_id} » : choisissez un identifiant de data/arbre.yml.\n"
        f"Identifiants possibles :\n{liste_des_noeuds(projet)}"
    )


def noeuds_proches(projet: ProjetSocial, texte: str, nombre: int = 3) -> list[Noeud]:
    """Les nœuds dont l'identifiant ressemble à ``texte``, ou dont le code (« A.2 ») ou le titre le contient."""
    cle = texte.strip().lower()
    trouves = [n for n in projet.noeuds.values() if n.code and n.code.lower() == cle]
    ids = {n.id.lower(): n for n in projet.noeuds.values()}
    trouves += [ids[i] for i in difflib.get_close_matches(cle, list(ids), n=nombre, cutoff=0.6)]
    if len(_normal(texte)) >= 4:
        trouves += [n for n in projet.noeuds.values() if _normal(texte) in _normal(n.titre)]
    return list(dict.fromkeys(trouves))[:nombre]


def liste_des_noeuds(projet: ProjetSocial) -> str:
    """Les identifiants des nœuds, décalés selon leur niveau, avec leur titre."""
    largeur = max((len(n.id) + 2 * len(n.ancetres) for n in projet.noeuds.values()), default=0)
    return "\n".join(
        f"    {('  ' * len(n.ancetres) + n.id).ljust(largeur)}   {n.titre_complet}"
        for n in projet.noeuds.values()
    )


def code_libre(projet: ProjetSocial, code: str) -> str:
    """``code`` s'il est bien formé et pas encore pris ; sinon ``Abandon``."""
    if not MOTIF_CODE.match(code):
        raise Abandon(
            f"Code « {code} » invalide : des lettres, chiffres, points ou tirets, par exemple 2-03."
        )
    if code in projet.fiches:
        raise Abandon(f"Le code « {code} » est déjà celui de {projet.fiches[code].fichier}.")
    return code


def creer_fiche(racine: Path, noeud_id: str, titre: str, code: str | None = None) -> Path:
    projet = _charger(racine)
    noeud = noeud_connu(projet, noeud_id)
    if not titre.strip():
        raise Abandon("Le titre est vide.")
    code = code_libre(projet, code or code_suivant(projet, noeud))
    chemin = racine / "docs" / nom_de_fichier(projet, noeud, code)
    if chemin.exists():
        raise Abandon(f"Le fichier {chemin} existe déjà : il n'a pas été modifié.")
    try:
        ecriture.ecrire_atomiquement(
            chemin, modele_de_fiche(projet, noeud, titre.strip(), code), sans_ecraser=True
        )
    except FileExistsError:
        raise Abandon(f"Le fichier {chemin} existe déjà : il n'a pas été modifié.") from None
    except OSError as exc:
        raise Abandon(echec_d_ecriture(chemin, exc, "aucune fiche n'a été créée")) from None
    return chemin


MOTIF_IDENTIFIANT = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class Doublon(Abandon):
    """Un acteur existe déjà sous ce nom (ou cet identifiant) : rien n'a été ajouté."""

    def __init__(self, message: str, acteur: Acteur, libre: str):
        super().__init__(message)
        self.acteur = acteur
        self.libre = libre  # un identifiant encore libre, à proposer


def ligne_de_l_acteur(racine: Path, acteur_id: str) -> int | None:
    """La ligne « - id: … » de l'acteur dans data/acteurs.yml."""
    lu = lire_fichier_yaml(racine / "data" / "acteurs.yml", "data/acteurs.yml")
    if not isinstance(lu.valeur, list):
        return None
    for i, element in enumerate(lu.valeur):
        if isinstance(element, dict) and element.get("id") == acteur_id:
            return lu.lignes.get((i, "id")) or lu.lignes.get((i,))
    return None


def designation(racine: Path, acteur: Acteur) -> str:
    """« « secours-populaire » (Secours populaire), data/acteurs.yml ligne 42 »."""
    ligne = ligne_de_l_acteur(racine, acteur.id)
    return f"« {acteur.id} » ({acteur.nom}), data/acteurs.yml{f' ligne {ligne}' if ligne else ''}"


def acteur_du_meme_nom(projet: ProjetSocial, nom: str) -> Acteur | None:
    """L'acteur qui porte déjà ce nom (accents, casse et ponctuation à part), ce sigle, ou l'identifiant tiré de ce nom."""
    cle = _normal(nom)
    for acteur in projet.acteurs.values():
        if cle and cle in (acteur.id, _normal(acteur.nom), _normal(acteur.sigle)):
            return acteur
    return None


def identifiant_libre(projet: ProjetSocial, base: str) -> str:
    """``base``, ou ``base-2``, ``base-3``… : le premier qui n'est pas pris."""
    id_, n = base, 2
    while id_ in projet.acteurs:
        id_, n = f"{base}-{n}", n + 1
    return id_


def verifier_acteur(racine: Path, projet: ProjetSocial, nom: str, id_: str | None) -> str:
    """L'identifiant du nouvel acteur ; ``Doublon`` si l'acteur semble exister déjà, ``Abandon`` si l'identifiant est invalide.

    Un nom déjà pris n'est accepté qu'avec un identifiant donné, différent de ceux qui existent.
    """
    if id_ is not None:
        if not MOTIF_IDENTIFIANT.fullmatch(id_):
            raise Abandon(
                f"Identifiant « {id_} » invalide : des minuscules sans accent, des chiffres et des tirets."
            )
        if id_ in projet.acteurs:
            acteur = projet.acteurs[id_]
            libre = identifiant_libre(projet, id_)
            raise Doublon(
                f"L'identifiant « {id_} » est déjà pris par l'acteur {designation(racine, acteur)}. "
                f"Rien n'a été ajouté : complétez cet acteur, ou choisissez un autre identifiant (par exemple {libre}).",
                acteur,
                libre,
            )
        return id_
    acteur = acteur_du_meme_nom(projet, nom)
    if acteur is not None:
        libre = identifiant_libre(projet, identifiant(nom))
        raise Doublon(
            f"Un acteur porte déjà ce nom : {designation(racine, acteur)}. Rien n'a été ajouté.\n"
            f"Pour le compléter, modifiez-le dans data/acteurs.yml. S'il s'agit bien d'une autre "
            f"structure, donnez-lui un identifiant différent :\n\n"
            f"    make nouvel-acteur NOM={pour_le_shell(nom)} ID={libre}\n",
            acteur,
            libre,
        )
    id_ = identifiant(nom)
    if not MOTIF_IDENTIFIANT.fullmatch(id_):
        raise Abandon(
            f"Identifiant « {id_} » invalide : des minuscules sans accent, des chiffres et des tirets."
        )
    return id_


def creer_acteur(racine: Path, nom: str, id_: str | None = None) -> tuple[Path, str]:
    """Ajoute l'acteur à la fin de data/acteurs.yml. Un acteur du même nom (ou du même
    identifiant) est refusé (``Doublon``), sauf avec un ``id_`` différent, donné exprès."""
    projet = _charger(racine)
    if not nom.strip():
        raise Abandon("Le nom est vide.")
    id_ = verifier_acteur(racine, projet, nom, id_)
    chemin = racine / "data" / "acteurs.yml"
    try:
        ecriture.ajouter_a_une_liste(
            chemin, modele_d_acteur(projet, id_, nom.strip()), "data/acteurs.yml"
        )
    except ecriture.Refus as exc:
        raise Abandon(
            f"data/acteurs.yml ne peut pas être complété sans risque : il n'a pas été modifié. Corrigez d'abord :\n{exc}"
        ) from None
    except OSError as exc:
        raise Abandon(
            echec_d_ecriture(chemin, exc, "data/acteurs.yml n'a pas été modifié")
        ) from None
    return chemin, id_


def echec_d_ecriture(chemin: Path, exc: OSError, consequence: str) -> str:
    """Le message d'un échec d'écriture, en français : la cause et ce qui n'a pas changé."""
    return f"Écriture impossible dans {chemin} ({ecriture.cause(exc)}) : {consequence}."


# -- les questions ------------------------------------------------------------------


class SansTerminal(Abandon):
    """Une valeur manque et aucune question ne peut être posée (pas de terminal) : code de sortie 2."""


def pour_le_shell(valeur: str) -> str:
    """La valeur telle qu'on la tape après « TITRE= » : entre guillemets doubles, sauf s'ils ne suffisent pas."""
    if not re.search(r'["$`\\!]', valeur):
        return f'"{valeur}"'
    return shlex.quote(valeur)


def _sans_reponse_possible() -> bool:
    """Vrai si aucune réponse ne peut être lue : entrée fermée (``<&-``), ou déjà vide (``</dev/null``).

    Une entrée qui n'est pas un terminal mais qui contient des réponses (un script qui les
    envoie par un tube) reste lue : les scripts peuvent répondre aux questions.
    """
    entree = sys.stdin
    if entree is None or entree.closed:
        return True
    try:
        if entree.isatty():
            return False
        regarder = getattr(getattr(entree, "buffer", None), "peek", None)
        return regarder is not None and regarder(1) == b""
    except (OSError, ValueError):
        return True


def _demander(question: str, defaut: str = "", sans_reponse: Abandon | None = None) -> str:
    """La réponse tapée (ou ``defaut``) ; ``sans_reponse`` est levée si l'entrée est vide ou fermée."""
    suffixe = f" [{defaut}]" if defaut else ""
    try:
        if sys.stdin is None or sys.stdin.closed:
            raise EOFError
        reponse = input(f"{question}{suffixe} : ").strip()
    except (EOFError, RuntimeError, ValueError):
        print(file=sys.stderr)
        raise (sans_reponse or SansTerminal(f"Réponse attendue : {question}")) from None
    return reponse or defaut


def commande_de_fiche(args: argparse.Namespace) -> str:
    """La commande complète à taper, avec ce qui est déjà donné."""
    morceaux = [
        "make nouvelle-fiche",
        f"NOEUD={args.noeud or '<identifiant>'}",
        "TITRE=" + (pour_le_shell(args.titre) if args.titre else '"…"'),
    ]
    morceaux += [f"CODE={args.code}"] if args.code else []
    morceaux += [f"RACINE={pour_le_shell(args.racine)}"] if args.racine else []
    return " ".join(morceaux)


def commande_d_acteur(args: argparse.Namespace) -> str:
    morceaux = ["make nouvel-acteur", "NOM=" + (pour_le_shell(args.nom) if args.nom else '"…"')]
    morceaux += [f"ID={args.id}"] if args.id else []
    morceaux += [f"RACINE={pour_le_shell(args.racine)}"] if args.racine else []
    return " ".join(morceaux)


def sans_terminal_fiche(projet: ProjetSocial, args: argparse.Namespace) -> SansTerminal:
    manque = [
        quoi
        for quoi, valeur in (
            ("le nœud de rattachement (NOEUD)", args.noeud),
            ("le titre (TITRE)", args.titre),
        )
        if not valeur
    ]
    message = (
        f"Il manque {' et '.join(manque)}, et aucune question ne peut être posée ici (pas de terminal).\n"
        f"Donnez tout dans la commande (les apostrophes ne posent pas de problème) :\n\n"
        f"    {commande_de_fiche(args)}\n"
    )
    if not args.noeud:
        message += (
            f"\nIdentifiants possibles pour NOEUD (data/arbre.yml) :\n{liste_des_noeuds(projet)}\n"
        )
    message += (
        "\nFacultatif : CODE=… impose le code de la fiche (par défaut, le suivant de sa branche)."
    )
    return SansTerminal(message)


def sans_terminal_acteur(args: argparse.Namespace) -> SansTerminal:
    return SansTerminal(
        "Il manque le nom de la structure (NOM), et aucune question ne peut être posée ici (pas de terminal).\n"
        "Donnez-le dans la commande (les apostrophes ne posent pas de problème) :\n\n"
        f"    {commande_d_acteur(args)}\n\n"
        "Facultatif : ID=… impose l'identifiant (par défaut, tiré du nom)."
    )


def _choisir_noeud(projet: ProjetSocial, sans_reponse: Abandon) -> Noeud:
    """Le nœud choisi par son numéro ou son identifiant ; la question est reposée tant qu'il est inconnu."""
    feuilles = [n for n in projet.noeuds.values() if not n.enfants]
    racine = None
    for i, noeud in enumerate(feuilles, 1):
        if noeud.racine is not racine:
            racine = noeud.racine
            print(f"\n{racine.titre_complet}")
        print(f"  {i:>3}. {noeud.titre_complet}")
    while True:
        reponse = _demander(
            "\nNuméro (ou identifiant) du nœud auquel la fiche se rattache",
            sans_reponse=sans_reponse,
        )
        if reponse.isdigit():
            if 1 <= int(reponse) <= len(feuilles):
                return feuilles[int(reponse) - 1]
            print(
                f"Pas de n° {reponse} dans la liste : répondez par un numéro de 1 à {len(feuilles)}, ou un identifiant."
            )
            continue
        try:
            return noeud_connu(projet, reponse)
        except Abandon as exc:
            print(exc if reponse else "Répondez par un numéro de la liste ou un identifiant.")


def _affichable(chemin: Path) -> Path:
    """Le chemin depuis le dossier courant s'il y est (docs/fiches/2-19.md), sinon en entier."""
    try:
        return chemin.relative_to(Path.cwd().resolve())
    except ValueError:
        return chemin


# Les valeurs passées par « make nouvelle-fiche TITRE="…" » (voir le Makefile) : option → variable.
ENVIRONNEMENT = {
    "racine": "PROJET_SOCIAL_RACINE",
    "noeud": "PROJET_SOCIAL_NOEUD",
    "titre": "PROJET_SOCIAL_TITRE",
    "code": "PROJET_SOCIAL_CODE",
    "nom": "PROJET_SOCIAL_NOM",
    "id": "PROJET_SOCIAL_ID",
}


def completer_depuis_l_environnement(args, environnement: dict[str, str]) -> None:
    """Une option absente de la ligne de commande est lue dans l'environnement (ce que passe le Makefile)."""
    for option, variable in environnement.items():
        if not getattr(args, option):
            setattr(args, option, os.environ.get(variable, "").strip() or None)


def _au_terminal() -> bool:
    try:
        return sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty()
    except (OSError, ValueError):
        return False


def nouvelle_fiche(racine: Path, args: argparse.Namespace) -> Path:
    """Ce qui est donné (nœud, code) est vérifié d'abord, avant toute question."""
    projet = _charger(racine)
    noeud = noeud_connu(projet, args.noeud) if args.noeud else None
    code = code_libre(projet, args.code) if args.code else None
    sans_reponse = sans_terminal_fiche(projet, args)
    if (noeud is None or not args.titre) and _sans_reponse_possible():
        raise sans_reponse
    noeud_demande = noeud is None
    if noeud is None:
        noeud = _choisir_noeud(projet, sans_reponse)
        args.noeud = noeud.id  # si la suite manque, la commande à taper le reprend
        sans_reponse = sans_terminal_fiche(projet, args)
    titre = args.titre or _demander("Titre de l'action", sans_reponse=sans_reponse)
    if not titre.strip():
        raise Abandon("Le titre est vide : aucune fiche n'a été créée.")
    if not code and noeud_demande:
        code = code_libre(
            projet, _demander("Code de la fiche", code_suivant(projet, noeud), sans_reponse)
        )
    return creer_fiche(racine, noeud.id, titre, code)


def nouvel_acteur(racine: Path, args: argparse.Namespace) -> tuple[Path, str]:
    """Un nom déjà pris est refusé en nommant l'acteur existant ; au terminal, un autre identifiant est demandé."""
    projet = _charger(racine)
    sans_reponse = sans_terminal_acteur(args)
    if not args.nom and _sans_reponse_possible():
        raise sans_reponse
    nom = args.nom or _demander("Nom de la structure", sans_reponse=sans_reponse)
    if not nom.strip():
        raise Abandon("Le nom est vide : rien n'a été ajouté.")
    try:
        id_ = verifier_acteur(racine, projet, nom, args.id)
    except Doublon as exc:
        if args.nom and not _au_terminal():
            raise
        print(exc)
        id_ = _demander(
            f"S'il s'agit bien d'une autre structure, son identifiant (par exemple {exc.libre}) ; "
            "rien pour ne pas l'ajouter",
            sans_reponse=exc,
        )
        if not id_:
            raise Abandon("Rien n'a été ajouté.") from None
        return creer_acteur(racine, nom, id_)
    if not args.id and not args.nom:
        id_ = _demander("Identifiant", id_, sans_reponse)
    return creer_acteur(racine, nom, id_)


def main(arguments: list[str] | None = None) -> int:
    analyse = argparse.ArgumentParser(
        prog="python -m projet_social.nouveau",
        description="Crée une fiche ou un acteur prêts à remplir.",
    )
    analyse.add_argument("sorte", choices=["fiche", "acteur"])
    analyse.add_argument(
        "--racine", help="dossier du centre (data/ et docs/) ; par défaut le dossier courant"
    )
    analyse.add_argument("--noeud", help="identifiant du nœud de data/arbre.yml (fiche)")
    analyse.add_argument("--titre", help="titre de la fiche")
    analyse.add_argument("--code", help="code de la fiche (par défaut : le suivant)")
    analyse.add_argument("--nom", help="nom de l'acteur")
    analyse.add_argument("--id", help="identifiant de l'acteur (par défaut : tiré du nom)")
    args = analyse.parse_args(arguments)
    completer_depuis_l_environnement(args, ENVIRONNEMENT)
    racine = Path(args.racine or ".").resolve()
    try:
        if args.sorte == "fiche":
            chemin = nouvelle_fiche(racine, args)
            print(
                f"Fiche créée : {_affichable(chemin)}. Complétez-la, puis vérifiez avec « make check »."
            )
        else:
            chemin, id_ = nouvel_acteur(racine, args)
            print(
                f"Acteur « {id_} » ajouté à la fin de {_affichable(chemin)}. Complétez-le, puis vérifiez avec « make check »."
            )
    except SansTerminal as exc:
        print(exc, file=sys.stderr)
        return 2
    except Abandon as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            echec_d_ecriture(Path(exc.filename or racine), exc, "rien n'a été modifié"),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
