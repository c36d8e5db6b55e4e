"""Synthetic hospital generator for tests and benchmarks (it does not replace the hand-written demo).

``write_hospital(folder, n, seed)`` writes ``referentiel.xlsx`` and ``n`` filled service workbooks
in the contract format; the same ``(n, seed, today, faults, rows)`` always gives the same files' values.
"""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..core.names import safe_file_name
from ..format import REFERENTIAL_FILE
from .content import FAULTS
from .hospital import Hospital, hospital

__all__ = ["FAULTS", "Hospital", "hospital", "write_hospital"]

_worker: tuple[Hospital, object] | None = None


def _init(
    n: int,
    seed: int,
    today: dt.date,
    faults: float,
    referential: Path,
    establishments: int = 1,
    rows: int | None = None,
    dense: bool = False,
) -> None:
    from ..read import read_referential

    global _worker
    _worker = (hospital(n, seed, today, faults, establishments, rows, dense), read_referential(referential))


def _write(folder: Path, codes: list[str]) -> list[Path]:
    from ..write.template import write_service_workbook

    assert _worker is not None
    plan, referential = _worker
    return [
        write_service_workbook(
            folder / plan.folders.get(code, "") / f"{safe_file_name(code)}.xlsx", referential, code, plan.content(code)
        )
        for code in codes
    ]


def write_hospital(
    folder: Path,
    n: int,
    seed: int = 0,
    today: dt.date | None = None,
    faults: float = 0.05,
    jobs: int | None = None,
    establishments: int = 1,
    rows: int | None = None,
    dense: bool = False,
) -> Hospital:
    """Write the referential and ``n`` service workbooks into ``folder`` (a GHT of ``establishments``:
    each establishment's workbooks in its sub-folder ``E1/``, ``E2/``…); return the plan.

    ``rows`` fixes the process rows of every service (50, the account's maximum, is the worst case);
    ``dense``: two other services named on every process row (the worst case for interfaces).
    """
    from ..write.referential import write_referential

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    today = today or dt.date.today()
    plan = hospital(n, seed, today, faults, establishments, rows, dense)
    ref_path = write_referential(folder / REFERENTIAL_FILE, plan.referential)
    args = (n, seed, today, faults, ref_path, establishments, rows, dense)
    codes = list(plan.codes)
    chunks = [codes[i : i + 25] for i in range(0, len(codes), 25)]
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(chunks) <= 1:
        _init(*args)
        for chunk in chunks:
            _write(folder, chunk)
        return plan
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=args) as pool:
        list(pool.map(_write, [folder] * len(chunks), chunks))
    return plan
