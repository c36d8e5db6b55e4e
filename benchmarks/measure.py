"""Run a command as a child process: wall time, peak memory of the largest process and of the tree."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_SECONDS = 0.05
#: A minimal launcher (no site packages): runs the command and reports its children's ru_maxrss.
#: Measuring through it keeps the figure clean: a child forked from a big parent inherits the
#: parent's high-water mark in ru_maxrss.
LAUNCHER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "sys.stderr.write('\\n@maxrss %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


@dataclass
class Measure:
    seconds: float
    peak_mib: float  # ru_maxrss of the largest process of the tree (kernel figure, exact)
    tree_mib: float  # largest sum of the tree's proportional set sizes (PSS), sampled every 50 ms (if sampled)
    returncode: int
    stderr: str = ""
    #: (wall clock, tree PSS in MiB) every 50 ms, when sampled: lined up with the probe's marks.
    samples: list[tuple[float, float]] = field(default_factory=list)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _pss_kib(pid: int) -> int:
    """Proportional set size: pages shared between processes (fork, forkserver) counted once overall."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_pss_kib(root: int) -> int:
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, []))
        total += _pss_kib(pid)
    return total


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, sample: bool = True) -> Measure:
    """Run ``cmd``; its stdout is discarded, its stderr kept for the report of a failure.

    ``sample``: follow the tree's PSS every 50 ms. Reading ``smaps_rollup`` walks the page tables
    of a process under its memory lock: at 700 MB it slowed ``consolidate`` by 0.6 to 1.1 s on
    2 cores, so timed runs are not sampled (``tree_mib`` is then only the largest ``ru_maxrss``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-S", "-c", LAUNCHER, *cmd],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak_tree = 0
    samples: list[tuple[float, float]] = []
    done = threading.Event()
    stderr: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True)
    reader.start()

    def sample_tree() -> None:
        nonlocal peak_tree
        while not done.is_set():
            pss = _tree_pss_kib(proc.pid)
            samples.append((time.time(), pss / 1024))
            peak_tree = max(peak_tree, pss)
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample_tree, daemon=True)
    if sample:
        sampler.start()
    proc.wait()
    seconds = time.perf_counter() - start
    done.set()
    if sample:
        sampler.join()
    reader.join()
    text = b"".join(stderr).decode("utf-8", "replace")
    text, _, maxrss = text.rpartition("\n@maxrss ")
    peak_kib = int(maxrss.strip() or 0)
    tree_mib = max(peak_tree, peak_kib) / 1024
    return Measure(seconds, peak_kib / 1024, tree_mib, proc.returncode, text[-2000:], samples)
