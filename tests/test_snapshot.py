"""consolidate/snapshot: the earlier snapshot read once the current rows are known, the unchanged services'
rows left unread, the changes found the same as when it is read whole."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import DEMO

from pca_xlsx.consolidate.evolutions import ROW_KEYS, compare
from pca_xlsx.consolidate.snapshot import SavedState, Unchanged, load_state, pack, save_state
from pca_xlsx.format import SHEETS_BY_KEY

PEOPLE = SimpleNamespace(names={"URG": "Urgences", "LABO": "Laboratoire", "PUI": "Pharmacie"})


def _columns(sheet: str) -> list[str]:
    return [k for k in SHEETS_BY_KEY[sheet].keys if k not in ROW_KEYS[sheet]]


def _row(sheet: str, label: str, value: str, source: str) -> list[str]:
    """A stored row: its key label, the first column's value, the others blank, then its source cell."""
    return [label, value, *[""] * (len(_columns(sheet)) - 1), source]


def _state(rows: dict[str, dict[str, dict[str, list[str]]]], columns: dict[str, list[str]] | None = None) -> dict:
    """A snapshot written by hand: sheet → service code → row id → stored row (every sheet present)."""
    sheets = {
        sheet: {"columns": (columns or {}).get(sheet, _columns(sheet)), "rows": rows.get(sheet, {})}
        for sheet in ROW_KEYS
    }
    return {"version": 1, "generated": "2026-11-30T10:00:00", "sheets": sheets, "referential": {"Pôles": {}}}


def _processes(code: str, values: list[str]) -> dict[str, list[str]]:
    return {
        str(i): _row("processus", f"N° {i}", v, f"{code}.xlsx · Processus!B{4 + i}") for i, v in enumerate(values, 1)
    }


def _services(*codes: str) -> dict[str, dict[str, list[str]]]:
    """The « Service » sheet's row of each service (what makes a service part of a snapshot)."""
    return {c: {"identite": _row("service", "Identité", PEOPLE.names[c], f"{c}.xlsx · Service!B3")} for c in codes}


BEFORE = {
    "processus": {"URG": _processes("URG", ["Accueil", "Tri"]), "LABO": _processes("LABO", ["Prélèvements"])},
    "service": _services("URG", "LABO"),
}


def _marks(state: dict) -> list[tuple[str, str]]:
    return [(s, c) for s, d in state["sheets"].items() for c, rows in d["rows"].items() if type(rows) is Unchanged]


def test_unchanged_services_are_not_read_and_the_changes_are_the_same(tmp_path: Path) -> None:
    path = save_state(_state(BEFORE), tmp_path / "etat" / "e.json")
    after = {
        "processus": {
            "URG": _processes("URG", ["Accueil", "Tri"]),
            "LABO": _processes("LABO", ["Prélèvements urgents"]),
        },
        "service": BEFORE["service"],
    }
    current = _state(after)
    saved = SavedState(path)
    read = saved.read(current)
    assert read is saved.state
    assert sorted(_marks(read)) == [("processus", "URG"), ("service", "LABO"), ("service", "URG")]
    # LABO's process changed: read
    assert read["sheets"]["processus"]["rows"]["LABO"] == BEFORE["processus"]["LABO"]
    assert read["referential"] == {"Pôles": {}}
    changes = compare(read, current, PEOPLE)
    label = SHEETS_BY_KEY["processus"].column(_columns("processus")[0]).label
    assert changes[["code", "key", "change", "detail"]].values.tolist() == [
        ["LABO", "N° 1", "Ligne modifiée", f"{label} : « Prélèvements » → « Prélèvements urgents »"]
    ]
    whole = json.loads(path.read_text(encoding="utf-8"))
    assert compare(whole, current, PEOPLE).equals(changes)
    assert load_state(path) == whole  # without the rows of now: read whole, as before


def test_rows_equal_to_another_services_rows_now_are_read_whole(tmp_path: Path) -> None:
    """URG's rows of before are PUI's rows now (a workbook swapped): the mark would stand for the wrong
    service, so the snapshot is read whole and the changes are those of the whole reading."""
    path = save_state(_state(BEFORE), tmp_path / "e.json")
    swapped = {"PUI": BEFORE["processus"]["URG"], "URG": _processes("URG", ["Accueil"])}
    current = _state({"processus": swapped, "service": _services("URG", "LABO", "PUI")})
    read = SavedState(path).read(current)
    assert _marks(read) == []
    changes = compare(read, current, PEOPLE)
    assert changes.equals(compare(json.loads(path.read_text(encoding="utf-8")), current, PEOPLE))
    assert ("URG", "N° 2", "Ligne supprimée") in set(zip(changes["code"], changes["key"], changes["change"]))


def test_other_columns_read_whole(tmp_path: Path) -> None:
    """Same row texts under other columns (another template version): compared as before, read whole."""
    columns = {"processus": list(reversed(_columns("processus")))}
    path = save_state(_state(BEFORE, columns), tmp_path / "e.json")
    current = _state(BEFORE)
    read = SavedState(path).read(current)
    assert _marks(read) == []
    assert compare(read, current, PEOPLE).equals(compare(_state(BEFORE, columns), current, PEOPLE))


@pytest.mark.parametrize("text", ["", "{", '{"version": 2, "sheets": {}}', "[1, 2]"])
def test_a_missing_or_foreign_snapshot_is_none(text: str, tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    if text:
        path.write_text(text, encoding="utf-8")
    assert SavedState(path).read(_state(BEFORE)) is None


def test_the_packed_snapshot_is_saved_as_the_same_bytes(tmp_path: Path) -> None:
    state = _state(BEFORE)
    a = save_state(state, tmp_path / "a.json").read_bytes()
    assert save_state(pack(state), tmp_path / "b.json").read_bytes() == a
    assert json.loads(a) == state


def test_a_rerun_of_the_demo_reads_the_earlier_snapshot_with_marks(tmp_path: Path, monkeypatch) -> None:
    """The pipeline hands the snapshot to the consolidation unread: on a re-run with nothing changed, every
    service's rows of every sheet come back as marks (none held), and the snapshot to save is held packed."""
    from pca_xlsx import pipeline
    from pca_xlsx.consolidate import snapshot
    from pca_xlsx.core.jsonfile import PackedJson

    result = pipeline.validate(pipeline.Options(workbooks=DEMO, output=tmp_path), write=False)
    first = pipeline.consolidation(result, tmp_path)
    assert isinstance(first.snapshot_state, PackedJson)
    snapshot.save_state(first.snapshot_state, snapshot.snapshot_path(tmp_path))
    saved = json.loads(snapshot.snapshot_path(tmp_path).read_text(encoding="utf-8"))
    filled = sorted((s, c) for s, d in saved["sheets"].items() for c, rows in d["rows"].items() if rows)
    assert len({c for _, c in filled}) == 27  # the demo's services (CHU Exemple 24, CHVM 3)
    reads = []

    def spy(path, now=None):
        state = load_state(path, now)
        reads.append((now is not None, state))
        return state

    monkeypatch.setattr(snapshot, "load_state", spy)
    again = pipeline.consolidation(result, tmp_path)
    assert [given for given, _ in reads] == [True]  # read once, knowing the rows of now
    assert sorted(_marks(reads[0][1])) == filled
    assert again.evolutions.empty and again.evolutions_note.startswith("Aucun changement depuis la consolidation du ")
