/* Recherche en français (1/2) : fait démarrer le moteur de recherche de Material
 * à travers recherche-fr.js (workers/), qui ignore les accents et ramène les mots
 * à leur racine, dans l'index comme dans la requête. Chargé avant le bundle de
 * Material (voir overrides/main.html). */
(function () {
  "use strict";
  var Natif = window.Worker;
  if (!Natif) return;
  function Enveloppe(url, options) {
    var adresse = new URL(String(url), window.location.href);
    var moteur = adresse.pathname.split("/").pop();
    if (/^search\.[0-9a-f]+\.min\.js$/.test(moteur)) {
      adresse.pathname = adresse.pathname.replace(/[^/]+$/, "recherche-fr.js");
      adresse.search = "?moteur=" + encodeURIComponent(moteur);
      return new Natif(adresse.href, options);
    }
    return new Natif(url, options);
  }
  Enveloppe.prototype = Natif.prototype;
  window.Worker = Enveloppe;
})();
