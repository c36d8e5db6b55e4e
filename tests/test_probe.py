"""The opt-in probe of the pipeline's stages (``PCA_XLSX_SONDE``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pca_xlsx.core import probe

ROOT = Path(__file__).resolve().parents[1]
KEYS = {"label", "seconds", "maxrss_mib", "children_maxrss_mib", "rss_mib", "time"}


def test_each_mark_appends_one_json_line(tmp_path: Path) -> None:
    path = tmp_path / "sonde.jsonl"
    code = (
        "from pca_xlsx.core.probe import mark\n"
        "mark('avant')\n"
        "block = b'x' * (64 * 2**20)\n"  # 64 MiB written: resident
        "mark('après')\n"
    )
    env = {
        **os.environ,
        "PCA_XLSX_SONDE": str(path),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    first, second = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert set(first) == set(second) == KEYS
    assert (first["label"], second["label"]) == ("avant", "après")
    assert 0 <= first["seconds"] <= second["seconds"]
    if sys.platform.startswith("linux"):
        assert second["rss_mib"] - first["rss_mib"] >= 60
        # a peak: at least the memory resident then (a process forked from pytest starts from pytest's peak)
        assert second["maxrss_mib"] >= second["rss_mib"] - 1


def test_unset_probe_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    if os.environ.get("PCA_XLSX_SONDE"):
        monkeypatch.setattr(probe, "_PATH", None)
    assert probe.mark("rien") is None
    assert list(tmp_path.iterdir()) == []
