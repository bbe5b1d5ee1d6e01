"""Les fichiers de l'équipe ne sont jamais abîmés (macros/projet_social/ecriture.py).

- chaque écriture est atomique : disque plein (simulé) → l'original est intact,
  aucun fichier temporaire ne traîne ;
- ``make nouvel-acteur`` complète data/acteurs.yml en gardant commentaires, mise
  en forme, fins de ligne Windows et BOM ; un fichier illisible (Latin-1, YAML mal
  formé, liste entre crochets, pas une liste) est refusé en français, sans être touché ;
- ``make nouvelle-fiche`` ne remplace jamais une fiche existante ;
- ``make nouvelle-fiche TITRE="L'accueil du public"`` : les valeurs passent par
  l'environnement, une apostrophe ne casse rien.

Tous les tests travaillent sur une copie du centre de test (fixture ``centre``),
jamais sur data/ ni docs/ du dépôt.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from outils import RACINE
from projet_social import ecriture, nouveau
from projet_social.chargement import charger


def disque_plein(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def instantane(dossier: Path) -> dict[str, bytes]:
    """Tous les fichiers du dossier, octet par octet."""
    return {
        p.relative_to(dossier).as_posix(): p.read_bytes()
        for p in sorted(dossier.rglob("*"))
        if p.is_file()
    }


def temporaires(dossier: Path) -> list[Path]:
    return [p for p in dossier.rglob("*.tmp")]


# -- l'écriture atomique -----------------------------------------------------------------


def test_ecriture_atomique_remplace_et_garde_les_droits(tmp_path):
    chemin = tmp_path / "f.yml"
    chemin.write_bytes(b"ancien\n")
    chemin.chmod(0o640)
    ecriture.ecrire_atomiquement(chemin, "nouveau\n")
    assert chemin.read_bytes() == b"nouveau\n"
    assert stat.S_IMODE(chemin.stat().st_mode) == 0o640
    assert temporaires(tmp_path) == []


@pytest.mark.parametrize("fonction", ["fsync", "replace"])
def test_disque_plein_l_original_reste_intact(tmp_path, monkeypatch, fonction):
    chemin = tmp_path / "f.yml"
    chemin.write_bytes(b"# original\r\n- id: a\r\n")
    monkeypatch.setattr(os, fonction, disque_plein)
    with pytest.raises(OSError) as exc:
        ecriture.ecrire_atomiquement(chemin, "tronqué")
    assert exc.value.errno == errno.ENOSPC
    assert chemin.read_bytes() == b"# original\r\n- id: a\r\n"
    assert temporaires(tmp_path) == []


def test_ecrire_ensemble_tout_ou_rien(tmp_path, monkeypatch):
    (tmp_path / "a.yml").write_text("a\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("b\n", encoding="utf-8")
    avant = instantane(tmp_path)
    vrai_fsync, appels = os.fsync, []

    def fsync_qui_echoue_au_troisieme(descripteur):
        appels.append(descripteur)
        if len(appels) == 3:
            disque_plein()
        return vrai_fsync(descripteur)

    monkeypatch.setattr(os, "fsync", fsync_qui_echoue_au_troisieme)
    with pytest.raises(OSError):
        ecriture.ecrire_ensemble(
            {
                tmp_path / "a.yml": "A\n",
                tmp_path / "b.yml": "B\n",
                tmp_path / "neuf" / "c.yml": "C\n",
            }
        )
    assert instantane(tmp_path) == avant  # aucun remplacé, aucun temporaire
    assert not (tmp_path / "neuf").exists()  # le dossier créé pour l'occasion est retiré


def test_sans_ecraser_refuse_un_fichier_existant(tmp_path):
    chemin = tmp_path / "fiche.md"
    chemin.write_bytes(b"le travail de l'equipe\n")
    with pytest.raises(FileExistsError):
        ecriture.ecrire_atomiquement(chemin, "modèle", sans_ecraser=True)
    assert chemin.read_bytes() == b"le travail de l'equipe\n"
    assert temporaires(tmp_path) == []
    ecriture.ecrire_atomiquement(tmp_path / "autre.md", "modèle", sans_ecraser=True)
    assert (tmp_path / "autre.md").read_text(encoding="utf-8") == "modèle"


@pytest.mark.parametrize(
    "texte, attendu", [("a\r\nb\r\n", "\r\n"), ("a\nb", "\n"), ("a\rb", "\r"), ("", "\n")]
)
def test_fin_de_ligne(texte, attendu):
    assert ecriture.fin_de_ligne(texte) == attendu


# -- make nouvel-acteur : data/acteurs.yml --------------------------------------------------


def test_acteur_disque_plein_l_original_reste_intact(centre, monkeypatch, capsys):
    acteurs = centre / "data" / "acteurs.yml"
    avant = acteurs.read_bytes()
    monkeypatch.setattr(os, "replace", disque_plein)
    with pytest.raises(nouveau.Abandon, match="le disque est plein"):
        nouveau.creer_acteur(centre, "Ludothèque")
    assert acteurs.read_bytes() == avant
    # Par la commande : code de sortie 1, message en français, pas de trace Python.
    assert nouveau.main(["acteur", "--nom", "Ludothèque", "--racine", str(centre)]) == 1
    erreur = capsys.readouterr().err
    assert (
        "Écriture impossible" in erreur
        and "n'a pas été modifié" in erreur
        and "Traceback" not in erreur
    )
    assert acteurs.read_bytes() == avant
    assert temporaires(centre) == []


def test_acteur_disque_plein_pendant_l_ecriture(centre, monkeypatch):
    acteurs = centre / "data" / "acteurs.yml"
    avant = acteurs.read_bytes()
    monkeypatch.setattr(os, "fsync", disque_plein)
    with pytest.raises(nouveau.Abandon, match="le disque est plein"):
        nouveau.creer_acteur(centre, "Ludothèque")
    assert acteurs.read_bytes() == avant
    assert temporaires(centre) == []


def test_acteur_ajoute_sans_toucher_au_reste(centre):
    acteurs = centre / "data" / "acteurs.yml"
    avant = (
        b"# Les acteurs du quartier (commentaire de l'equipe).\n"
        + acteurs.read_bytes()
        + b"# fin du fichier\n"
    )
    acteurs.write_bytes(avant)
    _, id_ = nouveau.creer_acteur(centre, "Ludothèque")
    apres = acteurs.read_bytes()
    assert apres.startswith(avant)  # commentaires, mise en forme, ordre : octet par octet
    assert b"\r" not in apres
    projet, erreurs = charger(centre)
    assert [e for e in erreurs if e.bloquante] == []
    assert projet.acteurs[id_].nom == "Ludothèque"


def test_acteur_fichier_windows_reste_windows_avec_son_bom(centre):
    acteurs = centre / "data" / "acteurs.yml"
    # Fins de ligne Windows, BOM, et pas de fin de ligne après la dernière ligne.
    avant = b"\xef\xbb\xbf# Commentaire\r\n" + acteurs.read_bytes().replace(b"\n", b"\r\n").rstrip(
        b"\r\n"
    )
    acteurs.write_bytes(avant)
    nouveau.creer_acteur(centre, "L'école « des Tilleuls »")
    apres = acteurs.read_bytes()
    assert apres.startswith(avant + b"\r\n")
    assert apres.count(b"\n") == apres.count(b"\r\n")  # aucune fin de ligne « \n » seule
    assert apres.count(b"\xef\xbb\xbf") == 1
    projet, erreurs = charger(centre)
    assert [e for e in erreurs if e.bloquante] == []
    assert projet.acteurs["l-ecole-des-tilleuls"].nom == "L'école « des Tilleuls »"


def test_acteur_liste_decalee(centre):
    acteurs = centre / "data" / "acteurs.yml"
    acteurs.write_text("  - id: a\n    nom: Acteur A\n", encoding="utf-8")
    nouveau.creer_acteur(centre, "Acteur B")
    projet, erreurs = charger(centre)
    assert [e for e in erreurs if e.fichier == "data/acteurs.yml" and e.bloquante] == []
    assert list(projet.acteurs) == ["a", "acteur-b"]


def test_acteur_liste_vide_entre_crochets(centre):
    acteurs = centre / "data" / "acteurs.yml"
    acteurs.write_bytes(b"# Aucun acteur pour l'instant.\r\n[]\r\n")
    nouveau.creer_acteur(centre, "Acteur A")
    apres = acteurs.read_bytes()
    assert apres.startswith(b"# Aucun acteur pour l'instant.\r\n") and b"\n[]" not in apres
    projet, _ = charger(centre)
    assert list(projet.acteurs) == ["acteur-a"]


@pytest.mark.parametrize(
    "contenu, ligne, message",
    [
        ("- id: a\n  nom: École\n".encode("latin-1"), 2, "n'est pas encodé en UTF-8"),
        (b"[ {id: a, nom: b} ]\n", 1, "entre crochets"),
        (b"- id: a\n  nom: b\n - id: c\n", 3, "YAML mal formé"),
        (b"- id: a\n\tnom: b\n", 2, "tabulation"),
        (b"acteurs:\n  - id: a\n", 1, "ne contient pas une liste"),
        (b"- id: a\n  nom: b\n...\n", None, "rendrait illisible"),
    ],
    ids=["latin-1", "crochets", "yaml-mal-forme", "tabulation", "pas-une-liste", "fin-de-document"],
)
def test_acteur_fichier_illisible_refuse_et_intact(centre, capsys, contenu, ligne, message):
    acteurs = centre / "data" / "acteurs.yml"
    acteurs.write_bytes(contenu)
    with pytest.raises(nouveau.Abandon) as exc:
        nouveau.creer_acteur(centre, "Ludothèque")
    texte = str(exc.value)
    assert message in texte
    assert ("data/acteurs.yml:%d —" % ligne if ligne else "data/acteurs.yml —") in texte
    assert "n'a pas été modifié" in texte
    assert acteurs.read_bytes() == contenu
    # Par la commande : code 1, message en français, pas de trace Python, fichier intact.
    assert nouveau.main(["acteur", "--nom", "Ludothèque", "--racine", str(centre)]) == 1
    erreur = capsys.readouterr().err
    assert message in erreur and "Traceback" not in erreur
    assert acteurs.read_bytes() == contenu
    assert temporaires(centre) == []


# -- make nouvelle-fiche ------------------------------------------------------------------


def test_fiche_disque_plein_rien_n_est_cree(centre, monkeypatch):
    avant = instantane(centre)
    monkeypatch.setattr(os, "fsync", disque_plein)
    with pytest.raises(nouveau.Abandon, match="le disque est plein"):
        nouveau.creer_fiche(centre, "objectif-a2", "Jardin partagé")
    assert instantane(centre) == avant


def test_fiche_existante_jamais_remplacee(centre, monkeypatch):
    avant = instantane(centre)
    # Le nom calculé tombe sur un fichier de l'équipe : refus.
    monkeypatch.setattr(nouveau, "nom_de_fichier", lambda *_: "quartier.md")
    with pytest.raises(nouveau.Abandon, match="existe déjà"):
        nouveau.creer_fiche(centre, "objectif-a2", "Jardin partagé")
    # Le fichier apparaît entre la vérification et l'écriture : refus aussi.
    projet = nouveau._charger(centre)
    monkeypatch.setattr(nouveau, "_charger", lambda _racine: projet)
    monkeypatch.setattr(Path, "exists", lambda self: False)
    with pytest.raises(nouveau.Abandon, match="existe déjà"):
        nouveau.creer_fiche(centre, "objectif-a2", "Jardin partagé")
    monkeypatch.undo()
    assert instantane(centre) == avant


# -- les valeurs passées par l'environnement (make … TITRE="L'accueil du public") ----------


def test_main_lit_les_variables_d_environnement(centre, monkeypatch):
    monkeypatch.setenv("PROJET_SOCIAL_RACINE", str(centre))
    monkeypatch.setenv("PROJET_SOCIAL_NOEUD", "objectif-a2")
    monkeypatch.setenv("PROJET_SOCIAL_TITRE", "L'accueil du public")
    monkeypatch.setenv("PROJET_SOCIAL_NOM", "L'école des Tilleuls")
    monkeypatch.setattr(
        "builtins.input", lambda *_: pytest.fail("aucune question ne devait être posée")
    )
    assert nouveau.main(["fiche"]) == 0
    assert nouveau.main(["acteur"]) == 0
    # Une option donnée en argument passe avant l'environnement.
    assert nouveau.main(["fiche", "--titre", "Un autre titre"]) == 0
    projet, erreurs = charger(centre)
    assert [e for e in erreurs if e.bloquante] == []
    assert projet.fiches["A-02"].titre == "L'accueil du public"
    assert projet.fiches["A-03"].titre == "Un autre titre"
    assert projet.acteurs["l-ecole-des-tilleuls"].nom == "L'école des Tilleuls"


MAKE = shutil.which("make")
TITRE_DIFFICILE = 'L\'accueil « du public » "ouvert" ; $HOME `id` $(x)'


def _make(dossier: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Le Makefile du dépôt, lancé depuis ``dossier`` (jamais depuis le dépôt) avec le Python des tests."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MAKE", "MFLAGS", "PROJET_SOCIAL_"))
    }
    return subprocess.run(
        [
            MAKE,
            "--no-print-directory",
            "-f",
            str(RACINE / "Makefile"),
            "-o",
            ".venv/.installe",
            f"PY={sys.executable}",
            f"PYTHONPATH={RACINE / 'macros'}",
            *arguments,
        ],
        cwd=dossier,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(MAKE is None, reason="make absent")
def test_make_n_ne_passe_pas_le_titre_au_shell(tmp_path):
    resultat = _make(
        tmp_path, "-n", "nouvelle-fiche", "NOEUD=objectif-a2", f"TITRE={TITRE_DIFFICILE}"
    )
    assert resultat.returncode == 0, resultat.stderr
    assert (
        "accueil" not in resultat.stdout
    )  # le titre n'est pas dans la commande relue par le shell
    assert "projet_social.nouveau fiche" in resultat.stdout


@pytest.mark.skipif(MAKE is None, reason="make absent")
def test_make_nouvelle_fiche_et_nouvel_acteur_avec_apostrophes(centre, tmp_path):
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    fiche = _make(
        ailleurs,
        "nouvelle-fiche",
        "NOEUD=objectif-a2",
        f"TITRE={TITRE_DIFFICILE}",
        f"RACINE={centre}",
    )
    assert fiche.returncode == 0, fiche.stderr
    assert f"Fiche créée : {centre / 'docs' / 'fiches' / 'a-02.md'}." in fiche.stdout
    acteur = _make(ailleurs, "nouvel-acteur", "NOM=L'école des Tilleuls", f"RACINE={centre}")
    assert acteur.returncode == 0, acteur.stderr
    # L'ancienne forme marche encore (sans apostrophe).
    ancienne = _make(centre, "nouvel-acteur", "ARGS=--nom Ludothèque --id ludotheque")
    assert ancienne.returncode == 0, ancienne.stderr
    assert list(ailleurs.iterdir()) == []
    projet, erreurs = charger(centre)
    assert [e for e in erreurs if e.bloquante] == []
    assert projet.fiches["A-02"].titre == TITRE_DIFFICILE
    assert projet.acteurs["l-ecole-des-tilleuls"].nom == "L'école des Tilleuls"
    assert "ludotheque" in projet.acteurs


@pytest.mark.skipif(MAKE is None, reason="make absent")
def test_make_nouvel_acteur_refus_sans_trace(centre):
    acteurs = centre / "data" / "acteurs.yml"
    acteurs.write_bytes(b"[ {id: a, nom: b} ]\n")
    resultat = _make(centre, "nouvel-acteur", "NOM=L'école")
    assert resultat.returncode != 0
    assert "entre crochets" in resultat.stderr and "Traceback" not in resultat.stderr
    assert acteurs.read_bytes() == b"[ {id: a, nom: b} ]\n"
