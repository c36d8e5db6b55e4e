"""A service's rows of a whole table, found through an index built once: exactly the rows and order
the filter ``frame[frame[column] == code]`` gives (issue 30: one filter per service was N × rows)."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pandas as pd

from pca_xlsx.documents.lookup import Grouped, Lookup, Records
from pca_xlsx.read.referential import Referential

FRAME = pd.DataFrame(
    {
        "code": ["B", "A", None, "B", np.nan, "A", "C", "B"],
        "number": [3, 1, 9, 1, 8, 2, 5, 2],
        "late": ["", "En retard", "", "En retard", "", "", "En retard", ""],
    },
    index=[10, 11, 12, 13, 14, 15, 16, 17],
)


def test_rows_of_a_code_are_the_filters_rows_in_the_tables_order() -> None:
    lookup = Lookup()
    for code in ("A", "B", "C", "Z", "nan", "None"):
        expected = FRAME[FRAME["code"] == code]
        assert lookup.frame(FRAME, code).equals(expected)
        assert list(lookup.frame(FRAME, code).index) == list(expected.index)
        assert lookup.records(FRAME, code) == expected.to_dict("records")
    assert lookup.records(FRAME, "B") == [
        {"code": "B", "number": 3, "late": ""},
        {"code": "B", "number": 1, "late": "En retard"},
        {"code": "B", "number": 2, "late": ""},
    ]


def test_rows_of_several_codes_are_the_isin_rows() -> None:
    lookup = Lookup()
    found = lookup.frame_of_any(FRAME, {"C", "A"})
    assert found.equals(FRAME[FRAME["code"].isin({"C", "A"})])
    assert list(found.index) == [11, 15, 16]


def test_text_keys_and_missing_column_or_table() -> None:
    lookup = Lookup()
    poles = pd.DataFrame({"code": [1, "2", 1.5], "name": ["un", "deux", "un et demi"]}, dtype=object)
    assert lookup.records(poles, "1", as_text=True) == [{"code": 1, "name": "un"}]
    assert lookup.records(poles, "1.5", as_text=True) == [{"code": 1.5, "name": "un et demi"}]
    assert lookup.records(poles, "1") == []  # compared as typed: 1 is not "1"
    assert lookup.records(FRAME, "A", column="other") == []
    assert lookup.records(None, "A") == []
    assert lookup.records(pd.DataFrame(), "A") == []
    assert len(lookup.frame(FRAME, "A", column="other")) == 0


def test_a_replaced_table_is_indexed_again() -> None:
    lookup = Lookup()
    first = FRAME.copy()
    assert len(lookup.frame(first, "A")) == 2
    second = FRAME[FRAME["code"] != "A"]
    assert lookup.records(second, "A") == []
    assert lookup.records(second, "C") == [{"code": "C", "number": 5, "late": "En retard"}]


def _referential() -> Referential:
    poles = pd.DataFrame({"code": ["P1", "P2", "P1"], "name": ["Médecine", "Chirurgie", "Doublon"]}, dtype=object)
    services = pd.DataFrame(
        {
            "code": ["REA", "BLOC", "REA", "LABO"],
            "name": ["Réanimation", "Bloc", "Doublon", "Labo"],
            "pole": ["P1", "P2", "P2", None],
        },
        dtype=object,
    )
    return Referential(Path("referentiel.xlsx"), {}, poles, services, pd.DataFrame(), pd.DataFrame())


def test_referential_service_is_the_first_row_with_its_pole_name() -> None:
    ref = _referential()
    assert ref.service("REA") == {"code": "REA", "name": "Réanimation", "pole": "P1", "pole_name": "Médecine"}
    assert ref.service("BLOC")["pole_name"] == "Chirurgie"
    assert ref.service("LABO") == {"code": "LABO", "name": "Labo", "pole": None, "pole_name": ""}
    assert ref.service("ABSENT") == {}
    ref.service("REA")["name"] = "changed by a caller"
    assert ref.service("REA")["name"] == "Réanimation"


def test_referential_service_follows_replaced_sheets() -> None:
    """An establishment's part of a GHT is a shallow copy of the referential with its own frames."""
    ref = _referential()
    assert ref.service("BLOC")["name"] == "Bloc"
    part = copy.copy(ref)
    part.services = ref.services[ref.services["code"] != "BLOC"].reset_index(drop=True)
    part.poles = ref.poles.iloc[[1]].reset_index(drop=True)
    assert part.service("BLOC") == {}
    assert part.service("REA") == {"code": "REA", "name": "Réanimation", "pole": "P1", "pole_name": ""}
    assert ref.service("BLOC")["name"] == "Bloc"


def test_records_are_to_dict_records_of_the_rows_asked() -> None:
    """Records hold the columns, not a dictionary per row: any rows' records are those pandas gives,
    values of the same Python types (numbers, Timestamp, bool, None), in the order asked."""
    frame = pd.DataFrame(
        {
            "code": ["B", "A", None, "B"],
            "count": [3, 1, 9, 1],
            "rate": [0.5, np.nan, 2.0, 1.25],
            "when": pd.to_datetime(["2026-01-31", None, "2025-12-01", "2026-03-01"]),
            "done": [True, False, True, False],
            "mixed": pd.Series([1, "deux", None, 3.5], dtype=object),
        }
    )
    records = Records(frame)
    expected = frame.to_dict("records")
    for where in ([0, 3], [2], [3, 1, 0], []):
        got = records.at(np.array(where, dtype=np.intp))
        assert repr(got) == repr([expected[i] for i in where])  # repr: NaN and NaT equal themselves
        assert [[type(v) for v in row.values()] for row in got] == [
            [type(v) for v in expected[i].values()] for i in where
        ]
    assert type(records.at(np.array([0]))[0]["count"]) is int
    by_code = Grouped()  # the gaps of a service: rows by the text of their code
    by_code.add(records, [str(c) for c in frame["code"].tolist()])
    assert by_code.get("B", []) == [expected[0], expected[3]]  # no NaN in these rows
    missing = str(expected[2]["code"])  # as text, like str(row["code"]): « nan » or « None »
    assert repr(by_code.get(missing, [])) == repr([expected[2]])
    assert by_code.get("Z", []) == [] and Records(None).at(np.array([], dtype=np.intp)) == []
    assert by_code.keys() == ["B", "A", missing]


def test_a_service_sheet_is_its_rows_of_the_validated_table(demo_run) -> None:
    """Sources.sheet(code, key): the records of ``tables[key]`` whose ``_service`` is ``code``, in the
    table's order, for every service and table of the demo — asked in any order, asked again."""
    from pca_xlsx.documents.sources import Sources

    result, _ = demo_run
    sources = Sources(result.referential, result.tables, result.consolidation)
    keys = [k for k, frame in result.tables.items() if frame is not None and "_service" in frame.columns]
    codes = sorted({str(c) for k in keys for c in result.tables[k]["_service"].dropna()})
    assert len(codes) == 27 and "processus" in keys
    for key in keys:
        frame = result.tables[key]
        for code in codes:
            expected = frame[frame["_service"].astype(str) == code].to_dict("records")
            assert sources.sheet(code, key) == expected
    assert len(sources.sheet("REA", "processus")) == int((result.tables["processus"]["_service"] == "REA").sum())
    assert sources.sheet("INCONNU", "processus") == [] and sources.codes == codes
    gaps = result.consolidation.gaps
    assert sources.gaps.get("REA", []) == gaps[gaps["code"].astype(str) == "REA"].to_dict("records")


def test_grouped_rows_keep_the_order_they_were_added() -> None:
    frame = pd.DataFrame({"code": ["A", "B", "A", "C"], "partner": ["B", "A", "A", "A"], "n": [1, 2, 3, 4]})
    records = Records(frame)
    both = Grouped()
    both.add(records, ["A", "B", "A", "C"])
    both.add(records, ["B", "A", "A", "A"])  # the same table: merged in its order, row 2 twice under A
    other = pd.DataFrame({"code": ["Z"], "partner": ["A"], "n": [9]})
    both.add(Records(other), ["A"])  # another table: after
    assert [r["n"] for r in both.get("A")] == [1, 2, 3, 3, 4, 9]
    assert [r["n"] for r in both.get("B")] == [1, 2] and both.get("Q", []) == []
    by = Grouped("partner")
    by.add(records, ["A", "B", "A", "C"])
    assert {k: [r["n"] for r in v] for k, v in by.get("A").items()} == {"B": [1], "A": [3]}
    assert list(by.get("A")) == ["B", "A"] and by.get("Q", {}) == {}
    subset = Grouped()
    subset.add(records, ["C", "C"], np.array([1, 3], dtype=np.intp))
    assert [r["n"] for r in subset.get("C")] == [2, 4]


def _old_indexes(sources, ght=None) -> tuple[dict, dict, dict]:
    """The reliance indexes as the documents built them before (every row a dictionary), for comparison."""
    relied, relying, coordination = {}, {}, {}

    def relies(row):
        a, b = str(row["code"]), str(row["relies_on"])
        relied.setdefault(a, {}).setdefault(b, []).append(row)
        relying.setdefault(b, {}).setdefault(a, []).append(row)

    cons = sources.consolidation
    for row in cons.reliances.to_dict("records"):
        relies(row)
    for row in cons.coordination.to_dict("records"):
        coordination.setdefault(str(row["code"]), []).append(row)
        coordination.setdefault(str(row["partner"]), []).append(row)
    if ght is not None:
        own = sources.received | {str(c) for c in sources.listed}
        for row in ght.reliances.to_dict("records"):
            if str(row["code"]) not in own and str(row["relies_on"]) in own:
                relies(row)

        def key(row):
            return tuple(str(row.get(k)) for k in ("code", "partner", "source", "cell", "detail"))

        known = {key(row) for row in cons.coordination.to_dict("records")}
        for row in ght.coordination.to_dict("records"):
            a, b = str(row["code"]), str(row["partner"])
            if (a in own) != (b in own) and key(row) not in known:
                known.add(key(row))
                coordination.setdefault(a if a in own else b, []).append(row)
    return relied, relying, coordination


def test_the_documents_reliance_indexes_are_the_rows_they_were(demo_run, demo_parts) -> None:
    """Who relies on whom and the coordination gaps, for the GHT and each establishment of the demo (with
    the other establishments' services relying on its own): the same rows, in the same order, as when every
    row was a dictionary."""
    from pca_xlsx.documents.reliance import index_foreign
    from pca_xlsx.documents.sources import Sources

    result, _ = demo_run
    levels = [(result, None)] + [(part, result.consolidation) for part in demo_parts.values()]
    seen = 0
    for plan, ght in levels:
        sources = Sources(plan.referential, plan.tables, plan.consolidation)
        index_foreign(sources, ght)
        relied, relying, coordination = _old_indexes(sources, ght)
        codes = set(relied) | set(relying) | set(coordination) | {"INCONNU"}
        for code in sorted(codes):
            # repr: NaN equals itself there; order and values alike
            assert repr(sources.relied.get(code, {})) == repr(relied.get(code, {})), code
            assert repr(sources.relying.get(code, {})) == repr(relying.get(code, {})), code
            assert repr(sources.coordination.get(code, [])) == repr(coordination.get(code, [])), code
        seen += sum(len(rows) for partners in relied.values() for rows in partners.values())
    assert len(levels) == 3 and seen > len(result.consolidation.reliances)  # foreign rows were compared too
