"""Consolidated workbook: the pôle dashboards' table (in ``Synthèse``), the national requirements sheet and,
in a GHT run, the ``GHT`` sheet (one row per establishment, cross-establishment interfaces)."""

from __future__ import annotations

from ..consolidate.coverage import COVERAGE_RULE
from ..consolidate.national import CAVEAT, PROGRAMME
from .layout import Writer

BOARD_KEYS = ["pole", "pole_name", "services", "received", "signed", "errors", "processes", "coverage_pct",
              "tested_pct", "vital_unprotected", "gaps", "exercised", "review_overdue"]  # fmt: skip
BOARD_HEADERS = ["Code pôle", "Pôle", "Services", "Classeurs reçus", "Plans validés", "Erreurs restantes",
                 "Lignes de processus", "Couverture (%)", "Parade testée (%)", "Processus vitaux non protégés", "Écarts", "Exercés dans la périodicité",
                 "Revues échues"]  # fmt: skip
EST_KEYS = ["code", "name", "finess", "share", "services", "received", "signed", "errors", "processes", "coverage_pct",
            "tested_pct", "vital_unprotected", "gaps", "exercised"]  # fmt: skip
EST_HEADERS = ["Code établissement", "Établissement", "FINESS", "Part de l'activité du GHT (%)", "Services",
               "Classeurs reçus", "Plans validés", "Erreurs restantes", "Lignes de processus", "Couverture (%)",
               "Parade testée (%)", "Processus vitaux non protégés", "Écarts", "Exercés dans la périodicité"]  # fmt: skip
CROSS_KEYS = ["code", "name", "establishment", "depends_on", "depends_on_name", "depends_on_establishment", "rows",
              "numbers"]  # fmt: skip
CROSS_HEADERS = ["Code service", "Service", "Établissement", "Dépend de", "Service dont il dépend",
                 "Établissement du service sollicité", "Lignes de processus", "N° des lignes"]  # fmt: skip
NATIONAL_HEADERS = ["Exigence", "Statut", "Preuve", "Source"]


def board_block(w: Writer, ws, c, row: int) -> int:
    """« Tableau de bord des pôles »: one row per pôle, then the hospital's (the pôle dashboards' figures)."""
    board = c.pole_board
    if board is None or board.empty:
        return row
    ws.write_string(
        row, 0, "Tableau de bord des pôles (le même que dans chaque tableau de bord de pôle)", w.fmt.subtitle
    )
    keys, headers = BOARD_KEYS, BOARD_HEADERS
    if len(c.establishments):
        keys, headers = ["establishment", *keys], ["Code établissement", *headers]
    frame = board.copy()
    frame.loc[frame["pole"] == "", "pole"] = "Total"
    end = w.table(ws, row + 1, frame, keys, headers, title="Tableau_de_bord_poles", widths={"pole_name": 30})
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
    w.table(ws, row, table, ["rule", "status", "evidence", "source"], NATIONAL_HEADERS, title="Exigences_nationales",
            widths={"rule": 40, "status": 12, "evidence": 70, "source": 50})  # fmt: skip


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
    row = w.table(ws, row, c.establishments, EST_KEYS, EST_HEADERS, title="GHT_etablissements")
    ws.write_string(row, 0, f"Interfaces entre établissements : {len(c.cross_reliances)}", w.fmt.subtitle)
    w.table(ws, row + 1, c.cross_reliances, CROSS_KEYS, CROSS_HEADERS, title="GHT_interfaces", repeat=True)
