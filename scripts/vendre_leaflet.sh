#!/usr/bin/env bash
# Télécharge Leaflet depuis le registre npm et l'installe dans le site
# (overrides/assets/vendor/leaflet/), pour ne dépendre d'aucun CDN.
#
# La version est figée, et l'archive est vérifiée avant d'être dépliée :
# son empreinte sha512 doit être celle que publie le registre
# (valeur obtenue avec `npm view leaflet@1.9.4 dist.integrity`).
#
# Usage : scripts/vendre_leaflet.sh   (depuis n'importe quel dossier)
set -euo pipefail

# Version et empreinte attendues : à changer ensemble, jamais l'une sans l'autre.
VERSION="1.9.4"
INTEGRITE="sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
ARCHIVE_URL="https://registry.npmjs.org/leaflet/-/leaflet-${VERSION}.tgz"

# Dossier de destination, relatif à la racine du dépôt.
RACINE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DESTINATION="${RACINE}/overrides/assets/vendor/leaflet"

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

echo "Téléchargement de Leaflet ${VERSION} depuis le registre npm…"
curl --fail --silent --show-error --location \
  --output "${TRAVAIL}/leaflet.tgz" "$ARCHIVE_URL"

# Vérification de l'intégrité : même format que le champ « integrity » de npm
# (« sha512- » suivi de l'empreinte binaire encodée en base64).
CALCULEE="sha512-$(openssl dgst -sha512 -binary "${TRAVAIL}/leaflet.tgz" | base64 | tr -d '\n')"
if [ "$CALCULEE" != "$INTEGRITE" ]; then
  echo "Erreur : l'empreinte de l'archive ne correspond pas." >&2
  echo "  attendue : $INTEGRITE" >&2
  echo "  obtenue  : $CALCULEE" >&2
  exit 1
fi
echo "Empreinte vérifiée (${INTEGRITE:0:20}…)."

# Dépliage de l'archive (tout est rangé sous « package/ »).
tar -xzf "${TRAVAIL}/leaflet.tgz" -C "$TRAVAIL"
SOURCE="${TRAVAIL}/package"

# Contrôle : la version dépliée est bien celle demandée.
if ! grep -q "\"version\": \"${VERSION}\"" "${SOURCE}/package.json"; then
  echo "Erreur : package.json n'annonce pas la version ${VERSION}." >&2
  exit 1
fi

# Remplacement complet du dossier : aucun fichier d'une ancienne version ne reste.
rm -rf "$DESTINATION"
mkdir -p "${DESTINATION}/images"
cp "${SOURCE}/dist/leaflet.js" "${SOURCE}/dist/leaflet.css" "$DESTINATION/"
cp "${SOURCE}/dist/images/"*.png "${DESTINATION}/images/"
cp "${SOURCE}/LICENSE" "$DESTINATION/"

echo "Leaflet ${VERSION} installé dans ${DESTINATION#"$RACINE"/} :"
(cd "$DESTINATION" && find . -type f | sort | sed 's|^\./|  |')
