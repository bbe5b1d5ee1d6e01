"""Calculer d'avance, sur un second cœur, ce qui ne dépend que du contenu validé.

MkDocs construit les pages l'une après l'autre, sur un seul cœur. Une part du travail du
moteur n'a besoin que des objets validés (le Markdown de chaque fiche et page produite,
rendu par les gabarits) ou du HTML des pages déjà converties (le projet social complet) :
un processus fils, créé par ``fork`` au moment où ces données sont prêtes, le calcule
pendant que MkDocs avance, et le passe par un tube, dans l'ordre où il sera demandé.

Rien n'y change le résultat : le fils appelle la même fonction, sur une copie des mêmes
objets ; toute valeur qu'il n'a pas envoyée (il a échoué, la clé n'était pas prévue,
``fork`` n'existe pas) est calculée ici, par cette même fonction — une erreur y apparaît
donc comme sans arrière-plan, avec son message. (``Avance``)

Un travail fait hors de Python, qui libère le verrou global de l'interpréteur (la liste
blanche : nh3, en Rust), n'a pas besoin d'un processus : un fil d'exécution suffit, sans
copie. (``EnFil`` ; partout, sauf avec ``PROJET_SOCIAL_ARRIERE_PLAN=0``)

Pas de processus fils (tout est calculé ici, à la demande) :

- sans ``os.fork`` (Windows) ;
- quand d'autres fils d'exécution tournent (l'aperçu ``mkdocs serve`` et son serveur) : un
  ``fork`` n'y copierait que le fil courant, avec des verrous peut-être pris par les autres ;
- quand la variable d'environnement ``PROJET_SOCIAL_ARRIERE_PLAN`` vaut ``0`` (le banc
  mesure ainsi les deux).
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, Hashable, Iterable

VARIABLE = "PROJET_SOCIAL_ARRIERE_PLAN"
_ECHEC = object()  # une valeur que le fils n'a pas pu calculer (ou pas envoyée)


def actif() -> bool:
    """Faux si ``PROJET_SOCIAL_ARRIERE_PLAN=0`` : tout est alors calculé ici, à la demande."""
    return os.environ.get(VARIABLE, "1") != "0"


def possible() -> bool:
    """Vrai si un processus fils peut calculer d'avance (voir l'en-tête du module)."""
    return hasattr(os, "fork") and actif() and threading.active_count() == 1


class EnFil:
    """``fonction(valeur)`` pour chaque valeur confiée, dans un fil d'exécution à part : pour une
    fonction qui rend la main à Python pendant son travail (nh3, écrit en Rust, libère le verrou
    global de Python), ce fil tourne sur un second cœur, sans copie ni processus fils.
    ``resultats()`` attend la fin et les rend par clé ; une erreur de ``fonction`` y est relevée."""

    def __init__(self, fonction: Callable[[object], object]):
        self.fonction = fonction
        self._executeur = ThreadPoolExecutor(max_workers=1, thread_name_prefix="projet-social")
        self._en_cours: dict[Hashable, Future] = {}

    def confier(self, cle: Hashable, valeur: object) -> None:
        self._en_cours[cle] = self._executeur.submit(self.fonction, valeur)

    def resultats(self) -> dict[Hashable, object]:
        try:
            return {cle: futur.result() for cle, futur in self._en_cours.items()}
        finally:
            self.fermer()

    def fermer(self) -> None:
        """Arrête le fil (ce qui n'a pas commencé est annulé) ; après, plus rien n'est confié."""
        self._executeur.shutdown(wait=True, cancel_futures=True)
        self._en_cours.clear()


class Avance:
    """Les valeurs ``fonction(cle)`` pour chaque ``cle`` de ``cles``, calculées d'avance par un
    processus fils, dans cet ordre ; ``valeur(cle)`` les rend une à une, ou les calcule ici."""

    def __init__(self, fonction: Callable[[Hashable], object], cles: Iterable[Hashable]):
        self.fonction = fonction
        self._prevues = list(cles)
        self._recues: dict[Hashable, object] = {}
        self._lecture = None
        self._fils = 0
        if possible():
            self._lancer(self._prevues)
        self._prevues = set(self._prevues)

    def _lancer(self, cles: list) -> None:
        lecture, ecriture = os.pipe()
        fils = os.fork()
        if fils == 0:  # le fils : calcule et envoie, puis s'arrête sans rien de plus
            os.close(lecture)
            os._exit(self._calculer_et_envoyer(cles, ecriture))
        os.close(ecriture)
        self._lecture, self._fils = open(lecture, "rb"), fils

    def _calculer_et_envoyer(self, cles: list, ecriture: int) -> int:
        """Dans le fils : chaque valeur, calculée puis mise en file ; un fil d'exécution l'écrit
        dans le tube. Le calcul n'attend donc jamais que le père lise (il peut en être loin)."""
        a_envoyer: queue.SimpleQueue = queue.SimpleQueue()

        def envoyer() -> None:
            with open(ecriture, "wb") as tube:
                while (paquet := a_envoyer.get()) is not None:
                    tube.write(paquet)
                    tube.flush()

        envoi = threading.Thread(target=envoyer, daemon=True)
        try:
            envoi.start()
            for cle in cles:
                try:
                    paquet = pickle.dumps((cle, True, self.fonction(cle)), pickle.HIGHEST_PROTOCOL)
                except Exception:  # le père la recalculera, avec son propre message
                    paquet = pickle.dumps((cle, False, None), pickle.HIGHEST_PROTOCOL)
                a_envoyer.put(paquet)
            a_envoyer.put(None)
            envoi.join()
            return 0
        except BaseException:  # le père est parti (tube rompu), Ctrl+C… : rien à sauver
            return 1

    def valeur(self, cle: Hashable) -> object:
        """La valeur pour ``cle`` : celle du fils si elle arrive, sinon calculée ici."""
        while cle in self._prevues and cle not in self._recues and self._lecture is not None:
            try:
                recue, calculee, valeur = pickle.load(self._lecture)
            except Exception:  # fin du tube (le fils a tout envoyé, ou s'est arrêté)
                self.fermer()
                break
            self._recues[recue] = valeur if calculee else _ECHEC
        valeur = self._recues.pop(cle, _ECHEC)
        return self.fonction(cle) if valeur is _ECHEC else valeur

    def __enter__(self) -> Avance:
        return self

    def __exit__(self, *_exception) -> None:
        self.fermer()

    def fermer(self) -> None:
        """Ferme le tube ; un fils qui n'a pas fini est arrêté (ce qu'il calculait ne sert plus)."""
        if self._lecture is not None:
            self._lecture.close()
            self._lecture = None
        if self._fils:
            if os.waitpid(self._fils, os.WNOHANG) == (0, 0):
                os.kill(self._fils, signal.SIGKILL)
                os.waitpid(self._fils, 0)
            self._fils = 0
        self._recues.clear()
