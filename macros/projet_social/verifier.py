"""``make check`` : valider tout le contenu, sans construire le site.

Usage : ``python -m projet_social.verifier [dossier du centre]`` (par défaut le
dossier courant). Affiche toutes les erreurs en français, une par ligne, et
sort avec le code 1 s'il y en a au moins une (les avertissements ne bloquent pas).
Dans GitHub Actions (``GITHUB_ACTIONS=true``), les erreurs deviennent aussi des
annotations de la pull request (voir annotations.py).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from . import annotations
from .chargement import charger
from .erreurs import rapport
from .textes import compte


def main(arguments: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if arguments is None else arguments
    racine = Path(arguments[0]) if arguments else Path.cwd()
    debut = time.perf_counter()
    try:
        projet, erreurs = charger(racine)
    except Exception as exc:  # un défaut du vérificateur lui-même, pas du contenu
        print(
            f"Erreur interne du vérificateur (ce n'est pas une erreur de contenu) : {exc!r}",
            file=sys.stderr,
        )
        return 2
    duree = time.perf_counter() - debut
    print(rapport(erreurs))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        annotations.publier(erreurs, racine)
    if projet is not None:
        print(
            f"{compte(len(projet.fiches), 'fiche')}, {compte(len(projet.noeuds), 'nœud')}, "
            f"{compte(len(projet.acteurs), 'acteur')}, {compte(len(projet.sigles), 'sigle')} — vérifié en {duree:.2f} s."
        )
    return 1 if any(e.bloquante for e in erreurs) else 0


if __name__ == "__main__":
    sys.exit(main())
