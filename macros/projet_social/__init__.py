"""Le projet social d'un centre social : chargement, validation et rendu.

Paquet en Python simple ; son greffon MkDocs (``greffon.py``, ``plugins: - projet_social``)
ne fait que lui passer la main. Seuls ce greffon et ``lecture.py`` (le découpage de l'en-tête
d'une page, celui de MkDocs) importent MkDocs.

Point d'entrée : :func:`projet_social.chargement.charger`, qui renvoie le projet
validé et la liste des erreurs (en français) de tout le contenu.
"""
