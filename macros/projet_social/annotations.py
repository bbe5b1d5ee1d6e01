"""Les erreurs de contenu, présentées à GitHub Actions.

Quand ``make check`` tourne dans GitHub Actions (``GITHUB_ACTIONS=true``) :

- chaque erreur devient une annotation ``::error file=…,line=…,title=…::message``
  (``::warning`` pour un avertissement), que GitHub affiche sur la ligne du fichier
  dans la pull request ;
- GitHub n'affiche que 10 annotations de chaque sorte par étape : les erreurs des
  fichiers modifiés par la pull request passent donc en premier ;
- le rapport complet, en français, est ajouté au résumé de l'exécution
  (``$GITHUB_STEP_SUMMARY``), en Markdown.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from .erreurs import Erreur, neutraliser
from .textes import compte


def echapper_message(texte: str) -> str:
    """Le message d'une commande d'atelier GitHub : %, retour chariot et saut de ligne codés.

    « % » d'abord (sinon le « %0A » produit serait recodé) ; les autres caractères de
    contrôle (tabulation, échappements de terminal, séparateurs de ligne Unicode)
    deviennent des espaces : la commande reste sur une seule ligne.
    """
    return neutraliser(str(texte).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def echapper_propriete(texte: str) -> str:
    """Une propriété (file, title…) : en plus du message, « : » et « , » sont codés.

    Ainsi une valeur ne peut ni finir la liste des propriétés (« , »), ni le début de
    la commande (« :: »), ni la ligne.
    """
    return echapper_message(texte).replace(":", "%3A").replace(",", "%2C")


def titre(erreur: Erreur) -> str:
    champ = f"champ « {erreur.champ} »" if erreur.champ else "le fichier"
    sorte = "Erreur" if erreur.bloquante else "Avertissement"
    return f"{sorte} dans {champ}"


def annotation(erreur: Erreur) -> str:
    """Une ligne ``::error …::…`` (ou ``::warning``) pour une erreur."""
    commande = "error" if erreur.bloquante else "warning"
    proprietes = [f"file={echapper_propriete(erreur.fichier)}"]
    if erreur.ligne:
        proprietes.append(f"line={int(erreur.ligne)}")
    proprietes.append(f"title={echapper_propriete(titre(erreur))}")
    message = f"{erreur.message}. Attendu : {erreur.attendu}"
    return f"::{commande} {','.join(proprietes)}::{echapper_message(message)}"


def fichiers_modifies(racine: Path, env: dict | None = None) -> set[str]:
    """Les fichiers modifiés par la pull request (vide hors pull request ou sans git)."""
    env = os.environ if env is None else env
    base = env.get("GITHUB_BASE_REF")
    if not base:
        return set()
    for comparaison in (f"origin/{base}...HEAD", f"{base}...HEAD"):
        try:
            sortie = subprocess.run(
                ["git", "diff", "--name-only", "--relative", comparaison],
                cwd=racine,
                capture_output=True,
                text=True,
                timeout=60,
            )
        except (OSError, subprocess.SubprocessError):
            return set()
        if sortie.returncode == 0:
            return {ligne.strip() for ligne in sortie.stdout.splitlines() if ligne.strip()}
    return set()


def ordonner(erreurs: list[Erreur], modifies: set[str]) -> list[Erreur]:
    """Erreurs puis avertissements ; dans chaque groupe, les fichiers modifiés d'abord."""
    return sorted(
        erreurs,
        key=lambda e: (
            not e.bloquante,
            e.fichier not in modifies,
            e.fichier,
            e.ligne or 0,
            e.champ,
        ),
    )


def _cellule(texte: str) -> str:
    """Une cellule du tableau Markdown : HTML et « | » neutralisés, sur une seule ligne."""
    return neutraliser(
        str(texte)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
    )


def resume(erreurs: list[Erreur], modifies: set[str]) -> str:
    """Le rapport complet en Markdown, pour le résumé de l'exécution."""
    bloquantes = sum(e.bloquante for e in erreurs)
    avertissements = len(erreurs) - bloquantes
    lignes = ["## Vérification du contenu", ""]
    if not erreurs:
        return "\n".join(lignes + ["Contenu valide : aucune erreur.", ""])
    lignes.append(
        f"**{compte(bloquantes, 'erreur')}** à corriger, {compte(avertissements, 'avertissement')}."
        + (
            " Les erreurs des fichiers modifiés par la proposition sont en tête."
            if modifies
            else ""
        )
    )
    lignes += [
        "",
        "Pour corriger : ouvrez le fichier indiqué, allez à la ligne donnée, et remplacez la valeur "
        "par ce qui est attendu. Le guide « Contribuer » du site explique chaque champ.",
        "",
        "| | Fichier | Ligne | Champ | Problème | Attendu |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for e in ordonner(erreurs, modifies):
        sorte = "❌ erreur" if e.bloquante else "⚠️ avertissement"
        fichier = _cellule(e.fichier) + (" (modifié)" if e.fichier in modifies else "")
        lignes.append(
            f"| {sorte} | {fichier} | {e.ligne or ''} | {_cellule(e.champ)} | {_cellule(e.message)} | {_cellule(e.attendu)} |"
        )
    return "\n".join(lignes) + "\n"


def publier(
    erreurs: list[Erreur], racine: Path, sortie: TextIO | None = None, env: dict | None = None
) -> None:
    """Écrit les annotations sur la sortie et le rapport dans ``$GITHUB_STEP_SUMMARY``."""
    env = os.environ if env is None else env
    sortie = sortie or sys.stdout
    modifies = fichiers_modifies(racine, env)
    for erreur in ordonner(erreurs, modifies):
        print(annotation(erreur), file=sortie)
    chemin = env.get("GITHUB_STEP_SUMMARY")
    if chemin:
        with open(chemin, "a", encoding="utf-8") as fichier:
            fichier.write(resume(erreurs, modifies))
