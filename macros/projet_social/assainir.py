"""Le HTML final de chaque page passe par un assainisseur à liste blanche (nh3).

``nh3`` est la liaison Python d'ammonia (Rust), maintenue, qui analyse le HTML
comme un navigateur (html5ever) : les adresses sont vérifiées *après* le décodage
des entités (``javascript&#58;``, ``java&#x09;script:``, ``&Tab;``…), ce qu'une
expression régulière sur le texte brut ne peut pas garantir.

Ce qui reste : les balises de mise en forme et de structure que produisent le
Markdown et les gabarits du moteur ; les attributs ``class``, ``id``, ``title``,
``lang``, ``role``, ``data-*`` et ``aria-*`` ; ``href`` et ``src`` en http(s),
mailto, tel ou relatifs. Tout le reste est retiré : ``<script>``, ``<style>``,
``<iframe>``, ``<svg>``, les attributs ``on…``, ``style``, ``ping``, ``srcset``,
``formaction``. Une image prise sur un autre site (qui ferait appeler ce site par
le navigateur de chaque visiteur) perd son adresse : seul son texte
alternatif reste. La vérification (``make check``) la signale déjà.
"""

from __future__ import annotations

import nh3

BALISES = {
    "a",
    "abbr",
    "aside",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "label",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
ATTRIBUTS_COMMUNS = {"class", "id", "title", "lang", "dir", "role", "hidden"}
ATTRIBUTS = {
    "a": {"href", "hreflang", "type", "download"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "time": {"datetime"},
    "details": {"open"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
SCHEMAS = {"http", "https", "mailto", "tel"}


def image_distante(adresse: str) -> bool:
    """Une adresse qui ferait charger l'image depuis un autre site."""
    bas = adresse.strip().lower()
    return bas.startswith(("http:", "https:", "//", "\\\\"))


def _filtre(balise: str, attribut: str, valeur: str) -> str | None:
    if balise == "img" and attribut == "src" and image_distante(valeur):
        return None
    return valeur


def assainir(html: str) -> str:
    """Le HTML d'une page, débarrassé de tout ce qui n'est pas sur la liste blanche."""
    return nh3.clean(
        html,
        tags=BALISES,
        attributes={"*": ATTRIBUTS_COMMUNS, **ATTRIBUTS},
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes=SCHEMAS,
        attribute_filter=_filtre,
        link_rel=None,
        strip_comments=True,
    )
