"""Calculer d'avance, sur un second cœur, ce qui ne dépend que du contenu validé.

MkDocs construit les pages l'une après l'autre, sur un seul cœur. Une part du travail du
moteur n'a besoin que des objets validés (le Markdown de chaque fiche et page produite,
rendu par les gabarits, et la conversion d'une part de ces pages en HTML : conversion.py) ou
du HTML des pages déjà converties (le projet social complet) :
un processus fils, créé par ``fork`` au moment où ces données sont prêtes, le calcule
pendant que MkDocs avance, et le passe par un tube, dans l'ordre où il sera demandé.

Rien n'y change le résultat : le fils appelle la même fonction, sur une copie des mêmes
objets ; toute valeur qu'il n'a pas envoyée (il a échoué ou s'est arrêté, la clé n'était
pas prévue, ``fork`` n'existe pas) est calculée ici, par cette même fonction — une erreur
y apparaît donc comme sans arrière-plan, avec son message.

Un fil d'exécution n'y suffirait pas : la liste blanche (nh3, en Rust) libère bien le verrou
global de Python, mais rappelle Python pour chaque attribut ; dans un fil à part, mesurée à
500 fiches, elle ralentissait la construction au lieu de l'accélérer.

Pas de processus fils (tout est calculé ici, à la demande) :

- sans ``os.fork`` (Windows) ;
- quand d'autres fils d'exécution tournent (l'aperçu ``mkdocs serve`` et son serveur) : un
  ``fork`` n'y copierait que le fil courant, avec des verrous peut-être pris par les autres ;
- pour un centre de moins de FICHES_MINIMUM fiches : le fils y coûte plus qu'il ne rapporte
  (mesuré avec ``/usr/bin/time``, même machine à deux cœurs : pour le contenu du dépôt, 47
  fiches, 4,8 s avec ou sans fils mais 5,2 à 6,4 s de processeur au lieu de 4,5 ; à 150 fiches,
  10,2 s contre 10,5 s ; à 300 fiches, 17,7 à 22,9 s contre 21,5 s ; à 500, 20 % de moins) ;
- quand la variable d'environnement ``PROJET_SOCIAL_ARRIERE_PLAN`` vaut ``0``. À ``1``, le fils
  est lancé quelle que soit la taille du centre : ainsi les tests comparent le site et le rapport
  d'erreurs construits des deux façons sur leurs petits centres.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import threading
from typing import Callable, Hashable, Iterable

VARIABLE = "PROJET_SOCIAL_ARRIERE_PLAN"
_ECHEC = object()  # une valeur que le fils n'a pas pu calculer (ou pas envoyée)


FICHES_MINIMUM = 200


def possible(fiches: int) -> bool:
    """Vrai si un processus fils peut calculer d'avance, et y gagne, pour un centre de ``fiches``
    fiches (voir l'en-tête du module)."""
    choix = os.environ.get(VARIABLE, "")
    if choix == "0" or not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    return choix == "1" or fiches >= FICHES_MINIMUM


class Avance:
    """Les valeurs ``fonction(cle)`` pour chaque ``cle`` de ``cles``, calculées d'avance par un
    processus fils, dans cet ordre ; ``valeur(cle)`` les rend une à une, ou les calcule ici.
    ``fiches`` : le nombre de fiches du centre, qui dit si le fils vaut la peine (``possible``)."""

    def __init__(
        self, fonction: Callable[[Hashable], object], cles: Iterable[Hashable], fiches: int
    ):
        self.fonction = fonction
        self._prevues = list(cles)
        self._recues: dict[Hashable, object] = {}
        self._lecture = None
        self._fils = 0
        if possible(fiches) and self._prevues:  # (rien à calculer : pas de fils)
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
