"""Sécurité : ce que make check refuse (en français, fichier nommé), et ce que la construction neutralise.

Chaque test reprend une attaque essayée sur le site : en-tête lu autrement par
MkDocs, extensions de pages non vérifiées, fichiers que docs/ publierait (script,
SVG, lien symbolique, faux PNG), adresses prises deux fois (y compris à la casse
ou aux accents près), dépôt et branche piégés, image distante.
"""

import unicodedata

import pytest
from bs4 import BeautifulSoup

from outils import bloquantes as erreurs
from outils import construire, copier_centre, remplacer, seule
from projet_social.erreurs import rapport

CHARGE = "{{ lipsum.__globals__['os'].popen('touch TEMOIN').read() }}"


# -- 1. Aucun texte des équipes n'atteint un moteur de gabarits ------------------------


def test_en_tete_vide_suivi_d_un_second_en_tete(centre):
    # MkDocs lit « ---\n---\nrender_macros: true\n---» comme un en-tête : make check aussi.
    (centre / "docs/x.md").write_text("---\n---\nrender_macros: true\n---\n# X\n", encoding="utf-8")
    e = seule(centre)
    assert e.fichier == "docs/x.md" and e.ligne == 3 and "render_macros" in e.champ


def test_en_tete_multimarkdown_refuse(centre):
    (centre / "docs/x.md").write_text("render_macros: true\ntitle: X\n\n# X\n", encoding="utf-8")
    e = seule(centre)
    assert (
        e.fichier == "docs/x.md"
        and e.ligne == 1
        and "champ d'en-tête" in e.message
        and "ligne vide" in e.attendu
    )


@pytest.mark.parametrize("extension", [".markdown", ".mdown", ".mkd", ".mkdn", ".MD"])
def test_autres_extensions_de_pages_refusees(centre, extension):
    (centre / f"docs/x{extension}").write_text(
        "---\nrender_macros: true\n---\n{{ 7*7 }}\n", encoding="utf-8"
    )
    e = seule(centre)
    assert e.fichier == f"docs/x{extension}" and "« .md »" in e.attendu


def test_gabarits_et_titres_jamais_evalues(tmp_path):
    """Titre de nœud, nom de niveau, code, page rédigée : le texte s'affiche, rien ne s'exécute."""
    from outils import FIXTURE

    temoin = tmp_path / "temoin"
    charge = CHARGE.replace("TEMOIN", str(temoin))
    centre = copier_centre(FIXTURE, tmp_path / "centre")
    remplacer(
        centre / "data/arbre.yml",
        "titre: Vivre ensemble au quartier",
        f'titre: "Favoriser {charge}"',
    )
    remplacer(
        centre / "data/arbre.yml",
        "nom: Domaine",
        "nom: \"Domaine {{ '%c'|format(60) }}img src=x onerror=alert(1)>\"",
    )
    remplacer(centre / "data/arbre.yml", "code: A\n", 'code: "A{{ 7*7 }}"\n')
    (centre / "docs/quartier.md").write_text(f"# Quartier\n\n{charge}\n", encoding="utf-8")
    resultat = construire(centre, tmp_path / "site")
    assert resultat.returncode == 0, resultat.stderr
    assert not temoin.exists()
    page = BeautifulSoup(
        (tmp_path / "site/arbre/domaine-a/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "Favoriser {{ lipsum" in page.select_one("article h1").get_text()
    assert "A{{ 7*7 }}" in page.select_one("article h1").get_text()
    for chemin in (tmp_path / "site").rglob("*.html"):
        soupe = BeautifulSoup(chemin.read_text(encoding="utf-8"), "html.parser")
        assert soupe.find("img", src="x") is None, chemin
        assert "Favoriser root" not in soupe.get_text(), chemin


def test_le_moteur_de_gabarits_est_isole():
    from jinja2.exceptions import SecurityError

    from projet_social import rendu

    env = rendu._environnement()
    with pytest.raises(SecurityError):
        env.from_string("{{ lipsum.__globals__['os'].popen('id').read() }}").render()


# -- 3. Ce que docs/ publie ----------------------------------------------------------


@pytest.mark.parametrize(
    "nom, contenu, attendu",
    [
        ("x.html", b"<script>alert(1)</script>", "n'est pas publié"),
        ("assets/filtres.js", b"alert(1)", "n'est pas publié"),
        ("images/logo.svg", b'<svg onload="alert(1)"/>', "SVG"),
        ("fiches/2-21", b"---\ncode: 2-21\n---\n", "sans extension"),
        ("images/faux.png", b"<html><script>alert(1)</script>", "n'est pas une image PNG"),
    ],
)
def test_sortes_de_fichiers_refusees(centre, nom, contenu, attendu):
    chemin = centre / "docs" / nom
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_bytes(contenu)
    e = seule(centre)
    assert e.fichier == f"docs/{nom}" and attendu in e.message


def test_image_et_pdf_permis(centre):
    (centre / "docs/images").mkdir()
    (centre / "docs/images/photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (centre / "docs/compte-rendu.pdf").write_bytes(b"%PDF-1.7\n")
    assert erreurs(centre) == []


def test_fichier_trop_lourd(centre):
    (centre / "docs/lourd.jpg").write_bytes(b"\xff\xd8\xff" + b"\0" * 5_000_001)
    e = seule(centre)
    assert e.fichier == "docs/lourd.jpg" and "Mo" in e.message and "5 Mo au plus" in e.attendu


def test_lien_symbolique_vers_un_fichier_refuse(centre):
    (centre / "docs/config.txt").symlink_to(centre / "data/centre.yml")
    (centre / "docs/machine.md").symlink_to("/etc/hostname")
    liste = erreurs(centre)
    assert {e.fichier for e in liste} == {"docs/config.txt", "docs/machine.md"}, rapport(liste)
    assert all("lien symbolique" in e.message for e in liste)


def test_lien_symbolique_vers_un_dossier_refuse(centre, tmp_path):
    (tmp_path / "ailleurs").mkdir()
    (tmp_path / "ailleurs/secret.md").write_text("# Secret\n", encoding="utf-8")
    (centre / "docs/partage").symlink_to(tmp_path / "ailleurs", target_is_directory=True)
    e = seule(centre)
    assert e.fichier == "docs/partage" and "lien symbolique" in e.message


def test_fichiers_caches_ignores_comme_par_mkdocs(centre):
    (centre / "docs/.DS_Store").write_bytes(b"\0\1")
    assert erreurs(centre) == []


def test_la_construction_s_arrete_sur_un_fichier_refuse(tmp_path):
    from outils import FIXTURE

    centre = copier_centre(FIXTURE, tmp_path / "centre")
    (centre / "docs/x.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    resultat = construire(centre, tmp_path / "site")
    assert resultat.returncode != 0 and "docs/x.html" in resultat.stdout + resultat.stderr
    assert not (tmp_path / "site/x.html").exists()


# -- 4. Une adresse, une source --------------------------------------------------------


def test_acteur_nomme_index(centre):
    remplacer(centre / "data/acteurs.yml", "- id: ecole-des-tilleuls", "- id: index")
    for fiche in (centre / "docs/fiches").glob("*.md"):
        fiche.write_text(
            fiche.read_text(encoding="utf-8").replace("ecole-des-tilleuls", "index"),
            encoding="utf-8",
        )
    e = seule(centre)
    assert (
        e.fichier == "data/acteurs.yml"
        and "« acteur » pour « index »" in e.message
        and "acteurs/index.html" in e.message
    )
    assert "page produite « acteurs »" in e.message


def test_noeud_nomme_index(centre):
    texte = (centre / "data/arbre.yml").read_text(encoding="utf-8").replace("domaine-a", "index")
    (centre / "data/arbre.yml").write_text(texte, encoding="utf-8")
    for fiche in (centre / "docs/fiches").glob("*.md"):
        fiche.write_text(
            fiche.read_text(encoding="utf-8").replace("domaine-a", "index"), encoding="utf-8"
        )
    e = seule(centre)
    assert e.fichier == "data/arbre.yml" and "arbre/index.html" in e.message


@pytest.mark.parametrize(
    "chemin",
    ["lieux.md", "glossaire/index.md", "glossaire/README.md", "donnees/x.md", "assets/logo.png"],
)
def test_page_redigee_sur_une_adresse_produite_ou_reservee(centre, chemin):
    (centre / "docs" / chemin).parent.mkdir(parents=True, exist_ok=True)
    if chemin.endswith(".png"):
        (centre / "docs" / chemin).write_bytes(b"\x89PNG\r\n\x1a\n")
    else:
        (centre / "docs" / chemin).write_text("# Page\n", encoding="utf-8")
    e = seule(centre)
    assert e.fichier == f"docs/{chemin}" and (
        "produite par le site" in e.message or "réservée" in e.message
    )


def test_deux_fiches_a_la_casse_pres(centre):
    fiche = (centre / "docs/fiches/a-01.md").read_text(encoding="utf-8")
    (centre / "docs/fiches/A-01.md").write_text(
        fiche.replace("code: A-01", "code: A-09"), encoding="utf-8"
    )
    liste = erreurs(centre)
    assert len(liste) == 1, rapport(liste)
    assert {"docs/fiches/A-01.md", "docs/fiches/a-01.md"} <= {
        liste[0].fichier,
        *[m for m in ("docs/fiches/A-01.md", "docs/fiches/a-01.md") if m in liste[0].message],
    }
    assert "casse" in liste[0].message


def test_deux_pages_aux_accents_pres(centre):
    nfc, nfd = unicodedata.normalize("NFC", "fête.md"), unicodedata.normalize("NFD", "fête.md")
    (centre / "docs" / nfc).write_text("# Fête\n", encoding="utf-8")
    (centre / "docs" / nfd).write_text("# Fête bis\n", encoding="utf-8")
    e = seule(centre)
    assert "accents" in e.message


def test_deux_pages_a_la_casse_pres(centre):
    (centre / "docs/Contacts.md").write_text("# Contacts\n", encoding="utf-8")
    (centre / "docs/contacts.md").write_text("# contacts\n", encoding="utf-8")
    e = seule(centre)
    assert "docs/Contacts.md" in (e.fichier + e.message) and "docs/contacts.md" in (
        e.fichier + e.message
    )


# -- 2. Valeurs de data/ dans des adresses ------------------------------------------------


@pytest.mark.parametrize(
    "champ, valeur",
    [
        ("depot", '"javascript:alert(1)//github.com/a/b"'),
        ("depot", '"https://github.com/a/b\\" onmouseover=\\"alert(1)"'),
        ("branche", '"main\\" onclick=\\"alert(1)"'),
        ("branche", '"main/../../x y"'),
    ],
)
def test_depot_et_branche_valides_par_motif(centre, champ, valeur):
    with (centre / "data/centre.yml").open("a", encoding="utf-8") as flux:
        if champ == "depot":
            texte = (
                (centre / "data/centre.yml")
                .read_text(encoding="utf-8")
                .replace("depot: https://github.com/exemple/tilleuls", f"depot: {valeur}")
            )
            (centre / "data/centre.yml").write_text(texte, encoding="utf-8")
        else:
            flux.write(f"branche: {valeur}\n")
    e = seule(centre)
    assert e.fichier == "data/centre.yml" and e.champ == champ and "forme attendue" in e.message


# -- 7. Rien n'est demandé à un autre site ------------------------------------------------


def test_image_distante_refusee(centre):
    with (centre / "docs/quartier.md").open("a", encoding="utf-8") as flux:
        flux.write("\n![pixel](https://traceur.example/pixel.gif)\n")
    e = seule(centre)
    assert e.fichier == "docs/quartier.md" and e.ligne == len(
        (centre / "docs/quartier.md").read_text(encoding="utf-8").splitlines()
    )
    assert "autre site" in e.message and "docs/" in e.attendu


def test_image_distante_refusee_dans_un_champ(centre):
    remplacer(
        centre / "docs/fiches/b-01.md",
        "contexte: Les parents demandent un soutien pour les devoirs.",
        "contexte: Voir ![x](//traceur.example/p.gif) ici.",
    )
    e = seule(centre)
    assert e.fichier == "docs/fiches/b-01.md" and e.champ == "contexte"


def test_assainisseur_retire_ping_et_image_distante():
    from projet_social.assainir import assainir

    sortie = assainir(
        '<p><a href="https://a.fr" ping="https://t.example">a</a><img src="https://t.example/p.gif" alt="p">'
        '<a href="java&#x09;script:alert(1)">b</a><a href="javascript&colon;alert(1)">c</a></p>'
    )
    assert "ping" not in sortie and "t.example/p.gif" not in sortie and 'alt="p"' in sortie
    assert "script:" not in sortie.replace("&#x09;", "")


def test_image_distante_dans_du_code_permise(centre):
    with (centre / "docs/quartier.md").open("a", encoding="utf-8") as flux:
        flux.write(
            "\nÉcrivez `![pixel](https://exemple.fr/p.gif)` :\n\n```\n![x](https://exemple.fr/x.png)\n```\n"
        )
    assert erreurs(centre) == []


# -- 5. Temps borné ------------------------------------------------------------------------


def test_corps_de_fiche_pathologique_refuse_vite(centre):
    import time

    fiche = centre / "docs/fiches/b-01.md"
    fiche.write_text(
        fiche.read_text(encoding="utf-8") + "\n" + "[a](" * 20_000 + "\n", encoding="utf-8"
    )
    debut = time.perf_counter()
    e = seule(centre)
    assert time.perf_counter() - debut < 2
    assert e.fichier == "docs/fiches/b-01.md" and e.ligne is not None


def test_page_redigee_pathologique_refusee(centre):
    (centre / "docs/quartier.md").write_text(
        "# Quartier\n\n" + "[" * 30_000 + "\n", encoding="utf-8"
    )
    e = seule(centre)
    assert e.fichier == "docs/quartier.md" and e.ligne == 1


def test_texte_trop_long_pour_son_champ(centre):
    remplacer(
        centre / "data/centre.yml",
        "depot: https://github.com/exemple/tilleuls",
        "signalement: " + "a" * 300 + "@exemple.fr\ndepot: https://github.com/exemple/tilleuls",
    )
    e = seule(centre)
    assert (
        e.champ == "signalement"
        and "trop long (311 caractères)" in e.message
        and "254 caractères au plus" in e.attendu
    )


@pytest.mark.parametrize("url_document", ["projet-social-complet/", "projet-social-complet.html"])
def test_un_chemin_reecrit_par_le_document_complet_ne_devient_pas_une_adresse_de_script(
    url_document,
):
    """« ../javascript:alert(1) » est un chemin (accepté par markdown_sur) ; ramené à la racine du
    site par le document complet (aperçu hors ligne), il ne doit pas devenir « javascript:alert(1) »."""
    from urllib.parse import urlsplit

    from projet_social.assemblage import Assembleur

    for adresse in (
        "../javascript:alert(1)",
        "../../javascript:alert(1)",
        "../JavaScript:alert(1)",
    ):
        lien = Assembleur({}, url_document).lien(adresse, "fiches/a-01.html")
        assert urlsplit(lien).scheme == "", lien
