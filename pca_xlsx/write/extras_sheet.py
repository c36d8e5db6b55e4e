"""The « Compléments » sheet: what the workbooks hold outside the format (extra columns and lines)."""

from __future__ import annotations

from ..consolidate.extras import EXTRA_COLUMNS, EXTRA_HEADERS

SHEET = "Compléments"


def complements(w, c) -> None:
    """Written only when some workbook holds such content."""
    extras = getattr(c, "extras", None)
    if extras is None or extras.empty:
        return
    ws = w.sheet(SHEET)
    row = w.heading(
        ws, 0, "Compléments : contenu hors modèle, gardé tel quel",
        f"{len(extras)} cellule(s) remplie(s) dans des colonnes ou des lignes qui ne font pas partie du modèle. "
        "Elles ne sont pas exploitées (figures, documents) : chaque classeur concerné a un avertissement qui les "
        "nomme dans le rapport de validation.",
    )  # fmt: skip
    w.table(ws, row, extras, EXTRA_COLUMNS, EXTRA_HEADERS, title="Complements", repeat=True)
    ws.freeze_panes(row + 1, 0)
