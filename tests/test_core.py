"""The neutral core's helpers: positions, dates, text, lists, percentages."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import platform
import threading
import time
import weakref
from pathlib import Path

import pytest

from pca_xlsx.core import collector
from pca_xlsx.core.collector import give_back_memory
from pca_xlsx.core.positions import address, cell_sort_key, column_index, column_letter, parse_address
from pca_xlsx.core.values import listing, percent, to_date


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
def test_column_letters_both_ways(index: int, letters: str) -> None:
    assert column_letter(index) == letters and column_index(letters) == index


def test_addresses() -> None:
    assert address("F", 12) == "F12" and address(5, 12) == "F12"
    assert address("", 12) == "" and address("F", None) == ""
    assert parse_address("$F$12") == ("F", 12) and parse_address("B4:C4") is None and parse_address("") is None
    assert sorted(["B10", "A10", "C2", ""], key=cell_sort_key) == ["", "C2", "A10", "B10"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2026, 3, 12, 8, 30), dt.date(2026, 3, 12)),
        ("12/03/2026", dt.date(2026, 3, 12)),
        ("2026-03-12", dt.date(2026, 3, 12)),
        ("12 mars 2026", dt.date(2026, 3, 12)),
        ("pas une date", None),
        (None, None),
    ],
)
def test_to_date(value, expected) -> None:
    assert to_date(value) == expected


def test_listing_and_percent() -> None:
    assert listing(["A", "B", "C"]) == "A; B; C"
    assert listing(["A", "B", "C"], ", ", most=2) == "A, B et 1 autre"
    assert listing(list("ABCDE"), ", ", most=2) == "A, B et 3 autres"
    assert listing(["A", "B"], ", ", most=2) == "A, B"
    assert listing([]) == ""
    assert percent(66.666) == "66,7 %" and percent(None) == "—"
    assert percent(50, 0, "\u00a0") == "50\u00a0%"


def _resident_mib() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 2**20


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_freed_memory_goes_back_to_the_system() -> None:
    blocks = [bytes(1000) + str(i).encode() for i in range(300_000)]  # ~300 MB from malloc, not pymalloc
    kept = blocks[::50]  # one block in 50 stays: the heap is full of holes the C library keeps
    del blocks
    before = _resident_mib()
    assert give_back_memory() is True
    assert before - _resident_mib() > 150
    assert len(kept) == 6000


def test_give_back_memory_first_frees_reference_cycles() -> None:
    class Node:
        pass

    def cycle() -> weakref.ref:
        node = Node()
        node.self = node  # only the cyclic collector frees it
        return weakref.ref(node)

    before = cycle()  # alive when the heap is frozen: left alone until unfrozen
    with collector.frozen_heap():
        assert gc.get_freeze_count() > 0
        during = cycle()
        give_back_memory(collect=True)
        assert during() is None and before() is not None
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert before() is None


def test_a_frozen_heap_inside_a_batch_stays_frozen_until_its_pool_closes() -> None:
    from pca_xlsx.core.pool import Batch

    batch = Batch(sum, [[1, 2], [3]], 2)
    outer = gc.get_freeze_count()
    assert batch.pool is not None and outer > 0
    with collector.frozen_heap():
        made = [object() for _ in range(10)]
    assert gc.get_freeze_count() >= outer  # the inner block did not unfreeze the pool's heap
    assert batch.run() == [3, 3]
    assert gc.get_freeze_count() == 0 and made


def _wait_for(flag: str, chunk: list[int]) -> list[int]:
    import time

    while not Path(flag).exists():
        time.sleep(0.01)
    return [value * 10 for value in chunk]


def test_a_batch_is_idle_once_its_workers_ran_every_chunk(tmp_path) -> None:
    """The annotated copies' workers are collected (and end) as soon as they are done, not when the
    workbooks are written: ``idle`` says when, without waiting."""
    import functools
    import time

    from pca_xlsx.core import pool

    flag = tmp_path / "go"
    batch = pool.Batch(functools.partial(_wait_for, str(flag)), [[1], [2], [3]], 2)
    assert batch.pool is not None and not batch.idle()  # the worker waits for the flag
    flag.touch()
    deadline = time.monotonic() + 60
    while not batch.idle() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert batch.idle() and batch.run() == [[10], [20], [30]] and batch.pool is None
    alone = pool.Batch(functools.partial(sorted), [[2, 1]], 1)  # no worker: nothing runs until asked
    assert not alone.idle() and alone.run() == [[1, 2]]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="fork: Linux")
def test_forked_batch_workers_get_their_chunks_through_the_fork(monkeypatch) -> None:
    """A chunk (an establishment's whole consolidation) is not pickled for a forked worker: a lock,
    which pickle refuses, goes through, and so does a lambda."""
    from pca_xlsx.core import pool

    monkeypatch.setenv(pool.START_METHOD, "fork")
    lock = threading.Lock()
    batch = pool.Batch(lambda chunk: [type(x).__name__ for x in chunk], [[lock], [lock, 1], [2], [3]], 2)
    assert batch.pool is not None and pool._CHUNKS is None
    assert batch.run() == [["lock"], ["lock", "int"], ["int"], ["int"]]


_STATE: dict[str, bool] = {}


def _inherited(chunk: list) -> list:
    return [_STATE.get("set", False) for _ in chunk]


def _in_workers(batch) -> list:
    """The batch's results once its workers ran every chunk (none run by this process)."""
    deadline = time.monotonic() + 120
    while not batch.idle() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert batch.idle()
    return batch.run()


def test_a_fresh_batch_starts_its_workers_anew_even_where_forking_is_forced(monkeypatch) -> None:
    """``fresh``: the workers inherit nothing of this process (what it set after importing), forking forced or not;
    a plain batch's forked workers see it."""
    from pca_xlsx.core import pool

    forks = "fork" in multiprocessing.get_all_start_methods()
    monkeypatch.setenv(pool.START_METHOD, "fork" if forks else "spawn")
    monkeypatch.setitem(_STATE, "set", True)
    fresh = pool.Batch(_inherited, [[1], [2, 3], [4]], 2, fresh=True)
    assert fresh.start_method == "spawn"
    assert _in_workers(fresh) == [[False], [False, False], [False]]
    if forks:
        forked = pool.Batch(_inherited, [[1], [2, 3], [4]], 2)
        assert forked.start_method == "fork"
        assert _in_workers(forked) == [[True], [True, True], [True]]


class _Writes(list):
    def write(self, text: str) -> None:
        self.append(text)


JSON_VALUES = {
    "version": 1,
    "sheets": {
        "processus": {"columns": ["n", "nom"], "rows": {"RÉA": {"1": ["Admission", None, 2.5, True]}, "URG": {}}},
        "vide": {"rows": {}},
        "clés": {1: "une clé entière", "x": ["«", "\n", "\u2028", "é€😀", '"']},  # a non-text key: encoded whole
    },
    "listes": [[], [{"a": [1, [2, {"b": float("nan")}]]}], "fin"],
    "rien": None,
}


@pytest.mark.parametrize("depth", [0, 1, 2, 4, 9])
def test_json_written_piece_by_piece_is_json_dumps_text(depth: int, tmp_path: Path) -> None:
    """core/jsonfile: the same text as json.dumps (compact, UTF-8), whatever the depth split; below the
    split depth a value is written in one piece (memory holds one value's text at a time)."""
    import json

    from pca_xlsx.core.jsonfile import save_json, write_json

    expected = json.dumps(JSON_VALUES, ensure_ascii=False, separators=(",", ":"))
    pieces = _Writes()
    write_json(JSON_VALUES, pieces, depth)
    assert "".join(pieces) == expected
    if depth == 0:
        assert pieces == [expected]
    if depth == 4:  # state → sheets → sheet → rows → a service's rows, written in one piece
        assert '{"1":["Admission",null,2.5,true]}' in pieces and '{1:"une clé entière"' not in expected
        keyed = json.dumps(JSON_VALUES["sheets"]["clés"], ensure_ascii=False, separators=(",", ":"))
        assert keyed in pieces and keyed.startswith('{"1":')  # a non-text key: the dictionary in one piece
    path = save_json(JSON_VALUES, tmp_path / "etat" / "e.json", depth)
    assert path.read_bytes() == expected.encode("utf-8")


def test_packed_json_is_written_as_the_same_bytes_and_held_smaller(tmp_path: Path) -> None:
    """core/jsonfile.PackedJson: the text held compressed (the snapshot between the consolidation and the
    workbook), written as the bytes save_json writes for the value itself, unpacked a chunk at a time."""
    import json

    from pca_xlsx.core.jsonfile import PackedJson, save_json

    value = {**JSON_VALUES, "gros": {f"S{i}": {"1": [f"Ligne {i} « é€😀 »", "x" * (i % 50)]} for i in range(3000)}}
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packed = PackedJson(value, 4)
    assert packed.size == len(packed.data) < len(expected) // 4
    for chunk in (7, 1 << 20):  # unpacked in pieces of 7 bytes: a character split across pieces
        out = tmp_path / f"p{chunk}.bin"
        with open(out, "wb") as fh:
            packed.write_to(fh, chunk)
        assert out.read_bytes() == expected
    assert save_json(packed, tmp_path / "etat" / "e.json", 4).read_bytes() == expected
    assert save_json(value, tmp_path / "etat" / "f.json", 4).read_bytes() == expected
