"""L'atelier de construction des tests : ``python -m mkdocs build`` sans relancer Python à chaque site.

Une construction de centre de test dure environ 1,4 s dans un processus neuf, dont près de la
moitié à démarrer Python et importer MkDocs, Material et le moteur. L'atelier est un processus à un
seul fil, lancé une fois par processus de tests, qui a déjà tout importé : pour chaque construction,
il se dédouble (``fork``) et le double exécute ce que fait ``python -m mkdocs`` dans le dossier, avec
l'environnement et les arguments demandés, ses sorties dans des fichiers ; rien ne revient dans
l'atelier, qui attend la fin du double et en renvoie le code. Mesuré sur le centre de test :
0,75 s au lieu de 1,4 s, même site.

Les commandes de l'équipe (``python -m projet_social.nouveau``, ``.verifier``, ``.nouveau_centre`` :
0,3 à 0,6 s chacune dans un processus neuf, dont l'importation du moteur) passent aussi par
l'atelier, l'entrée sur /dev/null, par ``runpy`` comme ``python -m`` (le module lui-même n'y est
pas importé d'avance).

``lancer`` a la forme de ``subprocess.run`` (scripts/controler_contenu.py le reçoit ainsi) : toute
autre commande, ou une entrée autre que /dev/null, passe par ``subprocess.run``. Sans ``os.fork``
(Windows), tout passe par ``subprocess.run``.

La garde des tests du moteur (tests/conftest.py) voit chaque construction comme un processus lancé
(événement d'audit « subprocess.Popen ») : un test du moteur ne construit pas plus le contenu du
dépôt par l'atelier que par un processus.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]

# L'atelier lui-même : lit une demande JSON par ligne, répond une ligne {"code": …}.
PROGRAMME = r"""
import json, os, sys, traceback

# Tout ce qu'une construction importe : MkDocs, ses greffons et extensions (la configuration du
# produit les charge), le moteur. Un échec ici ne change rien : le double importera ce qui manque.
try:
    import markdown
    import mkdocs.__main__
    from mkdocs.config import load_config

    config = load_config(sys.argv[1])
    markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
except Exception:
    pass

demandes = sys.stdin
for ligne in demandes:
    demande = json.loads(ligne)
    fils = os.fork()
    if fils == 0:
        code = 1
        try:
            entree = os.open(os.devnull, os.O_RDONLY)
            os.dup2(entree, 0)
            for fd, chemin in ((1, demande["stdout"]), (2, demande["stderr"])):
                sortie = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(sortie, fd)
            os.chdir(demande["cwd"])
            os.environ.clear()
            os.environ.update(demande["env"])
            try:
                if demande["module"] == "mkdocs":
                    sys.argv = ["mkdocs", *demande["args"]]
                    from mkdocs.__main__ import cli  # ce que fait « python -m mkdocs »

                    cli.main(args=demande["args"], prog_name="mkdocs")
                else:  # ce que fait « python -m projet_social.… » (module pas encore importé ici)
                    import runpy

                    sys.argv = [demande["module"], *demande["args"]]
                    runpy.run_module(demande["module"], run_name="__main__", alter_sys=True)
                code = 0
            except SystemExit as fin:
                code = fin.code if isinstance(fin.code, int) else (0 if fin.code is None else 1)
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, statut = os.waitpid(fils, 0)
    print(json.dumps({"code": os.waitstatus_to_exitcode(statut)}), flush=True)
"""


class Atelier:
    """Le processus atelier d'un processus de tests, lancé à la première construction."""

    def __init__(self) -> None:
        self._processus: subprocess.Popen | None = None
        self._verrou = threading.Lock()

    def _demarrer(self) -> subprocess.Popen:
        if self._processus is None or self._processus.poll() is not None:
            self._processus = subprocess.Popen(
                [sys.executable, "-c", PROGRAMME, str(RACINE / "mkdocs.yml")],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            )
        return self._processus

    def construire(
        self, module: str, args: list[str], cwd, env: dict, timeout: float | None
    ) -> tuple:
        """Lance ``python -m module *args`` par l'atelier ; renvoie (code, stdout, stderr)."""
        with self._verrou, tempfile.TemporaryDirectory(prefix="atelier-") as dossier:
            sorties = {nom: os.path.join(dossier, nom) for nom in ("stdout", "stderr")}
            processus = self._demarrer()
            demande = {"module": module, "args": args, "cwd": os.fspath(cwd), "env": env, **sorties}
            processus.stdin.write(json.dumps(demande) + "\n")
            processus.stdin.flush()
            if not select.select([processus.stdout], [], [], timeout)[0]:
                self.arreter()
                raise subprocess.TimeoutExpired([sys.executable, "-m", module, *args], timeout)
            reponse = processus.stdout.readline()
            if not reponse:  # l'atelier s'est arrêté : la construction n'a pas eu lieu
                raise RuntimeError("l'atelier de construction des tests s'est arrêté")
            textes = [
                Path(sorties[n]).read_text(encoding="utf-8", errors="replace") for n in sorties
            ]
            return json.loads(reponse)["code"], *textes

    def arreter(self) -> None:
        """L'atelier s'arrête quand il n'a plus de demande à lire ; encore occupé 5 s plus tard (une
        construction bloquée), il est tué."""
        if self._processus is not None:
            self._processus.stdin.close()
            try:
                self._processus.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._processus.kill()
                self._processus.wait()
            self._processus = None


_ATELIER = Atelier()


def _par_l_atelier(commande: list[str]) -> bool:
    """``python -m mkdocs …`` ou ``python -m projet_social.… …`` (les commandes de l'équipe)."""
    return (
        hasattr(os, "fork")
        and len(commande) >= 3
        and commande[:2] == [sys.executable, "-m"]
        and (commande[2] == "mkdocs" or commande[2].startswith("projet_social."))
    )


def lancer(
    commande,
    *,
    cwd=None,
    env=None,
    capture_output=False,
    text=False,
    timeout=None,
    stdin=None,
    input=None,
    **autres,
):
    """Comme ``subprocess.run`` ; ``python -m mkdocs …`` et ``python -m projet_social.… …``
    (sorties capturées, en texte) passent par l'atelier, l'entrée sur /dev/null : ``stdin`` doit
    alors être ``subprocess.DEVNULL``, ou absent pour mkdocs (qui ne lit pas son entrée)."""
    commande = [os.fspath(c) for c in commande]
    module = commande[2] if _par_l_atelier(commande) else None
    entree_nulle = stdin == subprocess.DEVNULL or (stdin is None and module == "mkdocs")
    if module is None or not (capture_output and text and entree_nulle) or input or autres:
        return subprocess.run(
            commande,
            cwd=cwd,
            env=env,
            capture_output=capture_output,
            text=text,
            timeout=timeout,
            stdin=stdin,
            input=input,
            **autres,
        )
    env = dict(os.environ if env is None else env)
    cwd = os.fspath(cwd) if cwd is not None else os.getcwd()
    sys.audit("subprocess.Popen", commande[0], commande, cwd, env)  # la garde de conftest.py
    code, stdout, stderr = _ATELIER.construire(module, commande[3:], cwd, env, timeout)
    return subprocess.CompletedProcess(commande, code, stdout, stderr)


def arreter() -> None:
    """Arrête l'atelier (fin de la session de tests)."""
    _ATELIER.arreter()
