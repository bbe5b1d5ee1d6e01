/* Annuaire des acteurs : ajoute des filtres (besoin, public, nom) et un bouton « Imprimer ».
 * Sans JavaScript, la page reste la liste complète de A à Z, suivie des listes
 * « Par besoin » et « Par public » qui mènent aux pages du guide. Avec, les
 * liens de ces listes donnent les choix des menus déroulants, et les structures
 * qui ne correspondent pas sont masquées. */
(function () {
  "use strict";

  // « Santé (3) » → « Santé » ; sans accents ni majuscules pour la recherche par nom.
  function sansAccents(texte) {
    return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function champ(libelle, id, controle) {
    var bloc = document.createElement("div");
    var label = document.createElement("label");
    label.textContent = libelle;
    label.htmlFor = id;
    controle.id = id;
    bloc.appendChild(label);
    bloc.appendChild(controle);
    return bloc;
  }

  function menu(cle, liens) {
    var select = document.createElement("select");
    select.dataset.cle = cle;
    var tous = document.createElement("option");
    tous.value = "";
    tous.textContent = "Tous";
    select.appendChild(tous);
    liens.forEach(function (a) {
      var option = document.createElement("option");
      option.value = a.dataset.valeur;
      option.textContent = a.textContent.trim();
      select.appendChild(option);
    });
    return select;
  }

  function initialiser() {
    var intro = document.getElementById("ps-annuaire-intro");
    if (!intro) return;
    var acteurs = Array.prototype.slice.call(document.querySelectorAll("li.ps-acteur"));
    var liens = Array.prototype.slice.call(document.querySelectorAll("a[data-filtre]"));

    var formulaire = document.createElement("form");
    formulaire.className = "ps-filtres";
    formulaire.setAttribute("role", "search");
    formulaire.setAttribute("aria-label", "Filtrer l'annuaire");
    [["thematiques", "Je cherche de l'aide pour"], ["publics", "Public"]].forEach(function (c) {
      var options = liens.filter(function (a) { return a.dataset.filtre === c[0]; });
      if (options.length) formulaire.appendChild(champ(c[1], "ps-filtre-" + c[0], menu(c[0], options)));
    });
    var saisie = document.createElement("input");
    saisie.type = "search";
    saisie.autocomplete = "off";
    formulaire.appendChild(champ("Nom ou sigle", "ps-filtre-nom", saisie));
    var reinitialiser = document.createElement("button");
    reinitialiser.type = "reset";
    reinitialiser.textContent = "Tout afficher";
    formulaire.appendChild(reinitialiser);
    var imprimer = document.createElement("button");
    imprimer.type = "button";
    imprimer.textContent = "Imprimer l'annuaire";
    imprimer.addEventListener("click", function () { window.print(); });
    formulaire.appendChild(imprimer);

    var etat = document.createElement("p");
    etat.className = "ps-filtres-etat";
    etat.setAttribute("role", "status");
    etat.setAttribute("aria-live", "polite");
    intro.parentNode.insertBefore(formulaire, intro.nextSibling);
    formulaire.parentNode.insertBefore(etat, formulaire.nextSibling);

    function appliquer() {
      var choix = {};
      Array.prototype.forEach.call(formulaire.querySelectorAll("select"), function (s) {
        choix[s.dataset.cle] = s.value;
      });
      var texte = sansAccents(saisie.value.trim());
      var visibles = 0;
      acteurs.forEach(function (li) {
        var ok = Object.keys(choix).every(function (cle) {
          return !choix[cle] || (li.dataset[cle] || "").split(/\s+/).indexOf(choix[cle]) !== -1;
        }) && (!texte || sansAccents(li.textContent).indexOf(texte) !== -1);
        li.hidden = !ok;
        if (ok) visibles += 1;
      });
      etat.textContent = visibles + (visibles > 1 ? " structures affichées" : " structure affichée") +
        " sur " + acteurs.length + ".";
    }

    formulaire.addEventListener("change", appliquer);
    saisie.addEventListener("input", appliquer);
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
