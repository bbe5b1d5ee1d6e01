/* Carte des lieux : ajoute une carte Leaflet au-dessus de la liste des lieux.
 * Sans JavaScript (ou si Leaflet n'est pas chargé), la page reste la liste
 * complète des lieux avec leurs adresses, et le conteneur de la carte reste
 * masqué. La carte n'est qu'une autre présentation de la liste : chaque lieu
 * situé y a un marqueur, atteignable au clavier, et chaque lieu de la liste
 * reçoit un bouton « Voir sur la carte ». */
(function () {
  "use strict";

  // Zoom utilisé pour un lieu seul (un marqueur, ou le bouton « Voir sur la carte »).
  var ZOOM_LIEU = 16;

  // Adresse des images de Leaflet, déduite de l'adresse de ce script, relevée
  // maintenant : document.currentScript ne vaut plus rien une fois le script exécuté.
  // …/assets/carte.js → …/assets/vendor/leaflet/images/
  var IMAGES_LEAFLET = (function () {
    var script = document.currentScript;
    if (!script) {
      // Navigateur ancien : on cherche la balise qui a chargé ce fichier.
      var scripts = document.querySelectorAll("script[src]");
      for (var i = scripts.length - 1; i >= 0; i--) {
        if (/(^|\/)carte\.js([?#]|$)/.test(scripts[i].getAttribute("src"))) {
          script = scripts[i];
          break;
        }
      }
    }
    if (!script || !script.src) return null;
    return script.src.replace(/[^\/?#]*([?#].*)?$/, "vendor/leaflet/images/");
  })();

  function texte(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // Le texte d'attribution est du texte : Leaflet l'insère comme du HTML.
  function echapper(chaine) {
    return chaine
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  // « 45.76 » → 45.76 ; tout ce qui n'est pas un nombre dans les bornes → null.
  function coordonnee(valeur, limite) {
    if (valeur === null || !/^\s*-?\d+(\.\d+)?\s*$/.test(valeur)) return null;
    var nombre = parseFloat(valeur);
    return isFinite(nombre) && Math.abs(nombre) <= limite ? nombre : null;
  }

  // Les lieux de la liste dont on connaît les coordonnées.
  function lieuxSitues(liste) {
    var lieux = [];
    Array.prototype.forEach.call(liste.querySelectorAll(".ps-lieu"), function (li) {
      var latitude = coordonnee(li.getAttribute("data-latitude"), 90);
      var longitude = coordonnee(li.getAttribute("data-longitude"), 180);
      if (latitude === null || longitude === null || !li.id) return;
      lieux.push({
        li: li,
        id: li.id,
        nom: texte(li.querySelector(".ps-lieu-nom")) || "Lieu sans nom",
        adresse: texte(li.querySelector(".ps-lieu-adresse")),
        latLng: [latitude, longitude]
      });
    });
    return lieux;
  }

  // Contenu de la bulle : le nom (sans titre, pour ne pas troubler le plan de
  // la page), l'adresse, et un lien vers le lieu dans la liste.
  function contenuBulle(lieu) {
    var bloc = document.createElement("div");
    bloc.className = "ps-carte-bulle";
    var nom = document.createElement("strong");
    nom.textContent = lieu.nom;
    bloc.appendChild(nom);
    if (lieu.adresse) {
      var adresse = document.createElement("p");
      adresse.className = "ps-carte-bulle-adresse";
      adresse.textContent = lieu.adresse;
      bloc.appendChild(adresse);
    }
    var paragraphe = document.createElement("p");
    var lien = document.createElement("a");
    lien.href = "#" + lieu.id;
    lien.textContent = "Voir dans la liste";
    lien.addEventListener("click", function () {
      // Le navigateur fait défiler jusqu'au lieu ; on y place aussi le focus,
      // pour que la lecture (et la tabulation) reprenne à cet endroit.
      if (!lieu.li.hasAttribute("tabindex")) lieu.li.setAttribute("tabindex", "-1");
      setTimeout(function () { lieu.li.focus(); }, 0);
    });
    paragraphe.appendChild(lien);
    bloc.appendChild(paragraphe);
    return bloc;
  }

  function initialiser() {
    var conteneur = document.getElementById("ps-carte");
    // Les lieux : les éléments .ps-lieu de la page (des sections, sous le titre « Liste des lieux »).
    var liste = document.getElementById("ps-liste-lieux") || document;
    if (!conteneur) return;
    // Sans Leaflet, ou sans aucun lieu situé, la carte reste masquée : la liste suffit.
    var L = window.L;
    if (!L || typeof L.map !== "function") return;
    var tuiles = conteneur.getAttribute("data-tuiles");
    if (!tuiles) return;
    var lieux = lieuxSitues(liste);
    if (!lieux.length) return;

    if (IMAGES_LEAFLET) L.Icon.Default.imagePath = IMAGES_LEAFLET;

    conteneur.setAttribute("role", "region");
    conteneur.setAttribute("aria-label", "Carte des lieux (la même information est dans la liste ci-dessous)");
    // Le conteneur doit être visible avant la création de la carte (Leaflet mesure sa taille).
    conteneur.hidden = false;

    // Animations de zoom et de fondu coupées si l'utilisateur réduit les mouvements.
    var animer = !(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);

    var carte;
    try {
      carte = L.map(conteneur, {
        zoomAnimation: animer,
        fadeAnimation: animer,
        markerZoomAnimation: animer,
        scrollWheelZoom: false, // la molette fait défiler la page, pas la carte
        keyboard: true, // flèches pour déplacer, + et − pour zoomer, quand la carte a le focus
        zoomControl: false // remplacé ci-dessous par des boutons aux libellés français
      });
      L.control.zoom({ zoomInTitle: "Zoomer", zoomOutTitle: "Dézoomer" }).addTo(carte);
      carte.attributionControl.setPrefix('Carte : <a href="https://leafletjs.com" hreflang="en">Leaflet</a>');
      L.tileLayer(tuiles, {
        // OpenStreetMap demande un lien vers sa page de droits d'auteur.
        attribution: '<a href="https://www.openstreetmap.org/copyright">' +
          echapper(conteneur.getAttribute("data-attribution") || "OpenStreetMap") + "</a>",
        maxZoom: 19
      }).addTo(carte);
    } catch (erreur) {
      // Carte impossible à créer : on revient à la liste seule.
      if (carte) carte.remove();
      conteneur.hidden = true;
      conteneur.removeAttribute("role");
      conteneur.removeAttribute("aria-label");
      if (window.console) console.warn("Carte des lieux indisponible :", erreur);
      return;
    }

    var marqueurs = [];
    lieux.forEach(function (lieu) {
      var marqueur = L.marker(lieu.latLng, { title: lieu.nom, alt: lieu.nom, keyboard: true });
      marqueur.bindPopup(contenuBulle(lieu));
      marqueur.addTo(carte);
      lieu.marqueur = marqueur;
      marqueurs.push(marqueur);

      // Bulle fermée (Échap, bouton × ou clic ailleurs) alors que le focus était
      // dedans : il revient sur le marqueur au lieu de se perdre en haut de page.
      marqueur.on("popupclose", function (e) {
        var actif = document.activeElement;
        var bulle = e.popup.getElement();
        if (!actif || actif === document.body || (bulle && bulle.contains(actif))) {
          var icone = marqueur.getElement();
          if (icone) icone.focus();
        }
      });
    });

    // Bulle ouverte (une seule à la fois) ; bouton de fermeture en français.
    var bulleOuverte = null;
    carte.on("popupclose", function (e) {
      if (e.popup === bulleOuverte) bulleOuverte = null;
    });
    carte.on("popupopen", function (e) {
      bulleOuverte = e.popup;
      var bulle = e.popup.getElement();
      var fermer = bulle && bulle.querySelector(".leaflet-popup-close-button");
      if (fermer) {
        fermer.setAttribute("aria-label", "Fermer la bulle");
        fermer.title = "Fermer la bulle";
      }
    });

    function marqueurDe(element) {
      for (var i = 0; i < marqueurs.length; i++) {
        if (marqueurs[i].getElement() === element) return marqueurs[i];
      }
      return null;
    }

    // Clavier sur un marqueur : Leaflet ouvre la bulle avec Entrée, mais ne la
    // ferme avec Échap que si c'est la carte elle-même qui a le focus. On ferme
    // donc aussi avec Échap depuis un marqueur ou la bulle, et l'Espace ouvre la
    // bulle comme pour tout bouton.
    conteneur.addEventListener("keydown", function (e) {
      if (e.target === conteneur || e.altKey || e.ctrlKey || e.metaKey) return;
      var touche = e.key || "";
      if ((touche === "Escape" || touche === "Esc" || e.keyCode === 27) && bulleOuverte) {
        e.preventDefault();
        e.stopPropagation();
        carte.closePopup();
        return;
      }
      if (touche === " " || touche === "Spacebar" || e.keyCode === 32) {
        var marqueur = marqueurDe(e.target);
        if (marqueur) {
          e.preventDefault();
          marqueur.openPopup();
        }
      }
    });

    // Cadrage : tous les marqueurs visibles ; un seul lieu → zoom de quartier.
    if (marqueurs.length === 1) {
      carte.setView(lieux[0].latLng, ZOOM_LIEU);
    } else {
      carte.fitBounds(L.latLngBounds(lieux.map(function (l) { return l.latLng; })), {
        maxZoom: ZOOM_LIEU,
        padding: [24, 24]
      });
    }

    // Dans la liste, un bouton « Voir sur la carte » pour chaque lieu situé.
    lieux.forEach(function (lieu) {
      var bouton = document.createElement("button");
      bouton.type = "button";
      bouton.className = "ps-voir-sur-la-carte";
      bouton.textContent = "Voir sur la carte";
      // Le nom du lieu complète le libellé visible, qui reste au début (RGAA 6.1, WCAG 2.5.3).
      bouton.setAttribute("aria-label", "Voir sur la carte : " + lieu.nom);
      bouton.addEventListener("click", function () {
        carte.invalidateSize();
        carte.setView(lieu.latLng, Math.max(carte.getZoom(), ZOOM_LIEU), { animate: false });
        lieu.marqueur.openPopup();
        if (conteneur.scrollIntoView) conteneur.scrollIntoView({ block: "center" });
        var icone = lieu.marqueur.getElement();
        if (icone) {
          try {
            icone.focus({ preventScroll: true });
          } catch (erreur) {
            icone.focus();
          }
        }
      });
      lieu.li.appendChild(bouton);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initialiser);
  } else {
    initialiser();
  }
})();
