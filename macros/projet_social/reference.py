"""La liste des champs de chaque fichier, lue dans les schémas JSON.

Le guide « Contribuer » (page produite ``contribuer/champs.md``) et les modèles
de ``make nouvelle-fiche`` / ``make nouvel-acteur`` en tirent titres et
explications : ils suivent les schémas sans qu'on ait à les recopier.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import schemas

# Dans l'ordre du guide : ce que les équipes modifient le plus souvent d'abord.
FICHIERS = {
    "fiche": "docs/fiches/*.md (l'en-tête, entre les deux lignes ---)",
    "acteurs": "data/acteurs.yml",
    "lieux": "data/lieux.yml",
    "centre": "data/centre.yml",
    "arbre": "data/arbre.yml",
    "vocabulaires": "data/vocabulaires.yml",
    "sigles": "data/sigles.yml",
    "synonymes": "data/synonymes.yml",
    "menu": "data/menu.yml",
    "page": "docs/**/*.md (l'en-tête facultatif des pages rédigées)",
}
GENERIQUES = {"prose", "texte", "annee", "date", "telephone", "courriel", "url"}


@dataclass
class Champ:
    chemin: tuple[str, ...]  # ("bilans", "annee") : le champ « annee » d'un bilan
    titre: str
    description: str
    obligatoire: bool
    forme: str
    sous_champs: list["Champ"] = field(default_factory=list)
    # La sorte de valeur, pour qui écrit un exemple (modèles de make nouvelle-fiche) :
    # « prose », « texte », « annee », « date », « nombre », « booleen », « objet »,
    # « liste_objets », « liste_identifiants », « liste_textes », ou la sorte du schéma
    # commun (« identifiant », « telephone », « courriel », « url », « code_postal », « horaires_osm »).
    sorte: str = ""

    @property
    def nom(self) -> str:
        return self.chemin[-1]


@dataclass
class Fichier:
    nom: str  # nom du schéma : « fiche »
    titre: str
    description: str
    fichier: str
    champs: list[Champ]


def _resoudre(sous: dict, courant: dict) -> tuple[dict, dict]:
    """Suit un ``$ref`` (local ou vers un autre schéma) ; renvoie (définition, schéma où elle vit)."""
    if "$ref" not in sous:
        return sous, courant
    resolu, ou = _resoudre(*schemas.cible(sous["$ref"], courant))
    fusion = dict(resolu)
    fusion.update({k: v for k, v in sous.items() if k != "$ref"})
    fusion["x-sorte"] = sous["$ref"].rsplit("/", 1)[-1]
    return fusion, ou


def _forme(d: dict, courant: dict) -> str:
    sorte = d.get("x-sorte", "")
    if sorte == "prose":
        return "un texte libre (Markdown) ; sur plusieurs lignes : « | » puis le texte décalé de deux espaces"
    if sorte == "texte":
        return "une ligne de texte"
    if sorte == "annee":
        return "une année, par exemple 2024"
    if d.get("x-attendu"):
        return d["x-attendu"]
    if "enum" in d:
        return "une des valeurs : " + ", ".join(str(v) for v in d["enum"])
    type_ = d.get("type")
    if type_ == "array":
        items, ou = _resoudre(d.get("items", {}), courant)
        if items.get("type") == "object":
            return "une liste : chaque élément commence par « - » et contient les champs ci-dessous"
        if items.get("x-sorte") == "identifiant":
            return "une liste d'identifiants entre crochets, par exemple [premier, second]"
        return "une liste : une ligne par élément, commençant par « - »"
    if type_ == "object":
        return "des champs décalés de deux espaces en dessous (voir ci-dessous)"
    if type_ == "integer":
        return "un nombre entier"
    if type_ == "number":
        return "un nombre (avec un point pour les décimales, par exemple 12.5)"
    if type_ == "boolean":
        return "true (oui) ou false (non)"
    return "une ligne de texte"


def _sorte(d: dict, courant: dict) -> str:
    """La sorte de valeur d'un champ (voir ``Champ.sorte``)."""
    sorte = d.get("x-sorte", "")
    if sorte and sorte not in ("liste_de_textes", "liste_d_identifiants"):
        return sorte
    type_ = d.get("type")
    if type_ == "array":
        items, _ = _resoudre(d.get("items", {}), courant)
        if items.get("type") == "object":
            return "liste_objets"
        if sorte == "liste_d_identifiants" or items.get("x-sorte") == "identifiant":
            return "liste_identifiants"
        return "liste_textes"
    return {"object": "objet", "integer": "nombre", "number": "nombre", "boolean": "booleen"}.get(
        type_, "texte"
    )


def _formes(d: dict, courant: dict) -> list[tuple[dict, dict]]:
    """Les formes permises d'un champ : lui-même, ou chacune de ses variantes « anyOf » (les tarifs : texte ou liste)."""
    if "anyOf" in d and "type" not in d:
        return [_resoudre(branche, courant) for branche in d["anyOf"] if isinstance(branche, dict)]
    return [(d, courant)]


def _champs(objet: dict, courant: dict, chemin: tuple, vus: frozenset) -> list[Champ]:
    obligatoires = set(objet.get("required", []))
    resultat = []
    for nom, brut in objet.get("properties", {}).items():
        cle = brut.get("$ref")
        d, ou = _resoudre(brut, courant)
        formes = _formes(d, ou)
        if (
            len(formes) > 1
        ):  # plusieurs formes : chacune est dite ; les sous-champs sont ceux de la forme « liste d'objets »
            forme = d.get("x-attendu") or " ; ou ".join(_forme(f, o) for f, o in formes)
            sorte = _sorte(*formes[0])
            d, ou = next(((f, o) for f, o in formes if f.get("type") == "array"), formes[0])
            cle = None
        else:
            forme, sorte = _forme(d, ou), _sorte(d, ou)
        champ = Champ(
            chemin=chemin + (nom,),
            titre=brut.get("title") or d.get("title", nom),
            # Les explications génériques (« Une ligne de texte. ») sont déjà dans la forme.
            description=brut.get("description")
            or ("" if d.get("x-sorte") in GENERIQUES else d.get("description", "")),
            obligatoire=nom in obligatoires,
            forme=forme,
            sorte=sorte,
        )
        contenu, ou_contenu = d, ou
        if d.get("type") == "array":
            cle = d.get("items", {}).get("$ref") or cle
            contenu, ou_contenu = _resoudre(d.get("items", {}), ou)
        if contenu.get("type") == "object" and "properties" in contenu:
            if (
                cle and cle in vus
            ):  # une définition récursive (les enfants d'un nœud) : une fois suffit
                champ.description = (
                    champ.description + " Chaque élément a les mêmes champs que ci-dessus."
                ).strip()
            else:
                champ.sous_champs = _champs(
                    contenu, ou_contenu, champ.chemin, vus | {cle} if cle else vus
                )
        resultat.append(champ)
    return resultat


def fichier(nom: str) -> Fichier:
    """Les champs du schéma ``nom`` (``"fiche"``, ``"acteurs"``…)."""
    racine = schemas.schema(nom)
    objet = racine
    if racine.get("type") == "array":
        objet, _ = _resoudre(racine.get("items", {}), racine)
    champs = _champs(objet, racine, (), frozenset())
    autres = objet.get("additionalProperties")
    if isinstance(autres, dict) and not champs:  # data/sigles.yml : « SIGLE: signification »
        d, ou = _resoudre(autres, racine)
        champs = [
            Champ(
                ("SIGLE",),
                d.get("title", "Valeur"),
                "Le sigle lui-même sert de nom de champ.",
                False,
                _forme(d, ou),
                sorte=_sorte(d, ou),
            )
        ]
    return Fichier(
        nom, racine.get("title", nom), racine.get("description", ""), FICHIERS.get(nom, nom), champs
    )


def tous_les_fichiers() -> list[Fichier]:
    noms = [n for n in FICHIERS if n in schemas.noms_des_schemas()]
    noms += [n for n in schemas.noms_des_schemas() if n not in FICHIERS and n != "commun"]
    return [fichier(n) for n in noms]


def a_plat(champs: list[Champ]) -> list[Champ]:
    """Les champs et leurs sous-champs, dans l'ordre du fichier."""
    resultat = []
    for champ in champs:
        resultat.append(champ)
        resultat.extend(a_plat(champ.sous_champs))
    return resultat
