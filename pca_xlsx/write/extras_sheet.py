"""The « Compléments » sheet: what the workbooks hold outside the format (extra columns and lines)."""

from __future__ import annotations

from ..core.words import counted
from ..format.tables import TABLES


def complements(w, c) -> None:
    """Written only when some workbook holds such content."""
    extras = getattr(c, "extras", None)
    if extras is None or extras.empty:
        return
    spec = TABLES["complements"]
    ws = w.sheet(spec.sheet)
    row = w.heading(
        ws, 0, spec.title,
        f"{counted(len(extras), 'cellule remplie', 'cellules remplies')} dans des colonnes ou des lignes qui ne font "
        "pas partie du modèle, gardées ici sans être exploitées (figures, documents) : chaque classeur concerné a "
        "un avertissement qui les nomme dans le rapport de validation.",
    )  # fmt: skip
    w.table(ws, row, extras, spec)
    ws.freeze_panes(row + 1, 0)
