# Les quatre commandes du projet. Chacune installe d'abord ce qu'il faut (une fois).
#   make serve   aperçu du site sur http://127.0.0.1:8000
#   make test    tous les tests (unitaires, construction, navigateur)
#   make check   valide le contenu seulement (rapide)
#   make build   construit le site dans site/
#   make formulaires   l'aperçu avec les formulaires de l'équipe (/admin/), qui écrivent dans ce dossier
#   make nouvelle-fiche   crée une fiche prête à remplir (questions posées)
#   make nouvel-acteur    ajoute un acteur prêt à remplir à data/acteurs.yml
#     sans questions : make nouvelle-fiche NOEUD=<id> TITRE="L'accueil du public"  (aussi CODE=…)
#                      make nouvel-acteur NOM="L'école des Tilleuls"  (aussi ID=…)
#     RACINE=<dossier> vise un autre centre que le dossier courant. Ces valeurs passent par
#     l'environnement, pas par le shell : apostrophes et guillemets sans souci. (ARGS="--titre …" marche aussi.)
#   make pdf     construit le site avec le projet social complet en PDF (site/projet-social.pdf)
#   make docx    construit le site avec le projet social complet en Word (site/projet-social.docx)
#   make nouveau-centre   remplace ce centre par un centre vierge (questions posées ; dépôt git propre exigé)
#     sans questions : make nouveau-centre NOM="Centre social X" COMMUNE="Ville" DEBUT=2025 FIN=2028 NIVEAUX="Axe,Objectif"
#                      (aussi GESTIONNAIRE=…, PLURIELS="Axes,Objectifs", DEPOT=https://github.com/compte/depot)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLE := $(VENV)/.installe
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve formulaires test check build pdf docx bench install clean nouvelle-fiche nouvel-acteur nouveau-centre proposer-nouveau-centre

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

# Le document Word (pour la CAF) est converti par pandoc depuis la même page « projet social
# complet » d'une première construction, puis publié avec le site. Les pages le lient à côté du
# PDF de « make pdf » quand celui-ci a été produit (« make pdf docx » : les deux, comme à la publication).
docx: $(INSTALLE)
	$(PY) -m mkdocs build --strict --quiet -d .cache/site-docx
	$(PY) -m projet_social.docx .cache/site-docx .cache/projet-social.docx
	PROJET_SOCIAL_PDF=$(wildcard .cache/projet-social.pdf) PROJET_SOCIAL_DOCX=.cache/projet-social.docx $(PY) -m mkdocs build --strict

# L'aperçu à ouvrir sans serveur (contrairement à make serve), depuis le disque : double-clic
# sur index.html, à sa racine. Pages en « x.html » (--no-directory-urls) pour que chaque lien
# mène à un fichier. Joint à chaque proposition (verifier.yml, artefact « apercu-du-site »).
.PHONY: apercu-hors-ligne resume-relecture
apercu-hors-ligne: $(INSTALLE)
	$(PY) -m mkdocs build --strict --no-directory-urls -d .cache/apercu-hors-ligne

# La section « Relire la proposition » du résumé de GitHub Actions : liens vers le PDF et
# l'aperçu (adresses lues dans URL_PDF et URL_APERCU). Bibliothèque standard seulement :
# marche même si l'installation a échoué plus tôt.
resume-relecture:
	$(PYTHON) scripts/resume_relecture.py

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

# Comme pour nouvelle-fiche : NOM, COMMUNE… passent par l'environnement, jamais par le shell.
nouveau-centre: export PROJET_SOCIAL_RACINE = $(value RACINE)
nouveau-centre: export PROJET_SOCIAL_NOM = $(value NOM)
nouveau-centre: export PROJET_SOCIAL_COMMUNE = $(value COMMUNE)
nouveau-centre: export PROJET_SOCIAL_GESTIONNAIRE = $(value GESTIONNAIRE)
nouveau-centre: export PROJET_SOCIAL_DEBUT = $(value DEBUT)
nouveau-centre: export PROJET_SOCIAL_FIN = $(value FIN)
nouveau-centre: export PROJET_SOCIAL_NIVEAUX = $(value NIVEAUX)
nouveau-centre: export PROJET_SOCIAL_PLURIELS = $(value PLURIELS)
nouveau-centre: export PROJET_SOCIAL_DEPOT = $(value DEPOT)
nouveau-centre: $(INSTALLE)
	$(PY) -m projet_social.nouveau_centre $(ARGS)

# Pour le workflow « Démarrer votre centre » (.github/workflows/demarrer.yml), après make nouveau-centre :
# le centre vierge sur une nouvelle branche, poussée, puis proposée en pull request. GH_TOKEN (le jeton
# du workflow, donné à cette seule étape) sert à gh, et à git push par « gh auth setup-git ».
# Le nom du centre est lu dans l'environnement (« $$NOM » entre guillemets : jamais relu par le shell).
proposer-nouveau-centre:
	git switch -c "demarrer-votre-centre-$$(date -u +%Y%m%d-%H%M%S)"
	git add -A -- data docs
	git -c user.name="github-actions[bot]" -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
		commit -q -m "Démarrer le centre « $$NOM » : contenu vierge (make nouveau-centre)"
	gh auth setup-git
	git push -q -u origin HEAD
	gh pr create --title "Démarrer le centre « $$NOM »" --body "Contenu vierge préparé par le workflow « Démarrer votre centre » (make nouveau-centre) : il remplace le centre d'exemple. Relisez data/centre.yml, puis cliquez sur « Merge pull request » : le site sera publié quelques minutes après. Mode d'emploi : docs/contribuer/demarrer-votre-centre.md."

serve: $(INSTALLE)
	$(PY) -m mkdocs serve

# Les formulaires de l'équipe sur cet ordinateur : l'aperçu (comme make serve) et, à son adresse
# /admin/, les formulaires (Sveltia CMS) qui écrivent directement dans ce dossier ; l'aperçu se
# met à jour à chaque enregistrement. Rien n'est envoyé sur GitHub : on propose ensuite comme d'habitude.
formulaires: $(INSTALLE)
	@echo ""
	@echo "  Formulaires : ouvrez http://127.0.0.1:8000/admin/ dans Chrome ou Edge,"
	@echo "  cliquez « Travailler avec un dépôt local » et choisissez ce dossier : $(CURDIR)"
	@echo "  (Firefox et Safari ne savent pas écrire dans un dossier : utilisez Chrome ou Edge.)"
	@echo "  Ctrl+C pour arrêter."
	@echo ""
	$(PY) -m mkdocs serve

test: $(INSTALLE)
	$(PY) -m pytest

# Le banc (bench/bench.py) : construction à 50, 500 et 2000 fiches, PDF côte à côte (make pdf et
# print-site + Chromium) à 50 et 500 ; il écrit ses résultats dans bench/RESULTS.md.
# Un essai : make bench ARGS="--tailles 50 --tailles-pdf 50 --sans-ecrire".
bench: $(INSTALLE)
	$(PY) bench/bench.py $(ARGS)

clean:
	rm -rf site .cache .pytest_cache
