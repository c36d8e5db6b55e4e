"""The demo GHT's synthesis and workbooks: each figure's label says how it is computed, and the totals add up.

Expected values come from the demo's source data (scripts/demo_data), not from a run: the telecom purchases
of a GHT are the sum of each establishment's own shortfall (a surplus is not lent), the three paper figures
are three different quantities, and the pôle table's total row is the headline's gaps.
"""

from __future__ import annotations

import pytest
from docx import Document
from xlsx_tables import table_rows


def _table(path, first: list[str]) -> list[list[str]]:
    """The rows (header first) of the document's table whose header starts with ``first``; continued tables too."""
    rows = []
    for t in Document(path).tables:
        cells = [[c.text for c in r.cells] for r in t.rows]
        if cells[0][: len(first)] == first:
            rows += cells[1:] if rows else cells
    return rows


@pytest.mark.parametrize(
    ("level", "total", "outside"), [("GHT", 263, [23, 12]), ("CHUEX", 231, [23]), ("CHVM", 32, [12])]
)
def test_the_pole_tables_total_is_the_headlines_gaps(demo_run, level, total, outside) -> None:
    """228 gaps in the pôles, 35 of the DSI (« Reprise SI insuffisante », no service): the « Hors pôle » rows
    (one per establishment in the GHT) make the total row the headline's 263 (231 + 32)."""
    _, out = demo_run
    folder = out if level == "GHT" else out / "etablissements" / level
    book = folder / "consolidation" / "PCA_consolide.xlsx"
    gaps = table_rows(book, "T_Ecarts")
    assert len(gaps) == total
    dsi = [g for g in gaps if not g["Code service"]]
    assert {g["Type d'écart"] for g in dsi} == {"Reprise SI insuffisante"} and len(dsi) == sum(outside)

    board = table_rows(book, "T_Tableau_de_bord_poles")
    assert [r["Écarts"] for r in board if r["Code pôle"] == "Hors pôle"] == outside
    assert board[-1]["Code pôle"] == "Total" and board[-1]["Écarts"] == total == sum(r["Écarts"] for r in board[:-1])
    assert board[-1]["Services"] == sum(r["Services"] for r in board[:-1])

    rows = _table(folder / "documents" / "synthese_etablissement.docx", ["Code", "Pôle", "Reçus"])
    assert rows[-1][0] == "Total" and rows[-1][7] == str(total)
    assert sum(int(r[7]) for r in rows[1:-1]) == total
    assert [r[7] for r in rows if r[0] == "Hors pôle"] == [str(n) for n in outside]
    if level == "GHT":
        assert [r[1] for r in rows if r[0] == "Hors pôle"] == [
            "CHU Exemple : écarts de la DSI (reprise SI insuffisante)",
            "Centre hospitalier du Val de Meuse : écarts de la DSI (reprise SI insuffisante)",
        ]
        assert not (folder / "documents" / "poles").exists()
    else:
        assert [r[1] for r in rows if r[0] == "Hors pôle"] == ["Écarts de la DSI (reprise SI insuffisante)"]
        assert not (folder / "documents" / "poles" / "Hors pôle.docx").exists()


def test_a_pole_dashboard_compares_with_the_services_gaps_per_service(demo_run) -> None:
    """« Écarts par service » of the CHU: its 24 services' 208 gaps (231 less the DSI's 23), 8,7 per service."""
    _, out = demo_run
    doc = out / "etablissements" / "CHUEX" / "documents" / "poles" / "URGREA.docx"
    comparison = _table(doc, ["Indicateur"])
    assert [r for r in comparison if r[0] == "Écarts par service"] == [["Écarts par service", "11,5", "8,7"]]
