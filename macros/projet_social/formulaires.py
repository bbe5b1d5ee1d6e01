"""Les formulaires de l'équipe (``/admin/``) : la configuration de Sveltia CMS, tirée des schémas.

Sveltia CMS (overrides/assets/vendor/sveltia-cms/, pris sur npm par ``scripts/vendre.sh``) est
une application d'une page qui lit et écrit les fichiers du dépôt : sur GitHub, chaque
enregistrement devient une pull request (« editorial workflow »), que ``verifier.yml`` contrôle
comme toute autre ; sur l'ordinateur de l'équipe (``make formulaires``), il écrit dans le dossier
du site.

Les formulaires ne sont jamais écrits à la main : chaque champ de chaque schéma (data/schemas/)
devient un champ de formulaire (``champ``), avec son titre, son aide (la description du schéma),
s'il est obligatoire, son motif et sa longueur. Les références (« x-choix » dans les schémas :
acteurs, lieux, nœuds de l'arbre, codes des vocabulaires) deviennent des listes de choix tirées
du contenu validé de cette construction. Un champ qu'aucune règle ne sait traduire arrête la
construction (``ChampSansFormulaire``) : un schéma ne peut pas gagner un champ sans formulaire.
Ce que Sveltia ne sait pas exprimer (par exemple qu'un code de fiche soit unique), ``make check``
le contrôle dans la pull request.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import yaml

from . import schemas
from .modele import ProjetSocial

DOSSIER = "admin/"
SCRIPT = "assets/vendor/sveltia-cms/sveltia-cms.js"
SCRIPT_DES_ENTETES = "assets/formulaires.js"  # garde l'en-tête commenté des fichiers de data/

# Les fichiers de données et leur schéma, dans l'ordre où l'équipe les voit.
DONNEES = [
    ("centre", "data/centre.yml", "Le centre social"),
    ("acteurs", "data/acteurs.yml", "Les acteurs du territoire"),
    ("lieux", "data/lieux.yml", "Les lieux"),
    ("sigles", "data/sigles.yml", "Les sigles"),
    ("vocabulaires", "data/vocabulaires.yml", "Les listes de codes (vocabulaires)"),
    ("synonymes", "data/synonymes.yml", "Les mots des habitants (recherche)"),
    ("arbre", "data/arbre.yml", "L'arbre des objectifs"),
]
# Les schémas sans formulaire, et pourquoi : « test_formulaires » vérifie que tous les autres en ont un.
SANS_FORMULAIRE = {
    "commun": "définitions partagées par les autres schémas, pas un fichier",
    "menu": "entrées imbriquées de forme libre (une page, ou un titre et ses pages) : "
    "aucun champ de formulaire ne les exprime ; data/menu.yml se modifie sur GitHub",
}

REPO_INCONNU = "depot-inconnu/renseignez-depot-dans-data-centre-yml"


def repo_github(depot: str) -> str:
    """« compte/depot » d'une adresse https://github.com/compte/depot ; vide pour une autre adresse."""
    m = re.match(
        r"^https://github\.com/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$", depot or ""
    )
    return m.group(1) if m else ""


class ChampSansFormulaire(Exception):
    """Un champ de schéma qu'aucune règle de ``champ`` ne sait traduire en formulaire."""


# -- les listes de choix --------------------------------------------------------------------------


def choix(projet: ProjetSocial) -> dict[str, list[dict]]:
    """Pour chaque liste de référence (« x-choix »), ses options : le libellé affiché, le code écrit."""
    options = {
        "acteurs": [{"label": a.nom, "value": a.id} for a in projet.acteurs.values()],
        "lieux": [{"label": l.nom, "value": l.id} for l in projet.lieux.values()],
        "noeuds": [{"label": n.titre_complet, "value": n.id} for n in projet.noeuds.values()],
    }
    for nom, termes in projet.vocabulaires.items():
        options[nom] = [
            {"label": f"{t.libelle} ({t.code})", "value": t.code} for t in termes.values()
        ]
    return options


# -- un champ de schéma → un champ de formulaire ---------------------------------------------------


def _deplie(noeud: dict, document: dict) -> tuple[dict, dict]:
    """``noeud`` avec ses ``$ref`` suivis (les clés du nœud l'emportent), et le schéma où il vit.

    Le résultat garde sous « x-definitions » les définitions traversées (« prose », « horaires_osm »…).
    """
    definitions = list(noeud.get("x-definitions", []))
    while isinstance(noeud.get("$ref"), str):
        definitions.append(noeud["$ref"].rpartition("/")[2])
        visee, document_vise = schemas.cible(noeud["$ref"], document)
        if (
            (aide := visee.get("description"))
            and "description" in noeud
            and visee.get("x-aide-gardee")
        ):
            noeud = {**noeud, "description": f"{noeud['description']} {aide}"}
        noeud = {**visee, **{k: v for k, v in noeud.items() if k != "$ref"}}
        document = document_vise
    return {**noeud, "x-definitions": definitions}, document


def _attendu(schema: dict) -> str:
    return f"Attendu : {schema['x-attendu']}." if schema.get("x-attendu") else ""


# Les définitions dont la description ne dit rien de plus que le type du champ : pas d'aide.
_AIDES_GENERIQUES = {"texte", "prose"}


def _commun(nom: str, schema: dict, requis: bool) -> dict:
    champ = {
        "name": nom,
        "label": schema.get("title") or nom.replace("_", " ").capitalize(),
        "required": requis,
    }
    generique = (
        schema["x-definitions"]
        and schema["x-definitions"][-1] in _AIDES_GENERIQUES
        and schema.get("description")
        == schemas.schema("commun")["$defs"][schema["x-definitions"][-1]].get("description")
    )
    if (aide := schema.get("description")) and not generique:
        champ["hint"] = aide
    return champ


def _texte(schema: dict, champ: dict) -> dict:
    if "pattern" in schema:
        champ["pattern"] = [
            schema["pattern"],
            _attendu(schema) or "Ce texte n'a pas la forme attendue.",
        ]
    if "maxLength" in schema:
        champ["maxlength"] = schema["maxLength"]
    if schema.get("minLength", 0) > 1:
        champ["minlength"] = schema["minLength"]
    return champ


def _est_prose(schema: dict) -> bool:
    return "prose" in schema["x-definitions"]


def champ(
    nom: str,
    noeud: dict,
    document: dict,
    requis: bool,
    options: dict[str, list[dict]],
    profondeur: int = 4,
) -> dict:
    """Le champ de formulaire Sveltia du champ ``nom`` du schéma (``noeud``, dans ``document``)."""
    schema, document = _deplie(noeud, document)
    base = _commun(nom, schema, requis)
    reference = schema.get("x-choix")
    type_ = schema.get("type")

    if reference:  # une valeur (ou une liste de valeurs) choisie dans le contenu du centre
        multiple = type_ == "array"
        liste = options.get(reference, [])
        # Rien à choisir encore : le champ se remplit à la main, make check le vérifie.
        if not liste:
            base["hint"] = (
                base.get("hint", "")
                + " (La liste est vide pour l'instant : ajoutez-y d'abord un élément.)"
            ).strip()
            return (
                {
                    **base,
                    "widget": "list",
                    "field": {"name": "code", "label": "Code", "widget": "string"},
                }
                if multiple
                else {**base, "widget": "string"}
            )
        base.update(widget="select", options=liste, multiple=multiple)
        if multiple and schema.get("minItems"):
            base["min"] = schema["minItems"]
        return base
    if "enum" in schema or ("items" in schema and "enum" in _deplie(schema["items"], document)[0]):
        valeurs = schema.get("enum") or _deplie(schema["items"], document)[0]["enum"]
        base.update(
            widget="select",
            options=[{"label": str(v), "value": v} for v in valeurs],
            multiple=type_ == "array",
        )
        return base
    if "anyOf" in schema:
        # « tarifs » : un texte libre OU une liste ; le formulaire propose la forme la plus précise
        # (la liste) et le dit dans l'aide. Le texte libre reste permis en modifiant le fichier.
        formes = [_deplie(f, document)[0] for f in schema["anyOf"]]
        listes = [f for f in formes if f.get("type") == "array"]
        if len(listes) != 1:
            raise ChampSansFormulaire(nom)
        base["hint"] = (base.get("hint", "") + " Ce formulaire propose la forme en liste.").strip()
        return {
            **champ(
                nom, {**listes[0], "title": base["label"]}, document, requis, options, profondeur
            ),
            "hint": base["hint"],
        }
    if type_ == "string":
        if schema.get("format") == "date":
            return {**base, "widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
        if _est_prose(schema):
            return {**base, "widget": "text"}
        return _texte(schema, {**base, "widget": "string"})
    if type_ in ("integer", "number"):
        base.update(widget="number", value_type="int" if type_ == "integer" else "float")
        for mot, cle in (("minimum", "min"), ("maximum", "max")):
            if mot in schema:
                base[cle] = schema[mot]
        return base
    if type_ == "boolean":
        return {**base, "widget": "boolean", "required": False}
    if type_ == "object" and "properties" in schema:
        return {**base, "widget": "object", "fields": champs(schema, document, options, profondeur)}
    if type_ == "object" and isinstance(schema.get("additionalProperties"), dict):
        return {**base, "widget": "keyvalue"}
    if type_ == "array":
        elements, doc_elements = _deplie(schema.get("items", {}), document)
        if schema.get("minItems"):
            base["min"] = schema["minItems"]
        if schema.get("maxItems"):
            base["max"] = schema["maxItems"]
        if elements.get("type") == "object":
            if (
                profondeur <= 0
            ):  # un arbre récursif (les nœuds) : autant de niveaux que le centre en a
                return {"name": nom, "widget": "hidden"}
            sous = champs(elements, doc_elements, options, profondeur - 1)
            resume = next(
                (
                    f"{{{{fields.{c['name']}}}}}"
                    for c in sous
                    if c["name"] in ("titre", "nom", "libelle", "mot_cle", "annee")
                ),
                None,
            )
            return {
                **base,
                "widget": "list",
                "fields": sous,
                **({"summary": resume} if resume else {}),
            }
        element = champ("element", elements, doc_elements, True, options, profondeur)
        element.pop("hint", None)
        return {
            **base,
            "widget": "list",
            "field": {**element, "label": elements.get("title") or base["label"]},
        }
    raise ChampSansFormulaire(nom)


def champs(
    schema: dict, document: dict, options: dict[str, list[dict]], profondeur: int = 4
) -> list[dict]:
    """Les champs de formulaire des propriétés d'un objet du schéma, dans l'ordre du schéma."""
    requis = set(schema.get("required", []))
    return [
        champ(nom, sous, document, nom in requis, options, profondeur)
        for nom, sous in schema.get("properties", {}).items()
    ]


# -- la configuration --------------------------------------------------------------------------------


def _champs_du_fichier(nom: str, projet: ProjetSocial, options: dict) -> list[dict]:
    schema = schemas.schema(nom)
    if nom == "arbre":  # des nœuds imbriqués : autant de niveaux que l'arbre du centre
        return champs(schema, schema, options, profondeur=max(1, projet.profondeur))
    if schema.get("type") == "array":  # un fichier qui est une liste (acteurs, lieux, synonymes)
        return [
            {
                **champ(nom, schema, schema, False, options),
                "root": True,
                "label": schema.get("title", nom),
            }
        ]
    if (
        schema.get("type") == "object" and "properties" not in schema
    ):  # sigles : « SIGLE: signification »
        return [
            {
                "name": nom,
                "label": schema.get("title", nom),
                "widget": "keyvalue",
                "root": True,
                "required": False,
                "key_label": "Sigle",
                "value_label": "Signification",
                "hint": schema.get("description", ""),
            }
        ]
    return champs(schema, schema, options)


def _corps(label: str) -> dict:
    return {
        "name": "body",
        "label": label,
        "widget": "markdown",
        "required": False,
        "modes": ["rich_text", "raw"],
        "hint": "Le texte de la page, en Markdown. Bouton « Markdown » pour voir et corriger le texte brut.",
    }


def configuration(
    projet: ProjetSocial, depot: str, branche: str, adresse_du_site: str, docs: str = "docs"
) -> dict:
    """La configuration de Sveltia CMS (admin/config.yml) pour ce centre."""
    options = choix(projet)
    fiche = schemas.schema("fiche")
    page = schemas.schema("page")
    dossier_fiches = f"{docs}/fiches"
    pages = [p for p in projet.pages_redigees if not p.startswith("fiches/")]
    collections = [
        {
            "name": "fiches",
            "label": "Fiches actions",
            "label_singular": "Fiche action",
            "description": "Une fiche par action du projet social (docs/fiches/). Chaque enregistrement "
            "devient une proposition (pull request) relue avant publication.",
            "folder": dossier_fiches,
            "extension": "md",
            "format": "yaml-frontmatter",
            "create": True,
            "identifier_field": "titre",
            "slug": "{{code}}",
            "summary": "{{code}} · {{titre}}",
            "sortable_fields": ["code", "titre"],
            "fields": champs(fiche, fiche, options)
            + [_corps("Texte libre (affiché à la fin de la fiche)")],
        },
        {
            "name": "pages",
            "label": "Pages rédigées",
            "label_singular": "Page",
            "description": "Les pages écrites par l'équipe (docs/), hors fiches.",
            "format": "yaml-frontmatter",
            "files": [
                {
                    "name": re.sub(r"[^a-z0-9]+", "-", p.removesuffix(".md").lower()).strip("-")
                    or "accueil",
                    "label": p,
                    "file": f"{docs}/{p}",
                    "fields": champs(page, page, options) + [_corps("Texte de la page")],
                }
                for p in pages
            ],
        },
        {
            "name": "donnees",
            "label": "Données du centre",
            "label_singular": "Fichier de données",
            "description": "Les fichiers de data/ : le centre, les acteurs, les lieux, les sigles, les listes de codes.",
            "format": "yaml",
            "files": [
                {
                    "name": nom,
                    "label": label,
                    "file": fichier,
                    "format": f"yaml-{nom}",
                    "fields": _champs_du_fichier(nom, projet, options),
                }
                for nom, fichier, label in DONNEES
            ],
        },
    ]
    # Sans dépôt GitHub connu (data/centre.yml, ou GitHub Actions à la publication), Sveltia exige
    # tout de même un nom : REPO_INCONNU, que la page de connexion affiche, le dit ; le dépôt local marche.
    repo = repo_github(depot) or REPO_INCONNU
    backend: dict = {"name": "github", "repo": repo, "branch": branche, "auth_methods": ["token"]}
    if repo != REPO_INCONNU:
        backend.update(open_authoring=True, auth_scope="public_repo")
    if projet.centre.connexion_formulaires:
        backend.update(
            auth_methods=["oauth", "token"], base_url=projet.centre.connexion_formulaires
        )
    config = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": f"{docs}/images",
        "public_folder": "/images",
        "app_title": f"Modifier le site · {projet.centre.nom}",
        "output": {"omit_empty_optional_fields": True, "yaml": {"indent_sequences": True}},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": collections,
    }
    if adresse_du_site:
        config["site_url"] = adresse_du_site
    return config


def config_yml(configuration: dict) -> str:
    entete = (
        "# Produit par le site (macros/projet_social/formulaires.py) depuis data/schemas/ : "
        "ne pas modifier à la main.\n"
    )
    return entete + yaml.safe_dump(configuration, allow_unicode=True, sort_keys=False, width=120)


def index_html(nom_du_centre: str) -> str:
    """La page /admin/ : l'application Sveltia CMS, en français, hors moteurs de recherche."""
    nom = html.escape(nom_du_centre)
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Modifier le site · {nom}</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
<noscript>Les formulaires de l'équipe ont besoin de JavaScript. Sans lui, modifiez les fichiers sur GitHub
(rubrique « Contribuer » du site).</noscript>
<script>window.CMS_MANUAL_INIT = true;</script>
<script src="../{SCRIPT}"></script>
<script type="module" src="../{SCRIPT_DES_ENTETES}"></script>
</body>
</html>
"""


def entete(chemin: Path) -> str:
    """Les lignes de commentaire du haut d'un fichier YAML (et les lignes vides qui les suivent)."""
    lignes = []
    try:
        with chemin.open(encoding="utf-8") as fichier:
            for ligne in fichier:
                if not (ligne.startswith("#") or (lignes and not ligne.strip())):
                    break
                lignes.append(ligne if ligne.endswith("\n") else ligne + "\n")
    except (OSError, UnicodeDecodeError):
        return ""
    return "".join(lignes)


def fichiers(
    projet: ProjetSocial,
    racine: Path,
    depot: str,
    branche: str,
    adresse_du_site: str,
    docs: str = "docs",
) -> list[tuple[str, str]]:
    """Les fichiers de /admin/ : (chemin dans le site, contenu)."""
    entetes = {nom: entete(racine / fichier) for nom, fichier, _ in DONNEES}
    return [
        (f"{DOSSIER}index.html", index_html(projet.centre.nom)),
        (
            f"{DOSSIER}config.yml",
            config_yml(configuration(projet, depot, branche, adresse_du_site, docs)),
        ),
        (f"{DOSSIER}entetes.json", json.dumps(entetes, ensure_ascii=False, indent=1) + "\n"),
    ]


def noms_des_champs(schema: dict, document: dict, chemin: tuple = ()) -> set[tuple]:
    """Tous les chemins de champs d'un schéma (pour vérifier que chacun a son formulaire)."""
    schema, document = _deplie(schema, document)
    chemins = set()
    for nom, sous in schema.get("properties", {}).items():
        chemins.add(chemin + (nom,))
        sous_d, doc_d = _deplie(sous, document)
        if sous_d.get("type") == "array":
            elements, doc_e = _deplie(sous_d.get("items", {}), doc_d)
            if elements.get("type") == "object" and (chemin + (nom,)).count(nom) < 2:
                chemins |= noms_des_champs(elements, doc_e, chemin + (nom,))
        elif sous_d.get("type") == "object":
            chemins |= noms_des_champs(sous_d, doc_d, chemin + (nom,))
    return chemins
