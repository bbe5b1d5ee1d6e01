# Les quatre commandes du projet. Chacune installe d'abord ce qu'il faut (une fois).
#   make serve   aperçu du site sur http://127.0.0.1:8000
#   make test    tous les tests (unitaires, construction, navigateur)
#   make check   valide le contenu seulement (rapide)
#   make build   construit le site dans site/
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLE := $(VENV)/.installe
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/macros

.PHONY: serve test check build bench install clean

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

serve: $(INSTALLE)
	$(PY) -m mkdocs serve

test: $(INSTALLE)
	$(PY) -m pytest

bench: $(INSTALLE)
	$(PY) bench/bench.py

clean:
	rm -rf site .pytest_cache
