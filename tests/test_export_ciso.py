"""``pca-xlsx export --format ciso-assistant`` on the demo GHT, read back as CISO Assistant's importer would.

Column names, sheet names and value rules are those of CISO Assistant's data wizard
(``backend/data_wizard/views.py``: BIA, escalation thresholds, assets, audit reconciliation), typed here
from that source, not imported from our code. Expected figures are recomputed from the workbooks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from pca_xlsx import pipeline

ROOT = Path(__file__).resolve().parents[1]
BIA_COLUMNS = ["bia_name", "asset", "asset_ref_id", "recovery_documented", "recovery_tested", "recovery_targets_met",
               "dependencies", "associated_controls", "evidences", "observation"]  # fmt: skip
THRESHOLD_COLUMNS = ["bia_name", "asset", "asset_ref_id", "point_in_time", "quali_impact", "quanti_impact",
                     "quanti_impact_unit", "qualifications", "justification"]  # fmt: skip
SUMMARY_COLUMNS = ["name", "description", "perimeter", "perimeter_ref_id", "risk_matrix", "risk_matrix_ref_id",
                   "folder", "version", "status", "eta", "due_date", "observation", "authors", "reviewers"]  # fmt: skip
AUDIT_COLUMNS = ["urn", "assessable", "ref_id", "name", "description", "typical_evidence", "annotation",
                 "compliance_result", "extended_result", "requirement_progress", "observations", "score"]  # fmt: skip
#: Assessable requirements of ``ans-care-domaine2.yaml`` (CISO Assistant's library, version 1).
CARE_ASSESSABLE = {"d2.p1", "d2.p2", "d2.o1.a", "d2.o1.b", "d2.o1.c", "d2.o1.d", "d2.o2.a", "d2.o2.b", "d2.o3.a",
                   "d2.o3.b", "d2.o3.c", "d2.o3.d", "d2.o4"}  # fmt: skip
CARE_PREFIX = "urn:lulustucru-dsn:risk:req_node:ans-care:"
RESULTS = {"compliant", "partially_compliant", "non_compliant", "not_assessed", "not_applicable"}
BANDS = ["Moins d'1 h", "1 à 4 h", "4 à 24 h", "1 à 3 jours", "Plus de 3 jours"]
LIMITS = dict(zip(BANDS, (3600, 14400, 86400, 259200, 604800), strict=True))


def _table(path: Path, sheet: str) -> tuple[list, list[dict]]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    header = rows[0]
    return header, [dict(zip(header, r, strict=False)) for r in rows[1:]]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    workbooks = out / "workbooks"
    shutil.copytree(ROOT / "workbooks", workbooks)
    result = pipeline.export(pipeline.Options(workbooks, out / "output"), formats=("ciso-assistant",))
    assert result.exit_code == 0
    return out / "output"


def test_files_per_level(exported: Path):
    for folder in (exported / "export", *(exported / "etablissements" / c / "export" for c in ("CHUEX", "CHVM"))):
        names = sorted(p.name for p in (folder / "ciso-assistant").iterdir())
        assert names == ["assets.xlsx", "audit_care_d2.xlsx", "bia.xlsx"]


def test_bia_layout_and_types(exported: Path):
    bia = exported / "export" / "ciso-assistant" / "bia.xlsx"
    book = CalamineWorkbook.from_path(str(bia))
    # GHT level: one analysis per establishment, each with its assessments and thresholds sheets.
    assert book.sheet_names == ["Summary", "bia 1", "bia 1 - thresholds", "bia 2", "bia 2 - thresholds"]
    header, summary = _table(bia, "Summary")
    assert header == SUMMARY_COLUMNS
    assert [r["name"] for r in summary] == ["PCA CHU Exemple", "PCA Centre hospitalier du Val de Meuse"]
    assert all(r["risk_matrix_ref_id"] == "risk-matrix-4x4-ebios-rm" for r in summary)
    resources = [r[0] for r in CalamineWorkbook.from_path(str(ROOT / "workbooks" / "referentiel.xlsx"))
                 .get_sheet_by_name("Ressources").to_python()[1:] if r[0]]  # fmt: skip
    for base in ("bia 1", "bia 2"):
        header, rows = _table(bia, base)
        assert header == BIA_COLUMNS
        assert [r["asset"] for r in rows] == resources  # one asset per resource of the referential
        for r in rows:
            assert r["bia_name"] and r["asset"]  # mandatory for the importer
            for key in ("recovery_documented", "recovery_tested", "recovery_targets_met"):
                assert isinstance(r[key], bool)
        header, limits = _table(bia, f"{base} - thresholds")
        assert header == THRESHOLD_COLUMNS
        for r in limits:
            assert float(r["point_in_time"]).is_integer() and r["point_in_time"] > 0
            assert r["quali_impact"] in (0, 1, 2, 3)  # within the EBIOS RM 4x4 matrix's impacts
            assert set(r["qualifications"].split(",")) <= {"availability", "operational", "safety"}


def _plan(folder: Path) -> tuple[list[dict], dict[tuple[str, str], str]]:
    """Process rows and (service, resource) → tolerable interruption, read from the workbooks."""
    processes, tolerance = [], {}
    for path in sorted(folder.glob("*.xlsx")):
        if path.name == "referentiel.xlsx":
            continue
        book = CalamineWorkbook.from_path(str(path))
        code = book.get_sheet_by_name("Service").to_python()[1][1]
        for row in book.get_sheet_by_name("Processus").to_python()[1:]:
            if row[0] != "":
                processes.append({"code": code, "number": int(row[0]), "criticality": row[2], "resource": row[3],
                                  "workaround": str(row[4]).strip(), "status": row[9]})  # fmt: skip
        for row in book.get_sheet_by_name("Applications").to_python()[1:]:
            if row[0] and row[3] in BANDS:
                key = (code, row[0])
                if key not in tolerance or BANDS.index(row[3]) < BANDS.index(tolerance[key]):
                    tolerance[key] = row[3]
    return processes, tolerance


def test_chvm_bia_recomputed_from_workbooks(exported: Path):
    processes, tolerance = _plan(ROOT / "workbooks" / "CHVM")
    level = {"Vitale": 3, "Majeure": 2, "Modérée": 1}
    bia = exported / "etablissements" / "CHVM" / "export" / "ciso-assistant" / "bia.xlsx"
    assert CalamineWorkbook.from_path(str(bia)).sheet_names == ["Summary", "bia", "bia - thresholds"]
    _, rows = _table(bia, "bia")
    _, limits = _table(bia, "bia - thresholds")
    checked = 0
    for row in rows:
        mine = [p for p in processes if p["resource"] == row["asset"]]
        assert row["recovery_documented"] == (bool(mine) and all(p["workaround"] for p in mine))
        assert row["recovery_tested"] == (bool(mine) and all(p["status"] == "Testée" for p in mine))
        got = {int(r["point_in_time"]): r["quali_impact"] for r in limits if r["asset"] == row["asset"]}
        if not mine:
            assert got == {}
            continue
        for point in (3600, 14400, 86400, 259200, 604800):
            # A band is exceeded from its upper bound on; no tolerable interruption given: from the start.
            hit = [p for p in mine if point >= LIMITS.get(tolerance.get((p["code"], row["asset"])), 0)]
            assert got[point] == max((level[p["criticality"]] for p in hit), default=0), (row["asset"], point)
        checked += 1
    assert checked >= 5


def test_assets_and_audit(exported: Path):
    folder = exported / "export" / "ciso-assistant"
    header, assets = _table(folder / "assets.xlsx", "Sheet1")
    assert header == ["ref_id", "name", "description", "domain", "type", "asset_class"]
    assert all(a["type"] == "SP" and a["name"] and a["ref_id"].startswith("PCA-") for a in assets)
    assert len({a["ref_id"] for a in assets}) == len(assets)
    _, bia = _table(folder / "bia.xlsx", "bia 1")
    assert {(b["asset"], b["asset_ref_id"]) for b in bia} == {(a["name"], a["ref_id"]) for a in assets}
    header, audit = _table(folder / "audit_care_d2.xlsx", "audit")
    assert header == AUDIT_COLUMNS
    assert {r["ref_id"] for r in audit if r["assessable"] is True} == CARE_ASSESSABLE
    for r in audit:
        assert r["urn"] == CARE_PREFIX + r["ref_id"]
        if r["assessable"]:
            assert r["compliance_result"] in RESULTS
    informed = {r["ref_id"]: r for r in audit if r["compliance_result"] != "not_assessed" and r["assessable"]}
    assert set(informed) == {"d2.p2", "d2.o1.b", "d2.o1.c", "d2.o1.d"}
    assert "texte officiel" in informed["d2.o1.c"]["observations"]
