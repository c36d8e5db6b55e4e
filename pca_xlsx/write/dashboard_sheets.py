"""Consolidated workbook: the pôle dashboards' table (in ``Synthèse``), the national requirements sheet and,
in a GHT run, the ``GHT`` sheet (one row per establishment, cross-establishment interfaces)."""

from __future__ import annotations

from ..consolidate.coverage import COVERAGE_RULE
from ..consolidate.national import CAVEAT, PROGRAMME
from ..format.tables import TABLES
from .layout import Writer


def board_block(w: Writer, ws, c, row: int) -> int:
    """« Tableau de bord des pôles »: one row per pôle, then the hospital's (the pôle dashboards' figures)."""
    board = c.pole_board
    if board is None or board.empty:
        return row
    ws.write_string(
        row, 0, "Tableau de bord des pôles (le même que dans chaque tableau de bord de pôle)", w.fmt.subtitle
    )
    table = TABLES["tableau_de_bord_poles"]  # with the establishment's code in a GHT (Writer.laid_out)
    frame = board.copy()
    frame.loc[frame["pole"] == "", "pole"] = "Total"
    end = w.table(ws, row + 1, frame, table)
    ws.write_string(end - 1, 0, COVERAGE_RULE + " Plan validé : « Validé par » et « Date de validation » remplis.",
                    w.note)  # fmt: skip
    return end + 1


def national(w: Writer, c) -> None:
    """Sheet « Exigences nationales »: each rule, its status, the evidence and its source."""
    table = c.national
    if table is None or table.empty:
        return
    ws = w.sheet("Exigences nationales")
    met = int((table["status"] == "Atteinte").sum())
    row = w.heading(
        ws, 0, f"Exigences nationales : {met} sur {len(table)} atteintes",
        f"Ce que demande aux établissements de santé le {PROGRAMME}, vérifié sur les classeurs reçus : le statut, "
        f"la preuve tirée des classeurs et la source de chaque exigence. {CAVEAT}",
    )  # fmt: skip
    w.table(ws, row, table, TABLES["exigences_nationales"])


def ght(w: Writer, c) -> None:
    """Sheet « GHT » (GHT runs only): one row per establishment, then the interfaces between establishments."""
    if c.establishments is None or c.establishments.empty:
        return
    ws = w.sheet("GHT")
    n = int((c.establishments["code"] != "").sum())
    row = w.heading(
        ws, 0, f"GHT : {n} établissements",
        "Une ligne par établissement, calculée sur les mêmes lignes de service que la synthèse (les totaux "
        "s'additionnent), puis les services qui s'appuient sur un service d'un autre établissement. Chaque "
        "établissement a sa propre consolidation dans etablissements/<code>/.",
    )  # fmt: skip
    row = w.table(ws, row, c.establishments, TABLES["ght_etablissements"])
    ws.write_string(row, 0, f"Interfaces entre établissements : {len(c.cross_reliances)}", w.fmt.subtitle)
    w.table(ws, row + 1, c.cross_reliances, TABLES["ght_interfaces"])
