"""Le calcul d'avance sur un second cœur (arriere_plan.py) : mêmes valeurs, mêmes erreurs, même site.

Les scénarios d'``Avance`` tournent dans un interpréteur neuf : un processus de pytest-xdist a
d'autres fils d'exécution, où ``Avance`` ne crée pas de processus fils (c'est voulu, voir le module).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from outils import FIXTURE, construire, copier_centre, fichiers_differents

from projet_social import arriere_plan

PREAMBULE = """
import json, os, sys, threading, time
from projet_social.arriere_plan import FICHES_MINIMUM, Avance
PERE = os.getpid()
def qui(cle):
    return {"cle": cle, "fils": os.getpid() != PERE}
"""


def _scenario(code: str, **env) -> dict:
    resultat = subprocess.run(
        [sys.executable, "-c", PREAMBULE + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        # Sans PROJET_SOCIAL_ARRIERE_PLAN de l'environnement de la session, sauf s'il est donné.
        env={k: v for k, v in os.environ.items() if k != arriere_plan.VARIABLE} | env,
    )
    assert resultat.returncode == 0, resultat.stderr
    return json.loads(resultat.stdout)


def test_les_valeurs_prevues_viennent_du_fils_dans_l_ordre_ou_non():
    sortie = _scenario(
        """
        with Avance(qui, range(50), fiches=FICHES_MINIMUM) as a:
            valeurs = [a.valeur(k) for k in [3, 0, 1, 2] + list(range(4, 50))]
        print(json.dumps(valeurs))
        """
    )
    assert [v["cle"] for v in sortie] == [3, 0, 1, 2, *range(4, 50)]
    assert all(v["fils"] for v in sortie)


def test_une_cle_non_prevue_est_calculee_ici_sans_attendre_le_fils():
    sortie = _scenario(
        """
        def lent(cle):
            if os.getpid() != PERE:
                time.sleep(30)  # le fils est occupé : le père ne doit pas l'attendre
            return qui(cle)
        debut = time.monotonic()
        with Avance(lent, ["prevue"], fiches=FICHES_MINIMUM) as a:
            valeur = a.valeur("autre")
        print(json.dumps({"valeur": valeur, "duree": time.monotonic() - debut}))
        """
    )
    assert sortie["valeur"] == {"cle": "autre", "fils": False}
    # fermer() arrête le fils encore au travail au lieu d'attendre ses 30 s.
    assert sortie["duree"] < 10


def test_une_valeur_que_le_fils_n_a_pas_pu_calculer_est_calculee_ici():
    sortie = _scenario(
        """
        def fragile(cle):
            if os.getpid() != PERE and cle == 2:
                raise RuntimeError("échec dans le fils seulement")
            return qui(cle)
        with Avance(fragile, range(4), fiches=FICHES_MINIMUM) as a:
            print(json.dumps([a.valeur(k) for k in range(4)]))
        """
    )
    assert [v["fils"] for v in sortie] == [True, True, False, True]


def test_une_erreur_de_la_fonction_arrive_ici_avec_son_message():
    sortie = _scenario(
        """
        def fausse(cle):
            raise ValueError(f"la clé {cle} est refusée")
        with Avance(fausse, ["a"], fiches=FICHES_MINIMUM) as a:
            try:
                a.valeur("a")
            except ValueError as e:
                print(json.dumps(str(e)))
        """
    )
    assert sortie == "la clé a est refusée"


def test_sans_arriere_plan_si_la_variable_vaut_0_ou_si_d_autres_fils_tournent():
    sortie = _scenario(
        """
        with Avance(qui, [1], fiches=FICHES_MINIMUM) as a:
            print(json.dumps(a.valeur(1)))
        """,
        **{arriere_plan.VARIABLE: "0"},
    )
    assert sortie == {"cle": 1, "fils": False}
    sortie = _scenario(
        """
        arret = threading.Event()
        threading.Thread(target=arret.wait).start()  # comme le serveur de « mkdocs serve »
        with Avance(qui, [1], fiches=FICHES_MINIMUM) as a:
            valeur = a.valeur(1)
        arret.set()
        print(json.dumps(valeur))
        """
    )
    assert sortie == {"cle": 1, "fils": False}


def test_pas_de_fils_pour_un_petit_centre_sauf_si_la_variable_vaut_1():
    """En dessous de FICHES_MINIMUM fiches, le fils coûterait plus qu'il ne rapporte (mesures dans
    l'en-tête d'arriere_plan.py) ; à 1, la variable le lance quand même (tests de ce module)."""
    code = """
        with Avance(qui, [1], fiches=FICHES_MINIMUM - 1) as a:
            print(json.dumps(a.valeur(1)))
        """
    assert _scenario(code) == {"cle": 1, "fils": False}
    assert _scenario(code, **{arriere_plan.VARIABLE: "1"}) == {"cle": 1, "fils": True}


def test_le_site_est_le_meme_avec_et_sans_arriere_plan(site_mini, tmp_path, monkeypatch):
    """Le site partagé de la session est construit sans l'arrière-plan (trop peu de fiches) ; le
    même centre, construit avec (variable à 1), donne les mêmes fichiers, octet pour octet."""
    monkeypatch.setenv(arriere_plan.VARIABLE, "1")
    avec_fils = tmp_path / "site"
    resultat = construire(copier_centre(FIXTURE, tmp_path / "centre"), avec_fils)
    assert resultat.returncode == 0, resultat.stderr
    assert fichiers_differents(site_mini, avec_fils) == []


def test_les_memes_erreurs_avec_et_sans_arriere_plan(centre):
    """Le chargement lit et valide la fin des fiches en arrière-plan : le rapport de make check
    est le même, dans le même ordre, avec des erreurs des deux côtés du partage."""
    fiches = sorted(p for p in (centre / "docs" / "fiches").glob("*.md") if p.name != "index.md")
    for i in range(6):  # six fiches de plus : le partage 40 % / 60 % en laisse de chaque côté
        texte = fiches[0].read_text(encoding="utf-8")
        (centre / "docs" / "fiches" / f"z-{i}.md").write_text(
            texte.replace("code:", f"code: Z-{i}\nancien_code:", 1)
            if i % 2
            else "---\ntitre: [\n---\n",
            encoding="utf-8",
        )
    rapports = []
    for valeur in ("0", "1"):
        resultat = subprocess.run(
            [sys.executable, "-m", "projet_social.verifier", str(centre)],
            capture_output=True,
            text=True,
            timeout=120,
            env=dict(os.environ, **{arriere_plan.VARIABLE: valeur}),
        )
        assert resultat.returncode == 1, resultat.stderr
        rapports.append([l for l in resultat.stdout.splitlines() if "vérifié en" not in l])
    assert rapports[0] == rapports[1]
    assert sum("YAML mal formé" in l for l in rapports[1]) == 3
    assert sum("z-" in l for l in rapports[1]) >= 6
