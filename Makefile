# Les quatre commandes du projet. Chacune installe d'abord ce qu'il faut (une fois).
#   make serve   aperçu du site sur http://127.0.0.1:8000
#   make test    tous les tests (unitaires, construction, navigateur)
#   make check   valide le contenu seulement (rapide)
#   make build   construit le site dans site/
#   make nouvelle-fiche   crée une fiche prête à remplir (questions posées)
#   make nouvel-acteur    ajoute un acteur prêt à remplir à data/acteurs.yml
#     sans questions : make nouvelle-fiche NOEUD=<id> TITRE="L'accueil du public"  (aussi CODE=…)
#                      make nouvel-acteur NOM="L'école des Tilleuls"  (aussi ID=…)
#     RACINE=<dossier> vise un autre centre que le dossier courant. Ces valeurs passent par
#     l'environnement, pas par le shell : apostrophes et guillemets sans souci. (ARGS="--titre …" marche aussi.)
#   make pdf     construit le site avec le projet social complet en PDF (site/projet-social.pdf)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLE := $(VENV)/.installe
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check build pdf bench install clean nouvelle-fiche nouvel-acteur

$(INSTALLE): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# Le verrou requirements.txt (tiré de requirements.in par pip-compile) donne chaque
	# paquet, dépendances comprises, à sa version exacte avec ses empreintes sha256 :
	# pip refuse tout fichier téléchargé qui n'y correspond pas, et tout paquet absent du verrou.
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	# Le moteur (macros/projet_social) et son greffon MkDocs, depuis pyproject.toml, en mode
	# modifiable ; ses dépendances et son outil de construction viennent du verrou ci-dessus.
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(INSTALLE)

install: $(INSTALLE)

check: $(INSTALLE)
	$(PY) -m projet_social.verifier .

build: $(INSTALLE)
	$(PY) -m mkdocs build --strict

# Le PDF est imprimé depuis une première construction, puis publié avec le site
# (la page d'accueil et le document complet donnent alors sa taille et sa date).
pdf: $(INSTALLE)
	$(PY) -m mkdocs build --strict --quiet -d .cache/site-pdf
	$(PY) -m projet_social.pdf .cache/site-pdf .cache/projet-social.pdf
	PROJET_SOCIAL_PDF=.cache/projet-social.pdf $(PY) -m mkdocs build --strict

# TITRE, NOM… sont recopiés tels quels ($(value …)) dans l'environnement de la commande, que lit
# projet_social.nouveau : ils ne passent jamais par une ligne de commande relue par le shell.
nouvelle-fiche nouvel-acteur: export PROJET_SOCIAL_RACINE = $(value RACINE)
nouvelle-fiche: export PROJET_SOCIAL_NOEUD = $(value NOEUD)
nouvelle-fiche: export PROJET_SOCIAL_TITRE = $(value TITRE)
nouvelle-fiche: export PROJET_SOCIAL_CODE = $(value CODE)
nouvelle-fiche: $(INSTALLE)
	$(PY) -m projet_social.nouveau fiche $(ARGS)

nouvel-acteur: export PROJET_SOCIAL_NOM = $(value NOM)
nouvel-acteur: export PROJET_SOCIAL_ID = $(value ID)
nouvel-acteur: $(INSTALLE)
	$(PY) -m projet_social.nouveau acteur $(ARGS)

serve: $(INSTALLE)
	$(PY) -m mkdocs serve

test: $(INSTALLE)
	$(PY) -m pytest

bench: $(INSTALLE)
	$(PY) bench/bench.py

clean:
	rm -rf site .cache .pytest_cache
