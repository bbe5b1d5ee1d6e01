"""Le projet social d'un centre social : chargement, validation et rendu.

Paquet en Python simple ; seul son greffon MkDocs
(``greffon.py``, ``plugins: - projet_social``) importe MkDocs, et ne fait que lui passer la main.

Point d'entrée : :func:`projet_social.chargement.charger`, qui renvoie le projet
validé et la liste des erreurs (en français) de tout le contenu.
"""
