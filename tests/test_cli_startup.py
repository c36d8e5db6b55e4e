"""Start-up (issue 30): ``pca-xlsx --help`` imports no heavy library; the commands import them when they run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pca_xlsx.cli import cli
from pca_xlsx.cli_help import SHORT

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ["pandas", "pandera", "numpy", "openpyxl", "xlsxwriter", "docxtpl", "python_calamine", "duckdb"]

#: Run in a fresh interpreter: the heavy libraries loaded after ``import pca_xlsx.cli``, then after every help.
SCRIPT = f"""
import json, sys
import pca_xlsx.cli
from click.testing import CliRunner

heavy = {HEAVY!r}
loaded = {{"import": [m for m in heavy if m in sys.modules]}}
runner = CliRunner()
codes = [runner.invoke(pca_xlsx.cli.cli, ["--help"]).exit_code]
codes += [runner.invoke(pca_xlsx.cli.cli, [name, "--help"]).exit_code for name in sorted(pca_xlsx.cli.cli.commands)]
loaded["help"] = [m for m in heavy if m in sys.modules]
loaded["codes"] = codes
loaded["file"] = pca_xlsx.cli.__file__
print(json.dumps(loaded))
"""


def test_importing_the_cli_and_every_help_load_no_heavy_library() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout)
    assert Path(loaded["file"]) == ROOT / "pca_xlsx" / "cli.py"
    assert loaded["import"] == []
    assert loaded["help"] == []
    assert loaded["codes"] == [0] * (1 + len(SHORT))


def test_the_help_still_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    lines = result.output.split("Commandes:\n")[1].splitlines()
    listed = [line.split()[0] for line in lines if line.strip() and not line.startswith("   ")]  # not wrapped ends
    assert listed == ["consolidate", "documents", "exercice", "export", "run", "templates", "upgrade", "validate"]
    assert sorted(cli.commands) == listed
