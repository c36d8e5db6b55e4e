"""One plan, cut once (DESIGN §4.1): every part of the validated plan is declared in the cut, an
establishment holds only itself (another's services named as such), and the levels add up."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from conftest import DEMO, DEMO_FOLDERS
from demo_data.referential import ESTABLISHMENTS, SERVICES
from python_calamine import CalamineWorkbook

from pca_xlsx import pipeline
from pca_xlsx.consolidate.stock import largest_remainder
from pca_xlsx.plan import EXERCISES_CUT, PLAN_CUT, REFERENTIAL_CUT, Plan
from pca_xlsx.read import Referential
from pca_xlsx.validate.exercises import ExerciseResults

CHVM = [c for c, folder in DEMO_FOLDERS.items() if folder == "CHVM"]
NAMES = {s["code"]: s["name"] for s in SERVICES}
CHU_NAME = ESTABLISHMENTS[0]["name"]


# --- The cut declares every part ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "table"), [(Plan, PLAN_CUT), (Referential, REFERENTIAL_CUT), (ExerciseResults, EXERCISES_CUT)]
)
def test_every_field_is_declared_in_the_cut(kind, table) -> None:
    assert sorted(f.name for f in dataclasses.fields(kind)) == sorted(table)


def test_run_state_is_fresh_in_a_part() -> None:
    extra = {f.name for f in dataclasses.fields(pipeline.RunResult)} - set(PLAN_CUT)
    assert extra == set(pipeline.RunResult.fresh(None))


def test_a_part_left_out_of_the_cut_fails(demo_plan) -> None:
    """A new field added to the plan without a line in the cut: cutting raises, nothing leaks silently."""
    grown = dataclasses.make_dataclass("Grown", [("stock_by_site", dict, dataclasses.field(default_factory=dict))],
                                       bases=(pipeline.RunResult,))  # fmt: skip
    plan = grown(**{f.name: getattr(demo_plan, f.name) for f in dataclasses.fields(demo_plan)})
    with pytest.raises(TypeError, match="stock_by_site"):
        plan.cut("CHVM")


@pytest.fixture(scope="module")
def demo_plan(tmp_path_factory):
    return pipeline.validate(pipeline.Options(DEMO, tmp_path_factory.mktemp("plan") / "out"), write=False)


def test_the_cut_keeps_only_the_establishments_own(demo_plan) -> None:
    part = demo_plan.cut("CHVM")
    assert sorted(wb.service for wb in part.workbooks) == sorted(CHVM)
    assert sorted(part.referential.services["code"]) == sorted(CHVM)
    assert {o.code for o in part.exercises.observed} == set()  # the grid observed REA and URG, the CHU's
    assert part.exercises.grids == []
    assert all(set(t["_service"]) <= set(CHVM) for t in part.tables.values() if len(t))
    assert part.elsewhere["REA"] == f"{NAMES['REA']} (service du {CHU_NAME})"
    chu = demo_plan.cut("CHUEX")
    assert {o.code for o in chu.exercises.observed} == {"REA", "URG"}
    assert len(chu.workbooks) + len(part.workbooks) == len(demo_plan.workbooks) == 27


def test_shared_stock_is_allocated_once_by_need() -> None:
    assert largest_remainder(6, [42, 3]) == [6, 0]
    assert largest_remainder(2, [5, 1]) == [2, 0]
    assert largest_remainder(5, [0, 0]) == [3, 2]
    assert largest_remainder(10, [1, 1, 1]) == [4, 3, 3]


# --- The demo GHT: outputs read back with calamine ------------------------------------------------------------


def rows(path: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def table_after(data: list[list], first: str) -> pd.DataFrame:
    """The table whose header row starts with ``first``, down to its first blank row."""
    top = next(i for i, r in enumerate(data) if r and r[0] == first)
    body = []
    for r in data[top + 1 :]:
        if r[0] in ("", None):
            break
        body.append(r)
    return pd.DataFrame(body, columns=data[top])


WORKBOOKS = {"GHT": "consolidation", "CHUEX": "etablissements/CHUEX/consolidation",
             "CHVM": "etablissements/CHVM/consolidation"}  # fmt: skip


def reconciliation(out: Path, level: str) -> pd.DataFrame:
    return table_after(rows(out / WORKBOOKS[level] / "PCA_consolide.xlsx", "Contrôle"), "Chiffre")


def test_demo_every_reconciliation_line_is_ok(demo_run) -> None:
    _, out = demo_run
    ght = reconciliation(out, "GHT")
    assert list(ght["Statut"]) == ["OK"] * 15
    lines = ght.set_index("Chiffre")
    # the re-keying after a cyber attack adds up too: each establishment shows the GHT's rebuild timeline
    assert lines.loc["Cyberattaque : enregistrements à ressaisir", "Ce niveau"] > 0
    assert lines.loc["Services", "Ce niveau"] == 27 and lines.loc["Lignes de processus", "Ce niveau"] == 697
    # the register of vital processes not yet protected: GHT = CHUEX + CHVM = sum of pôles (REA's failed
    # exercise is held by CHUEX only)
    vital = lines.loc["Processus vitaux non protégés"]
    assert (vital["Ce niveau"], vital["Somme des établissements"], vital["Somme des pôles"]) == (14, 14, 14)
    for level in ("CHUEX", "CHVM"):
        assert set(reconciliation(out, level)["Statut"]) == {"OK"}, level
    # The GHT's column of establishments is the sum of what each establishment's own workbook prints.
    own = {level: reconciliation(out, level).set_index("Chiffre")["Ce niveau"] for level in ("CHUEX", "CHVM")}
    assert (lines["Somme des établissements"] == own["CHUEX"] + own["CHVM"]).all()
    assert (own["CHUEX"]["Processus vitaux non protégés"], own["CHVM"]["Processus vitaux non protégés"]) == (14, 0)
    assert (lines["Ce niveau"] == lines["Somme des établissements"]).all()


def gaps(out: Path, level: str) -> Counter:
    data = rows(out / WORKBOOKS[level] / "PCA_consolide.xlsx", "Écarts")
    frame = table_after(data, "Gravité")
    return Counter(tuple(map(str, r)) for r in frame.itertuples(index=False))


def test_demo_each_ght_gap_is_in_exactly_one_establishment(demo_run) -> None:
    _, out = demo_run
    ght, chu, chvm = gaps(out, "GHT"), gaps(out, "CHUEX"), gaps(out, "CHVM")
    assert ght == chu + chvm and not (set(chu) & set(chvm))
    assert sum(ght.values()) == 263  # 251 before: the CHVM's own « Reprise SI insuffisante » gaps (12) now count


def test_demo_an_establishment_names_another_ones_services_as_such(demo_run) -> None:
    _, out = demo_run
    book = out / WORKBOOKS["CHVM"] / "PCA_consolide.xlsx"
    text = "\n".join(str(v) for name in CalamineWorkbook.from_path(str(book)).sheet_names
                     for r in rows(book, name) for v in r)  # fmt: skip
    assert "Inconnu du référentiel" not in text
    assert "Interface vers un service sans classeur\t" not in text
    exercises = table_after(rows(book, "Exercices"), "Code service")
    assert set(exercises["Code service"]) <= set(CHVM)
    assert f"{NAMES['LABO']} (service du {CHU_NAME})" in text
    ecarts = table_after(rows(book, "Écarts"), "Gravité")
    assert set(ecarts["Code service"]) <= {*CHVM, ""}
    counts = table_after(rows(book, "Écarts"), "Type d'écart").set_index("Type d'écart")["Écarts"]
    assert counts["Interface vers un service sans classeur"] == 0 and counts["Parade en échec à l'exercice"] == 0


# --- The plan is typed once: consolidation trusts it -----------------------------------------------------------


def _kinds_hold(tables) -> list[str]:
    """Cells whose value is not of its column's declared kind (integer: int, date: date, else any; None = empty)."""
    import datetime as dt

    from pca_xlsx.format import DATA_SHEETS

    wrong = []
    for spec in DATA_SHEETS:
        frame = tables[spec.key]
        for column in spec.columns:
            expected = {"integer": (int,), "number": (int, float), "date": (dt.date,)}.get(column.kind)
            if expected is None:
                continue
            assert frame[column.key].dtype == object, (spec.key, column.key)
            for idx, value in frame[column.key].items():
                if value is not None and (type(value) not in expected or isinstance(value, bool)):
                    wrong.append(f"{spec.key}.{column.key}[{idx}] = {value!r}")
    return wrong


def test_the_plan_hands_typed_values_consolidation_keeps(folder, tmp_path) -> None:
    """Validation types every value once; the detailed tables consolidation builds keep them as they are."""
    import datetime as dt

    from conftest import edit, service_cell

    from pca_xlsx.consolidate.common import directory
    from pca_xlsx.consolidate.details import build_details

    edit(folder / "REA.xlsx", {"Service": {service_cell("capacity"): "vingt"}, "Applications": {"C2": "critique"},
                               "Télécom": {"B2": "deux"}, "Exercices": {"A2": "12 mars 2026"}})  # fmt: skip
    edit(folder / "LABO.xlsx", {"Service": {service_cell("capacity"): "12,0"}})
    plan = pipeline.validate(pipeline.Options(folder, tmp_path / "out"), write=False)
    assert _kinds_hold(plan.tables) == []
    service = plan.tables["service"].set_index("_service")
    assert service.at["REA", "capacity"] is None  # « vingt »: reported, not a number
    assert service.at["LABO", "capacity"] == 12 and type(service.at["LABO", "capacity"]) is int
    apps = plan.tables["applications"]
    assert apps.loc[(apps["_service"] == "REA") & (apps["_row"] == 2), "dependency"].tolist() == ["Critique"]
    telecom = plan.tables["telecom"]
    assert telecom.loc[(telecom["_service"] == "REA") & (telecom["_row"] == 2), "quantity"].tolist() == [None]
    exercises = plan.tables["exercices"]
    assert exercises.loc[exercises["_service"] == "REA", "date"].tolist()[0] == dt.date(2026, 3, 12)

    details = build_details(plan.tables, directory(plan))
    for key in ("processus", "applications", "telecom", "exercices"):
        for column in [c for c in plan.tables[key].columns if c in details[key].columns and not c.startswith("_")]:
            ours = details[key].set_index(["_file", "_row"])[column]
            theirs = plan.tables[key].set_index(["_file", "_row"])[column].reindex(ours.index)
            assert [(type(a), a) for a in ours] == [(type(b), b) for b in theirs], (key, column)


def test_the_demo_plan_is_typed(demo_plan) -> None:
    assert _kinds_hold(demo_plan.tables) == []
