/* Filtres des listes : l'index des fiches (axe, public, projet, statut) et
 * l'annuaire des acteurs (besoin, public, nom).
 * Sans JavaScript, chaque page reste une liste complète, suivie de listes de
 * liens par public, par projet… Avec, ces listes donnent les choix de menus
 * déroulants, et les éléments qui ne correspondent pas sont masqués. */
(function () {
  "use strict";

  // -- Morceaux communs ---------------------------------------------------------

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

  // options : [{ valeur, libelle }] ; le premier choix, vide, est « Tous ».
  function menu(cle, options) {
    var select = document.createElement("select");
    select.dataset.cle = cle;
    [{ valeur: "", libelle: "Tous" }].concat(options).forEach(function (o) {
      var option = document.createElement("option");
      option.value = o.valeur;
      option.textContent = o.libelle;
      select.appendChild(option);
    });
    return select;
  }

  function bouton(type, texte) {
    var b = document.createElement("button");
    b.type = type;
    b.textContent = texte;
    return b;
  }

  // Le formulaire (rôle « search ») et la ligne d'état lue par les lecteurs d'écran, après ``intro``.
  function formulaireApres(intro, nom) {
    var formulaire = document.createElement("form");
    formulaire.className = "ps-filtres";
    formulaire.setAttribute("role", "search");
    formulaire.setAttribute("aria-label", nom);
    var etat = document.createElement("p");
    etat.className = "ps-filtres-etat";
    etat.setAttribute("role", "status");
    etat.setAttribute("aria-live", "polite");
    intro.parentNode.insertBefore(formulaire, intro.nextSibling);
    formulaire.parentNode.insertBefore(etat, formulaire.nextSibling);
    return { formulaire: formulaire, etat: etat };
  }

  // Applique les menus (et un test en plus) aux éléments ; renvoie le nombre d'éléments visibles.
  function filtrer(formulaire, elements, enPlus) {
    var choix = {};
    Array.prototype.forEach.call(formulaire.querySelectorAll("select"), function (s) {
      choix[s.dataset.cle] = s.value;
    });
    var visibles = 0;
    elements.forEach(function (el) {
      var ok = Object.keys(choix).every(function (cle) {
        return !choix[cle] || (el.dataset[cle] || "").split(/\s+/).indexOf(choix[cle]) !== -1;
      }) && (!enPlus || enPlus(el));
      el.hidden = !ok;
      if (ok) visibles += 1;
    });
    return visibles;
  }

  function brancher(formulaire, appliquer) {
    formulaire.addEventListener("change", appliquer);
    formulaire.addEventListener("reset", function () { setTimeout(appliquer, 0); });
    formulaire.addEventListener("submit", function (e) { e.preventDefault(); });
    appliquer();
  }

  function compte(n, total, singulier, pluriel) {
    return n + " " + (n > 1 ? pluriel : singulier) + " sur " + total + ".";
  }

  // -- L'index des fiches ---------------------------------------------------------

  function texteDuTitre(titre) {
    // « Familles (12) » → « Familles »
    return titre.textContent.replace(/\s*\(\d+\)\s*$/, "").trim();
  }

  function indexDesFiches(intro) {
    var elements = Array.prototype.slice.call(document.querySelectorAll("li[data-axe]"));
    var groupes = Array.prototype.slice.call(document.querySelectorAll("h2.ps-groupe"));
    var facettes = Array.prototype.slice.call(document.querySelectorAll("h2.ps-facette"));
    var f = formulaireApres(intro, "Filtrer les fiches actions");

    f.formulaire.appendChild(champ("Axe", "ps-filtre-axe", menu("axe", groupes.map(function (h) {
      return { valeur: h.id, libelle: h.textContent.trim() };
    }))));
    var noms = { publics: "Public", projets: "Projet", statuts: "Statut", partenaires: "Partenaire ou financeur" };
    var cles = { publics: "publics", projets: "projets", statuts: "statut" };
    facettes.forEach(function (h2) {
      var facette = h2.dataset.facette;
      var cle = cles[facette] || facette;
      var options = [];
      var noeud = h2.nextElementSibling;
      while (noeud && noeud.tagName !== "H2") {
        if (noeud.tagName === "H3" && noeud.dataset.code) {
          options.push({ valeur: noeud.dataset.code, libelle: texteDuTitre(noeud) });
        }
        noeud = noeud.nextElementSibling;
      }
      f.formulaire.appendChild(champ(noms[facette] || facette, "ps-filtre-" + cle, menu(cle, options)));
    });
    f.formulaire.appendChild(bouton("reset", "Tout afficher"));

    // Les listes par facette sont remplacées par les menus : on les masque.
    facettes.forEach(function (h2) {
      var noeud = h2;
      while (noeud && !(noeud !== h2 && noeud.tagName === "H2")) {
        var suivant = noeud.nextElementSibling;
        noeud.hidden = true;
        noeud = suivant;
      }
    });

    brancher(f.formulaire, function () {
      var visibles = filtrer(f.formulaire, elements);
      groupes.forEach(function (h2) {
        var liste = h2.nextElementSibling;
        while (liste && liste.tagName !== "UL" && liste.tagName !== "H2") liste = liste.nextElementSibling;
        var vide = !liste || liste.tagName !== "UL" || !liste.querySelector("li[data-axe]:not([hidden])");
        h2.hidden = vide;
        if (liste && liste.tagName === "UL") liste.hidden = vide;
      });
      f.etat.textContent = compte(visibles, elements.length, "fiche affichée", "fiches affichées");
    });
  }

  // -- L'annuaire des acteurs -------------------------------------------------------

  function sansAccents(texte) {
    return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function annuaire(intro) {
    var acteurs = Array.prototype.slice.call(document.querySelectorAll("li.ps-acteur"));
    var liens = Array.prototype.slice.call(document.querySelectorAll("a[data-filtre]"));
    var f = formulaireApres(intro, "Filtrer l'annuaire");
    [["mots_cles", "Je cherche de l'aide pour"], ["publics", "Public"]].forEach(function (c) {
      var options = liens.filter(function (a) { return a.dataset.filtre === c[0]; }).map(function (a) {
        return { valeur: a.dataset.valeur, libelle: a.textContent.trim() };
      });
      if (options.length) f.formulaire.appendChild(champ(c[1], "ps-filtre-" + c[0], menu(c[0], options)));
    });
    var saisie = document.createElement("input");
    saisie.type = "search";
    saisie.autocomplete = "off";
    f.formulaire.appendChild(champ("Nom ou sigle", "ps-filtre-nom", saisie));
    f.formulaire.appendChild(bouton("reset", "Tout afficher"));
    var imprimer = bouton("button", "Imprimer l'annuaire");
    imprimer.addEventListener("click", function () { window.print(); });
    f.formulaire.appendChild(imprimer);

    function appliquer() {
      var texte = sansAccents(saisie.value.trim());
      var visibles = filtrer(f.formulaire, acteurs, function (li) {
        return !texte || sansAccents(li.textContent).indexOf(texte) !== -1;
      });
      f.etat.textContent = compte(visibles, acteurs.length, "structure affichée", "structures affichées");
    }
    saisie.addEventListener("input", appliquer);
    brancher(f.formulaire, appliquer);
  }

  function initialiser() {
    var intro = document.getElementById("ps-filtres-intro");
    if (intro) indexDesFiches(intro);
    intro = document.getElementById("ps-annuaire-intro");
    if (intro) annuaire(intro);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initialiser);
  } else {
    initialiser();
  }
})();
