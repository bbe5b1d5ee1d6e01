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

Ce qui n'est donné ni en argument ni par l'environnement est demandé. La fiche (``docs/fiches/<code>.md``)
ou l'acteur (ajouté à la fin de ``data/acteurs.yml``) contient tous les champs,
chacun expliqué par un commentaire tiré des schémas (reference.py) : les champs
obligatoires sont remplis, les autres vides ou en commentaire. Le résultat passe
``make check``.

Les fichiers de l'équipe ne sont jamais abîmés (voir ecriture.py) : une fiche
existante n'est jamais remplacée ; data/acteurs.yml est complété tout ou rien,
en gardant ses commentaires, sa mise en forme et ses fins de ligne, et il est
refusé (sans être touché) s'il ne peut pas être complété sans risque.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
import textwrap
import unicodedata
from pathlib import Path

from . import ecriture, reference
from .chargement import VOCABULAIRES, charger
from .erreurs import rapport
from .modele import Noeud, ProjetSocial, cle_naturelle

MOTIF_CODE = re.compile(r"^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$")
VOCABULAIRE_DU_CHAMP = {"statut": "statuts", "statut_avancement": "statuts_avancement"} | {v: v for v in VOCABULAIRES}
ENTETE = [
    "# Les lignes qui commencent par « # » sont des explications : le site les ignore.",
    "# Pour remplir un champ écrit en commentaire (« # statut: »), retirez « # » et l'espace qui suit.",
    "# Seuls les champs marqués « obligatoire » sont indispensables ; supprimez ceux qui ne servent pas.",
]


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
    minuscules = bool(voisines) and all(Path(f.fichier).stem == f.code.lower() != f.code for f in voisines)
    return f"fiches/{code.lower() if minuscules else code}.md"


def identifiant(texte: str) -> str:
    """« Maison des Jeunes (MJC) » → « maison-des-jeunes-mjc »."""
    ascii_ = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:60].strip("-") or "acteur"


# -- les commentaires ---------------------------------------------------------------


def _commentaire(champ: reference.Champ, projet: ProjetSocial, retrait: str = "") -> list[str]:
    entete = f"{champ.titre}{' (obligatoire)' if champ.obligatoire else ''} — {champ.forme}."
    texte = entete + (" " + champ.description if champ.description else "")
    vocabulaire = VOCABULAIRE_DU_CHAMP.get(champ.nom)
    if vocabulaire and projet.vocabulaires.get(vocabulaire):
        valeurs = ", ".join(f"{t.code} ({t.libelle})" if t.libelle != t.code else t.code for t in projet.vocabulaires[vocabulaire].values())
        texte += f" Valeurs possibles : {valeurs}."
    return [f"{retrait}# {ligne}" for ligne in textwrap.wrap(texte, 96 - len(retrait))]


def _exemple(champ: reference.Champ, projet: ProjetSocial) -> str:
    """Une valeur d'exemple, pour les sous-champs montrés en commentaire."""
    if champ.sous_champs or "liste" in champ.forme:
        return "[]"
    if "année" in champ.forme:
        return str(projet.centre.debut)
    if "date" in champ.forme:
        return datetime.date.today().isoformat()
    if "nombre" in champ.forme:
        return "0"
    vocabulaire = VOCABULAIRE_DU_CHAMP.get(champ.nom)
    if vocabulaire and projet.vocabulaires.get(vocabulaire):
        return next(iter(projet.vocabulaires[vocabulaire]))
    return "…"


def _champ_de_fiche(champ: reference.Champ, projet: ProjetSocial, valeurs: dict) -> list[str]:
    lignes = _commentaire(champ, projet)
    if champ.nom in valeurs:
        return lignes + [f"{champ.nom}: {valeurs[champ.nom]}"]
    if champ.sous_champs:
        lignes.append("# Un élément par « - », par exemple :")
        for i, sous in enumerate(champ.sous_champs):
            debut = "#   - " if i == 0 else "#     "
            lignes.append(f"{debut}{sous.nom}: {_exemple(sous, projet)}{'   (obligatoire)' if sous.obligatoire else ''}")
        return lignes + [f"{champ.nom}: []"]
    if "liste" in champ.forme:
        return lignes + [f"{champ.nom}: []"]
    if "Markdown" in champ.forme:
        return lignes + [f"{champ.nom}: |", ""]
    return lignes + [f"# {champ.nom}: {_exemple(champ, projet)}"]


# -- les modèles --------------------------------------------------------------------


def modele_de_fiche(projet: ProjetSocial, noeud: Noeud, titre: str, code: str) -> str:
    """Le texte complet d'une nouvelle fiche : tous les champs, expliqués."""
    valeurs = {
        "code": json.dumps(code, ensure_ascii=False),
        "titre": json.dumps(titre, ensure_ascii=False),
        "rattachements": f"[{noeud.id}]",
        # Absent veut dire « pas connu », [] veut dire « aucun » : on laisse en commentaire.
        "projets": None,
    }
    lignes = ["---", f"# Fiche créée par « make nouvelle-fiche » le {datetime.date.today().isoformat()}.", *ENTETE, ""]
    for champ in reference.fichier("fiche").champs:
        if champ.nom == "projets":
            lignes += _commentaire(champ, projet) + [f"# projets: [{next(iter(projet.vocabulaires['projets']), '')}]"]
        else:
            lignes += _champ_de_fiche(champ, projet, {k: v for k, v in valeurs.items() if v is not None})
        lignes.append("")
    lignes += ["# Après la ligne « --- » qui suit : un texte libre (facultatif), affiché à la fin de la fiche.", "---", ""]
    return "\n".join(lignes)


def modele_d_acteur(projet: ProjetSocial, id_: str, nom: str) -> str:
    """Le bloc YAML d'un nouvel acteur, à ajouter à la fin de data/acteurs.yml."""
    lignes = ["", f"# Acteur ajouté par « make nouvel-acteur » le {datetime.date.today().isoformat()}.", *ENTETE, f"- id: {id_}"]
    for champ in reference.fichier("acteurs").champs:
        if champ.nom == "id":
            continue
        lignes += _commentaire(champ, projet, "  ")
        if champ.nom == "nom":
            lignes.append(f"  nom: {json.dumps(nom, ensure_ascii=False)}")
        elif champ.nom == "date_maj":
            # « Vérifié le » : à remplir seulement après avoir vérifié auprès de la structure.
            lignes.append(f"  # date_maj: {datetime.date.today().isoformat()}")
        elif "liste" in champ.forme:
            lignes.append(f"  {champ.nom}: []")
        elif "Markdown" in champ.forme:
            lignes += [f"  {champ.nom}: |", ""]
        else:
            lignes.append(f"  # {champ.nom}: ")
    return "\n".join(lignes) + "\n"


# -- l'écriture ---------------------------------------------------------------------


def _charger(racine: Path) -> ProjetSocial:
    projet, erreurs = charger(racine)
    if projet is None:
        raise Abandon("Le contenu actuel ne peut pas être chargé ; corrigez d'abord ces erreurs :\n" + rapport(erreurs))
    return projet


def creer_fiche(racine: Path, noeud_id: str, titre: str, code: str | None = None) -> Path:
    projet = _charger(racine)
    if noeud_id not in projet.noeuds:
        raise Abandon(f"Nœud inconnu « {noeud_id} » : choisissez un identifiant de data/arbre.yml.")
    if not titre.strip():
        raise Abandon("Le titre est vide.")
    noeud = projet.noeuds[noeud_id]
    code = code or code_suivant(projet, noeud)
    if not MOTIF_CODE.match(code):
        raise Abandon(f"Code « {code} » invalide : des lettres, chiffres, points ou tirets, par exemple 2-03.")
    if code in projet.fiches:
        raise Abandon(f"Le code « {code} » est déjà celui de {projet.fiches[code].fichier}.")
    chemin = racine / "docs" / nom_de_fichier(projet, noeud, code)
    if chemin.exists():
        raise Abandon(f"Le fichier {chemin} existe déjà : il n'a pas été modifié.")
    try:
        ecriture.ecrire_atomiquement(chemin, modele_de_fiche(projet, noeud, titre.strip(), code), sans_ecraser=True)
    except FileExistsError:
        raise Abandon(f"Le fichier {chemin} existe déjà : il n'a pas été modifié.") from None
    except OSError as exc:
        raise Abandon(echec_d_ecriture(chemin, exc, "aucune fiche n'a été créée")) from None
    return chemin


def creer_acteur(racine: Path, nom: str, id_: str | None = None) -> tuple[Path, str]:
    projet = _charger(racine)
    if not nom.strip():
        raise Abandon("Le nom est vide.")
    id_ = id_ or identifiant(nom)
    base, n = id_, 2
    while id_ in projet.acteurs:
        id_, n = f"{base}-{n}", n + 1
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", id_):
        raise Abandon(f"Identifiant « {id_} » invalide : des minuscules sans accent, des chiffres et des tirets.")
    chemin = racine / "data" / "acteurs.yml"
    try:
        ecriture.ajouter_a_une_liste(chemin, modele_d_acteur(projet, id_, nom.strip()), "data/acteurs.yml")
    except ecriture.Refus as exc:
        raise Abandon(f"data/acteurs.yml ne peut pas être complété sans risque : il n'a pas été modifié. Corrigez d'abord :\n{exc}") from None
    except OSError as exc:
        raise Abandon(echec_d_ecriture(chemin, exc, "data/acteurs.yml n'a pas été modifié")) from None
    return chemin, id_


def echec_d_ecriture(chemin: Path, exc: OSError, consequence: str) -> str:
    """Le message d'un échec d'écriture, en français : la cause et ce qui n'a pas changé."""
    return f"Écriture impossible dans {chemin} ({ecriture.cause(exc)}) : {consequence}."


# -- les questions ------------------------------------------------------------------


def _demander(question: str, defaut: str = "") -> str:
    suffixe = f" [{defaut}]" if defaut else ""
    try:
        reponse = input(f"{question}{suffixe} : ").strip()
    except EOFError:
        raise Abandon(f"Réponse attendue : {question}") from None
    return reponse or defaut


def _choisir_noeud(projet: ProjetSocial) -> str:
    feuilles = [n for n in projet.noeuds.values() if not n.enfants]
    racine = None
    for i, noeud in enumerate(feuilles, 1):
        if noeud.racine is not racine:
            racine = noeud.racine
            print(f"\n{racine.titre_complet}")
        print(f"  {i:>3}. {noeud.titre_complet}")
    reponse = _demander("\nNuméro (ou identifiant) du nœud auquel la fiche se rattache")
    if reponse.isdigit() and 1 <= int(reponse) <= len(feuilles):
        return feuilles[int(reponse) - 1].id
    return reponse


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


def main(arguments: list[str] | None = None) -> int:
    analyse = argparse.ArgumentParser(prog="python -m projet_social.nouveau", description="Crée une fiche ou un acteur prêts à remplir.")
    analyse.add_argument("sorte", choices=["fiche", "acteur"])
    analyse.add_argument("--racine", help="dossier du centre (data/ et docs/) ; par défaut le dossier courant")
    analyse.add_argument("--noeud", help="identifiant du nœud de data/arbre.yml (fiche)")
    analyse.add_argument("--titre", help="titre de la fiche")
    analyse.add_argument("--code", help="code de la fiche (par défaut : le suivant)")
    analyse.add_argument("--nom", help="nom de l'acteur")
    analyse.add_argument("--id", help="identifiant de l'acteur (par défaut : tiré du nom)")
    args = analyse.parse_args(arguments)
    for option, variable in ENVIRONNEMENT.items():
        if not getattr(args, option):
            setattr(args, option, os.environ.get(variable, "").strip() or None)
    racine = Path(args.racine or ".").resolve()
    try:
        if args.sorte == "fiche":
            projet = _charger(racine)
            noeud = args.noeud or _choisir_noeud(projet)
            titre = args.titre or _demander("Titre de l'action")
            code = args.code
            if not code and not args.noeud and noeud in projet.noeuds:
                code = _demander("Code de la fiche", code_suivant(projet, projet.noeuds[noeud]))
            chemin = creer_fiche(racine, noeud, titre, code)
            print(f"Fiche créée : {_affichable(chemin)}. Complétez-la, puis vérifiez avec « make check ».")
        else:
            nom = args.nom or _demander("Nom de la structure")
            id_ = args.id or (None if args.nom else _demander("Identifiant", identifiant(nom)))
            chemin, id_ = creer_acteur(racine, nom, id_)
            print(f"Acteur « {id_} » ajouté à la fin de {_affichable(chemin)}. Complétez-le, puis vérifiez avec « make check ».")
    except Abandon as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(echec_d_ecriture(Path(exc.filename or racine), exc, "rien n'a été modifié"), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
