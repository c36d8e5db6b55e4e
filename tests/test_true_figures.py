"""True figures on crafted data: coverage, telecom needs against stock, gaps counted once and worst
first, the action plan, and the same headline in the CLI line, the Synthèse sheet and the Word synthesis."""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import REFERENTIAL, service_content
from docx import Document

from pca_xlsx import pipeline
from pca_xlsx.cli import cli
from pca_xlsx.consolidate import build_consolidation, figures
from pca_xlsx.consolidate.gaps import (
    FAILED_EXERCISE,
    NO_EXERCISE,
    NO_WORKAROUND,
    STALE_REVIEW,
    TO_BUILD,
    VITAL_UNTESTED,
)
from pca_xlsx.documents.context import Sources, summary_context
from pca_xlsx.documents.decisions import NOT_READY, decisions_context
from pca_xlsx.format import add_months
from pca_xlsx.read import read_referential
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook

TODAY = dt.date.today()
STOCK = [
    {"means": "Téléphone mobile", "stock": 3, "unit_cost": 200},
    {"means": "Radio", "stock": 5, "unit_cost": 400},
]


def hospital(root: Path, rea: dict, labo: dict | None = None, stock: list | None = None) -> Path:
    """A workbooks folder: the small referential (with ``stock`` as « Moyens de secours »), REA and LABO."""
    folder = root / "workbooks"
    folder.mkdir()
    content = copy.deepcopy(REFERENTIAL)
    if stock is not None:
        content["moyens_secours"] = stock
    write_referential(folder / "referentiel.xlsx", content)
    ref = read_referential(folder / "referentiel.xlsx")
    write_service_workbook(folder / "REA.xlsx", ref, "REA", rea)
    write_service_workbook(folder / "LABO.xlsx", ref, "LABO", labo or service_content("LABO"))
    return folder


def consolidate(folder: Path):
    result = pipeline.validate(pipeline.Options(folder, folder.parent / "out"), write=False)
    return result, build_consolidation(result, compare=False, today=TODAY)


def to_build_row(number: int, criticality: str = "Majeure") -> dict:
    return {"number": number, "process": "Suivi des entrées", "criticality": criticality, "resource": "DPI",
            "workaround": "Tableau blanc", "status": "À construire"}  # fmt: skip


def test_coverage_counts_only_workarounds_defined_or_tested(tmp_path: Path) -> None:
    rea = service_content("REA")  # rows: Testée, Définie, no workaround « À construire »
    rea["processus"].append(to_build_row(4))  # written but « À construire »: not coverage
    _, c = consolidate(hospital(tmp_path, rea))
    h = c.headline
    # REA 4 rows (Testée, Définie, none, à construire) + LABO 3 rows (Testée, Définie, none)
    assert (h.processes, h.covered_rows, h.tested_rows, h.coverage, h.tested) == (7, 4, 2, 57.1, 28.6)
    synthesis = c.synthesis.set_index("code")
    assert (synthesis.loc["REA", "with_workaround_pct"], synthesis.loc["LABO", "with_workaround_pct"]) == (50.0, 66.7)
    assert c.poles.set_index("pole").loc["P1", "with_workaround_pct"] == 50.0  # REA's pôle
    every = c.scenario_summary.set_index("scenario").loc["Cyberattaque généralisée"]
    assert (every["hit"], every["no_workaround"], every["to_build"], every["untested"]) == (7, 2, 1, 2)
    assert c.gap_counts[TO_BUILD] == 1 and c.gap_counts[NO_WORKAROUND] == 2


def test_stock_is_subtracted_from_needs_and_costed(tmp_path: Path) -> None:
    rea = service_content("REA")  # 2 mobiles
    rea["telecom"].append({"means": "Radio", "quantity": 1, "usage": "Brancardage"})
    labo = service_content("LABO")  # 2 mobiles
    labo["telecom"].append({"means": "Téléphone satellite", "quantity": 1, "usage": "Biologiste"})
    _, c = consolidate(hospital(tmp_path, rea, labo, STOCK))
    budget = c.procurement["telecom_budget"].set_index("means")
    assert budget.loc["Téléphone mobile", ["needed", "held", "to_buy", "cost"]].tolist() == [4, 3, 1, 200]
    assert budget.loc["Radio", ["needed", "held", "to_buy", "cost"]].tolist() == [1, 5, 0, 0]  # never negative
    satellite = budget.loc["Téléphone satellite"]
    assert (satellite["needed"], satellite["held"], satellite["to_buy"]) == (1, 0, 1)
    assert satellite["cost"] != satellite["cost"]  # no unit cost: unknown, not zero
    assert c.headline.budget == 200.0
    assert c.procurement["telecom"].loc["Téléphone mobile", "total"] == 4  # the needs table stays needs


def test_a_process_row_with_two_gaps_counts_once_worst_first(tmp_path: Path) -> None:
    rea = service_content("REA")  # DPI tolerates « Moins d'1 h »
    rea["processus"].append(to_build_row(4, "Vitale"))  # « à construire » and « vital non testé »: one gap
    rea["processus"].append(  # on the last row, but the worst gap: vital with no workaround
        {"number": 5, "process": "Transfusion", "criticality": "Vitale", "resource": "SGL", "status": "À construire"}
    )
    result, c = consolidate(hospital(tmp_path, rea))
    rows = c.gaps[(c.gaps["code"] == "REA") & (c.gaps["reference"] == "4")]
    assert len(rows) == 1 and rows.iloc[0]["type"] == TO_BUILD and rows.iloc[0]["severity"] == "Élevée"
    assert "également : processus vital, interruption tolérable < 4 h, parade non testée" in rows.iloc[0]["detail"]
    assert c.gap_counts_before[TO_BUILD] == 1 and c.gap_counts_before[VITAL_UNTESTED] == 4  # REA 2, 4, 5; LABO 2
    assert c.headline.gaps == c.headline.gaps_before_dedupe - 2  # rows 4 and 5 each found twice
    severities = ["Critique", "Élevée", "Moyenne", "Faible"]
    ranks = [severities.index(s) for s in c.gaps["severity"]]
    assert ranks == sorted(ranks)
    assert c.gaps.iloc[0][["severity", "type", "code", "reference"]].tolist() == ["Critique", NO_WORKAROUND, "REA", "5"]
    sources = Sources(result.referential, result.tables, c)
    assert summary_context(sources, "REA")["ecarts"][0]["detail"].startswith("N° 5 « Transfusion »")


def test_action_plan_fills_the_gaps_and_lists_late_actions_first(tmp_path: Path) -> None:
    rea = service_content("REA")
    last = add_months(TODAY, -14)
    rea["exercices"] = [
        {"date": last, "scenario": "DPI indisponible", "result": "Échec", "actions": "Imprimer les bons"},
    ]
    rea["service"]["updated"] = TODAY - dt.timedelta(days=500)
    late = TODAY - dt.timedelta(days=10)
    rea["plan_actions"] = [
        {"action": "Écrire la parade d'appel", "origin": "Écart", "reference": "3", "owner": "Cadre",
         "due": TODAY + dt.timedelta(days=30), "status": "En cours"},
        {"action": "Tester la parade SGL", "origin": "Écart", "reference": "2", "owner": "Dr Anne DURAND",
         "due": late, "status": "À faire"},
    ]  # fmt: skip
    _, c = consolidate(hospital(tmp_path, rea))
    gaps = c.gaps.set_index(["code", "type", "reference"])
    assert gaps.loc[("REA", NO_WORKAROUND, "3"), ["owner", "action_status"]].tolist() == ["Cadre", "En cours"]
    assert gaps.loc[("REA", VITAL_UNTESTED, "2"), ["owner", "due"]].tolist() == ["Dr Anne DURAND", late]
    assert gaps.loc[("LABO", NO_WORKAROUND, "3"), "action_status"] == "Aucune action"  # another service's N° 3
    overdue = gaps.loc[("REA", NO_EXERCISE, f"{last:%d/%m/%Y}"), "detail"]
    assert overdue == (f"dernier exercice le {last:%d/%m/%Y} ; le suivant était dû le "
                       f"{add_months(last, 12):%d/%m/%Y} (périodicité 12 mois)")  # fmt: skip
    failed = gaps.loc[("REA", FAILED_EXERCISE, f"{last:%d/%m/%Y}")]
    assert failed["severity"] == "Critique" and failed["detail"].endswith("en échec : Imprimer les bons")
    stale = c.gaps[(c.gaps["code"] == "REA") & (c.gaps["type"] == STALE_REVIEW)]
    assert len(stale) == 1 and "la revue était due le" in stale.iloc[0]["detail"]
    plan = c.actions
    assert plan["action"].tolist() == ["Tester la parade SGL", "Écrire la parade d'appel", "Imprimer les bons"]
    assert plan["late"].tolist() == ["En retard", "", ""]
    assert plan.iloc[2][["origin", "reference", "status"]].tolist() == ["Exercice", f"{last:%d/%m/%Y}", "À faire"]
    assert (c.headline.late_actions, c.headline.failed_exercises, c.headline.stale_reviews) == (1, 1, 1)


def test_decisions_page_names_vital_gaps_budget_and_readiness(tmp_path: Path) -> None:
    rea = service_content("REA")
    rea["processus"].append(
        {"number": 4, "process": "Transfusion", "criticality": "Vitale", "resource": "SGL", "status": "À construire"}
    )
    result, c = consolidate(hospital(tmp_path, rea, stock=STOCK))
    page = decisions_context(Sources(result.referential, result.tables, c))
    assert [v["processus"] for v in page["vitaux"]] == ["Transfusion"] and page["vitaux"][0]["service"].endswith(
        "(REA)"
    )
    assert page["budget_total"] == "200 €" and [a["moyen"] for a in page["achats"]] == ["Téléphone mobile"]
    lights = {f["etat"]: f["services"] for f in page["feux"]}
    assert lights[NOT_READY].startswith("PUI (classeur non reçu), REA (1 processus vital non protégé")


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("same")
    rea = service_content("REA")
    rea["processus"].append(to_build_row(4))
    folder = hospital(root, rea, stock=STOCK)
    out = root / "out"
    result = CliRunner().invoke(cli, ["run", "--workbooks", str(folder), "-o", str(out)], terminal_width=400)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split()), out


def test_cli_synthesis_sheet_and_word_synthesis_show_the_same_numbers(cli_run) -> None:
    line, out = cli_run
    # independently: 7 rows, 4 covered (57,1 %), 2 tested (28,6 %), 2 mobiles needed by each service - 3 held
    match = re.search(r"couverture des parades ([\d,]+ %) \(testées ([\d,]+ %)\) ; (\d+) écarts? à traiter ; "
                      r"moyens de télécommunication à acheter : (.+?)\. (\d+) processus vitaux non protégés ;",
                      line)  # fmt: skip
    assert match, line
    coverage, tested, gaps, budget, vital = match.groups()
    assert (coverage, tested, vital, budget) == ("57,1 %", "28,6 %", "0", "200 €")

    ws = openpyxl.load_workbook(out / "consolidation" / "PCA_consolide.xlsx")["Synthèse"]
    sheet = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(1, 30)}
    assert sheet["Couverture des parades (parade « Définie » ou « Testée »)"] == coverage
    assert sheet["Parades testées"] == tested
    assert sheet["Processus vitaux non protégés (feuille Processus vitaux)"] == int(vital)
    assert sheet["Écarts à traiter (un par processus, feuille Écarts)"] == int(gaps)
    assert sheet["Moyens de télécommunication à acheter (feuille Télécom)"] == budget

    doc = Document(out / "documents" / "synthese_etablissement.docx")
    figures = {
        row.cells[0].text: row.cells[1].text.replace("\u00a0", " ")
        for table in doc.tables
        for row in table.rows
        if len(row.cells) == 2
    }
    assert figures["Lignes couvertes par une parade définie ou testée"] == coverage
    assert figures["Parades testées en exercice"] == tested
    assert figures["Processus vitaux non protégés (registre, page des décisions)"] == vital
    assert figures["Écarts à traiter (un par processus)"] == gaps
    assert figures["Moyens de télécommunication à acheter"] == budget
    first = doc.paragraphs[2].text  # the decisions come first, right after the title and its subtitle
    assert first == "Les décisions à prendre"
    assert any(p.text == f"2. Acheter les moyens de télécommunication de secours : {budget}" for p in doc.paragraphs)


def test_a_workaround_is_written_unless_missing_or_blank_text() -> None:
    """covered/tested count any workaround value but missing ones and blank text (spaces, a
    non-breaking space), whatever the index (duplicated labels here, as after a concatenation)."""
    rows = [
        ("Classeur imprimé", "Testée", True, True),
        ("   ", "Testée", False, False),
        ("\u00a0", "Définie", False, False),
        (None, "Testée", False, False),
        (float("nan"), "Définie", False, False),
        (3, "Définie", True, False),  # a number typed in the cell is still something written
        (dt.date(2026, 1, 5), "Testée", True, True),
        ("Registre papier", "À construire", False, False),
    ]
    proc = pd.DataFrame({"workaround": pd.Series([r[0] for r in rows], dtype=object), "status": [r[1] for r in rows]})
    proc.index = [0, 0, 1, 1, 2, 2, 3, 3]
    assert figures.covered(proc).tolist() == [r[2] for r in rows]
    assert figures.tested(proc).tolist() == [r[3] for r in rows]
