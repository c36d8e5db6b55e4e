"""The referent's return loop in words: what to do, whom to send the workbook to, by when.

One text for the annotated copy's ``Corrections`` sheet and the template's ``Lisez-moi`` sheet,
taken from the referential's ``Établissement`` rows (PCA team contact, return deadline).
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def _filled(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def send_to(establishment: dict[str, Any]) -> str:
    """« À qui renvoyer » : the PCA team's contact, phone and e-mail, as known."""
    parts = [_filled(establishment.get(k)) for k in ("pca_contact", "pca_phone", "pca_email")]
    parts = [p for p in parts if p]
    return " – ".join(parts) if parts else "l'équipe PCA de l'établissement"


def deadline(establishment: dict[str, Any]) -> str:
    """The return deadline as jj/mm/aaaa, or "" when the referential gives none."""
    return _filled(establishment.get("return_deadline"))


def loop_lines(establishment: dict[str, Any]) -> list[str]:
    """How the loop works, for the ``Lisez-moi`` sheet."""
    when = deadline(establishment)
    return [
        "Remplissez les feuilles, enregistrez le classeur au format .xlsx (ou .ods) et renvoyez-le à : "
        f"{send_to(establishment)}" + (f", avant le {when}." if when else "."),
        "L'équipe PCA vous retourne une copie annotée : les cellules à corriger sont en rouge (erreur) ou en "
        "jaune (à vérifier), avec un commentaire, et la feuille « Corrections » les liste.",
        "Corrigez directement dans cette copie annotée et renvoyez-la : les couleurs, commentaires et la feuille "
        "« Corrections » de l'outil sont retirés automatiquement à chaque passage ; votre mise en forme est gardée.",
        "Quand il ne reste rien à corriger, la copie revient marquée « Classeur sans erreur ».",
        "Pour ajouter des lignes, écrivez simplement sous la dernière ligne remplie d'un tableau (sans insérer de "
        "ligne au-dessus de l'en-tête) ; ne renommez pas les feuilles et n'ajoutez pas de colonne : ce qui est "
        "hors du modèle n'est pas repris.",
    ]


def corrections_lines(establishment: dict[str, Any], errors: int, warnings: int) -> tuple[str, list[str]]:
    """(title, lines) heading the ``Corrections`` sheet of an annotated copy."""
    when = deadline(establishment)
    by = f" avant le {when}" if when else ""
    who = f"Renvoyez-le à : {send_to(establishment)}{by}."
    if errors:
        title = f"Corrections à apporter : {errors} erreur(s), {warnings} point(s) à vérifier"
        first = (
            "Que faire : corrigez chaque cellule en rouge directement dans ce classeur (un clic sur la cellule "
            "de la colonne « Cellule » y conduit), vérifiez les cellules en jaune, enregistrez."
        )
    else:
        title = "Classeur sans erreur : aucune correction restante"
        first = (
            "Il n'y a plus rien à corriger."
            + (f" {warnings} point(s) en jaune restent à vérifier." if warnings else "")
            + " Gardez ce classeur : c'est votre version à jour du PCA du service."
        )
        who = f"Pour toute modification ultérieure, renvoyez-le à : {send_to(establishment)}."
    note = (
        "Les couleurs, commentaires et cette feuille sont retirés automatiquement au prochain passage ; "
        "ne les effacez pas vous-même."
    )
    return title, [first, who, note]
