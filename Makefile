# Les quatre commandes du projet. Chacune installe d'abord ce qu'il faut (une fois).
#   make serve   aperçu du site sur http://127.0.0.1:8000
#   make test    tous les tests (unitaires, construction, navigateur)
#   make check   valide le contenu seulement (rapide)
#   make build   construit le site dans site/
#   make nouvelle-fiche   crée une fiche prête à remplir (questions posées)
#   make nouvel-acteur    ajoute un acteur prêt à remplir à data/acteurs.yml
#     sans questions : make nouvelle-fiche ARGS="--noeud <id> --titre '…'" ; make nouvel-acteur ARGS="--nom '…'"
#   make pdf     construit le site avec le projet social complet en PDF (site/projet-social.pdf)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLE := $(VENV)/.installe
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/macros

.PHONY: serve test check build pdf bench install clean nouvelle-fiche nouvel-acteur

$(INSTALLE): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# Le paquet projet_social (macros/) devient importable dans le venv.
	echo "$(CURDIR)/macros" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/projet_social.pth"
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

nouvelle-fiche: $(INSTALLE)
	$(PY) -m projet_social.nouveau fiche $(ARGS)

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
