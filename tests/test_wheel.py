"""The package installs like one: a wheel, installed into a fresh virtual environment, runs a hospital
from another directory with the Word templates it ships."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ["classeur_crise.docx", "fiche_reflexe.docx", "fiche_synthese.docx", "lettre_mission.docx"]


def _run(args: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


def test_wheel_installs_and_runs_the_demo_from_elsewhere(folder: Path, tmp_path: Path) -> None:
    # Offline with the test extra's setuptools and wheel; else pip fetches them for an isolated build.
    offline = all(importlib.util.find_spec(name) for name in ("setuptools", "wheel"))
    flags = ["--no-build-isolation"] if offline else []
    source = tmp_path / "source"  # a clean copy: setuptools leaves build/ behind, stale files included
    shutil.copytree(ROOT / "pca_xlsx", source / "pca_xlsx", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *flags, "-w", tmp_path / "dist", source], tmp_path)
    (wheel,) = (tmp_path / "dist").glob("pca_xlsx-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"pca_xlsx/templates/{name}" for name in [*TEMPLATES, "synthese_etablissement.docx"]} <= set(names)

    # A fresh environment holding only the wheel; its dependencies come from this environment's
    # site-packages (a path line in a .pth: the editable install of the checkout is not loaded).
    fresh = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(fresh)
    bin_dir = fresh / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    site = Path(
        _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path).stdout.strip()
    )
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    # --ignore-installed: this environment's own pca-xlsx (an editable install) is visible through that .pth
    install = ["install", "-q", "--no-deps", "--no-index", "--ignore-installed", wheel]
    _run([sys.executable, "-m", "pip", "--python", python, *install], tmp_path)

    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(folder, elsewhere / "classeurs")  # a small hospital: the install is tested, not the volume
    env = {k: v for k, v in os.environ.items() if k not in ("PCA_XLSX_TEMPLATES", "PYTHONPATH")}
    where = _run([python, "-c", "import pca_xlsx; print(pca_xlsx.__file__)"], elsewhere, env).stdout
    assert Path(where.strip()).is_relative_to(fresh), where
    done = _run([bin_dir / "pca-xlsx", "run", "-w", "classeurs", "-o", "sortie"], elsewhere, env)
    documents = elsewhere / "sortie" / "documents"
    assert (documents / "synthese_etablissement.docx").is_file(), done.stdout
    assert sorted(p.stem for p in (documents / "fiches_synthese").glob("*.docx")) == ["LABO", "REA"]
    assert (elsewhere / "sortie" / "consolidation" / "PCA_consolide.xlsx").is_file()
