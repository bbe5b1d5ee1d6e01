"""Fidélité de l'importeur au projet social d'origine.

Lit la source (export texte ; chemin dans PROJET_SOCIAL_SOURCE, par défaut
../shared/seeds/projet-social-territoire-sud-2021-2024.txt depuis la racine du
dépôt), l'importe dans un dossier temporaire (scripts/importer_projet_social.py),
charge ce qui a été importé et vérifie : chaque fiche (code et titre), chaque
objectif opérationnel, chaque indicateur, chaque sigle ; le nombre de fiches par
axe ; les fichiers produits, et qu'un second import redonne les mêmes octets.

Jamais comparé à data/ ni docs/ du dépôt : l'équipe les modifie après l'import
(nouvelles fiches, sigles, titres retouchés), et ce n'est pas une infidélité.

Les comparaisons de texte ignorent la ponctuation, les espaces, la casse et les
accents : elles vérifient que rien n'est perdu ni ajouté, pas la typographie.
La lecture de la source est faite ici, indépendamment de l'import.
"""

import os
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "macros"))
sys.path.insert(0, str(RACINE / "scripts"))

from projet_social.chargement import charger  # noqa: E402

SOURCE = Path(
    os.environ.get(
        "PROJET_SOCIAL_SOURCE",
        RACINE / ".." / "shared" / "seeds" / "projet-social-territoire-sud-2021-2024.txt",
    )
)

pytestmark = pytest.mark.skipif(
    not SOURCE.is_file(), reason=f"source du projet social absente : {SOURCE}"
)

ATTENDU_PAR_AXE = {"1": 9, "2": 18, "3": 11, "T": 9}


def brut(texte: str) -> str:
    """Lettres et chiffres seulement, sans accents, en minuscules."""
    texte = unicodedata.normalize("NFD", texte.replace("œ", "oe"))
    return re.sub(
        r"[^a-z0-9]", "", "".join(c for c in texte if unicodedata.category(c) != "Mn").lower()
    )


def comparer(importe: str, source: str, quoi: str) -> None:
    """Échec court et lisible (pas de différence caractère par caractère, trop coûteuse)."""
    a, b = brut(importe), brut(source)
    if a != b:
        n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        pytest.fail(
            f"{quoi} : l'import diffère de la source à partir de « {b[max(0, n - 30) : n + 30]} » (importé : « {a[max(0, n - 30) : n + 30]} »)"
        )


def texte_html(fragment: str) -> str:
    return BeautifulSoup(fragment, "html.parser").get_text(" ")


@pytest.fixture(scope="module")
def lignes():
    return SOURCE.read_text(encoding="utf-8").splitlines()


def importer(sortie: Path) -> Path:
    import importer_projet_social as imp
    import yaml

    parametres = yaml.safe_load(
        (RACINE / "scripts" / "parametres_import.yml").read_text(encoding="utf-8")
    )
    imp.importer(SOURCE, sortie, parametres)
    return sortie


@pytest.fixture(scope="module")
def importe(tmp_path_factory) -> Path:
    """La source importée dans un dossier temporaire (data/ et docs/fiches/)."""
    return importer(tmp_path_factory.mktemp("import") / "centre")


@pytest.fixture(scope="module")
def projet(importe):
    projet, erreurs = charger(importe)
    bloquantes = [e for e in erreurs if e.bloquante]
    assert not bloquantes, "l'import ne passe pas « make check » :\n" + "\n".join(
        map(str, bloquantes)
    )
    return projet


@pytest.fixture(scope="module")
def fiches_source(lignes):
    """{code: (titre, lignes du bloc)} : une ligne « AXE … - » suivie d'un titre « NN. … »."""
    fiches = {}
    for i, ligne in enumerate(lignes):
        axe = re.match(r"^AXE\W*(\d|TRANSVERSAL)\b(?!\s*:)", ligne.strip())
        if not axe:
            continue
        j = next(k for k in range(i + 1, len(lignes)) if lignes[k].strip())
        titre = re.match(r"^\s*(\d{1,2})\s*[.–-]\s+(.+?)\s*$", lignes[j])
        if titre and "\t" not in lignes[j]:
            code = f"{axe.group(1)[0]}-{int(titre.group(1)):02d}"
            fin = next(
                (
                    k
                    for k in range(j + 1, len(lignes))
                    if re.match(r"^AXE\W|^\*\*ET DEMAIN", lignes[k].strip())
                ),
                len(lignes),
            )
            fiches[code] = (titre.group(2), lignes[j + 1 : fin])
    return fiches


def test_toutes_les_fiches_de_la_source_sont_importees(projet, fiches_source, importe):
    assert sorted(fiches_source) == sorted(projet.fiches)
    assert len(list((importe / "docs" / "fiches").glob("*.md"))) == len(fiches_source), (
        "une fiche de la source = un fichier importé"
    )
    for code, (titre, _) in fiches_source.items():
        comparer(projet.fiches[code].titre, titre, f"titre de la fiche {code}")


def test_nombre_de_fiches_par_axe_conforme_a_l_arbre(projet, lignes):
    """Compte les actions de l'arbre d'objectifs (section 2.3), axe par axe."""
    par_axe, axe = {}, None
    numeros: dict[str, set] = {}
    for ligne in lignes:
        if m := re.match(r"^AXE (\d|TRANSVERSAL) :", ligne):
            axe = m.group(1)[0]
            numeros.setdefault(axe, set())
        elif ligne.startswith("* E :"):
            axe = None
        elif axe and (m := re.match(r"^(\d\d)\.\s", ligne)):
            numeros[axe].add(m.group(1))
    par_axe = {a: len(n) for a, n in numeros.items()}
    assert par_axe == ATTENDU_PAR_AXE
    publie = {}
    for code in projet.fiches:
        publie[code.split("-")[0]] = publie.get(code.split("-")[0], 0) + 1
    assert publie == ATTENDU_PAR_AXE


def cellule_sous(bloc, motif):
    """Contenus des colonnes placées sous l'intitulé qui correspond au motif."""
    for i, ligne in enumerate(bloc):
        cellules = ligne.split("\t")
        for c, cellule in enumerate(cellules):
            if re.fullmatch(motif, cellule.strip(), re.I):
                suivante = bloc[i + 1].split("\t")
                return suivante[c] if c < len(suivante) else ""
    return ""


def test_objectifs_operationnels_complets(projet, fiches_source):
    for code, (_, bloc) in fiches_source.items():
        cellule = cellule_sous(bloc, r"objectifs? g[ée]n[ée]r\w+ / (objectifs )?op[ée]rationnels")
        assert cellule, code
        soupe = BeautifulSoup(cellule, "html.parser")
        liste = soupe.find("ul")
        attendu = texte_html(str(liste)) if liste else ""
        comparer(
            " ".join(projet.fiches[code].objectifs_operationnels),
            attendu,
            f"objectifs opérationnels de la fiche {code}",
        )


def test_indicateurs_complets(projet, fiches_source):
    for code, (_, bloc) in fiches_source.items():
        texte = " ".join(
            texte_html(c)
            for l in bloc
            for c in l.split("\t")
            if "Indicateurs quantitatifs" in c or "Indicateurs qualitatifs" in c
        )
        quantitatifs, _, qualitatifs = texte.partition("Indicateurs qualitatifs")
        quantitatifs = quantitatifs.replace("Indicateurs quantitatifs", "")
        fiche = projet.fiches[code]
        comparer(
            " ".join(fiche.indicateurs_quantitatifs),
            quantitatifs,
            f"indicateurs quantitatifs de la fiche {code}",
        )
        comparer(
            " ".join(fiche.indicateurs_qualitatifs),
            qualitatifs,
            f"indicateurs qualitatifs de la fiche {code}",
        )


def test_tous_les_sigles_de_la_table(projet, lignes):
    debut = max(i for i, l in enumerate(lignes) if l.startswith("SIGLES & ABR"))
    paires = {}
    for ligne in lignes[debut + 1 :]:
        if not ligne.strip():
            if paires:
                break
            continue
        cellules = ligne.split("\t")
        paires.update(zip(cellules[::2], cellules[1::2]))
    assert (
        len(paires) == 70
    )  # la table de la source, qui ne change pas : vérifie la lecture faite ici
    for sigle, sens in paires.items():
        assert sigle in projet.sigles, f"sigle de la source non importé : {sigle}"
        comparer(projet.sigles[sigle], sens, f"sigle {sigle}")
    assert sorted(projet.sigles) == sorted(paires), (
        "l'import ajoute des sigles absents de la source"
    )


def test_acteurs_cites_par_les_fiches(projet):
    for acteur in projet.acteurs.values():
        # Un acteur vient du partenariat d'une fiche, ou d'une permanence qu'une fiche cite (Job Agglo, fiche 1-03).
        sources = acteur.source + " ".join(p.source for p in acteur.permanences)
        assert acteur.fiches or any(
            re.search(r"fiche \w-\d\d", p.source) for p in acteur.permanences
        ), f"acteur jamais cité : {acteur.id}"
        for fiche in acteur.fiches:
            assert fiche.code in sources, acteur.id


def test_fichiers_produits_par_l_import(importe, fiches_source):
    """Les six référentiels et une fiche par fiche de la source, rien d'autre."""
    produits = sorted(p.relative_to(importe).as_posix() for p in importe.rglob("*") if p.is_file())
    donnees = [
        "data/acteurs.yml",
        "data/arbre.yml",
        "data/centre.yml",
        "data/lieux.yml",
        "data/sigles.yml",
        "data/vocabulaires.yml",
    ]
    assert [p for p in produits if p.startswith("data/")] == donnees
    assert sorted(p for p in produits if not p.startswith("data/")) == sorted(
        f"docs/fiches/{code}.md" for code in fiches_source
    )


def test_un_second_import_redonne_les_memes_fichiers(importe, tmp_path):
    """L'import est reproductible : mêmes fichiers, mêmes octets (comparé à un import, jamais au dépôt)."""
    second = importer(tmp_path / "second")
    fichiers = sorted(p.relative_to(importe).as_posix() for p in importe.rglob("*") if p.is_file())
    assert fichiers == sorted(
        p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()
    )
    differents = [p for p in fichiers if (importe / p).read_bytes() != (second / p).read_bytes()]
    assert not differents, f"deux imports de la même source diffèrent : {differents}"
