"""The « Reprise SI » sheet of the consolidated workbook: the IT restart order, tier by tier."""

from __future__ import annotations

from ..consolidate.recovery import INSUFFICIENT, TIERS, TO_FILL
from ..core.values import xml_safe
from ..format.tables import TABLES
from .layout import Writer

SHEET = "Reprise SI"


def recovery(w: Writer, c) -> None:
    """Key figures, the order (one row per resource), then whom to warn when each comes back."""
    ws = w.sheet(SHEET)
    table = c.recovery
    note = " ".join([c.recovery_rule, *c.recovery_notes])
    row = w.heading(ws, 0, "Reprise SI : ordre de redémarrage des applications", note)
    tiers = table["tier"].value_counts() if len(table) else {}
    short = int((table["verdict"] == INSUFFICIENT).sum()) if len(table) else 0
    to_fill = int((table["to_fill"] != "").sum()) if len(table) else 0
    lines = [(label, int(tiers.get(label, 0))) for label in TIERS.values()]
    lines += [(f"Ressources en « {INSUFFICIENT} »", short), (f"Ressources aux garanties {TO_FILL}", to_fill)]
    for text, value in lines:
        ws.merge_range(row, 0, row, 2, xml_safe(text), w.fmt.label)
        ws.write_number(row, 3, value, w.big)
        row += 1
    row += 1
    spec = TABLES["reprise_si"]
    end = w.table(ws, row, table, spec)
    if len(table):
        col = spec.index("verdict")
        area = (row + 1, col, row + len(table), col)
        ws.conditional_format(*area, {"type": "cell", "criteria": "==", "value": f'"{INSUFFICIENT}"', "format": w.red})
        ws.conditional_format(*area, {"type": "text", "criteria": "containing", "value": TO_FILL, "format": w.orange})
    ws.freeze_panes(row + 1, 3)
    ws.write_string(end, 0, "À prévenir au retour de chaque application : ressaisie des parades sur papier",
                    w.fmt.subtitle)  # fmt: skip
    w.table(ws, end + 1, c.recovery_returns, TABLES["reprise_si_retours"])
