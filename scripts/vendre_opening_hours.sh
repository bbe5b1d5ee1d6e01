#!/usr/bin/env bash
# Télécharge la bibliothèque opening_hours (l'implémentation de référence de la
# syntaxe des horaires OpenStreetMap) depuis le registre npm et l'installe dans le
# site (overrides/assets/vendor/opening_hours/), pour ne dépendre d'aucun CDN.
# Elle calcule, dans le navigateur du visiteur, « Ouvert maintenant » ou « Fermé »
# (overrides/assets/horaires.js), jours fériés français compris (PH).
#
# La version est figée, et l'archive est vérifiée avant d'être dépliée :
# son empreinte sha512 doit être celle que publie le registre
# (valeur obtenue avec `npm view opening_hours@3.15.0 dist.integrity`).
#
# Seul le fichier pour navigateur (build/opening_hours.js, UMD, non modifié) est
# copié, avec sa licence (LGPL-3.0-only). La dépendance facultative « suncalc »
# ne sert qu'aux heures du soleil (sunrise, sunset) avec des coordonnées :
# horaires.js n'en passe pas, elle n'est donc pas installée.
#
# Usage : scripts/vendre_opening_hours.sh   (depuis n'importe quel dossier)
set -euo pipefail

# Version et empreinte attendues : à changer ensemble, jamais l'une sans l'autre.
VERSION="3.15.0"
INTEGRITE="sha512-gSPN1YSLCcS4H4YL3Pc/0QRgoafuIhasQ44bM0U+62TABoEyIEeP9AuAIGSGHd9AWycq1eBwxbNfgkiCpx8bCQ=="
ARCHIVE_URL="https://registry.npmjs.org/opening_hours/-/opening_hours-${VERSION}.tgz"

# Dossier de destination, relatif à la racine du dépôt.
RACINE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DESTINATION="${RACINE}/overrides/assets/vendor/opening_hours"

# Outils nécessaires.
for outil in curl tar openssl base64; do
  if ! command -v "$outil" >/dev/null 2>&1; then
    echo "Erreur : l'outil « $outil » est introuvable." >&2
    exit 1
  fi
done

# Dossier de travail temporaire, supprimé quoi qu'il arrive.
TRAVAIL="$(mktemp -d)"
trap 'rm -rf "$TRAVAIL"' EXIT

echo "Téléchargement de opening_hours ${VERSION} depuis le registre npm…"
curl --fail --silent --show-error --location \
  --output "${TRAVAIL}/opening_hours.tgz" "$ARCHIVE_URL"

# Vérification de l'intégrité : même format que le champ « integrity » de npm
# (« sha512- » suivi de l'empreinte binaire encodée en base64).
CALCULEE="sha512-$(openssl dgst -sha512 -binary "${TRAVAIL}/opening_hours.tgz" | base64 | tr -d '\n')"
if [ "$CALCULEE" != "$INTEGRITE" ]; then
  echo "Erreur : l'empreinte de l'archive ne correspond pas." >&2
  echo "  attendue : $INTEGRITE" >&2
  echo "  obtenue  : $CALCULEE" >&2
  exit 1
fi
echo "Empreinte vérifiée (${INTEGRITE:0:20}…)."

# Dépliage de l'archive (tout est rangé sous « package/ »).
tar -xzf "${TRAVAIL}/opening_hours.tgz" -C "$TRAVAIL"
SOURCE="${TRAVAIL}/package"

# Contrôle : la version dépliée est bien celle demandée, sous la licence attendue.
if ! grep -q "\"version\": \"${VERSION}\"" "${SOURCE}/package.json"; then
  echo "Erreur : package.json n'annonce pas la version ${VERSION}." >&2
  exit 1
fi
if ! grep -q '"license": "LGPL-3.0-only"' "${SOURCE}/package.json"; then
  echo "Erreur : package.json n'annonce plus la licence LGPL-3.0-only : relisez-la avant de publier." >&2
  exit 1
fi

# Remplacement complet du dossier : aucun fichier d'une ancienne version ne reste.
rm -rf "$DESTINATION"
mkdir -p "$DESTINATION"
cp "${SOURCE}/build/opening_hours.js" "$DESTINATION/"
cp "${SOURCE}/LICENSES/LGPL-3.0-only.txt" "${DESTINATION}/LICENSE"

echo "opening_hours ${VERSION} installé dans ${DESTINATION#"$RACINE"/} :"
(cd "$DESTINATION" && find . -type f | sort | sed 's|^\./|  |')
