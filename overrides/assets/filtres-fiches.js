/* Index des fiches : ajoute des filtres (axe, public, projet, statut).
 * Sans JavaScript, la page reste une liste complète, groupée par axe, suivie des
 * listes par public, par projet et par statut. Avec, ces listes deviennent des
 * menus déroulants qui masquent les fiches qui ne correspondent pas. */
(function () {
  "use strict";

  function texteDuTitre(titre) {
    // « Familles (12) » → « Familles »
    return titre.textContent.replace(/\s*\(\d+\)\s*$/, "").trim();
  }

  function creerFiltre(libelle, cle, options) {
    var bloc = document.createElement("div");
    var label = document.createElement("label");
    label.textContent = libelle;
    label.htmlFor = "ps-filtre-" + cle;
    var select = document.createElement("select");
    select.id = "ps-filtre-" + cle;
    select.dataset.cle = cle;
    var tous = document.createElement("option");
    tous.value = "";
    tous.textContent = "Tous";
    select.appendChild(tous);
    options.forEach(function (o) {
      var option = document.createElement("option");
      option.value = o.valeur;
      option.textContent = o.libelle;
      select.appendChild(option);
    });
    bloc.appendChild(label);
    bloc.appendChild(select);
    return bloc;
  }

  function initialiser() {
    var intro = document.getElementById("ps-filtres-intro");
    if (!intro) return;
    var elements = Array.prototype.slice.call(document.querySelectorAll("li[data-axe]"));
    var groupes = Array.prototype.slice.call(document.querySelectorAll("h2.ps-groupe"));
    var facettes = Array.prototype.slice.call(document.querySelectorAll("h2.ps-facette"));

    var formulaire = document.createElement("form");
    formulaire.className = "ps-filtres";
    formulaire.setAttribute("role", "search");
    formulaire.setAttribute("aria-label", "Filtrer les fiches actions");

    formulaire.appendChild(creerFiltre("Axe", "axe", groupes.map(function (h) {
      return { valeur: h.id, libelle: h.textContent.trim() };
    })));
    var noms = { publics: "Public", projets: "Projet", statuts: "Statut" };
    var cles = { publics: "publics", projets: "projets", statuts: "statut" };
    facettes.forEach(function (h2) {
      var facette = h2.dataset.facette;
      var options = [];
      var noeud = h2.nextElementSibling;
      while (noeud && noeud.tagName !== "H2") {
        if (noeud.tagName === "H3" && noeud.dataset.code) {
          options.push({ valeur: noeud.dataset.code, libelle: texteDuTitre(noeud) });
        }
        noeud = noeud.nextElementSibling;
      }
      formulaire.appendChild(creerFiltre(noms[facette] || facette, cles[facette] || facette, options));
    });
    var reinitialiser = document.createElement("button");
    reinitialiser.type = "reset";
    reinitialiser.textContent = "Tout afficher";
    formulaire.appendChild(reinitialiser);

    var etat = document.createElement("p");
    etat.className = "ps-filtres-etat";
    etat.setAttribute("role", "status");
    etat.setAttribute("aria-live", "polite");

    intro.parentNode.insertBefore(formulaire, intro.nextSibling);
    formulaire.parentNode.insertBefore(etat, formulaire.nextSibling);

    // Les listes par facette sont remplacées par les menus : on les masque.
    facettes.forEach(function (h2) {
      var noeud = h2;
      while (noeud && !(noeud !== h2 && noeud.tagName === "H2")) {
        var suivant = noeud.nextElementSibling;
        noeud.hidden = true;
        noeud = suivant;
      }
    });

    function correspond(li, cle, valeur) {
      if (!valeur) return true;
      var valeurs = (li.dataset[cle] || "").split(/\s+/);
      return valeurs.indexOf(valeur) !== -1;
    }

    function appliquer() {
      var choix = {};
      Array.prototype.forEach.call(formulaire.querySelectorAll("select"), function (s) {
        choix[s.dataset.cle] = s.value;
      });
      var visibles = 0;
      elements.forEach(function (li) {
        var ok = Object.keys(choix).every(function (cle) { return correspond(li, cle, choix[cle]); });
        li.hidden = !ok;
        if (ok) visibles += 1;
      });
      groupes.forEach(function (h2) {
        var liste = h2.nextElementSibling;
        while (liste && liste.tagName !== "UL" && liste.tagName !== "H2") liste = liste.nextElementSibling;
        var vide = !liste || liste.tagName !== "UL" || !liste.querySelector("li[data-axe]:not([hidden])");
        h2.hidden = vide;
        if (liste && liste.tagName === "UL") liste.hidden = vide;
      });
      etat.textContent = visibles + (visibles > 1 ? " fiches affichées" : " fiche affichée") +
        " sur " + elements.length + ".";
    }

    formulaire.addEventListener("change", appliquer);
    formulaire.addEventListener("reset", function () { setTimeout(appliquer, 0); });
    formulaire.addEventListener("submit", function (e) { e.preventDefault(); });
    appliquer();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initialiser);
  } else {
    initialiser();
  }
})();
