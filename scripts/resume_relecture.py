"""La section « Relire la proposition » du résumé d'une vérification (GitHub Actions).

Usage : ``make resume-relecture`` (voir .github/workflows/verifier.yml). Lit dans
l'environnement les adresses des deux artefacts joints à la proposition, telles que
les donne actions/upload-artifact (sortie ``artifact-url``) :

- ``URL_PDF`` : le projet social complet en PDF, joint sans zip : il s'ouvre en un clic
  dans le navigateur ;
- ``URL_APERCU`` : l'aperçu du site (``make apercu``), un zip à télécharger, dont on
  ouvre ``index.html``.

La section est ajoutée au fichier ``GITHUB_STEP_SUMMARY`` (ou écrite à l'écran hors de
GitHub Actions). Une adresse absente ou qui n'est pas une adresse https est remplacée
par une phrase qui dit où regarder ; les autres sont échappées (rien ne sort du lien
Markdown). Bibliothèque standard seulement ; sort toujours avec le code 0 : le résumé
ne doit jamais faire échouer la vérification.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import quote, urlsplit

TITRE = "## Relire la proposition"
# Gardés tels quels dans une adresse ; tout le reste est encodé en %XX (espaces, parenthèses,
# crochets, chevrons, guillemets, apostrophes, accents…), ce qui la garde dans son lien Markdown.
SURS = "-._~:/?#@!$&+,;=%"


def adresse_sure(valeur: str | None) -> str | None:
    """L'adresse ``valeur`` prête à mettre dans un lien Markdown, ou None si elle n'en est pas une."""
    valeur = (valeur or "").strip()
    if not valeur or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in valeur):
        return None
    try:
        morceaux = urlsplit(valeur)
    except ValueError:
        return None
    if morceaux.scheme.lower() != "https" or not morceaux.hostname:
        return None
    return quote(valeur, safe=SURS)


def section(url_pdf: str | None, url_apercu: str | None) -> str:
    """Le Markdown de la section, en français, avec un lien par artefact joint."""
    pdf, apercu = adresse_sure(url_pdf), adresse_sure(url_apercu)
    lignes = [TITRE, ""]
    if pdf:
        lignes.append(
            f"- 📄 **[Ouvrir le projet social complet en PDF]({pdf})** : "
            "il s'ouvre directement dans le navigateur, en un clic."
        )
    else:
        lignes.append(
            "- 📄 Le PDF du projet social complet n'a pas été joint : voir l'étape "
            "« Construire le site et le projet social complet en PDF » de la vérification."
        )
    if apercu:
        lignes.append(
            f"- 🗂️ **[Télécharger l'aperçu du site]({apercu})** (fichier zip) : décompressez-le, "
            "puis ouvrez le fichier `index.html` qu'il contient. Le site s'affiche tel qu'il sera "
            "publié, sans connexion (seule la recherche n'y marche pas)."
        )
    else:
        lignes.append(
            "- 🗂️ L'aperçu du site n'a pas été joint : voir l'étape "
            "« Construire l'aperçu à ouvrir sans serveur » de la vérification."
        )
    if not pdf and not apercu:
        lignes += [
            "",
            "Corrigez d'abord les erreurs signalées plus haut : la proposition sera vérifiée de nouveau.",
        ]
    return "\n".join(lignes) + "\n"


def main(environnement: dict[str, str] | None = None) -> int:
    env = os.environ if environnement is None else environnement
    texte = section(env.get("URL_PDF"), env.get("URL_APERCU"))
    resume = env.get("GITHUB_STEP_SUMMARY")
    if resume:
        with open(resume, "a", encoding="utf-8") as fichier:
            fichier.write("\n" + texte)
    else:
        sys.stdout.write(texte)
    return 0


if __name__ == "__main__":
    sys.exit(main())
