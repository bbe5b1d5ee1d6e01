/* Recherche en français (2/2), dans le worker de recherche.
 *
 * Material ajoute « * » à chaque mot cherché, ce qui empêche lunr d'appliquer le
 * radical français à la requête : « ateliers* » ne trouve pas « atelier ».
 * On réécrit donc la requête avant Material : élisions retirées (l', d', qu'…),
 * mots vides retirés, accents retirés, mot ramené à son radical (lunr.fr) ;
 * et l'index retire aussi les accents avant le radical. Ainsi « numerique »
 * trouve « numérique », « ateliers » trouve « atelier », « l'accueil » trouve
 * « accueil ». */
(function () {
  "use strict";
  var moteur = new URL(self.location.href).searchParams.get("moteur");
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(moteur || "")) return;

  function replier(texte) {
    return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  // Quand Material charge lunr.fr, son radical est précédé du retrait des accents.
  var importer = self.importScripts;
  self.importScripts = function () {
    var resultat = importer.apply(self, arguments);
    var fr = self.lunr && self.lunr.fr;
    if (fr && fr.stemmer && !fr.stemmerReplie) {
      var radical = fr.stemmer;
      var replie = function (jeton) {
        return radical(jeton.update(function (s) { return replier(s); }));
      };
      self.lunr.Pipeline.registerFunction(replie, "stemmer-fr-replie");
      fr.stemmer = replie;
      fr.stemmerReplie = true;
    }
    return resultat;
  };

  function reecrire(requete) {
    var fr = self.lunr && self.lunr.fr;
    if (!fr || !fr.stemmerReplie) return requete;
    var mots = [];
    requete.split(/\s+/).forEach(function (terme) {
      if (!terme) return;
      // Opérateurs de lunr (+mot, -mot, champ:mot, mot~1, "phrase") : laissés tels quels.
      if (/^[+\-"]|[:~^*"]/.test(terme)) { mots.push(terme); return; }
      terme.split(/['’\-]/).forEach(function (morceau, i, tous) {
        morceau = morceau.toLowerCase();
        if (!morceau || (i < tous.length - 1 && morceau.length <= 3)) return; // l', d', qu', jusqu'…
        var jeton = new self.lunr.Token(morceau, {});
        if (!fr.stopWordFilter(jeton)) return;
        var radical = fr.stemmer(jeton).toString();
        if (radical) mots.push(radical);
      });
    });
    return mots.length ? mots.join(" ") : requete;
  }

  // Écouteur ajouté avant celui de Material : il réécrit la requête en place.
  self.addEventListener("message", function (ev) {
    var message = ev.data;
    if (message && typeof message.data === "string") {
      message.data = reecrire(message.data);
    }
  });

  importScripts(moteur);
})();
