/* Les tableaux trop larges défilent dans le cadre que Material leur donne
   (.md-typeset__scrollwrap) : ce cadre doit s'atteindre au clavier pour défiler
   (WCAG 2.1.1 ; règle axe « scrollable-region-focusable »). Un cadre qui défile
   reçoit donc tabindex="0", le rôle « region » et un nom : la légende du tableau,
   sinon « Tableau, défilement horizontal ». Refait à chaque page et au redimensionnement. */
(function () {
  "use strict";
  function nommer(cadre) {
    var legende = cadre.querySelector("caption");
    var precedent = cadre.previousElementSibling;
    if (legende && legende.textContent.trim()) return legende.textContent.trim();
    if (precedent && precedent.classList.contains("ps-legende")) return precedent.textContent.trim();
    return "Tableau, défilement horizontal";
  }
  function regler() {
    var cadres = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < cadres.length; i++) {
      var cadre = cadres[i];
      if (cadre.scrollWidth > cadre.clientWidth + 1 || cadre.scrollHeight > cadre.clientHeight + 1) {
        cadre.setAttribute("tabindex", "0");
        cadre.setAttribute("role", "region");
        if (!cadre.hasAttribute("aria-label")) cadre.setAttribute("aria-label", nommer(cadre));
      } else if (cadre.getAttribute("tabindex") === "0") {
        cadre.removeAttribute("tabindex");
        cadre.removeAttribute("role");
        cadre.removeAttribute("aria-label");
      }
    }
  }
  var attente = null;
  window.addEventListener("resize", function () {
    clearTimeout(attente);
    attente = setTimeout(regler, 150);
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(regler);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", regler);
  } else {
    regler();
  }
})();
