"""The synthetic hospital generator: deterministic, realistic sizes, files the reader reads exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pca_xlsx.format import DATA_SHEETS, MATURITY_QUESTIONS
from pca_xlsx.read import discover, read_referential, read_service_workbook
from pca_xlsx.synthetic import FAULTS, hospital, write_hospital

TODAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """A written hospital of 40 services (two sites), no injected fault."""
    folder = tmp_path_factory.mktemp("synthetique") / "workbooks"
    plan = write_hospital(folder, 40, seed=7, today=TODAY, faults=0.0, jobs=1)
    return folder, plan


def test_same_seed_same_hospital_other_seed_differs():
    a, b, c = hospital(50, seed=1, today=TODAY), hospital(50, seed=1, today=TODAY), hospital(50, seed=2, today=TODAY)
    assert a.referential == b.referential
    assert all(a.content(code) == b.content(code) for code in a.codes)
    assert sum(a.content(code) != c.content(code) for code in a.codes) == 50


def test_a_service_does_not_depend_on_the_size_of_the_hospital():
    # Interfaces only point to the same site (first 32 services), so REA01 is identical.
    assert hospital(40, seed=3, today=TODAY).content("REA01") == hospital(200, seed=3, today=TODAY).content("REA01")


def test_referential_shape():
    plan = hospital(100, seed=0, today=TODAY)
    ref = plan.referential
    assert len(ref["services"]) == 100
    assert len(set(plan.codes)) == 100
    assert len(ref["poles"]) == 9  # pôles of 12 services
    assert {s["pole"] for s in ref["services"]} == {p["code"] for p in ref["poles"]}
    assert len(ref["ressources"]) == 15
    assert len(ref["scenarios"]) == 5
    assert ref["scenarios"][-1]["resources"] == "Toutes"


def test_sizes_and_references_are_realistic():
    plan = hospital(200, seed=5, today=TODAY, faults=0.0)
    resources = {r["name"] for r in plan.referential["ressources"]}
    scenarios = {s["name"] for s in plan.referential["scenarios"]}
    sizes = {"processus": set(), "fiche_reflexe": set(), "exercices": set()}
    for code in plan.codes:
        content = plan.content(code)
        for key in sizes:
            sizes[key].add(len(content[key]))
        assert len(content["maturite"]) == len(MATURITY_QUESTIONS)
        assert [r["number"] for r in content["processus"]] == list(range(1, len(content["processus"]) + 1))
        assert [r["step"] for r in content["fiche_reflexe"]] == list(range(1, len(content["fiche_reflexe"]) + 1))
        assert {r["resource"] for r in content["processus"] + content["applications"]} <= resources
        assert {r["scenario"] for r in content["exercices"]} <= scenarios
        for row in content["processus"]:
            for other in (row.get("relies_on") or row.get("serves") or "").split("; "):
                assert other == "" or (other in plan.sites and other != code)
    assert min(sizes["processus"]) >= 10 and max(sizes["processus"]) <= 50
    assert len(sizes["processus"]) > 20  # variety
    assert sizes["fiche_reflexe"] <= set(range(8, 16))
    assert sizes["exercices"] == {0, 1, 2, 3}


def test_faults_are_injected_at_the_requested_rate():
    plan = hospital(200, seed=0, today=TODAY, faults=1.0)
    found = {plan.fault(code) for code in plan.codes}
    assert found == set(FAULTS)
    assert all(hospital(50, seed=0, today=TODAY, faults=0.0).fault(c) is None for c in plan.codes[:50])


def test_written_workbooks_read_back_exactly(small):
    folder, plan = small
    referential = read_referential(folder / "referentiel.xlsx")
    assert referential.service_codes == list(plan.codes)
    paths = discover(folder)
    assert [p.stem for p in paths] == sorted(plan.codes)
    for path in paths:
        data = read_service_workbook(path)
        content = plan.content(path.stem)
        assert data.findings == []
        assert data.service == path.stem
        counts = data.rows_read()
        for spec in DATA_SHEETS[1:]:
            assert counts[spec.key] == len(content[spec.key]), (path.name, spec.key)
        processes = data.sheets["processus"].records()
        assert [r["process"] for r in processes] == [r["process"] for r in content["processus"]]
        assert data.sheets["processus"].address("process", 0) == "B2"


def test_written_values_are_deterministic(small, tmp_path: Path):
    folder, plan = small
    again = tmp_path / "encore"
    write_hospital(again, 40, seed=7, today=TODAY, faults=0.0, jobs=2)
    for code in ("REA01", "LABO01", "MATER02"):
        first = read_service_workbook(folder / f"{code}.xlsx")
        assert first.readable and len(first.sheets) == len(DATA_SHEETS)
        second = read_service_workbook(again / f"{code}.xlsx")
        assert {k: s.rows for k, s in first.sheets.items()} == {k: s.rows for k, s in second.sheets.items()}


def test_whole_pipeline_on_a_generated_hospital_counts_reconcile(tmp_path: Path):
    import python_calamine as pc

    from pca_xlsx import pipeline

    folder = tmp_path / "workbooks"
    plan = write_hospital(folder, 30, seed=11, today=TODAY, faults=0.3, jobs=1)
    faulty = {code for code in plan.codes if plan.fault(code)}
    assert 3 <= len(faulty) <= 20
    result = pipeline.consolidate(pipeline.Options(workbooks=folder, output=tmp_path / "output"))
    assert len(result.workbooks) == 30 and all(wb.readable for wb in result.workbooks)

    # Every row read is consolidated or rejected, per file and sheet, and the reader read them all.
    consolidation = result.consolidation
    control = consolidation.control
    assert consolidation.control_ok
    read = control.groupby("file")["read"].sum()
    for code in plan.codes:
        content = plan.content(code)
        expected = {spec.key: len(content[spec.key]) for spec in DATA_SHEETS[1:]}
        rows = result.workbooks[sorted(plan.codes).index(code)].rows_read()
        assert {k: rows[k] for k in expected} == expected
        assert read[f"{code}.xlsx"] >= sum(expected[k] for k in consolidation.details)
    for key, table in consolidation.details.items():
        assert len(table) == sum(len(plan.content(code)[key]) for code in plan.codes), key

    # The written workbook says the same.
    path = tmp_path / "output" / "consolidation" / "PCA_consolide.xlsx"
    book = pc.CalamineWorkbook.from_path(str(path))
    assert "Contrôle" in book.sheet_names and "Processus" in book.sheet_names
    processes = [r for r in book.get_sheet_by_name("Processus").to_python() if any(v != "" for v in r)]
    total = sum(len(plan.content(code)["processus"]) for code in plan.codes)
    assert total <= len(processes) <= total + 5  # the rows plus a header (and a title)
