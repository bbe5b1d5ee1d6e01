"""Les objets validés du projet social, tels que les gabarits les reçoivent.

Rien ici ne lit de fichier : ``chargement.py`` construit ces objets une fois,
après validation. Les index calculables (fiches d'un nœud, fiches d'un acteur…)
sont calculés au chargement, jamais saisis deux fois.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .textes import nombre

# Les adresses des pages qui présentent un objet du modèle (chemins relatifs à docs/), écrites
# ici seulement : les objets en tirent leur ``cible``, le guide (guide.py) et le registre les reprennent.
DOSSIER_ACTEURS = (
    "acteurs/"  # une page par acteur : acteurs/<id>.md ; l'annuaire : acteurs/index.md
)
PAGE_LIEUX = "lieux/index.md"  # tous les lieux, chacun à son ancre : lieux/index.md#lieu-<id>


def chemin_web(src: str) -> str:
    """L'adresse d'une page du site, relative à sa racine, d'après son fichier : ``fiches/1-01.md`` → ``fiches/1-01/``,
    ``acteurs/index.md`` → ``acteurs/`` (ce que fait MkDocs avec des adresses « propres »)."""
    chemin = src.removesuffix(".md")
    if chemin == "index" or chemin.endswith("/index"):
        return chemin.removesuffix("index")
    return chemin + "/"


@dataclass
class Terme:
    """Une valeur d'un vocabulaire fermé (statut, projet, public, mot clé…)."""

    code: str
    libelle: str
    description: str = ""
    data_inclusion: list[str] = field(
        default_factory=list
    )  # correspondance avec le référentiel national
    dans_le_guide: bool = (
        True  # proposé dans « Je cherche de l'aide pour… » (thématiques et publics)
    )


@dataclass
class Niveau:
    id: str
    nom: str
    pluriel: str
    profondeur: int  # 0 pour le premier niveau


@dataclass(eq=False, repr=False)
class Noeud:
    id: str
    titre: str
    niveau: Niveau
    code: str = ""
    description: str = ""
    parent: Noeud | None = None
    enfants: list[Noeud] = field(default_factory=list)
    renvois: list[Noeud] = field(default_factory=list)
    fiches: list[Fiche] = field(default_factory=list)  # rattachées ici (principales ou non)
    src: str = ""  # fichier de sa page (arbre/…), vide s'il est présenté sur la page de son parent

    def __repr__(self) -> str:  # court : les nœuds et les fiches se citent les uns les autres
        return f"Noeud({self.id!r})"

    @property
    def libelle(self) -> str:
        """« Axe 1 », « Enjeu n° 4 »… ou rien si le nœud n'a pas de code."""
        return f"{self.niveau.nom} {self.code}".strip() if self.code else ""

    @property
    def titre_complet(self) -> str:
        return f"{self.libelle} : {self.titre}" if self.libelle else self.titre

    @property
    def ancetres(self) -> list[Noeud]:
        chaine, noeud = [], self.parent
        while noeud is not None:
            chaine.insert(0, noeud)
            noeud = noeud.parent
        return chaine

    @property
    def racine(self) -> Noeud:
        return self.ancetres[0] if self.parent else self

    def descendants(self) -> list[Noeud]:
        resultat = []
        for enfant in self.enfants:
            resultat.append(enfant)
            resultat.extend(enfant.descendants())
        return resultat

    def toutes_les_fiches(self) -> list[Fiche]:
        """Les fiches de ce nœud et de ses descendants, sans doublon, par code."""
        vues: dict[str, Fiche] = {}
        for noeud in [self, *self.descendants()]:
            for fiche in noeud.fiches:
                vues.setdefault(fiche.code, fiche)
        return sorted(vues.values(), key=lambda f: f.cle_de_tri)

    @property
    def a_sa_page(self) -> bool:
        return bool(self.src)

    @property
    def page(self) -> Noeud:
        """Le nœud dont la page présente celui-ci (lui-même, ou son parent le plus proche qui a une page)."""
        noeud = self
        while not noeud.a_sa_page and noeud.parent is not None:
            noeud = noeud.parent
        return noeud

    @property
    def cible(self) -> str:
        """Le fichier de la page qui le présente, avec une ancre s'il n'a pas sa propre page."""
        page = self.page
        return page.src if page is self else f"{page.src}#{self.id}"


@dataclass
class Site:
    nom: str
    adresse: str = ""
    code_postal: str = ""
    commune: str = ""
    telephone: str = ""
    courriel: str = ""
    horaires: str = ""
    lieu: Lieu | None = None


@dataclass
class Participer:
    """Proposer une idée, devenir bénévole (data/centre.yml, « participer ») : tout est facultatif."""

    comment: str = ""
    qui: str = ""
    quand: str = ""
    contact: str = ""
    telephone: str = ""
    courriel: str = ""


@dataclass
class MentionsLegales:
    """Éditeur, directeur de la publication, hébergeur (data/centre.yml, « mentions_legales »)."""

    editeur: str = ""
    adresse_editeur: str = ""
    telephone_editeur: str = ""
    courriel_editeur: str = ""
    directeur_publication: str = ""
    hebergeur: str = ""
    adresse_hebergeur: str = ""
    telephone_hebergeur: str = ""


@dataclass
class Accessibilite:
    """La déclaration d'accessibilité (data/centre.yml, « accessibilite ») : l'état vient de l'audit, jamais tapé."""

    date_audit: str = ""
    auditeur: str = ""
    taux: float | None = None
    non_conformites: list[str] = field(default_factory=list)
    contact: str = ""
    date: str = ""

    @property
    def etat(self) -> str:
        """Règle du RGAA : sans audit, « non conforme » ; sinon d'après le taux de critères respectés."""
        if self.taux is None:
            return "non conforme"
        if self.taux >= 100:
            return "totalement conforme"
        return "partiellement conforme" if self.taux >= 50 else "non conforme"


@dataclass
class Centre:
    nom: str
    gestionnaire: str = ""  # vide : non précisé dans le projet social
    debut: int | None = None  # None : année non précisée dans le projet social
    fin: int | None = None
    territoire: str = ""
    commune: str = ""
    presentation: str = ""
    sites: list[Site] = field(default_factory=list)
    depot: str = ""
    branche: str = "main"
    domaine: str = ""  # domaine personnalisé du site publié
    connexion_formulaires: str = (
        ""  # service de connexion OAuth des formulaires (/admin/), facultatif
    )
    signalement: str = ""  # courriel où signaler une erreur du guide
    participer: Participer = field(default_factory=Participer)
    mentions_legales: MentionsLegales = field(default_factory=MentionsLegales)
    accessibilite: Accessibilite = field(default_factory=Accessibilite)

    # Les années citées par les fiches (échéancier, bilans, budget, financements), calculées au chargement :
    # elles tiennent lieu d'années d'agrément quand le projet social n'en donne pas les deux bornes.
    annees_des_fiches: list[int] = field(default_factory=list)

    @property
    def agrement_connu(self) -> bool:
        return self.debut is not None and self.fin is not None

    @property
    def annees(self) -> list[int]:
        """Les années d'agrément ; si l'agrément n'est pas entièrement connu, celles que citent les fiches,
        dans ses bornes connues. Jamais une année inventée."""
        if self.agrement_connu:
            return list(range(self.debut, self.fin + 1))
        return [a for a in self.annees_des_fiches if self.dans_l_agrement(a)]

    def dans_l_agrement(self, annee: int) -> bool:
        """Vrai si ``annee`` est dans les bornes connues de l'agrément (une borne inconnue ne limite rien)."""
        return (self.debut is None or annee >= self.debut) and (
            self.fin is None or annee <= self.fin
        )

    @property
    def periode(self) -> str:
        """« 2023-2026 », « à partir de 2023 », « jusqu'en 2026 », ou vide si le projet social ne la donne pas."""
        if self.agrement_connu:
            return f"{self.debut}-{self.fin}"
        if self.debut is not None:
            return f"à partir de {self.debut}"
        if self.fin is not None:
            return f"jusqu'en {self.fin}"
        return ""


@dataclass(eq=False, repr=False)
class Lieu:
    id: str
    nom: str
    description: str = ""
    adresse: str = ""
    complement_adresse: str = ""
    code_postal: str = ""
    commune: str = ""
    horaires_accueil: str = ""
    accessibilite_lieu: str = ""
    latitude: float | None = None
    longitude: float | None = None
    source: str = ""
    # calculés au chargement, jamais saisis :
    acteurs: list[Acteur] = field(
        default_factory=list
    )  # acteurs qui y interviennent (leur champ « lieux »)
    permanences: list[Permanence] = field(default_factory=list)  # permanences qui s'y tiennent
    fiches: list[Fiche] = field(default_factory=list)  # fiches qui s'y déroulent
    sites: list[Site] = field(default_factory=list)  # sites d'accueil du centre à cette adresse

    def __repr__(self) -> str:
        return f"Lieu({self.id!r})"

    @property
    def sur_la_carte(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def ancre(self) -> str:
        return f"lieu-{self.id}"

    @property
    def cible(self) -> str:
        """Le fichier de la page qui le présente (la carte des lieux), avec son ancre."""
        return f"{PAGE_LIEUX}#{self.ancre}"


@dataclass(eq=False, repr=False)
class Permanence:
    """Une permanence qu'un acteur tient au centre social (lieu et horaires seulement si la source les donne)."""

    acteur: Acteur
    lieu: Lieu | None = None
    horaires: str = ""
    precisions: str = ""
    source: str = ""

    def __repr__(self) -> str:
        return f"Permanence({self.acteur.id!r}, {self.lieu.id if self.lieu else None!r})"


# Les coordonnées d'un acteur, dans l'ordre des exports (données ouvertes, data·inclusion).
COORDONNEES = (
    "adresse",
    "complement_adresse",
    "code_postal",
    "commune",
    "telephone",
    "courriel",
    "site_web",
    "horaires_accueil",
    "accessibilite_lieu",
)


@dataclass(eq=False, repr=False)
class Acteur:
    id: str
    nom: str
    sigle: str = ""
    description: str = ""
    adresse: str = ""
    complement_adresse: str = ""
    code_postal: str = ""
    commune: str = ""
    telephone: str = ""
    courriel: str = ""
    site_web: str = ""
    missions: str = ""
    mots_cles: list[Terme] = field(default_factory=list)
    publics: list[Terme] = field(default_factory=list)
    horaires_accueil: str = ""
    accessibilite_lieu: str = ""
    lieux: list[Lieu] = field(default_factory=list)
    permanences: list[Permanence] = field(default_factory=list)
    source: str = ""
    date_maj: str = ""
    fiches: list[Fiche] = field(
        default_factory=list
    )  # calculé : fiches où l'acteur est porteur, partenaire ou financeur
    fiches_portees: list[Fiche] = field(
        default_factory=list
    )  # calculé : fiches dont il est porteur
    financements: list[tuple[Fiche, Financement]] = field(
        default_factory=list
    )  # calculé : ce qu'il finance, fiche par fiche

    @property
    def lieux_d_action(self) -> list[Lieu]:
        """Ses lieux, puis ceux de ses permanences, une fois chacun."""
        vus: list[Lieu] = []
        for lieu in self.lieux + [p.lieu for p in self.permanences if p.lieu]:
            if lieu not in vus:
                vus.append(lieu)
        return vus

    def __repr__(self) -> str:
        return f"Acteur({self.id!r})"

    def financements_de(self, fiche: Fiche) -> list[Financement]:
        """Ce qu'il apporte à ``fiche`` (son champ « financements »), dans l'ordre de la fiche."""
        return [f for autre, f in self.financements if autre is fiche]

    @property
    def cible(self) -> str:
        """Le fichier de sa page : ``acteurs/<id>.md``."""
        return f"{DOSSIER_ACTEURS}{self.id}.md"

    @property
    def chemin_web(self) -> str:
        """L'adresse de sa page, relative à la racine du site : ``acteurs/<id>/``."""
        return chemin_web(self.cible)


@dataclass
class Etape:
    texte: str
    annee: int | None = None
    annee_fin: int | None = None

    @property
    def annees(self) -> list[int]:
        if self.annee is None:
            return []
        return list(range(self.annee, (self.annee_fin or self.annee) + 1))


@dataclass
class ValeurIndicateur:
    indicateur: str
    valeur: float | None = None
    unite: str = ""
    appreciation: str = ""

    @property
    def valeur_lisible(self) -> str:
        """« 1 500 personnes », « 12,5 h » : la valeur à la française suivie de son unité ; vide sans valeur.

        Le même texte partout : bilan de la fiche, page « Bilan », tableau de bord et son graphique."""
        if self.valeur is None:
            return ""
        return f"{nombre(self.valeur)} {self.unite}".strip()


@dataclass
class Bilan:
    annee: int
    statut_avancement: Terme
    realisations: str = ""
    indicateurs: list[ValeurIndicateur] = field(default_factory=list)
    resultats_habitants: str = ""
    resultats_territoire: str = ""
    resultats_centre: str = ""
    limites: str = ""
    perspectives: str = ""
    date: str = ""
    auteur_role: str = ""


@dataclass
class LigneBudget:
    annee: int
    montant: float
    nature: str = ""


@dataclass(eq=False, repr=False)
class Financement:
    """Ce qu'un financeur apporte à une action (champ « financements » d'une fiche), à part le budget."""

    financeur: Acteur
    annee: int | None = None
    montant: float | None = None
    precisions: str = ""


@dataclass(eq=False, repr=False)
class SousAction:
    titre: str
    description: str = ""
    periode: str = ""  # texte libre, tel que la source le dit
    lieux: list[Lieu] = field(default_factory=list)


@dataclass
class Tarif:
    libelle: str
    montant: float | None = None
    condition: str = ""


@dataclass(eq=False, repr=False)
class Fiche:
    code: str
    titre: str
    fichier: str  # chemin relatif à docs/, par exemple fiches/1-01.md
    rattachements: list[Noeud]
    statut: Terme | None = None
    porteurs: list[Acteur] = field(
        default_factory=list
    )  # vide : l'action est portée par le centre social
    projets: list[Terme] | None = None  # None : information non disponible
    publics: list[Terme] = field(default_factory=list)
    mots_cles: list[Terme] = field(default_factory=list)
    contexte: str = ""
    objectif_general: str = ""
    objectifs_operationnels: list[str] = field(default_factory=list)
    publics_precisions: str = ""
    presentation: str = ""
    sous_actions: list[SousAction] = field(default_factory=list)
    echeancier: list[Etape] = field(default_factory=list)
    moyens_humains: str = ""
    moyens_materiels: str = ""
    partenaires: list[Acteur] = field(default_factory=list)
    partenaires_precisions: str = ""
    lieux: list[Lieu] = field(default_factory=list)
    resultats_attendus: str = ""
    indicateurs_quantitatifs: list[str] = field(default_factory=list)
    indicateurs_qualitatifs: list[str] = field(default_factory=list)
    freins: str = ""
    budget: list[LigneBudget] = field(default_factory=list)
    financeurs: list[Acteur] = field(default_factory=list)  # ceux du champ « financeurs » seulement
    financements: list[Financement] = field(default_factory=list)
    tarifs: str = ""  # la forme texte du champ « tarifs »
    tarifs_liste: list[Tarif] = field(default_factory=list)  # sa forme liste
    bilans: list[Bilan] = field(default_factory=list)
    corps: str = ""
    # « Comment en profiter ? » : ce que l'équipe écrit pour les habitants (tout est facultatif).
    en_bref: str = ""  # une ou deux phrases simples, jamais produites par le moteur
    horaires: str = ""  # format OpenStreetMap, vérifié au chargement
    inscription: str = ""
    telephone: str = ""  # champ « contact »
    courriel: str = ""

    def __repr__(self) -> str:
        return f"Fiche({self.code!r})"

    @property
    def lieux_de_l_action(self) -> list[Lieu]:
        """Les lieux de la fiche, puis ceux de ses sous-actions, une fois chacun."""
        vus: list[Lieu] = []
        for lieu in self.lieux + [l for s in self.sous_actions for l in s.lieux]:
            if lieu not in vus:
                vus.append(lieu)
        return vus

    @property
    def sait_ou_quand_qui(self) -> bool:
        """Vrai si la fiche dit au moins où, quand ou qui appeler."""
        return bool(self.lieux_de_l_action or self.horaires or self.telephone or self.courriel)

    @property
    def acteurs_associes(self) -> list[Acteur]:
        """Porteurs, partenaires et financeurs de l'action, une fois chacun (filtre « Partenaire » de l'index)."""
        vus: list[Acteur] = []
        for acteur in self.porteurs + self.partenaires + self.tous_les_financeurs:
            if acteur not in vus:
                vus.append(acteur)
        return vus

    @property
    def tous_les_financeurs(self) -> list[Acteur]:
        """Les financeurs du champ « financeurs », puis ceux des « financements », une fois chacun."""
        vus: list[Acteur] = []
        for acteur in self.financeurs + [f.financeur for f in self.financements]:
            if acteur not in vus:
                vus.append(acteur)
        return vus

    @property
    def principal(self) -> Noeud:
        return self.rattachements[0]

    @property
    def cible(self) -> str:
        """Le fichier de sa page (une page de docs/ : ``fiches/1-01.md``)."""
        return self.fichier

    @property
    def chemin_web(self) -> str:
        """L'adresse de sa page, relative à la racine du site : ``fiches/1-01/``."""
        return chemin_web(self.cible)

    @property
    def cle_de_tri(self) -> tuple:
        return cle_naturelle(self.code)

    @property
    def annees(self) -> list[int]:
        """Les années où l'échéancier prévoit quelque chose."""
        return sorted({a for etape in self.echeancier for a in etape.annees})

    @property
    def etapes_sans_annee(self) -> list[Etape]:
        return [e for e in self.echeancier if e.annee is None]

    @property
    def etapes_datees(self) -> list[Etape]:
        return [e for e in self.echeancier if e.annee is not None]


def cle_naturelle(texte: str) -> tuple:
    """Tri « naturel » : 2-9 avant 2-10."""
    return tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p.lower())
        for p in re.split(r"(\d+)", texte)
        if p
    )


@dataclass(repr=False)
class ProjetSocial:
    centre: Centre
    niveaux: list[Niveau]
    racines: list[Noeud]
    noeuds: dict[str, Noeud]
    fiches: dict[str, Fiche]  # par code, dans l'ordre de l'arbre puis du code
    vocabulaires: dict[str, dict[str, Terme]]
    sigles: dict[str, str]
    acteurs: dict[str, Acteur]
    lieux: dict[str, Lieu]
    pages_redigees: list[str] = field(default_factory=list)  # chemins relatifs à docs/
    menu: list | None = (
        None  # data/menu.yml (chapitres et ordre), s'il existe ; sinon le menu est construit seul
    )
    synonymes: dict[str, list[str]] = field(
        default_factory=dict
    )  # data/synonymes.yml : code d'un mot clé → mots des habitants (recherche)

    def __post_init__(self) -> None:
        self.fiches_par_fichier = {f.fichier: f for f in self.fiches.values()}

    def __repr__(self) -> str:
        return f"ProjetSocial({self.centre.nom!r}, {len(self.fiches)} fiches)"

    @cached_property
    def pages_produites(self) -> list:
        """Les pages que le site produit à partir des données (registre.py), calculées une fois."""
        from .registre import pages_produites

        return pages_produites(self)

    def vocabulaire(self, nom: str) -> list[Terme]:
        return list(self.vocabulaires.get(nom, {}).values())

    @property
    def profondeur(self) -> int:
        return len(self.niveaux)

    def fiches_principales(self, racine: Noeud) -> list[Fiche]:
        """Les fiches dont le rattachement principal est sous ``racine``."""
        return [f for f in self.fiches.values() if f.principal.racine is racine]

    def regroupement_par_acteur(self) -> list[tuple[Acteur, list[Fiche]]]:
        """Chaque acteur qui porte, accompagne ou finance au moins une action, avec ces actions (par nom)."""
        groupes = [
            (a, [f for f in self.fiches.values() if a in f.acteurs_associes])
            for a in self.acteurs.values()
        ]
        return sorted(
            [(a, fiches) for a, fiches in groupes if fiches], key=lambda g: g[0].nom.casefold()
        )

    def regroupement(self, vocabulaire: str) -> list[tuple[Terme, list[Fiche]]]:
        """Pour chaque valeur d'un vocabulaire (publics, projets, statuts), ses fiches."""
        champ = {"statuts": "statut"}.get(vocabulaire, vocabulaire)
        groupes = []
        for terme in self.vocabulaire(vocabulaire):
            fiches = []
            for fiche in self.fiches.values():
                valeur = getattr(fiche, champ, None)
                if valeur is terme or (isinstance(valeur, list) and terme in valeur):
                    fiches.append(fiche)
            groupes.append((terme, fiches))
        return groupes
