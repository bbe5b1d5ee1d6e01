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

/* Quand une recherche ne trouve rien : le guide de territoire et le téléphone de
 * l'accueil, sous « Aucun document trouvé ». Les adresses viennent de la balise de
 * ce script (data-guide, data-telephone, data-tel : overrides/main.html, d'après
 * recherche.py) ; le texte « aucun résultat » est celui de Material (#__config). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.dataset.guide) return;
  var guide = script.dataset.guide;
  var telephone = script.dataset.telephone || "";
  var tel = script.dataset.tel || "";

  function aucun() {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return (config.translations || {})["search.result.none"] || "";
    } catch (e) {
      return "";
    }
  }

  function aide() {
    var bloc = document.createElement("div");
    bloc.className = "ps-recherche-vide";
    var p = document.createElement("p");
    p.appendChild(document.createTextNode("Essayez un autre mot, ou cherchez par besoin dans le "));
    var lien = document.createElement("a");
    lien.href = guide;
    lien.textContent = "guide de territoire";
    p.appendChild(lien);
    p.appendChild(document.createTextNode("."));
    bloc.appendChild(p);
    if (tel) {
      var q = document.createElement("p");
      q.appendChild(document.createTextNode("Vous pouvez aussi appeler l'accueil du centre social : "));
      var appel = document.createElement("a");
      appel.href = tel;
      appel.textContent = telephone;
      q.appendChild(appel);
      q.appendChild(document.createTextNode("."));
      bloc.appendChild(q);
    }
    return bloc;
  }

  function installer() {
    var meta = document.querySelector(".md-search-result__meta");
    if (!meta) return;
    var texteAucun = aucun();
    var bloc = null;
    function suivre() {
      var vide = texteAucun && meta.textContent.trim() === texteAucun.trim();
      if (vide && !bloc) {
        bloc = aide();
        meta.parentNode.insertBefore(bloc, meta.nextSibling);
      } else if (!vide && bloc) {
        bloc.remove();
        bloc = null;
      }
    }
    new MutationObserver(suivre).observe(meta, { childList: true, characterData: true, subtree: true });
    suivre();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", installer);
  } else {
    installer();
  }
})();
