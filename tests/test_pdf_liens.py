"""Le PDF imprimé sur un ordinateur de l'équipe ne garde aucun lien vers le serveur local d'impression."""

import re
import zlib
from pathlib import Path

import pytest

from outils import FIXTURE, construire, copier_centre, dans_un_autre_fil

pytestmark = pytest.mark.navigateur


def textes_du_pdf(pdf: Path) -> bytes:
    """Le PDF avec ses flux décompressés (les annotations de liens peuvent y être rangées)."""
    brut = pdf.read_bytes()
    morceaux = [brut]
    for flux in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", brut, re.S):
        try:
            morceaux.append(zlib.decompress(flux.group(1)))
        except zlib.error:
            pass
    return b"\n".join(morceaux)


@pytest.mark.parametrize(
    "adresse", ["", "https://tilleuls.example.org/"], ids=["sans-adresse", "adresse-publique"]
)
def test_liens_du_pdf(tmp_path, adresse, monkeypatch, request):
    from projet_social.pdf import imprimer

    monkeypatch.delenv("SITE_URL", raising=False)
    if adresse:
        centre = copier_centre(FIXTURE, tmp_path / "centre")
        with (centre / "mkdocs.yml").open("a", encoding="utf-8") as flux:
            flux.write(f"site_url: {adresse}\n")
        resultat = construire(centre, tmp_path / "site")
        assert resultat.returncode == 0, resultat.stderr
        site = tmp_path / "site"
    else:
        # Sans adresse publique (ni site_url ni SITE_URL) : le site du centre de test, construit une
        # fois pour la session (conftest.py, code de retour 0 vérifié) ; l'impression ne l'écrit pas.
        site = request.getfixturevalue("site_mini")
    pdf = tmp_path / "projet-social.pdf"
    dans_un_autre_fil(imprimer, site, pdf)  # son propre Playwright : voir outils.dans_un_autre_fil
    contenu = textes_du_pdf(pdf)
    assert b"127.0.0.1" not in contenu and b"localhost" not in contenu
    if adresse:
        assert b"https://tilleuls.example.org/fiches/a-01/" in contenu
