"""Fidélité du contenu publié au projet social d'origine.

Lit la source (export texte ; chemin dans PROJET_SOCIAL_SOURCE, par défaut
../shared/seeds/projet-social-territoire-sud-2021-2024.txt depuis la racine du
dépôt) et le contenu chargé par le site, et vérifie : chaque fiche (code et
titre), chaque objectif opérationnel, chaque indicateur, chaque sigle ; le
nombre de fiches par axe ; et qu'un nouvel import redonne les mêmes fichiers,
sauf ceux listés dans scripts/corrections.md.

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

SOURCE = Path(os.environ.get("PROJET_SOCIAL_SOURCE", RACINE / ".." / "shared" / "seeds" / "projet-social-territoire-sud-2021-2024.txt"))

pytestmark = pytest.mark.skipif(not SOURCE.is_file(), reason=f"source du projet social absente : {SOURCE}")

ATTENDU_PAR_AXE = {"1": 9, "2": 18, "3": 11, "T": 9}


def brut(texte: str) -> str:
    """Lettres et chiffres seulement, sans accents, en minuscules."""
    texte = unicodedata.normalize("NFD", texte.replace("œ", "oe"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in texte if unicodedata.category(c) != "Mn").lower())


def comparer(publie: str, source: str, quoi: str) -> None:
    """Échec court et lisible (pas de différence caractère par caractère, trop coûteuse)."""
    a, b = brut(publie), brut(source)
    if a != b:
        n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        pytest.fail(f"{quoi} : le site diffère de la source à partir de « {b[max(0, n - 30):n + 30]} » (site : « {a[max(0, n - 30):n + 30]} »)")


def texte_html(fragment: str) -> str:
    return BeautifulSoup(fragment, "html.parser").get_text(" ")


@pytest.fixture(scope="module")
def lignes():
    return SOURCE.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def projet():
    projet, erreurs = charger(RACINE)
    bloquantes = [e for e in erreurs if e.bloquante]
    assert not bloquantes, "\n".join(map(str, bloquantes))
    return projet


@pytest.fixture(scope="module")
def fiches_source(lignes):
    """{code: (titre, lignes du bloc)} : une ligne « AXE … - » suivie d'un titre « NN. … »."""
    fiches, debut = {}, None
    for i, ligne in enumerate(lignes):
        axe = re.match(r"^AXE\W*(\d|TRANSVERSAL)\b(?!\s*:)", ligne.strip())
        if not axe:
            continue
        j = next(k for k in range(i + 1, len(lignes)) if lignes[k].strip())
        titre = re.match(r"^\s*(\d{1,2})\s*[.–-]\s+(.+?)\s*$", lignes[j])
        if titre and "\t" not in lignes[j]:
            code = f"{axe.group(1)[0]}-{int(titre.group(1)):02d}"
            fin = next((k for k in range(j + 1, len(lignes)) if re.match(r"^AXE\W|^\*\*ET DEMAIN", lignes[k].strip())), len(lignes))
            fiches[code] = (titre.group(2), lignes[j + 1:fin])
    return fiches


def test_toutes_les_fiches_de_la_source_sont_publiees(projet, fiches_source):
    assert sorted(fiches_source) == sorted(projet.fiches)
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
        comparer(" ".join(projet.fiches[code].objectifs_operationnels), attendu, f"objectifs opérationnels de la fiche {code}")


def test_indicateurs_complets(projet, fiches_source):
    for code, (_, bloc) in fiches_source.items():
        texte = " ".join(texte_html(c) for l in bloc for c in l.split("\t") if "Indicateurs quantitatifs" in c or "Indicateurs qualitatifs" in c)
        quantitatifs, _, qualitatifs = texte.partition("Indicateurs qualitatifs")
        quantitatifs = quantitatifs.replace("Indicateurs quantitatifs", "")
        fiche = projet.fiches[code]
        comparer(" ".join(fiche.indicateurs_quantitatifs), quantitatifs, f"indicateurs quantitatifs de la fiche {code}")
        comparer(" ".join(fiche.indicateurs_qualitatifs), qualitatifs, f"indicateurs qualitatifs de la fiche {code}")


def test_tous_les_sigles_de_la_table(projet, lignes):
    debut = max(i for i, l in enumerate(lignes) if l.startswith("SIGLES & ABR"))
    paires = {}
    for ligne in lignes[debut + 1:]:
        if not ligne.strip():
            if paires:
                break
            continue
        cellules = ligne.split("\t")
        paires.update(zip(cellules[::2], cellules[1::2]))
    assert len(paires) == 70
    for sigle, sens in paires.items():
        assert sigle in projet.sigles, sigle
        comparer(projet.sigles[sigle], sens, f"sigle {sigle}")


def test_acteurs_cites_par_les_fiches(projet):
    for acteur in projet.acteurs.values():
        # Un acteur vient du partenariat d'une fiche, ou d'une permanence qu'une fiche cite (Job Agglo, fiche 1-03).
        sources = acteur.source + " ".join(p.source for p in acteur.permanences)
        assert acteur.fiches or any(re.search(r"fiche \w-\d\d", p.source) for p in acteur.permanences), f"acteur jamais cité : {acteur.id}"
        for fiche in acteur.fiches:
            assert fiche.code in sources, acteur.id


def fichiers_corriges() -> set[str]:
    chemin = RACINE / "scripts" / "corrections.md"
    return set(re.findall(r"`((?:docs|data)/[^`]+)`", chemin.read_text(encoding="utf-8"))) if chemin.exists() else set()


def test_un_nouvel_import_redonne_les_fichiers(tmp_path):
    import importer_projet_social as imp
    import yaml
    parametres = yaml.safe_load((RACINE / "scripts" / "parametres_import.yml").read_text(encoding="utf-8"))
    imp.importer(SOURCE, tmp_path, parametres)
    corriges = fichiers_corriges()
    produits = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert len(produits) == 47 + 6
    differents = [p for p in produits if p not in corriges and (tmp_path / p).read_bytes() != (RACINE / p).read_bytes()]
    assert not differents, f"fichiers modifiés à la main mais absents de scripts/corrections.md : {differents}"
    for p in corriges:
        assert (RACINE / p).exists(), p
    # Les référentiels complétés à la main gardent tout ce que l'import y met : on n'y fait qu'ajouter.
    for p in sorted(c for c in corriges if c.startswith("data/")):
        importe = yaml.safe_load((tmp_path / p).read_text(encoding="utf-8"))
        publie = yaml.safe_load((RACINE / p).read_text(encoding="utf-8"))
        assert est_inclus(importe, publie), f"{p} : une donnée de l'import a été modifiée ou retirée"


def est_inclus(importe, publie) -> bool:
    """Tout ce que l'import a produit est encore là, à l'identique (des champs et des entrées ont pu être ajoutés)."""
    if isinstance(importe, dict):
        return isinstance(publie, dict) and all(k in publie and est_inclus(v, publie[k]) for k, v in importe.items())
    if isinstance(importe, list) and importe and all(isinstance(e, dict) and ("id" in e or "code" in e) for e in importe):
        index = {e.get("id", e.get("code")): e for e in publie if isinstance(e, dict)} if isinstance(publie, list) else {}
        return all(e.get("id", e.get("code")) in index and est_inclus(e, index[e.get("id", e.get("code"))]) for e in importe)
    return importe == publie
