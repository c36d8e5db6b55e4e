"""Pôle dashboards: each service's status, the pôle against the hospital, the same table in Synthèse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import service_content
from docx import Document
from xlsx_tables import table_rows

from pca_xlsx import pipeline
from pca_xlsx.read import read_referential
from pca_xlsx.write.template import write_service_workbook


def test_dashboard_figures_and_documents(folder: Path, tmp_path: Path) -> None:
    """conftest: REA (P1) and LABO (P2) sent 3 process rows each (Testée, Définie, À construire); PUI (P2) nothing."""
    labo = service_content("LABO")
    labo["service"].update(validated_by="Pr Anne DUBOIS", validated_on=dt.date(2026, 5, 4))
    write_service_workbook(folder / "LABO.xlsx", read_referential(folder / "referentiel.xlsx"), "LABO", labo)
    result = pipeline.run(pipeline.Options(folder, tmp_path / "out"))
    status = result.consolidation.service_status.set_index("code")
    assert status.loc["LABO", ["signed", "processes", "covered", "tested", "coverage_pct", "tested_pct"]].tolist() == [
        True, 3, 2, 1, 66.7, 33.3,
    ]  # fmt: skip
    assert status.loc["PUI", "next_step"] == "Envoyer le classeur du service à l'équipe PCA."
    assert status.loc["REA", "next_step"] == (
        "Construire la parade de la ligne de processus ni « Définie » ni « Testée »."
    )
    board = result.consolidation.pole_board.set_index("pole")
    assert board.loc["P2", ["services", "received", "signed", "processes", "covered"]].tolist() == [2, 1, 1, 3, 2]
    assert board.loc["", ["services", "received", "signed", "processes", "covered", "coverage_pct"]].tolist() == [
        3, 2, 1, 6, 4, 66.7,
    ]  # fmt: skip

    rows = table_rows(tmp_path / "out" / "consolidation" / "PCA_consolide.xlsx", "T_Tableau_de_bord_poles")
    assert [(r["Code pôle"], r["Services"], r["Plans validés"], r["Couverture (%)"]) for r in rows] == [
        ("P1", 1, 0, 66.7), ("P2", 2, 1, 66.7), ("Total", 3, 1, 66.7),
    ]  # fmt: skip

    doc = Document(tmp_path / "out" / "documents" / "poles" / "P2.docx")
    assert doc.paragraphs[1].text == "Pôle Médico-technique"
    todo = [p.text for p in doc.paragraphs if p.text.startswith("☐")]
    # the register's lines by N° (none here: LABO's vital rows are protected), workbooks to send, overdue
    # exercises and actions, plans to sign off — not a count of rows to build
    assert todo == ["☐  PUI – envoyer le classeur du service à l'équipe PCA"]
    services = next(t for t in doc.tables if t.rows[0].cells[0].text == "Code")
    assert [[c.text for c in r.cells][:5] for r in services.rows[1:]] == [
        ["LABO", "Laboratoire", "Oui", "04/05/2026 (Pr Anne DUBOIS)", "0"],
        ["PUI", "Pharmacie à usage intérieur", "Non", "Non", "—"],
    ]
    comparison = next(t for t in doc.tables if t.rows[0].cells[0].text == "Indicateur")
    assert [c.text for c in comparison.rows[0].cells] == ["Indicateur", "Pôle", "CH Test"]
    assert [c.text for c in comparison.rows[1].cells] == [
        "Classeurs reçus (% des services)",
        "50,0\u00a0%",
        "66,7\u00a0%",
    ]
    assert [c.text for c in comparison.rows[3].cells] == ["Couverture des processus", "66,7\u00a0%", "66,7\u00a0%"]


def test_the_pole_boards_hors_pole_row_makes_its_total_add_up() -> None:
    """A service of no pôle and 2 gaps of no service (the DSI's): one « Hors pôle » row after the pôles, and the
    total row the sum of every row above it."""
    from types import SimpleNamespace

    import pandas as pd

    from pca_xlsx.consolidate.poles import BOARD_COUNTS, build_pole_board

    status = pd.DataFrame(
        [
            {"code": "REA", "pole": "P1", "pole_name": "Pôle 1", "establishment": "", "gaps": 3},
            {"code": "DIR", "pole": "", "pole_name": "", "establishment": "", "gaps": 1},
        ]
    )
    for key in BOARD_COUNTS[1:]:
        status[key] = status.get(key, 1)
    ref = SimpleNamespace(
        poles=pd.DataFrame({"code": ["P1"], "name": ["Pôle 1"], "establishment": [None]}),
        establishments=pd.DataFrame({"code": [], "name": []}),
    )
    board = build_pole_board(status, ref, "CH Test", {"": 2})
    assert board[["pole", "pole_name", "services", "gaps"]].values.tolist() == [
        ["P1", "Pôle 1", 1, 3],
        ["Hors pôle", "1 service sans pôle et écarts de la DSI (reprise SI insuffisante)", 1, 3],
        ["", "CH Test", 2, 6],
    ]
