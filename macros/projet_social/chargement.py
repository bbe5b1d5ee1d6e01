"""Charger et valider tout le contenu d'un centre, en une fois.

``charger(racine)`` lit ``data/`` et ``docs/``, valide chaque fichier contre son
schéma, vérifie les références croisées (nœuds, vocabulaires, acteurs, lieux,
sigles, années) et renvoie ``(projet, erreurs)``. Toutes les erreurs du contenu
sont rassemblées : une seule exécution les montre toutes. Aucune exception ne
sort d'ici pour un contenu erroné.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import adresses, arriere_plan, horaires, liens, schemas, suivi
from .erreurs import AVERTISSEMENT, Erreur
from .registre import PAGE_INDEX_FICHES
from .lecture import (
    Lignes,
    champ_lisible,
    ligne_de,
    lire_fichier_yaml,
    lire_markdown,
    texte_markdown_borne,
)
from .modele import (
    Accessibilite,
    Acteur,
    Bilan,
    Centre,
    Etape,
    Fiche,
    Financement,
    Lieu,
    LigneBudget,
    MentionsLegales,
    Niveau,
    Noeud,
    Participer,
    Permanence,
    ProjetSocial,
    Site,
    SousAction,
    Tarif,
    Terme,
    ValeurIndicateur,
)

# ![texte](https://…) : une image prise sur un autre site (bornée : linéaire).
IMAGE_DISTANTE = re.compile(r"!\[[^\]\n]{0,500}\]\(\s{0,20}<?\s{0,20}(?:https?:)?//", re.IGNORECASE)
# Le code (blocs ``` et `en ligne`) s'affiche tel quel : une image écrite là n'est pas chargée.
CODE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]{1,1000}`", re.MULTILINE | re.DOTALL)
VOCABULAIRES = ("statuts", "projets", "publics", "mots_cles", "statuts_avancement")


def _txt(donnees: object, cle: str) -> str:
    valeur = donnees.get(cle) if isinstance(donnees, dict) else None
    return valeur if isinstance(valeur, str) else ""


def _textes(donnees: object, *cles: str) -> dict[str, str]:
    """Les champs de texte ``cles`` de ``donnees`` (vides s'ils manquent), à passer à un constructeur."""
    return {cle: _txt(donnees, cle) for cle in cles}


def _chaines(donnees: object, cle: str) -> list[str]:
    """Les textes de la liste ``cle`` de ``donnees`` (le reste est signalé par la validation)."""
    return [x for x in _liste(donnees, cle) if isinstance(x, str)]


ADRESSE = ("adresse", "code_postal", "commune")
# Les champs de texte d'une fiche, passés tels quels (vides s'ils manquent) à modele.Fiche.
TEXTES_DE_FICHE = (
    "titre",
    "contexte",
    "objectif_general",
    "publics_precisions",
    "presentation",
    "moyens_humains",
    "moyens_materiels",
    "partenaires_precisions",
    "resultats_attendus",
    "freins",
    "tarifs",
    "inscription",
)
CONTACT = ("telephone", "courriel")


def _pages_de_confiance(donnees: dict) -> dict:
    """Participer, mentions légales, accessibilité (data/centre.yml) : ce que le schéma a validé, sinon vide."""
    participer = donnees.get("participer") if isinstance(donnees.get("participer"), dict) else {}
    mentions = (
        donnees.get("mentions_legales") if isinstance(donnees.get("mentions_legales"), dict) else {}
    )
    acces = donnees.get("accessibilite") if isinstance(donnees.get("accessibilite"), dict) else {}
    audit = acces.get("audit") if isinstance(acces.get("audit"), dict) else {}
    taux = audit.get("taux")
    return {
        "participer": Participer(
            **_textes(participer, "comment", "qui", "quand", "contact", *CONTACT)
        ),
        "mentions_legales": MentionsLegales(
            **_textes(
                mentions,
                "editeur",
                "adresse_editeur",
                "telephone_editeur",
                "courriel_editeur",
                "directeur_publication",
                "hebergeur",
                "adresse_hebergeur",
                "telephone_hebergeur",
            )
        ),
        "accessibilite": Accessibilite(
            date_audit=_txt(audit, "date"),
            auditeur=_txt(audit, "par"),
            taux=float(taux)
            if isinstance(taux, (int, float)) and not isinstance(taux, bool) and _txt(audit, "date")
            else None,
            non_conformites=_chaines(acces, "non_conformites"),
            contact=_txt(acces, "contact"),
            date=_txt(acces, "date"),
        ),
    }


def _int(donnees: object, cle: str) -> int | None:
    valeur = donnees.get(cle) if isinstance(donnees, dict) else None
    return valeur if isinstance(valeur, int) and not isinstance(valeur, bool) else None


def _liste(donnees: object, cle: str) -> list:
    valeur = donnees.get(cle) if isinstance(donnees, dict) else None
    return valeur if isinstance(valeur, list) else []


def _dicts(liste: object) -> list[tuple[int, dict]]:
    return [
        (i, x)
        for i, x in enumerate(liste if isinstance(liste, list) else [])
        if isinstance(x, dict)
    ]


def _textes_de(valeur: object, chemin: tuple = ()):
    """Chaque texte d'une donnée lue, avec son chemin."""
    if isinstance(valeur, dict):
        for cle, v in valeur.items():
            yield from _textes_de(v, chemin + (cle,))
    elif isinstance(valeur, list):
        for i, v in enumerate(valeur):
            yield from _textes_de(v, chemin + (i,))
    elif isinstance(valeur, str):
        yield chemin, valeur


def _nombre(valeur: object) -> float | None:
    if isinstance(valeur, (int, float)) and not isinstance(valeur, bool):
        return valeur
    return None


class _Chargeur:
    def __init__(self, racine: Path, docs: Path | None = None):
        self.racine = racine
        self.docs = docs or racine / "docs"
        self.erreurs: list[Erreur] = []
        self.illisibles: set[str] = (
            set()
        )  # fichiers de data/ illisibles : leurs références ne sont pas vérifiées
        self.textes: list[
            liens.Texte
        ] = []  # le texte des pages rédigées et des fiches, pour vérifier leurs liens

    # -- outils -------------------------------------------------------------

    def nom(self, chemin: Path) -> str:
        try:
            return chemin.relative_to(self.racine).as_posix()
        except ValueError:
            return chemin.as_posix()

    def erreur(
        self,
        fichier: str,
        lignes: Lignes,
        chemin: tuple,
        message: str,
        attendu: str,
        niveau: str = "erreur",
    ) -> None:
        self.erreurs.append(
            Erreur(
                fichier,
                ligne_de(lignes, chemin),
                champ_lisible(chemin, lignes),
                message,
                attendu,
                niveau,
            )
        )

    def donnee(
        self, nom_fichier: str, nom_schema: str, obligatoire: bool
    ) -> tuple[object, Lignes, str]:
        chemin = self.racine / "data" / nom_fichier
        nom = self.nom(chemin)
        if not chemin.exists():
            if obligatoire:
                self.erreurs.append(
                    Erreur(
                        nom,
                        None,
                        "",
                        "le fichier est absent",
                        f"un fichier {nom} conforme à data/schemas/{nom_schema}.schema.json",
                    )
                )
            return None, {}, nom
        lu = lire_fichier_yaml(chemin, nom)
        self.erreurs.extend(lu.erreurs)
        if lu.erreurs:
            self.illisibles.add(nom)
            return None, {}, nom
        self.erreurs.extend(schemas.valider(nom_schema, lu.valeur, nom, lu.lignes))
        self.images_distantes(nom, lu)
        return lu.valeur, lu.lignes, nom

    def corps_borne(self, fichier: str, lu) -> None:
        """Le texte d'une page que Python-Markdown mettrait trop longtemps à construire est refusé."""
        if lu.corps and (probleme := texte_markdown_borne(lu.corps, lu.ligne_corps)) is not None:
            self.erreurs.append(Erreur(fichier, lu.ligne_corps, "", *probleme))

    def _fiche_lue(self, relatif: str) -> tuple:
        """Le fichier d'une fiche lu, et les erreurs de son en-tête contre le schéma (None s'il n'a
        pas pu être lu comme une suite de champs) : ce qui ne dépend que du fichier."""
        chemin = self.docs / relatif
        nom = self.nom(chemin)
        lu = lire_markdown(chemin, nom, en_tete_obligatoire=True)
        if lu.erreurs or not isinstance(lu.valeur, dict):
            return lu, None
        return lu, schemas.valider("fiche", lu.valeur, nom, lu.lignes)

    def page_lue(self, chemin, nom: str, en_tete_obligatoire: bool):
        """Une page rédigée lue, ou None si elle a des erreurs (relevées) : voir ``lu_sans_erreur``."""
        return self.lu_sans_erreur(
            nom, lire_markdown(chemin, nom, en_tete_obligatoire=en_tete_obligatoire)
        )

    def lu_sans_erreur(self, nom: str, lu):
        """La page Markdown ``lu`` (fiche ou page rédigée), ou None si elle a des erreurs (relevées) :
        illisible, ou un en-tête qui n'est pas une suite de champs."""
        self.erreurs.extend(lu.erreurs)
        if lu.erreurs:
            return None
        if not isinstance(lu.valeur, dict):
            self.erreurs.append(
                Erreur(
                    nom,
                    2,
                    "",
                    "l'en-tête n'est pas une suite de champs",
                    "des lignes « champ: valeur » entre les deux lignes « --- »",
                )
            )
            return None
        return lu

    def images_distantes(self, fichier: str, lu) -> None:
        """Une image prise sur un autre site ferait appeler ce site par chaque visiteur : refusée."""
        textes = [((), lu.corps, lu.ligne_corps)] if lu.corps else []
        textes += [(chemin, valeur, None) for chemin, valeur in _textes_de(lu.valeur)]
        for chemin, texte, debut in textes:
            texte = CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), texte)
            for trouve in IMAGE_DISTANTE.finditer(texte):
                ligne = (
                    debut + texte.count("\n", 0, trouve.start())
                    if debut
                    else ligne_de(lu.lignes, chemin)
                )
                self.erreurs.append(
                    Erreur(
                        fichier,
                        ligne,
                        champ_lisible(chemin, lu.lignes),
                        "une image prise sur un autre site (chaque visiteur appellerait ce site, qui saurait qui lit la page)",
                        "l'image enregistrée dans docs/ (par exemple docs/images/photo.jpg), puis ![description](images/photo.jpg)",
                    )
                )

    def horaires(self, fichier, lignes, chemin, valeur) -> str:
        """Des horaires au format OpenStreetMap, vérifiés par la bibliothèque opening_hours."""
        if not isinstance(valeur, str) or not valeur.strip():
            return ""  # absent ou vide : le schéma l'a déjà signalé s'il le fallait
        if (message := horaires.erreur(valeur)) is not None:
            self.erreur(fichier, lignes, chemin, message, horaires.ATTENDU)
        return valeur

    def reference(self, fichier, lignes, chemin, valeur, table: dict, quoi: str, ou: str):
        """Résout une référence ; sinon une erreur avec la liste ou une suggestion."""
        if isinstance(valeur, str) and valeur in table:
            return table[valeur]
        if not isinstance(valeur, str) or ou in self.illisibles:
            return (
                None  # une référence vers un fichier illisible : seule l'erreur de lecture est dite
            )
        possibles = list(table)
        if not possibles:
            attendu = f"{ou} ne définit encore aucun {quoi} : ajoutez-le d'abord"
        elif len(possibles) <= 12:
            attendu = f"un {quoi} de {ou} : " + ", ".join(possibles)
        else:
            de = (
                "d'" if quoi[:1] in "aeiouyéèêh" else "de "
            )  # « d'acteur », « de lieu », « de nœud »
            attendu = f"un identifiant {de}{quoi} défini dans {ou}"
        self.erreur(
            fichier,
            lignes,
            chemin,
            f"{quoi} inconnu « {valeur} »{schemas.suggestion(valeur, possibles)}",
            attendu,
        )
        return None

    # -- les données partagées ---------------------------------------------------

    def centre(self, lieux: dict[str, Lieu]) -> Centre | None:
        donnees, lignes, nom = self.donnee("centre.yml", "centre", obligatoire=True)
        if not isinstance(donnees, dict):
            return None
        agrement = donnees.get("agrement") if isinstance(donnees.get("agrement"), dict) else {}
        # Le projet social peut taire le début ou la fin de l'agrément : rien n'est inventé à leur place.
        debut, fin = _int(agrement, "debut"), _int(agrement, "fin")
        if debut is not None and fin is not None and fin < debut:
            self.erreur(
                nom,
                lignes,
                ("agrement", "fin"),
                f"l'agrément finit ({fin}) avant de commencer ({debut})",
                "une année de fin égale ou postérieure à l'année de début",
            )
        sites = []
        for i, site in _dicts(donnees.get("sites")):
            lieu = None
            if "lieu" in site:
                lieu = self.reference(
                    nom, lignes, ("sites", i, "lieu"), site["lieu"], lieux, "lieu", "data/lieux.yml"
                )
            sites.append(
                Site(
                    **_textes(site, "nom", *ADRESSE, *CONTACT, "horaires"),
                    lieu=lieu,
                )
            )
        return Centre(
            debut=debut,
            fin=fin,
            sites=sites,
            depot=_txt(donnees, "depot").rstrip("/"),
            branche=_txt(donnees, "branche") or "main",
            **_textes(
                donnees,
                "nom",
                "gestionnaire",
                "territoire",
                "commune",
                "presentation",
                "domaine",
                "connexion_formulaires",
                "signalement",
            ),
            **_pages_de_confiance(donnees),
        )

    def vocabulaires(self) -> dict[str, dict[str, Terme]]:
        donnees, lignes, nom = self.donnee("vocabulaires.yml", "vocabulaires", obligatoire=False)
        resultat: dict[str, dict[str, Terme]] = {v: {} for v in VOCABULAIRES}
        if not isinstance(donnees, dict):
            return resultat
        for liste in VOCABULAIRES:
            for i, terme in _dicts(donnees.get(liste)):
                code = terme.get("code")
                if not isinstance(code, str):
                    continue
                if code in resultat[liste]:
                    self.erreur(
                        nom,
                        lignes,
                        (liste, i, "code"),
                        f"le code « {code} » est déjà utilisé dans « {liste} »",
                        "un code différent pour chaque valeur",
                    )
                    continue
                correspondances = _chaines(terme, "data_inclusion")
                resultat[liste][code] = Terme(
                    code,
                    _txt(terme, "libelle") or code,
                    _txt(terme, "description"),
                    correspondances,
                    dans_le_guide=terme.get("dans_le_guide") is not False,
                )
        return resultat

    def sigles(self) -> dict[str, str]:
        donnees, _, _ = self.donnee("sigles.yml", "sigles", obligatoire=False)
        if not isinstance(donnees, dict):
            return {}
        return {str(k): v for k, v in donnees.items() if isinstance(v, str) and v.strip()}

    def synonymes(self, vocabulaires: dict[str, dict[str, Terme]]) -> dict[str, list[str]]:
        """data/synonymes.yml (facultatif) : code d'un mot clé → les mots des habitants, pour la recherche."""
        donnees, lignes, nom = self.donnee("synonymes.yml", "synonymes", obligatoire=False)
        resultat: dict[str, list[str]] = {}
        for i, entree in _dicts(donnees):
            terme = self.reference(
                nom,
                lignes,
                (i, "mot_cle"),
                entree.get("mot_cle"),
                vocabulaires["mots_cles"],
                "mot clé",
                "data/vocabulaires.yml",
            )
            if terme is not None:
                mots = resultat.setdefault(terme.code, [])
                mots += [
                    m.strip()
                    for m in _liste(entree, "mots")
                    if isinstance(m, str) and m.strip() and m.strip() not in mots
                ]
        return resultat

    def lieux(self) -> dict[str, Lieu]:
        donnees, lignes, nom = self.donnee("lieux.yml", "lieux", obligatoire=False)
        resultat: dict[str, Lieu] = {}
        for i, lieu in _dicts(donnees):
            id_ = lieu.get("id")
            if not isinstance(id_, str):
                continue
            if id_ in resultat:
                self.erreur(
                    nom,
                    lignes,
                    (i, "id"),
                    f"l'identifiant « {id_} » est déjà utilisé",
                    "un identifiant différent pour chaque lieu",
                )
                continue
            resultat[id_] = Lieu(
                id=id_,
                **_textes(
                    lieu,
                    "nom",
                    "description",
                    *ADRESSE,
                    "complement_adresse",
                    "accessibilite_lieu",
                    "source",
                ),
                latitude=_nombre(lieu.get("latitude")),
                longitude=_nombre(lieu.get("longitude")),
                horaires_accueil=self.horaires(
                    nom, lignes, (i, "horaires_accueil"), lieu.get("horaires_accueil")
                ),
            )
            if (resultat[id_].latitude is None) != (resultat[id_].longitude is None):
                self.erreur(
                    nom,
                    lignes,
                    (i,),
                    "une seule des deux coordonnées est renseignée",
                    "latitude et longitude ensemble, ou aucune des deux",
                )
        return resultat

    def acteurs(
        self,
        lieux: dict[str, Lieu],
        sigles: dict[str, str],
        vocabulaires: dict[str, dict[str, Terme]],
    ) -> dict[str, Acteur]:
        donnees, lignes, nom = self.donnee("acteurs.yml", "acteurs", obligatoire=False)
        resultat: dict[str, Acteur] = {}
        for i, acteur in _dicts(donnees):
            id_ = acteur.get("id")
            if not isinstance(id_, str):
                continue
            if id_ in resultat:
                self.erreur(
                    nom,
                    lignes,
                    (i, "id"),
                    f"l'identifiant « {id_} » est déjà utilisé",
                    "un identifiant différent pour chaque acteur",
                )
                continue
            sigle = _txt(acteur, "sigle")
            if sigle and sigle not in sigles:
                self.erreur(
                    nom,
                    lignes,
                    (i, "sigle"),
                    f"sigle inconnu « {sigle} »{schemas.suggestion(sigle, list(sigles))}",
                    "un sigle défini dans data/sigles.yml (ajoutez-y sa signification)",
                )
            lieux_acteur = [
                lieu
                for j, ref in enumerate(_liste(acteur, "lieux"))
                if (
                    lieu := self.reference(
                        nom, lignes, (i, "lieux", j), ref, lieux, "lieu", "data/lieux.yml"
                    )
                )
            ]
            resultat[id_] = Acteur(
                id=id_,
                sigle=sigle,
                lieux=lieux_acteur,
                **_textes(
                    acteur,
                    "nom",
                    "description",
                    "missions",
                    *ADRESSE,
                    "complement_adresse",
                    *CONTACT,
                    "site_web",
                    "accessibilite_lieu",
                    "source",
                    "date_maj",
                ),
                mots_cles=self.termes(
                    nom, lignes, acteur, "mots_cles", vocabulaires["mots_cles"], "mots_cles", (i,)
                ),
                publics=self.termes(
                    nom, lignes, acteur, "publics", vocabulaires["publics"], "publics", (i,)
                ),
                horaires_accueil=self.horaires(
                    nom, lignes, (i, "horaires_accueil"), acteur.get("horaires_accueil")
                ),
            )
            for j, p in _dicts(acteur.get("permanences")):
                lieu = None
                if "lieu" in p:
                    lieu = self.reference(
                        nom,
                        lignes,
                        (i, "permanences", j, "lieu"),
                        p["lieu"],
                        lieux,
                        "lieu",
                        "data/lieux.yml",
                    )
                resultat[id_].permanences.append(
                    Permanence(
                        acteur=resultat[id_],
                        lieu=lieu,
                        **_textes(p, "precisions", "source"),
                        horaires=self.horaires(
                            nom, lignes, (i, "permanences", j, "horaires"), p.get("horaires")
                        ),
                    )
                )
        return resultat

    def arbre(self) -> tuple[list[Niveau], list[Noeud], dict[str, Noeud]]:
        donnees, lignes, nom = self.donnee("arbre.yml", "arbre", obligatoire=True)
        if not isinstance(donnees, dict):
            return [], [], {}
        niveaux = []
        for i, niveau in _dicts(donnees.get("niveaux")):
            niveaux.append(
                Niveau(_txt(niveau, "id"), _txt(niveau, "nom"), _txt(niveau, "pluriel"), i)
            )
        if not niveaux:
            return [], [], {}
        noeuds: dict[str, Noeud] = {}
        renvois: list[tuple[Noeud, tuple, list]] = []

        def construire(liste, chemin, profondeur, parent) -> list[Noeud]:
            resultat = []
            for i, brut in _dicts(liste):
                ici = chemin + (i,)
                id_ = brut.get("id")
                if not isinstance(id_, str):
                    continue
                if profondeur >= len(niveaux):
                    self.erreur(
                        nom,
                        lignes,
                        ici,
                        f"le nœud « {id_} » est au niveau {profondeur + 1} alors que l'arbre déclare {len(niveaux)} niveau(x)",
                        "ajouter un niveau dans « niveaux », ou remonter ce nœud",
                    )
                    continue
                if id_ in noeuds:
                    self.erreur(
                        nom,
                        lignes,
                        ici + ("id",),
                        f"l'identifiant « {id_} » est déjà utilisé par un autre nœud",
                        "un identifiant différent pour chaque nœud de l'arbre",
                    )
                    continue
                code = brut.get("code")
                noeud = Noeud(
                    id=id_,
                    titre=_txt(brut, "titre"),
                    niveau=niveaux[profondeur],
                    code=str(code)
                    if isinstance(code, (str, int)) and not isinstance(code, bool)
                    else "",
                    description=_txt(brut, "description"),
                    parent=parent,
                )
                noeuds[id_] = noeud
                renvois.append((noeud, ici, _liste(brut, "renvois")))
                noeud.enfants = construire(
                    brut.get("enfants"), ici + ("enfants",), profondeur + 1, noeud
                )
                resultat.append(noeud)
            return resultat

        racines = construire(donnees.get("noeuds"), ("noeuds",), 0, None)
        for noeud, ici, refs in renvois:
            for j, ref in enumerate(refs):
                cible = self.reference(
                    nom, lignes, ici + ("renvois", j), ref, noeuds, "nœud", "data/arbre.yml"
                )
                if cible is not None:
                    noeud.renvois.append(cible)
        _placer_les_pages(racines, len(niveaux))
        self._lignes_arbre = (nom, lignes, {n.id: c for n, c, _ in renvois})
        return niveaux, racines, noeuds

    # -- les fiches ---------------------------------------------------------------

    def fiches(self, centre, noeuds, vocabulaires, acteurs, lieux) -> list[Fiche]:
        fiches: list[Fiche] = []
        codes: dict[str, str] = {}
        noms_a_verifier: list[tuple] = []
        relatifs = [
            f.relatif
            for f in self.publies
            if f.page and f.relatif.startswith("fiches/") and f.relatif != PAGE_INDEX_FICHES
        ]
        # Lire et valider un fichier ne dépend que de lui : un second cœur lit et valide d'avance
        # la fin de la liste pendant que celui-ci fait le début, puis relie toutes les fiches
        # (arriere_plan.py). Relier prend environ un sixième du temps : d'où 40 % / 60 %.
        with arriere_plan.Avance(
            self._fiche_lue, relatifs[len(relatifs) * 2 // 5 :], fiches=len(relatifs)
        ) as lus:
            for relatif in relatifs:
                nom = self.nom(self.docs / relatif)
                lu, erreurs_schema = lus.valeur(relatif)
                lu = self.lu_sans_erreur(nom, lu)
                if lu is None:
                    continue
                self.images_distantes(nom, lu)
                self.corps_borne(nom, lu)
                self.textes.append(
                    liens.Texte(nom, relatif, lu.corps, lu.ligne_corps, redigee=False)
                )
                noms_a_verifier.append((nom, relatif, lu.valeur, lu.lignes))
                fiche = self.fiche(
                    lu.valeur,
                    lu.lignes,
                    nom,
                    relatif,
                    lu.corps,
                    centre,
                    noeuds,
                    vocabulaires,
                    acteurs,
                    lieux,
                    erreurs_schema,
                )
                if fiche is None:
                    continue
                if fiche.code in codes:
                    self.erreur(
                        nom,
                        lu.lignes,
                        ("code",),
                        f"le code « {fiche.code} » est déjà celui de {codes[fiche.code]}",
                        "un code différent pour chaque fiche",
                    )
                    continue
                codes[fiche.code] = nom
                fiches.append(fiche)
        # Un code déjà pris par une autre fiche est signalé comme tel (renommer le fichier n'y changerait rien).
        combien: dict[object, int] = {}
        for _, _, d, _ in noms_a_verifier:
            code = d.get("code")
            combien[code] = combien.get(code, 0) + 1 if isinstance(code, str) else 0
        for nom, relatif, d, lignes in noms_a_verifier:
            if combien.get(d.get("code")) == 1:
                self.nom_de_fiche(nom, relatif, d, lignes)
        return fiches

    def nom_de_fiche(self, nom: str, relatif: str, d: dict, lignes: Lignes) -> None:
        """Le fichier d'une fiche porte son code : docs/fiches/2-04.md pour « code: 2-04 ».

        C'est ainsi que sont nommées toutes les fiches (T-01.md pour T-01) ; « make
        nouvelle-fiche » écrit le nom en minuscules quand les fiches voisines le sont
        (a-01.md pour A-01) : la casse n'est donc pas comparée. Les formulaires de l'équipe
        (/admin/) remplacent les points par des tirets (3-10.md pour 3.10) : permis aussi. Un
        fichier dont l'adresse est déjà disputée par un autre (A-01.md et a-01.md) n'est signalé
        que par le registre des adresses.
        """
        code = d.get("code")
        nom_du_fichier = relatif.rsplit("/", 1)[-1]
        tige = nom_du_fichier.removesuffix(".md").casefold()
        if (
            not isinstance(code, str)
            or not code
            or tige in (code.casefold(), code.casefold().replace(".", "-"))
        ):
            return
        if not hasattr(self, "_adresses_disputees"):
            vues: dict[str, int] = {}
            for f in self.publies:
                cle = adresses.cle(adresses.adresse(f.relatif))
                vues[cle] = vues.get(cle, 0) + 1
            self._adresses_disputees = {cle for cle, n in vues.items() if n > 1}
        if adresses.cle(adresses.adresse(relatif)) in self._adresses_disputees:
            return
        self.erreur(
            nom,
            lignes,
            ("code",),
            f"le code « {code} » ne correspond pas au nom du fichier « {nom_du_fichier} »",
            f"un fichier nommé d'après le code de la fiche : renommez-le « {code}.md » (ou corrigez le code s'il est faux)",
        )

    def termes(
        self,
        fichier,
        lignes,
        donnees,
        champ,
        vocabulaire: dict[str, Terme],
        nom_liste,
        prefixe: tuple = (),
    ) -> list[Terme]:
        resultat = []
        for j, code in enumerate(_liste(donnees, champ)):
            terme = self.terme(fichier, lignes, prefixe + (champ, j), code, vocabulaire, nom_liste)
            if terme is not None:
                resultat.append(terme)
        return resultat

    def terme(
        self, fichier, lignes, chemin, code, vocabulaire: dict[str, Terme], nom_liste
    ) -> Terme | None:
        if (
            not isinstance(code, str)
            or self.nom(self.racine / "data" / "vocabulaires.yml") in self.illisibles
        ):
            return None
        if code in vocabulaire:
            return vocabulaire[code]
        # On accepte aussi le libellé exact, tel qu'affiché.
        for terme in vocabulaire.values():
            if terme.libelle == code:
                return terme
        possibles = list(vocabulaire)
        attendu = (
            f"une des valeurs de « {nom_liste} » dans data/vocabulaires.yml : "
            + ", ".join(possibles)
            if possibles
            else f"data/vocabulaires.yml ne définit aucune valeur pour « {nom_liste} » : ajoutez-la d'abord"
        )
        self.erreur(
            fichier,
            lignes,
            chemin,
            f"« {code} » n'est pas dans la liste « {nom_liste} »{schemas.suggestion(code, possibles)}",
            attendu,
        )
        return None

    def annee(
        self,
        fichier,
        lignes,
        chemin,
        annee,
        centre: Centre | None,
        precision: str = " (ou l'année dans le texte, sans champ « annee », si la source la cite)",
    ) -> None:
        """Une année comparée à l'agrément : à ses bornes connues seulement (aucune si le projet social ne les donne pas)."""
        if (
            centre is None
            or not isinstance(annee, int)
            or isinstance(annee, bool)
            or centre.dans_l_agrement(annee)
        ):
            return
        if centre.agrement_connu:
            periode, attendu = (
                f"la période d'agrément {centre.periode}",
                f"une année de {centre.debut} à {centre.fin}",
            )
        elif centre.debut is not None:
            periode, attendu = (
                f"la période d'agrément, qui commence en {centre.debut}",
                f"une année à partir de {centre.debut}",
            )
        else:
            periode, attendu = (
                f"la période d'agrément, qui finit en {centre.fin}",
                f"une année jusqu'à {centre.fin}",
            )
        self.erreur(
            fichier,
            lignes,
            chemin,
            f"l'année {annee} est hors de {periode}",
            f"{attendu}{precision}",
        )

    def fiche(
        self,
        d,
        lignes,
        nom,
        relatif,
        corps,
        centre,
        noeuds,
        vocabulaires,
        acteurs,
        lieux,
        erreurs_schema,
    ) -> Fiche | None:
        """La fiche reliée au reste du contenu ; ``erreurs_schema`` : celles de son en-tête contre le
        schéma (``_fiche_lue``)."""
        self.erreurs.extend(erreurs_schema)
        code = d.get("code")
        if not isinstance(code, str):
            return None
        rattachements = []
        for j, ref in enumerate(_liste(d, "rattachements") if noeuds else []):
            noeud = self.reference(
                nom, lignes, ("rattachements", j), ref, noeuds, "nœud", "data/arbre.yml"
            )
            if noeud is not None:
                rattachements.append(noeud)
        statut = None
        if "statut" in d:
            statut = self.terme(
                nom, lignes, ("statut",), d["statut"], vocabulaires["statuts"], "statuts"
            )
        projets = (
            self.termes(nom, lignes, d, "projets", vocabulaires["projets"], "projets")
            if "projets" in d
            else None
        )
        publics = self.termes(nom, lignes, d, "publics", vocabulaires["publics"], "publics")
        mots_cles = self.termes(nom, lignes, d, "mots_cles", vocabulaires["mots_cles"], "mots_cles")

        def acteurs_de(champ):
            return [
                a
                for j, ref in enumerate(_liste(d, champ))
                if (
                    a := self.reference(
                        nom, lignes, (champ, j), ref, acteurs, "acteur", "data/acteurs.yml"
                    )
                )
            ]

        etapes = []
        for j, etape in _dicts(d.get("echeancier")):
            for cle in ("annee", "annee_fin"):
                self.annee(nom, lignes, ("echeancier", j, cle), etape.get(cle), centre)
            debut, fin = _int(etape, "annee"), _int(etape, "annee_fin")
            if debut is not None and fin is not None and fin < debut:
                self.erreur(
                    nom,
                    lignes,
                    ("echeancier", j, "annee_fin"),
                    f"l'étape finit ({fin}) avant de commencer ({debut})",
                    "une année de fin égale ou postérieure à « annee »",
                )
            etapes.append(Etape(texte=_txt(etape, "texte"), annee=debut, annee_fin=fin))
        financements = []
        for j, brut in _dicts(d.get("financements")):
            self.annee(nom, lignes, ("financements", j, "annee"), brut.get("annee"), centre)
            financeur = self.reference(
                nom,
                lignes,
                ("financements", j, "financeur"),
                brut.get("financeur"),
                acteurs,
                "acteur",
                "data/acteurs.yml",
            )
            if financeur is not None:
                financements.append(
                    Financement(
                        financeur,
                        _int(brut, "annee"),
                        _nombre(brut.get("montant")),
                        _txt(brut, "precisions"),
                    )
                )
        sous_actions = [
            SousAction(
                **_textes(brut, "titre", "description", "periode"),
                lieux=[
                    l
                    for k, ref in enumerate(_liste(brut, "lieux"))
                    if (
                        l := self.reference(
                            nom,
                            lignes,
                            ("sous_actions", j, "lieux", k),
                            ref,
                            lieux,
                            "lieu",
                            "data/lieux.yml",
                        )
                    )
                ],
            )
            for j, brut in _dicts(d.get("sous_actions"))
        ]
        tarifs_liste = [
            Tarif(_txt(brut, "libelle"), _nombre(brut.get("montant")), _txt(brut, "condition"))
            for _, brut in _dicts(d.get("tarifs"))
        ]
        budget = []
        for j, ligne in _dicts(d.get("budget")):
            self.annee(nom, lignes, ("budget", j, "annee"), ligne.get("annee"), centre)
            if _int(ligne, "annee") is not None and _nombre(ligne.get("montant")) is not None:
                budget.append(LigneBudget(ligne["annee"], ligne["montant"], _txt(ligne, "nature")))

        quantitatifs = _chaines(d, "indicateurs_quantitatifs")
        qualitatifs = _chaines(d, "indicateurs_qualitatifs")
        bilans = self.bilans(nom, lignes, d, centre, vocabulaires, quantitatifs, qualitatifs)

        if not rattachements:
            return None  # l'erreur est déjà signalée (ou l'arbre lui-même est illisible)
        return Fiche(
            code=code,
            fichier=relatif,
            rattachements=rattachements,
            statut=statut,
            porteurs=acteurs_de("porteurs"),
            projets=projets,
            publics=publics,
            mots_cles=mots_cles,
            objectifs_operationnels=_chaines(d, "objectifs_operationnels"),
            sous_actions=sous_actions,
            echeancier=etapes,
            partenaires=acteurs_de("partenaires"),
            lieux=[
                l
                for j, ref in enumerate(_liste(d, "lieux"))
                if (
                    l := self.reference(
                        nom, lignes, ("lieux", j), ref, lieux, "lieu", "data/lieux.yml"
                    )
                )
            ],
            indicateurs_quantitatifs=quantitatifs,
            indicateurs_qualitatifs=qualitatifs,
            budget=budget,
            financeurs=acteurs_de("financeurs"),
            financements=financements,
            tarifs_liste=tarifs_liste,
            bilans=bilans,
            corps=corps,
            en_bref=_txt(d, "en_bref").strip(),
            horaires=self.horaires(nom, lignes, ("horaires",), d.get("horaires")),
            **_textes(d, *TEXTES_DE_FICHE),
            **_textes(d.get("contact"), *CONTACT),
        )

    def bilans(
        self, nom, lignes, d, centre, vocabulaires, quantitatifs, qualitatifs
    ) -> list[Bilan]:
        resultat = []
        annees_vues: set[int] = set()
        for j, brut in _dicts(d.get("bilans")):
            ici = ("bilans", j)
            self.annee(
                nom,
                lignes,
                ici + ("annee",),
                brut.get("annee"),
                centre,
                precision=" : un bilan par année d'agrément",
            )
            annee = _int(brut, "annee")
            if annee is not None and annee in annees_vues:
                self.erreur(
                    nom,
                    lignes,
                    ici + ("annee",),
                    f"il y a déjà un bilan pour {annee}",
                    "un seul bilan par année",
                )
            if annee is not None:
                annees_vues.add(annee)
            statut = self.terme(
                nom,
                lignes,
                ici + ("statut_avancement",),
                brut.get("statut_avancement"),
                vocabulaires["statuts_avancement"],
                "statuts_avancement",
            )
            valeurs = []
            for k, v in _dicts(brut.get("indicateurs")):
                libelle = v.get("indicateur")
                chemin = ici + ("indicateurs", k, "indicateur")
                if not isinstance(libelle, str):
                    continue
                if libelle in quantitatifs:
                    if "valeur" not in v and not _txt(
                        v, "appreciation"
                    ):  # une valeur qui n'est pas un nombre : erreur du schéma
                        self.erreur(
                            nom,
                            lignes,
                            ici + ("indicateurs", k),
                            f"aucune valeur pour l'indicateur quantitatif « {libelle} »",
                            "un champ « valeur: » (un nombre), éventuellement avec « unite: »",
                        )
                elif libelle in qualitatifs:
                    if "valeur" in v:
                        self.erreur(
                            nom,
                            lignes,
                            ici + ("indicateurs", k, "valeur"),
                            f"une valeur chiffrée est donnée pour l'indicateur qualitatif « {libelle} »",
                            "une « appreciation: » (un texte) pour un indicateur qualitatif",
                        )
                    elif not _txt(v, "appreciation"):
                        self.erreur(
                            nom,
                            lignes,
                            ici + ("indicateurs", k),
                            f"aucune appréciation pour l'indicateur qualitatif « {libelle} »",
                            "un champ « appreciation: » (un texte)",
                        )
                else:
                    tous = quantitatifs + qualitatifs
                    self.erreur(
                        nom,
                        lignes,
                        chemin,
                        f"indicateur inconnu « {libelle} »{schemas.suggestion(libelle, tous)}",
                        "le libellé exact d'un indicateur de la fiche : " + " ; ".join(tous)
                        if tous
                        else "la fiche n'a aucun indicateur : ajoutez-le d'abord",
                    )
                    continue
                valeurs.append(
                    ValeurIndicateur(
                        libelle, _nombre(v.get("valeur")), _txt(v, "unite"), _txt(v, "appreciation")
                    )
                )
            if annee is None or statut is None:
                continue
            resultat.append(
                Bilan(
                    annee=annee,
                    statut_avancement=statut,
                    indicateurs=valeurs,
                    **_textes(
                        brut,
                        "realisations",
                        "resultats_habitants",
                        "resultats_territoire",
                        "resultats_centre",
                        "limites",
                        "perspectives",
                        "date",
                        "auteur_role",
                    ),
                )
            )
        return sorted(resultat, key=lambda b: b.annee, reverse=True)

    # -- les pages rédigées -------------------------------------------------------

    def pages_redigees(self) -> list[str]:
        pages = []
        if not self.docs.is_dir():
            self.erreurs.append(
                Erreur(
                    self.nom(self.docs),
                    None,
                    "",
                    "le dossier des pages est absent",
                    "un dossier docs/ avec les fiches dans docs/fiches/",
                )
            )
            return pages
        for relatif in [
            f.relatif for f in self.publies if f.page and not f.relatif.startswith("fiches/")
        ]:
            chemin = self.docs / relatif
            nom = self.nom(chemin)
            lu = self.page_lue(chemin, nom, en_tete_obligatoire=False)
            if lu is None:
                continue
            self.erreurs.extend(schemas.valider("page", lu.valeur, nom, lu.lignes))
            self.images_distantes(nom, lu)
            self.corps_borne(nom, lu)
            self.textes.append(liens.Texte(nom, relatif, lu.corps, lu.ligne_corps))
            pages.append(relatif)
        return pages

    # -- l'ensemble ---------------------------------------------------------------

    def charger(self) -> ProjetSocial | None:
        self.publies: list[adresses.FichierPublie] = []
        if self.docs.is_dir():
            self.publies, erreurs = adresses.fichiers_de_docs(self.docs, self.racine)
            self.erreurs.extend(erreurs)
        lieux = self.lieux()
        centre = self.centre(lieux)
        vocabulaires = self.vocabulaires()
        sigles = self.sigles()
        synonymes = self.synonymes(vocabulaires)
        acteurs = self.acteurs(lieux, sigles, vocabulaires)
        niveaux, racines, noeuds = self.arbre()
        fiches = self.fiches(centre, noeuds, vocabulaires, acteurs, lieux)
        pages = self.pages_redigees()

        ordre_racines = {n.id: i for i, n in enumerate(racines)}
        fiches.sort(key=lambda f: (ordre_racines.get(f.principal.racine.id, 0), f.cle_de_tri))
        for fiche in fiches:
            for noeud in fiche.rattachements:
                if fiche not in noeud.fiches:
                    noeud.fiches.append(fiche)
            for acteur in fiche.porteurs + fiche.partenaires + fiche.tous_les_financeurs:
                if fiche not in acteur.fiches:
                    acteur.fiches.append(fiche)
            for acteur in fiche.porteurs:
                if fiche not in acteur.fiches_portees:
                    acteur.fiches_portees.append(fiche)
            for financement in fiche.financements:
                financement.financeur.financements.append((fiche, financement))
        for noeud in noeuds.values():
            noeud.fiches.sort(key=lambda f: f.cle_de_tri)
        _indexer_les_lieux(lieux, acteurs, fiches, centre)
        if centre is not None:
            centre.annees_des_fiches = _annees_des_fiches(fiches)
        if niveaux and hasattr(self, "_lignes_arbre"):
            nom, lignes, chemins = self._lignes_arbre
            for noeud in noeuds.values():
                if not noeud.enfants and not noeud.fiches and not noeud.renvois:
                    self.erreur(
                        nom,
                        lignes,
                        chemins[noeud.id],
                        f"aucune fiche n'est rattachée à « {noeud.titre_complet} »",
                        f"une fiche avec « rattachements: [{noeud.id}] », ou un « renvois: » vers le nœud qui traite ce sujet",
                        niveau=AVERTISSEMENT,
                    )
        if centre is None or not niveaux:
            return None
        projet = ProjetSocial(
            centre=centre,
            niveaux=niveaux,
            racines=racines,
            noeuds=noeuds,
            fiches={f.code: f for f in fiches},
            vocabulaires=vocabulaires,
            sigles=sigles,
            acteurs=acteurs,
            lieux=lieux,
            pages_redigees=pages,
            menu=self.menu(),
            synonymes=synonymes,
        )
        self.adresses_libres(projet)
        self.verifier_les_liens(projet)
        return projet

    def menu(self) -> list | None:
        """Le menu déclaré dans data/menu.yml (facultatif) ; ses pages sont vérifiées avec les liens."""
        donnees, lignes, nom = self.donnee("menu.yml", "menu", obligatoire=False)
        self._lignes_menu = (nom, lignes)
        return donnees if isinstance(donnees, list) else None

    def pages_hors_menu(self, projet: ProjetSocial) -> None:
        """Avec un menu déclaré, une page rédigée qui n'y est pas n'est ni dans le menu ni dans le document complet."""
        if projet.menu is None:
            return
        dans_le_menu = set(liens.pages_du_menu(projet.menu))
        for relatif in projet.pages_redigees:
            if relatif not in dans_le_menu:
                self.erreurs.append(
                    Erreur(
                        self.nom(self.docs / relatif),
                        None,
                        "",
                        "cette page n'est pas dans le menu (data/menu.yml) : elle est publiée, mais on n'y arrive que par un lien, et elle n'est pas dans le projet social complet",
                        f"une ligne « - Titre: {relatif} » à sa place dans data/menu.yml",
                        niveau=AVERTISSEMENT,
                    )
                )

    def verifier_les_liens(self, projet: ProjetSocial) -> None:
        """Le menu de mkdocs.yml et les liens des pages mènent à des pages qui existent (liens.py)."""
        dossiers = tuple(r for r in adresses.RESERVES if r.endswith("/")) + (
            suivi.DOSSIER_GRAPHIQUES + "/",
        )
        site = liens.Site(
            pages=frozenset(
                {page.src for page in projet.pages_produites}
                | {f.relatif for f in self.publies if f.page}
            ),
            fichiers=frozenset(f.relatif for f in self.publies if not f.page),
            dossiers_produits=dossiers,
            fichiers_produits=frozenset(r for r in adresses.RESERVES if not r.endswith("/")),
        )
        self.erreurs.extend(liens.verifier_menu(self.racine, site))
        if projet.menu is not None:
            nom, lignes = self._lignes_menu
            self.erreurs.extend(liens.verifier_entrees(projet.menu, nom, lignes, (), site))
        self.pages_hors_menu(projet)
        self.erreurs.extend(liens.verifier_textes(self.textes, site))

    def adresses_libres(self, projet: ProjetSocial) -> None:
        """Chaque adresse du site n'a qu'une source (registre : adresses.py).

        D'abord les pages produites à partir de data/ (``registre.pages_produites`` :
        une seule liste), puis les fichiers de docs/ ; une page rédigée qui prend
        l'adresse d'une page produite est retirée du projet, et l'erreur nomme les deux.
        """

        def a_modifier(
            fichier: str,
        ) -> str:  # un dossier de docs/ (« fiches/ ») ou un fichier de data/
            return (
                self.nom(self.docs / fichier) + "/"
                if fichier.endswith("/")
                else fichier or "le site"
            )

        occupants = [
            (
                adresses.adresse(page.src),
                adresses.Occupant(
                    a_modifier(page.a_modifier),
                    f"page produite « {page.sorte.nom} »"
                    + (f" pour « {page.cle} »" if page.cle else ""),
                ),
            )
            for page in projet.pages_produites
        ]
        occupants += [
            (adresses.adresse(f.relatif), adresses.Occupant(self.nom(self.docs / f.relatif), ""))
            for f in self.publies
        ]
        erreurs = adresses.collisions(occupants)
        self.erreurs.extend(erreurs)
        refusees = {e.fichier for e in erreurs}
        projet.pages_redigees[:] = [
            p for p in projet.pages_redigees if self.nom(self.docs / p) not in refusees
        ]


def _annees_des_fiches(fiches: list[Fiche]) -> list[int]:
    """Les années que citent les fiches (échéancier, bilans, budget, financements), sans doublon, dans l'ordre."""
    annees: set[int] = set()
    for fiche in fiches:
        annees.update(fiche.annees)
        annees.update(b.annee for b in fiche.bilans)
        annees.update(l.annee for l in fiche.budget)
        annees.update(f.annee for f in fiche.financements if f.annee is not None)
    return sorted(annees)


def _indexer_les_lieux(
    lieux: dict[str, Lieu], acteurs: dict[str, Acteur], fiches: list[Fiche], centre: Centre | None
) -> None:
    """Qui agit où : calculé à partir des acteurs, de leurs permanences, des fiches et des sites."""
    for acteur in acteurs.values():
        for lieu in acteur.lieux:
            lieu.acteurs.append(acteur)
        for permanence in acteur.permanences:
            if permanence.lieu is not None:
                permanence.lieu.permanences.append(permanence)
    for fiche in fiches:
        for lieu in fiche.lieux + [l for sous in fiche.sous_actions for l in sous.lieux]:
            if fiche not in lieu.fiches:
                lieu.fiches.append(fiche)
    for site in centre.sites if centre else []:
        if site.lieu is not None:
            site.lieu.sites.append(site)


def _placer_les_pages(racines: list[Noeud], profondeur: int) -> None:
    """Chaque nœud qui n'est pas du dernier niveau a sa page (tous, si l'arbre n'a qu'un niveau).

    Un nœud dont des enfants ont une page devient une section : ``arbre/axe-1/index.md``,
    ses enfants ``arbre/axe-1/enjeu-2.md`` ; les nœuds du dernier niveau sont des
    parties de la page de leur parent.
    """

    def placer(noeud: Noeud, dossier: str) -> None:
        if profondeur > 1 and noeud.niveau.profondeur == profondeur - 1:
            return
        enfants_avec_page = (
            profondeur > 1 and noeud.niveau.profondeur < profondeur - 2 and noeud.enfants
        )
        if enfants_avec_page:
            noeud.src = f"{dossier}/{noeud.id}/index.md"
            for enfant in noeud.enfants:
                placer(enfant, f"{dossier}/{noeud.id}")
        else:
            noeud.src = f"{dossier}/{noeud.id}.md"

    for racine in racines:
        placer(racine, "arbre")


def charger(
    racine: Path | str, docs: Path | str | None = None
) -> tuple[ProjetSocial | None, list[Erreur]]:
    """Charge et valide le contenu du centre rangé dans ``racine`` (data/ et docs/)."""
    chargeur = _Chargeur(Path(racine).resolve(), Path(docs).resolve() if docs else None)
    projet = chargeur.charger()
    return projet, chargeur.erreurs
