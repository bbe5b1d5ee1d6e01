// Les formulaires de l'équipe (/admin/, Sveltia CMS) : chaque fichier de data/ garde, à
// l'enregistrement, les lignes de commentaire de son en-tête (l'aide pour l'éditeur de GitHub),
// que Sveltia seul effacerait. Chaque fichier a son format « yaml-<nom> » (admin/config.yml) :
// la lecture est celle de YAML, l'écriture remet l'en-tête (admin/entetes.json, tiré des fichiers
// à la construction) devant le YAML écrit comme Sveltia l'écrit (mêmes réglages).
import { parse, stringify } from './vendor/yaml/dist/index.js';

const REGLAGES = { indent: 2, indentSeq: true, lineWidth: 0, defaultKeyType: 'PLAIN', defaultStringType: 'PLAIN' };

let entetes = {};
try {
  const reponse = await fetch('entetes.json', { cache: 'no-cache' });
  if (reponse.ok) entetes = await reponse.json();
} catch (erreur) {
  console.error('Formulaires : en-têtes introuvables', erreur);
}
for (const [nom, entete] of Object.entries(entetes)) {
  window.CMS.registerCustomFormat(`yaml-${nom}`, 'yml', {
    fromFile: (texte) => parse(texte),
    toFile: (donnees) => String(entete) + stringify(donnees, REGLAGES),
  });
}
window.CMS.init();
