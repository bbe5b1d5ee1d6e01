"""Contenu hostile : une charge dans chaque champ de chaque sorte de fichier, puis tout le site lu.

Chaque champ de texte de data/*.yml, de l'en-tête des fiches et des pages rédigées
reçoit toutes les charges à la fois (sur plusieurs lignes si le champ l'accepte,
sinon sur une ligne) ; un champ que la validation refuse ainsi (identifiant,
référence, date, horaires, téléphone…) reprend sa valeur, et la validation le
dit : la charge n'y entre donc jamais. Puis chaque page construite est lue :
aucun ``<script>`` apporté par le contenu, aucun attribut ``on…`` ni ``ping``,
aucune adresse ``href``/``src`` qui ne soit http(s), mailto, tel ou relative une
fois les entités décodées, aucune image chargée d'un autre site, aucune commande
exécutée. Enfin Chromium ouvre les pages clés et échoue sur toute boîte de dialogue.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from outils import FIXTURE, construire, copier_centre
from projet_social.chargement import charger
from projet_social.lecture import lire_yaml
from projet_social.navigateur import onglet_de_lecture

TEMOIN = "/tmp/projet-social-contenu-hostile-{pid}"
CHARGES = [
    "[c1](javascript&#58;alert(1))",
    "[c2](&#106;avascript:alert(2))",
    "[c3](java&#x09;script:alert(3))",
    "[c4](javascript&Tab;:alert(4))",
    "[c5](java&NewLine;script:alert(5))",
    "[c6](JaVaScRiPt:alert(6))",
    "[c7](vbscript:msgbox(7))",
    "[c8](data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==)",
    "[c9][r9]\n\n[r9]: javascript&#x3A;alert(9)",
    '/// html | a[href="javascript&#58;alert(10)"]\nc10\n///',
    '<a href="javascript:alert(11)">c11</a>',
    "<img src=x onerror=alert(12)>",
    "<script>alert(13)</script>",
    "<svg onload=alert(14)></svg>",
    '"><script>alert(15)</script>',
    "'><img src=x onerror=alert(16)>",
    "{{ lipsum.__globals__['os'].popen('touch TEMOIN').read() }}",
    "{% for x in range(1) %}{{ cycler.__init__.__globals__.os.popen('touch TEMOIN') }}{% endfor %}",
    "{{ '%c'|format(60) }}img src=x onerror=alert(19)>",
    # Une image distante en ligne est refusée par make check ; en référence, le HTML la neutralise.
    "![pixel][p20]\n\n[p20]: https://traceur.example/pixel.gif",
    '[c21](https://exemple.fr){ ping="https://traceur.example/" onclick="alert(21)" }',
    "::error file=README.md,line=1::charge 22",
    '=HYPERLINK("https://traceur.example")',
    "\t=1+1",
    "javascript:alert(25)",
]


def charges(temoin: str) -> list[str]:
    return [c.replace("TEMOIN", temoin) for c in CHARGES]


def _feuilles(valeur, chemin=()):
    """Les chemins des textes d'une donnée YAML."""
    if isinstance(valeur, dict):
        for cle, v in valeur.items():
            yield from _feuilles(v, chemin + (cle,))
    elif isinstance(valeur, list):
        for i, v in enumerate(valeur):
            yield from _feuilles(v, chemin + (i,))
    elif isinstance(valeur, str):
        yield chemin


def _lire(donnee, chemin):
    for partie in chemin:
        donnee = donnee[partie]
    return donnee


def _ecrire(donnee, chemin, valeur):
    for partie in chemin[:-1]:
        donnee = donnee[partie]
    donnee[chemin[-1]] = valeur


class Fichier:
    """Un fichier du centre dont les champs reçoivent les charges : data/*.yml, ou l'en-tête d'une page."""

    def __init__(self, racine: Path, relatif: str):
        self.chemin, self.relatif = racine / relatif, relatif
        texte = self.chemin.read_text(encoding="utf-8")
        if relatif.endswith(".md"):
            _, entete, self.corps = (
                texte.split("---\n", 2) if texte.startswith("---\n") else ("", "{}", texte)
            )
            self.donnee = yaml.safe_load(entete) or {}
        else:
            self.corps, self.donnee = None, yaml.safe_load(texte)
        self.originaux = {c: _lire(self.donnee, c) for c in _feuilles(self.donnee)}

    def ecrire(self) -> None:
        entete = yaml.safe_dump(self.donnee, allow_unicode=True, sort_keys=False, width=10_000)
        if self.corps is None:
            self.chemin.write_text(entete, encoding="utf-8")
        else:
            self.chemin.write_text(f"---\n{entete}---\n{self.corps}", encoding="utf-8")


def _lignes(f: "Fichier") -> dict:
    """Chemin de champ → ligne, dans le fichier tel qu'écrit (le lecteur du moteur garde les lignes)."""
    texte = f.chemin.read_text(encoding="utf-8")
    if f.corps is None:
        return lire_yaml(texte, f.relatif).lignes
    return lire_yaml(texte.split("---\n", 2)[1], f.relatif, decalage=1).lignes


def piéger(centre: Path, temoin: str) -> tuple[list[Fichier], int]:
    """Met les charges dans chaque champ de texte que la validation laisse passer ; le nombre de champs piégés.

    Tous les champs reçoivent les charges sur plusieurs lignes ; un champ que la
    validation refuse (l'erreur donne sa ligne) passe aux charges sur une ligne,
    puis reprend sa valeur d'origine ; jusqu'à ce que le centre soit valide.
    """
    lot = charges(temoin)
    formes = ["\n\n".join(lot), " ".join(c.replace("\n", " ") for c in lot)]
    fichiers = [Fichier(centre, f"data/{p.name}") for p in sorted((centre / "data").glob("*.yml"))]
    fichiers += [
        Fichier(centre, p.relative_to(centre).as_posix())
        for p in sorted((centre / "docs").rglob("*.md"))
    ]
    essais = {(f.relatif, c): 0 for f in fichiers for c in f.originaux}
    for f in fichiers:
        if f.relatif == "data/sigles.yml":  # un sigle dont le nom même est une charge
            f.donnee["<b onmouseover=alert(26)>"] = "=1+1 Sigle piégé <script>alert(27)</script>"
        for chemin in f.originaux:
            _ecrire(f.donnee, chemin, formes[0])
        if f.corps is not None:
            f.corps += "\n\n" + formes[0] + "\n"
        f.ecrire()
    par_nom = {f.relatif: f for f in fichiers}
    for _ in range(8):
        _, erreurs = charger(centre)
        refus = [
            (par_nom[e.fichier], e.ligne)
            for e in erreurs
            if e.bloquante and e.fichier in par_nom and e.ligne
        ]
        if not refus:
            break
        changes = set()
        for f, ligne in refus:
            lignes = _lignes(f)
            # Les champs à cette ligne, ou sous le champ de cette ligne (une liste dont un élément fait doublon).
            ici = [c for c, n in lignes.items() if n == ligne and c in f.originaux]
            if not ici:
                parents = [c for c, n in lignes.items() if n == ligne and c]
                profond = max(map(len, parents), default=0)
                ici = [
                    c
                    for c in f.originaux
                    if any(len(p) == profond and c[:profond] == p for p in parents)
                ]
            for chemin in f.originaux:
                if chemin in ici and essais[(f.relatif, chemin)] <= len(formes) - 1:
                    essais[(f.relatif, chemin)] += 1
                    n = essais[(f.relatif, chemin)]
                    _ecrire(f.donnee, chemin, formes[n] if n < len(formes) else f.originaux[chemin])
                    changes.add(f)
        for f in changes:
            f.ecrire()
        if not changes:
            break
    # Des cellules de données ouvertes qui commencent par une formule (après une tabulation aussi).
    acteurs = par_nom["data/acteurs.yml"]
    acteurs.donnee[0]["description"] = '\t=HYPERLINK("https://traceur.example")'
    acteurs.ecrire()
    _, erreurs = charger(centre)
    assert not [e for e in erreurs if e.bloquante], "\n".join(map(str, erreurs))
    pieges = sum(1 for n in essais.values() if n < len(formes)) + sum(
        1 for f in fichiers if f.corps is not None
    )
    return fichiers, pieges


@pytest.fixture(scope="module")
def site_hostile(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("hostile")
    temoin = TEMOIN.format(pid=os.getpid())
    Path(temoin).unlink(missing_ok=True)
    centre = copier_centre(FIXTURE, dossier / "centre")
    _, pieges = piéger(centre, temoin)
    sortie = dossier / "site"
    resultat = construire(centre, sortie)
    assert resultat.returncode == 0, resultat.stderr[-3000:]
    return {"site": sortie, "temoin": temoin, "champs": pieges, "centre": centre}


def test_assez_de_champs_pieges(site_hostile):
    # Le centre de test a 154 textes ; seuls les identifiants, références, codes, dates,
    # horaires, téléphones et adresses (validés par motif) refusent les charges.
    assert site_hostile["champs"] >= 90, site_hostile["champs"]
    print(f"{len(CHARGES)} charges × {site_hostile['champs']} champs")


def test_aucune_commande_executee(site_hostile):
    assert not Path(site_hostile["temoin"]).exists()


SCHEMAS_SURS = ("http:", "https:", "mailto:", "tel:")
_INVISIBLES = re.compile(r"[\x00-\x20\x7f]+")


def _adresse_sure(valeur: str) -> bool:
    nette = _INVISIBLES.sub("", html.unescape(valeur)).lower()
    schema = re.match(r"^([a-z][a-z0-9+.-]*):", nette)
    return schema is None or nette.startswith(SCHEMAS_SURS)


def test_aucun_script_attribut_ni_adresse_dangereuse(site_hostile):
    site = site_hostile["site"]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for chemin in pages:
        soupe = BeautifulSoup(chemin.read_text(encoding="utf-8"), "html.parser")
        for script in soupe.find_all("script"):
            assert "alert" not in script.get_text() and "popen" not in script.get_text(), chemin
            src = script.get("src")
            assert src is None or not re.match(r"^(https?:)?//", src), (chemin, src)
        for element in soupe.find_all(True):
            assert (
                element.name not in ("iframe", "object", "embed", "frame", "base", "meta")
                or element.find_parent("article") is None
            ), (chemin, element)
            for nom, valeur in element.attrs.items():
                valeur = " ".join(valeur) if isinstance(valeur, list) else str(valeur)
                assert not nom.lower().startswith("on"), (chemin, element)
                assert nom.lower() not in ("ping", "srcdoc", "formaction"), (chemin, element)
                if nom.lower() in ("href", "src", "action", "xlink:href", "poster", "data"):
                    assert _adresse_sure(valeur), (chemin, element)
            if element.name == "img" and element.find_parent("article") is not None:
                assert not re.match(r"^\s*(https?:)?//", element.get("src", "")), (chemin, element)


def test_le_nom_du_centre_est_du_texte(site_hostile):
    accueil = BeautifulSoup(
        (site_hostile["site"] / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "<img src=x onerror=alert(12)>" in accueil.select_one(".md-header__topic").get_text()


def test_les_charges_s_affichent_en_texte(site_hostile):
    fiche = BeautifulSoup(
        (site_hostile["site"] / "fiches/b-01/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    texte = fiche.select_one("article").get_text()
    assert "<script>alert(13)</script>" in texte
    assert "lipsum.__globals__" in texte
    # Les indicateurs sont du texte simple (liste_de_textes) : la charge s'y lit telle que tapée.
    indicateurs = BeautifulSoup(
        (site_hostile["site"] / "fiches/a-01/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    titre = indicateurs.find(lambda t: t.name in ("h2", "h3") and "quantitatifs" in t.get_text())
    assert "[c1](javascript&#58;alert(1))" in titre.find_next("ul").get_text()


def test_donnees_ouvertes_sans_formule(site_hostile):
    import csv

    for chemin in sorted((site_hostile["site"] / "donnees").glob("*.csv")):
        with chemin.open(encoding="utf-8-sig", newline="") as flux:
            for ligne in csv.reader(flux, delimiter=";"):
                for cellule in ligne:
                    assert not cellule.lstrip(" \t\r\n").startswith(
                        ("=", "+", "@")
                    ) or cellule.startswith("'"), (chemin, cellule)


SUSPECTS = (
    "article a[href^='javascript' i], article a[href^='vbscript' i], article a[href^='data' i]"
)


@pytest.mark.navigateur
def test_aucune_boite_de_dialogue_dans_chromium(site_hostile, request):
    # Le Chromium de la session et un serveur local pour ce site (fixtures de conftest.py).
    navigateur = request.getfixturevalue("navigateur")
    racine = request.getfixturevalue("adresse_de")(site_hostile["site"])
    dialogues, hors_site = [], []
    contexte = navigateur.new_context()
    try:
        # Sans l'index de recherche ni les tuiles (projet_social.navigateur) : leurs requêtes,
        # refusées, sont tout de même vues par l'écoute « request » ci-dessous.
        page = onglet_de_lecture(contexte)
        page.on("dialog", lambda d: (dialogues.append(d.message), d.dismiss()))
        # Les requêtes vers un autre site sont notées (l'onglet les refuse, l'écoute les voit) ;
        # la machine de test n'a de toute façon pas d'accès au réseau.
        page.on(
            "request",
            lambda r: (
                None if r.url.startswith(("http://127.0.0.1", "data:")) else hors_site.append(r.url)
            ),
        )
        for adresse in (
            "",
            "fiches/b-01/",
            "fiches/a-01/",
            "acteurs/",
            "acteurs/mjc-des-tilleuls/",
            "lieux/",
            "guide/",
            "arbre/",
            "glossaire/",
            "quartier/",
            "projet-social-complet/",
            "echeancier/",
            "tableau-de-bord/",
        ):
            page.goto(racine + adresse)
            # Tout lien du contenu que le navigateur lui-même ne lit pas en http(s), mailto ou tel
            # (aucun) ; et ceux qui commenceraient par javascript:, vbscript: ou data: (aucun, si la
            # liste blanche tient), comptés dans le même aller-retour.
            protocoles, nombre_de_suspects = page.evaluate(
                """s => [[...document.querySelectorAll("article a[href]")].map(a => a.protocol),
                         document.querySelectorAll(s).length]""",
                SUSPECTS,
            )
            assert set(protocoles) <= {"http:", "https:", "mailto:", "tel:"}, (
                adresse,
                set(protocoles),
            )
            # Cliqués, pour qu'une boîte de dialogue éventuelle s'ouvre.
            for i in range(min(nombre_de_suspects, 60)):
                page.locator(SUSPECTS).nth(i).click(timeout=1000)
    finally:
        contexte.close()
    assert dialogues == []
    # Tuiles de carte exceptées (page des lieux), rien n'est demandé à un autre site.
    assert [u for u in hors_site if "tile" not in u] == [], hors_site
