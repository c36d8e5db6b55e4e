"""The reconciliation block of « Contrôle »: every total against its establishments' and pôles' sums."""

from __future__ import annotations

from ..consolidate.reconcile import MISMATCH, all_ok, note
from ..format.tables import TABLES


def reconciliation(w, ws, c, top: int) -> int:
    """Write the block at row ``top`` (title, note, table); return the next free row."""
    table = getattr(c, "reconciliation", None)
    if table is None or table.empty:
        return top
    verdict = "tous les chiffres s'additionnent" if all_ok(table) else f"une ligne au moins « {MISMATCH} »"
    row = w.heading(ws, top, f"Les niveaux s'additionnent : {verdict}", note(c))
    return w.table(ws, row, table, TABLES["controle_niveaux"])
