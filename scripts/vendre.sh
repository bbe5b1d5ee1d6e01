#!/usr/bin/env bash
# Recopie dans le dépôt (overrides/assets/vendor/<paquet>/) une bibliothèque pour
# navigateur prise sur le registre npm, pour que le site ne dépende d'aucun CDN :
#
#   leaflet        la carte des lieux
#   opening_hours  « ouvert maintenant », calculé dans le navigateur du visiteur
#                  (l'implémentation de référence de la syntaxe des horaires OpenStreetMap,
#                  jours fériés français compris) ; seul build/opening_hours.js (UMD, non
#                  modifié) est copié : la dépendance facultative « suncalc » ne sert qu'aux
#                  heures du soleil avec des coordonnées, que horaires.js ne passe pas
#   sveltia-cms    les formulaires de l'équipe (/admin/) : dist/sveltia-cms.js, sa traduction
#                  française et le schéma JSON de sa configuration (tests/test_formulaires.py y
#                  valide celle que le site produit) ; ses trois polices, prises sur npm
#                  (fontsource), et le script modifié pour les chercher sur le site, pas sur un CDN
#   yaml           lecture et écriture YAML dans le navigateur (module ES, browser/dist) : les
#                  formulaires s'en servent pour garder l'en-tête commenté des fichiers de data/
#
# La version est figée, et l'archive est vérifiée avant d'être dépliée : son empreinte
# sha512 doit être celle que publie le registre (`npm view <paquet>@<version> dist.integrity`).
# Version et empreinte se changent ensemble, jamais l'une sans l'autre.
#
# Usage : scripts/vendre.sh leaflet|opening_hours|sveltia-cms|yaml   (depuis n'importe quel dossier)
set -euo pipefail

PAQUET="${1:-}"
RACINE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DESTINATION="${RACINE}/overrides/assets/vendor/${PAQUET}"

for outil in curl tar openssl base64 python3; do
  if ! command -v "$outil" >/dev/null 2>&1; then
    echo "Erreur : l'outil « $outil » est introuvable." >&2
    exit 1
  fi
done

# Dossier de travail temporaire, supprimé quoi qu'il arrive.
TRAVAIL="$(mktemp -d)"
trap 'rm -rf "$TRAVAIL"' EXIT

# telecharger NOM VERSION INTEGRITE LICENCE : l'archive npm de NOM@VERSION, vérifiée (même format
# que le champ « integrity » de npm : « sha512- » puis l'empreinte en base64), dépliée dans
# $TRAVAIL/NOM/package ; version et licence annoncées par son package.json contrôlées.
telecharger() {
  local nom="$1" version="$2" integrite="$3" licence="$4"
  local court="${nom##*/}" dossier="${TRAVAIL}/${nom//\//_}"
  echo "Téléchargement de ${nom} ${version} depuis le registre npm…"
  mkdir -p "$dossier"
  curl --fail --silent --show-error --location --output "${dossier}/paquet.tgz" \
    "https://registry.npmjs.org/${nom}/-/${court}-${version}.tgz"
  local calculee
  calculee="sha512-$(openssl dgst -sha512 -binary "${dossier}/paquet.tgz" | base64 | tr -d '\n')"
  if [ "$calculee" != "$integrite" ]; then
    echo "Erreur : l'empreinte de l'archive de ${nom} ne correspond pas." >&2
    echo "  attendue : $integrite" >&2
    echo "  obtenue  : $calculee" >&2
    exit 1
  fi
  tar -xzf "${dossier}/paquet.tgz" -C "$dossier"
  if ! grep -q "\"version\": \"${version}\"" "${dossier}/package/package.json"; then
    echo "Erreur : package.json de ${nom} n'annonce pas la version ${version}." >&2
    exit 1
  fi
  if ! grep -q "\"license\": \"${licence}\"" "${dossier}/package/package.json"; then
    echo "Erreur : package.json de ${nom} n'annonce plus la licence ${licence} : relisez-la avant de publier." >&2
    exit 1
  fi
  echo "  empreinte vérifiée (${integrite:0:20}…), licence ${licence}."
}
source_de() { echo "${TRAVAIL}/${1//\//_}/package"; }

# remplacer FICHIER AVANT APRES : remplace AVANT, qui doit y figurer exactement une fois
# (sinon la nouvelle version a changé : on s'arrête pour relire au lieu de publier un site cassé).
remplacer() {
  python3 - "$@" <<'PY'
import sys
chemin, avant, apres = sys.argv[1:4]
texte = open(chemin, encoding="utf-8").read()
if texte.count(avant) != 1:
    sys.exit(f"Erreur : « {avant} » figure {texte.count(avant)} fois dans {chemin} (attendu : 1).")
open(chemin, "w", encoding="utf-8").write(texte.replace(avant, apres))
PY
}

rm -rf "$DESTINATION"
mkdir -p "$DESTINATION"
case "$PAQUET" in
  leaflet)
    telecharger leaflet 1.9.4 \
      "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==" BSD-2-Clause
    SOURCE="$(source_de leaflet)"
    mkdir -p "${DESTINATION}/images"
    cp "${SOURCE}/dist/leaflet.js" "${SOURCE}/dist/leaflet.css" "$DESTINATION/"
    cp "${SOURCE}/dist/images/"*.png "${DESTINATION}/images/"
    cp "${SOURCE}/LICENSE" "$DESTINATION/" ;;
  opening_hours)
    telecharger opening_hours 3.15.0 \
      "sha512-gSPN1YSLCcS4H4YL3Pc/0QRgoafuIhasQ44bM0U+62TABoEyIEeP9AuAIGSGHd9AWycq1eBwxbNfgkiCpx8bCQ==" LGPL-3.0-only
    SOURCE="$(source_de opening_hours)"
    cp "${SOURCE}/build/opening_hours.js" "$DESTINATION/"
    cp "${SOURCE}/LICENSES/LGPL-3.0-only.txt" "${DESTINATION}/LICENSE" ;;
  sveltia-cms)
    telecharger @sveltia/cms 0.221.1 \
      "sha512-J+Qoik9kGMk2L7vNpOQrnDmFRi+NB6vwJ0f657YtsxWH0P8WYSYRRSRC2pQ/jGGbVlM//Pg/WIgmkpswqoo3gQ==" MIT
    # Les polices que Sveltia CMS va chercher sur cdn.jsdelivr.net : mêmes fichiers, pris sur npm.
    telecharger @fontsource-variable/source-sans-3 5.3.0 \
      "sha512-dpi0GZk7EQe2tYpg6Q0Fx0OmUgnuGu+0rHPgtXqtKhglYmJuP7jZ12Mu1uN+NfRaJRY1Emn8AQJEWzmoZ4wa9g==" OFL-1.1
    telecharger @fontsource/noto-mono 5.3.0 \
      "sha512-QZieY3OyKEImCXg3HRiF6p6/H0GXX94uEb53ayLyQgCTB20LdkvsyJIgigo6lAGmVw3WEs40DdG5KTqpxfwgGg==" OFL-1.1
    telecharger @fontsource-variable/material-symbols-outlined 5.3.7 \
      "sha512-d6kLamaMdad40AYoyJEBgCH63fRLklC7GW7bgb7WWbPh/UzuW483Dlyfmn3vxpiNsHLIMBOcYYkZDtOC9Y3MUA==" OFL-1.1
    SOURCE="$(source_de @sveltia/cms)"
    mkdir -p "${DESTINATION}/locales" "${DESTINATION}/polices"
    cp "${SOURCE}/dist/sveltia-cms.js" "$DESTINATION/"
    cp "${SOURCE}/locales/fr.json" "${DESTINATION}/locales/"
    cp "${SOURCE}/schema/sveltia-cms.json" "${DESTINATION}/sveltia-cms.schema.json"
    cp "${SOURCE}/LICENSE.txt" "${DESTINATION}/LICENSE"
    for police in source-sans-3:@fontsource-variable/source-sans-3:latin-wght-normal \
                  noto-mono:@fontsource/noto-mono:latin-400-normal \
                  material-symbols-outlined:@fontsource-variable/material-symbols-outlined:latin-wght-normal; do
      IFS=: read -r court nom fichier <<< "$police"
      cp "$(source_de "$nom")/files/${court}-${fichier}.woff2" "${DESTINATION}/polices/"
      cp "$(source_de "$nom")/LICENSE" "${DESTINATION}/polices/LICENSE-${court}"
    done
    # Servi par le site, sans CDN : la traduction française (locales/) et les polices (polices/,
    # adresses relatives à la page /admin/) au lieu d'unpkg.com et de cdn.jsdelivr.net.
    JS="${DESTINATION}/sveltia-cms.js"
    remplacer "$JS" '`${iP}@${rP}/locales`' 'new URL(`locales`,document.currentScript?.src??location.href).href'
    # Sveltia interdit le zoom (maximum-scale=1) : on le rend, comme le demande le RGAA (critère 10.4).
    remplacer "$JS" '`initial-scale=1`,`maximum-scale=1`,' '`initial-scale=1`,'
    # (La recherche d'une version plus récente, sur unpkg.com, vise alors le site : sans réponse, rien.)
    remplacer "$JS" 'iP=`https://unpkg.com/@sveltia/cms`' 'iP=new URL(`npm`,document.currentScript?.src??location.href).href'
    remplacer "$JS" 'https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2' \
      '../assets/vendor/sveltia-cms/polices/source-sans-3-latin-wght-normal.woff2'
    remplacer "$JS" 'https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2' \
      '../assets/vendor/sveltia-cms/polices/noto-mono-latin-400-normal.woff2'
    remplacer "$JS" 'https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2' \
      '../assets/vendor/sveltia-cms/polices/material-symbols-outlined-latin-wght-normal.woff2' ;;
  yaml)
    telecharger yaml 2.9.1 \
      "sha512-3NxN8+78OdzbT7C/WjGsyfPAtJaN3FNDsWxv7Y7mcDsT/oOmgW8BpyQQFFBnvZE3j9Y2Sdz1ULFLezL7Eb2yFw==" ISC
    SOURCE="$(source_de yaml)"
    cp -r "${SOURCE}/browser/dist" "${DESTINATION}/"
    cp "${SOURCE}/LICENSE" "$DESTINATION/" ;;
  *)
    echo "Usage : scripts/vendre.sh leaflet|opening_hours|sveltia-cms|yaml" >&2
    exit 2 ;;
esac

echo "${PAQUET} installé dans ${DESTINATION#"$RACINE"/} :"
(cd "$DESTINATION" && find . -type f | sort | sed 's|^\./|  |')
