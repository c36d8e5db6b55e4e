"""The benchmark's tables and targets on hand-made results (nothing timed), and the probe's stages."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the benchmarks are not part of the installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import marks, report, targets  # noqa: E402
from benchmarks.measure import Measure  # noqa: E402

MARKS = [
    {"label": "start", "seconds": 1.5, "maxrss_mib": 90.0, "children_maxrss_mib": 0.0, "rss_mib": 90.0, "time": 101.5},
    {
        "label": "read",
        "seconds": 4.0,
        "maxrss_mib": 200.0,
        "children_maxrss_mib": 120.0,
        "rss_mib": 180.0,
        "time": 104.0,
    },
]
#: The process ran from wall clock 100 to 105; the tree sampled five times.
MEASURE = Measure(
    5.0, 210.0, 400.0, 0, samples=[(100.5, 50.0), (101.0, 80.0), (102.0, 300.0), (103.9, 250.0), (104.5, 220.0)]
)


def results() -> dict[int, dict[str, dict]]:
    return {
        1000: {
            "floor": {"seconds": 10.0, "tree_mib": 30.0},
            "consolidate": {"seconds": 18.0, "tree_mib": 600.0},
            "consolidate-erreurs": {"seconds": 21.0, "tree_mib": 610.0},
            "run": {"seconds": 150.0, "tree_mib": 1000.0, "documents": 3000, "probe": marks.stages(MARKS, MEASURE)},
        },
        3000: {
            "floor": {"seconds": 30.0, "tree_mib": 31.0},
            "consolidate": {"seconds": 63.0, "tree_mib": 700.0},
            "run": {"seconds": 450.0, "tree_mib": 1400.0},
        },
        10000: {
            "floor": {"seconds": 100.0, "tree_mib": 32.0},
            "consolidate": {"stage": "consolidate", "failed": True},
            "run": {"seconds": 1260.0, "tree_mib": 1600.0},
        },
    }


def test_stages_from_the_probe_marks() -> None:
    assert marks.stages(MARKS, MEASURE) == [
        {"label": "start", "seconds": 1.5, "end": 1.5, "maxrss_mib": 90.0, "rss_mib": 90.0, "children_mib": 0.0,
         "tree_mib": 80.0},
        {"label": "read", "seconds": 2.5, "end": 4.0, "maxrss_mib": 200.0, "rss_mib": 180.0, "children_mib": 120.0,
         "tree_mib": 300.0},
        {"label": "exit", "seconds": 1.0, "end": 5.0, "maxrss_mib": 210.0, "rss_mib": None, "children_mib": None,
         "tree_mib": 220.0},
    ]  # fmt: skip
    assert marks.stages([], MEASURE) == []


def test_issue_30_targets() -> None:
    assert targets.issue_30(results()) == [
        "N=1000 consolidate / plancher = 1.80 (cible ≤ 2) : OK",
        "N=3000 consolidate / plancher = 2.10 (cible ≤ 2) : NON",
        "consolidate N=3000 / N=1000 = 3.50 (cible ≤ 3.2) : NON",
        "N=1000 run : mémoire max = 1000 Mio (cible < 1536 Mio = 1.5 Gio) : OK",
        "N=3000 run : mémoire max = 1400 Mio (cible < 1536 Mio = 1.5 Gio) : OK",
        "N=10000 run : mémoire max = 1600 Mio (cible < 1536 Mio = 1.5 Gio) : NON",
        "run : mémoire N=3000 → N=10000 = +14.3 % (cible < 10 %) : NON",
        "N=10000 run = 21.0 min (cible < 20 min) : NON",
        "N=1000 consolidate tous en erreur / consolidate = 1.17 (cible ≤ 1.3) : OK",
    ]
    assert targets.issue_30({24: {"floor": {"seconds": 0.5, "tree_mib": 24.0}}}) == []


def test_growth_table() -> None:
    data = results()
    assert report.growth_headers(data) == (
        "étape", "N=1000", "N=3000", "N=10000", "temps 3000/1000", "mémoire 3000→10000",
    )  # fmt: skip
    assert report.growth_rows(data) == [
        ("plancher", "10.0 s, 30 Mio", "30.0 s, 31 Mio", "100.0 s, 32 Mio", "3.00", "+3.2 %"),
        ("consolidate", "18.0 s, 600 Mio", "63.0 s, 700 Mio", "échec", "3.50", ""),
        ("consolidate, tous en erreur", "21.0 s, 610 Mio", "", "", "", ""),
        ("run", "150.0 s, 1000 Mio", "450.0 s, 1400 Mio", "1260.0 s, 1600 Mio", "3.00", "+14.3 %"),
    ]


def test_memory_per_stage_table() -> None:
    assert report.stage_rows(results()) == [
        ("1000", "run", "démarrage (imports, verrou)", "1.50", "1.50", "90", "90", "0", "80"),
        ("1000", "run", "lecture des classeurs", "2.50", "4.00", "200", "180", "120", "300"),
        ("1000", "run", "fin jusqu'à la sortie", "1.00", "5.00", "210", "", "", "220"),
    ]


MACHINE = {"cpus": 2, "memory_gib": 8, "python": "3.11", "platform": "Linux", "date": "2026-01-01 00:00",
           "repeat": 3, "rows": 50, "establishments": 5, "dense": True}  # fmt: skip


def test_markdown_sections_and_verdicts() -> None:
    machine = MACHINE
    text = report.markdown(results(), machine)
    assert text.startswith(
        "Machine : 2 cœurs, 8 Gio, Python 3.11, Linux ; 2026-01-01 00:00 ; médiane de 3 mesures ; hôpitaux "
        "synthétiques : 50 lignes de processus par service, 5 établissements, deux services sollicités par ligne "
        "(denses).\n"
    )
    assert "\n| run | 150.0 s, 1000 Mio | 450.0 s, 1400 Mio | 1260.0 s, 1600 Mio | 3.00 | +14.3 % |\n" in text
    assert "\n| 1000 | run | lecture des classeurs | 2.50 | 4.00 | 200 | 180 | 120 | 300 |\n" in text
    assert "\n- N=10000 run = 21.0 min (cible < 20 min) : **NON**\n" in text
    assert "\n- N=1000 consolidate / plancher = 1.80 (cible ≤ 2) : **OK**\n" in text
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert headings == [
        "### Croissance",
        "### Mémoire par étape",
        "### Cibles de l'issue 30",
        "### Autres cibles (DESIGN §7, issues 6 et 17)",
    ]


def test_a_rerun_is_shown_beside_its_first_run() -> None:
    """``--relance``: the first run (which leaves the snapshot) and the re-run measured, side by side."""
    data = results()
    data[3000]["run"]["first_run"] = {"seconds": 440.5, "tree_mib": 1300.4}
    assert report.first_rows(data) == [("3000", "run", "440.50", "1300", "450.00", "1400")]
    text = report.markdown(data, {**MACHINE, "rerun": True})
    assert "| 3000 | run | 440.50 | 1300 | 450.00 | 1400 |" in text
    assert "passage mémoire : une relance" in text
    assert "Première exécution et relance" not in report.markdown(results(), MACHINE)
