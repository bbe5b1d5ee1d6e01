/* « Ouvert maintenant » : à côté des horaires écrits en français par le site (le texte
 * sans JavaScript, horaires.py), l'état à l'heure du visiteur et les horaires du jour,
 * calculés dans son navigateur par opening_hours, l'implémentation de référence de la
 * syntaxe OpenStreetMap (assets/vendor/opening_hours/, servie par le site, voir
 * scripts/vendre.sh opening_hours). Jours fériés : ceux de la France (PH).
 *
 * Chaque <p class="ps-ouvert" data-horaires="…" hidden> (gabarits acteur et lieux)
 * reçoit par exemple « Ouvert maintenant · ferme à 17 h. Aujourd'hui : 9 h – 12 h,
 * 14 h – 17 h. Appelez avant de vous déplacer. » puis devient visible. Si les
 * horaires ne peuvent pas être calculés, il reste caché. Aucune requête réseau. */
(function () {
  "use strict";
  if (typeof window.opening_hours !== "function") return;

  var JOURS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
  var MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"];
  // Le lieu, pour les jours fériés : la France (métropole ; aucune région précisée).
  var LIEU = { address: { country_code: "fr", state: "" } };

  function heure(date) {
    var m = date.getMinutes();
    if (date.getHours() === 0 && m === 0) return "minuit";
    return date.getHours() + " h" + (m ? " " + (m < 10 ? "0" : "") + m : "");
  }

  function minuit(date, decalage) {
    var jour = new Date(date.getFullYear(), date.getMonth(), date.getDate() + (decalage || 0));
    return jour;
  }

  // « à 17 h » (aujourd'hui), « demain à 9 h », « mardi à 9 h » (cette semaine), « le 3 septembre à 9 h ».
  function quand(date, maintenant) {
    var ecart = Math.round((minuit(date) - minuit(maintenant)) / 86400000);
    if (ecart === 0) return "à " + heure(date);
    if (ecart === 1) return "demain à " + heure(date);
    if (ecart < 7) return JOURS[date.getDay()] + " à " + heure(date);
    return "le " + (date.getDate() === 1 ? "1er" : date.getDate()) + " " + MOIS[date.getMonth()] + " à " + heure(date);
  }

  function duJour(horaires, maintenant) {
    var plages = horaires.getOpenIntervals(minuit(maintenant), minuit(maintenant, 1));
    if (!plages.length) return "Aujourd'hui : fermé.";
    return "Aujourd'hui : " + plages.map(function (p) {
      var fin = p[1].getTime() === minuit(maintenant, 1).getTime() ? "minuit" : heure(p[1]);
      return heure(p[0]) + " – " + fin;
    }).join(", ") + ".";
  }

  function etat(horaires, maintenant) {
    var suivant = horaires.getNextChange(maintenant);
    var commentaire = horaires.getComment(maintenant);
    var precision = commentaire ? " (" + commentaire + ")" : "";
    if (horaires.getUnknown(maintenant)) {
      return { titre: "Horaires à confirmer" + precision, suite: "" };
    }
    if (horaires.getState(maintenant)) {
      return { titre: "Ouvert maintenant" + precision, suite: suivant ? "ferme " + quand(suivant, maintenant) : "" };
    }
    return { titre: "Fermé" + precision, suite: suivant ? "ouvre " + quand(suivant, maintenant) : "" };
  }

  function afficher(element, maintenant) {
    var texte;
    try {
      texte = decodeURIComponent(element.getAttribute("data-horaires") || "");
      if (!texte) return;
      var horaires = new window.opening_hours(texte, LIEU);
      var e = etat(horaires, maintenant);
      var jour = duJour(horaires, maintenant);
    } catch (erreur) {
      return; // des horaires que la bibliothèque ne sait pas calculer : le texte du site suffit
    }
    element.textContent = "";
    var titre = document.createElement("strong");
    titre.textContent = e.titre;
    element.appendChild(titre);
    element.appendChild(document.createTextNode(
      (e.suite ? " · " + e.suite : "") + ". " + jour + " Appelez avant de vous déplacer."
    ));
    element.hidden = false;
  }

  var maintenant = new Date();
  var elements = document.querySelectorAll(".ps-ouvert[data-horaires]");
  for (var i = 0; i < elements.length; i++) afficher(elements[i], maintenant);
})();
