"""Sur un téléphone (360 × 640 px), chaque page de fiche donne un numéro à toucher dans ses deux
premiers écrans : un lien ``tel:`` dont le haut est à moins de 1 280 px du haut de la page, d'au
moins 24 × 24 px (WCAG 2.2, 2.5.8).

Dans Chromium headless (variable CHROMIUM, par défaut projet_social.navigateur.chromium() ;
absent en local : tests sautés ; absent en CI : échec), sur les centres de test, jamais sur le contenu du dépôt (la même
règle, sans navigateur, est dans scripts/controler_contenu.py pour le contenu du dépôt) :

- les deux centres de test tels quels (sites partagés de la session) ;
- une copie du second où les fiches disent beaucoup avant « Qui appeler » (titre long, plusieurs
  lieux, horaires de chaque jour, longue inscription en plusieurs paragraphes, en bref), et une
  fiche qui ne donne qu'un courriel.
"""

import re
from pathlib import Path

import pytest
import yaml

from outils import (
    FIXTURE,
    FIXTURE_TROIS_NIVEAUX,
    construire,
    controle_du_contenu,
    copier_centre_avec_menu,
)


LARGEUR, HAUTEUR = 360, 640
ECRANS = 2
CIBLE = 24  # px, WCAG 2.2 (2.5.8, taille minimale des cibles)

controle = controle_du_contenu()

# Les liens tel: visibles de l'article : position dans la page (pas dans la fenêtre) et taille.
LIENS_TEL = """() => [...document.querySelectorAll('article a[href^="tel:"]')]
  .map(a => { const r = a.getBoundingClientRect();
              return {href: a.getAttribute('href'), texte: a.textContent.trim(),
                      haut: r.top + window.scrollY, largeur: r.width, hauteur: r.height}; })
  .filter(l => l.largeur > 0 && l.hauteur > 0)"""


def pages_de_fiches(site: Path) -> list[str]:
    """Les adresses (fiches/1-01/) de toutes les pages de fiches du site construit."""
    return sorted(
        p.parent.relative_to(site).as_posix() + "/" for p in site.glob("fiches/*/index.html")
    )


@pytest.fixture
def telephone(request):
    navigateur = request.getfixturevalue("navigateur")
    contexte = navigateur.new_context(
        locale="fr-FR",
        viewport={"width": LARGEUR, "height": HAUTEUR},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = contexte.new_page()
    yield page
    contexte.close()


def numeros_trop_loin(page, adresse: str, chemins: list[str]) -> list[str]:
    """Les pages de ``chemins`` sans numéro à toucher dans leurs deux premiers écrans (un constat
    en français par page) ; chaque constat dit ce qui a été trouvé."""
    constats = []
    for chemin in chemins:
        page.goto(adresse + chemin)
        liens = page.evaluate(LIENS_TEL)
        bons = [
            l
            for l in liens
            if l["haut"] < ECRANS * HAUTEUR and l["largeur"] >= CIBLE and l["hauteur"] >= CIBLE
        ]
        if not bons:
            trouves = ", ".join(
                f"{l['texte']} à {l['haut']:.0f} px ({l['largeur']:.0f} × {l['hauteur']:.0f} px)"
                for l in liens[:3]
            )
            constats.append(
                f"/{chemin} : aucun numéro (lien tel:) de {CIBLE} × {CIBLE} px au moins avant {ECRANS * HAUTEUR} px"
                f" ; trouvés : {trouves or 'aucun'}"
            )
    return constats


@pytest.mark.navigateur
def test_chaque_fiche_du_centre_mini(telephone, site_mini, adresse_de):
    chemins = pages_de_fiches(site_mini)
    assert len(chemins) == 2
    assert numeros_trop_loin(telephone, adresse_de(site_mini), chemins) == []


@pytest.mark.navigateur
def test_chaque_fiche_du_centre_a_trois_niveaux(telephone, site_trois_niveaux, adresse_de):
    chemins = pages_de_fiches(site_trois_niveaux)
    assert len(chemins) == 5
    assert numeros_trop_loin(telephone, adresse_de(site_trois_niveaux), chemins) == []


# -- Des fiches qui disent beaucoup avant « Qui appeler » ------------------------------------------

INSCRIPTION = "\n\n".join(
    [
        "Inscription à l'accueil du centre social, avec un justificatif de domicile, l'attestation de quotient "
        "familial et le carnet de santé de l'enfant ; les places sont limitées : une liste d'attente est tenue, "
        "par ordre d'arrivée, et les familles sont rappelées dès qu'une place se libère."
    ]
    * 4
)
BAVARDE = {
    "en_bref": "Un accompagnement pour les familles, toute l'année, dans les deux maisons de quartier du centre social.",
    "horaires": "Mo 09:00-12:00,14:00-17:30; Tu 09:00-12:00; We 09:00-12:00,13:30-18:00; Th 14:00-17:30; Fr 09:00-12:00,14:00-16:00; Sa 10:00-12:00",
    "inscription": INSCRIPTION,
}


def modifier_l_en_tete(fichier: Path, **champs) -> None:
    """Réécrit l'en-tête YAML d'une fiche avec ``champs`` en plus (le corps est gardé)."""
    _, en_tete, corps = fichier.read_text(encoding="utf-8").split("---\n", 2)
    donnees = {**yaml.safe_load(en_tete), **champs}
    fichier.write_text(
        "---\n"
        + yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False, width=1000)
        + "---\n"
        + corps,
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def site_bavard(tmp_path_factory):
    """Le second centre de test, ses fiches rallongées avant « Qui appeler » (titre long, tous les lieux,
    horaires de chaque jour, en bref, inscription en quatre paragraphes) ; la première ne donne qu'un
    courriel, la deuxième un téléphone et un courriel, les autres rien (l'accueil du centre répond)."""
    centre = copier_centre_avec_menu(
        FIXTURE_TROIS_NIVEAUX, tmp_path_factory.mktemp("bavard") / "centre"
    )
    lieux = [
        lieu["id"]
        for lieu in yaml.safe_load((centre / "data/lieux.yml").read_text(encoding="utf-8"))
    ]
    for i, fiche in enumerate(sorted((centre / "docs/fiches").glob("*.md"))):
        titre = yaml.safe_load(fiche.read_text(encoding="utf-8").split("---\n", 2)[1])["titre"]
        contact = [
            {"courriel": "famille@exemple.fr"},
            {"telephone": "01 99 00 00 09", "courriel": "famille@exemple.fr"},
        ]
        modifier_l_en_tete(
            fiche,
            **BAVARDE,
            titre=f"{titre}, avec les familles, les habitants et les partenaires du quartier",
            lieux=lieux,
            **({"contact": contact[i]} if i < len(contact) else {}),
        )
    site = tmp_path_factory.mktemp("site-bavard") / "site"
    resultat = construire(centre, site)
    assert resultat.returncode == 0, resultat.stderr
    return centre, site


@pytest.mark.navigateur
def test_chaque_fiche_bavarde(telephone, site_bavard, adresse_de):
    _, site = site_bavard
    chemins = pages_de_fiches(site)
    assert len(chemins) == 5
    assert numeros_trop_loin(telephone, adresse_de(site), chemins) == []


# -- La même règle sans navigateur : scripts/controler_contenu.py (contenu du dépôt) --------------


def test_controle_du_contenu_numero_avant_les_partenaires(
    centre_trois_niveaux, site_trois_niveaux, site_bavard
):
    assert controle.controler_telephones(centre_trois_niveaux, site_trois_niveaux) == []
    assert controle.controler_telephones(*site_bavard) == []


def test_controle_du_contenu_signale_une_fiche_sans_numero(tmp_path, site_mini):
    # La page d'une fiche sans lien tel: avant « Pour les partenaires » (l'accueil sans téléphone).
    site = tmp_path / "site"
    (site / "fiches/a-01").mkdir(parents=True)
    page = (site_mini / "fiches/a-01/index.html").read_text(encoding="utf-8")
    debut = page.index('id="comment-en-profiter"')
    fin = page.index('id="pour-les-partenaires"')
    sans = page[:debut] + re.sub(r'href="tel:[^"]*"', 'href="#"', page[debut:fin]) + page[fin:]
    (site / "fiches/a-01/index.html").write_text(sans, encoding="utf-8")
    constats = controle.controler_telephones(FIXTURE, site)
    assert [c.fichier for c in constats] == ["docs/fiches/a-01.md"]
    assert (
        "aucun numéro à toucher" in constats[0].message and "data/centre.yml" in constats[0].message
    )
