"""Des graphiques en barres, en SVG simple, écrits à la main (ni bibliothèque, ni CDN, ni JavaScript).

Un graphique = des groupes (un par ligne du tableau qu'il accompagne), chacun fait
de barres horizontales. Chaque barre porte son libellé et sa valeur en texte : la
couleur ne porte aucune information, et le tableau placé à côté donne les mêmes
données. Le SVG a un ``<title>`` et un ``<desc>`` ; tout texte est échappé.
"""

from __future__ import annotations

from html import escape

LARGEUR = 680
MARGE = 10
COLONNE_LIBELLES = 200  # largeur réservée aux libellés des barres
LONGUEUR_MAX = 330  # longueur de la plus grande barre
HAUTEUR_BARRE = 16
PAS = 24  # d'une barre à la suivante
COULEUR_BARRE = "#3949ab"
COULEUR_TEXTE = "#1f1f1f"


def _court(texte: str, longueur: int) -> str:
    return texte if len(texte) <= longueur else texte[: longueur - 1].rstrip() + "…"


def barres_svg(titre: str, groupes: list[tuple[str, list[tuple[str, float | None, str]]]]) -> str:
    """Le SVG d'un graphique : ``groupes`` = [(titre du groupe, [(libellé, valeur, texte de la valeur)])].

    Une valeur ``None`` ne trace pas de barre (son texte est « non renseigné »). Les
    barres d'un même graphique partagent une échelle (la plus grande valeur).
    """
    maximum = max((v for _, barres in groupes for _, v, _ in barres if v), default=0)
    morceaux, y = [], MARGE + 16
    morceaux.append(
        f'<text x="{MARGE}" y="{y}" font-weight="bold" font-size="15">{escape(_court(titre, 80))}</text>'
    )
    y += 14
    for titre_groupe, barres in groupes:
        y += 22
        morceaux.append(
            f'<text x="{MARGE}" y="{y}" font-weight="bold">{escape(_court(titre_groupe, 85))}</text>'
        )
        y += 8
        for libelle, valeur, texte in barres:
            longueur = round(LONGUEUR_MAX * valeur / maximum) if valeur and maximum else 0
            x = MARGE + COLONNE_LIBELLES
            haut = y + (PAS - HAUTEUR_BARRE) // 2
            ligne_de_base = haut + HAUTEUR_BARRE - 3
            morceaux.append(
                f'<text x="{x - 8}" y="{ligne_de_base}" text-anchor="end">{escape(_court(libelle, 28))}</text>'
            )
            if longueur:
                morceaux.append(
                    f'<rect x="{x}" y="{haut}" width="{longueur}" height="{HAUTEUR_BARRE}" fill="{COULEUR_BARRE}"/>'
                )
            morceaux.append(
                f'<text x="{x + longueur + 6}" y="{ligne_de_base}">{escape(texte if valeur is not None else "non renseigné")}</text>'
            )
            y += PAS
    hauteur = y + MARGE
    description = " ; ".join(
        f"{g} : "
        + ", ".join(f"{l} {t if v is not None else 'non renseigné'}" for l, v, t in barres)
        for g, barres in groupes
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LARGEUR} {hauteur}" width="{LARGEUR}" height="{hauteur}" '
        f'role="img" aria-labelledby="titre description" lang="fr" font-family="system-ui, sans-serif" font-size="13" fill="{COULEUR_TEXTE}">\n'
        f'<title id="titre">{escape(titre)}</title>\n<desc id="description">{escape(description)}</desc>\n'
        f'<rect width="100%" height="100%" fill="#ffffff"/>\n' + "\n".join(morceaux) + "\n</svg>\n"
    )
