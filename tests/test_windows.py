"""At home on Windows and macOS: no Linux-only lookup crashes, workers started with ``spawn``,
file names Windows accepts, LibreOffice found where its installers put it."""

from __future__ import annotations

import copy
import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conformance import assert_conforms
from conftest import REFERENTIAL, edit, service_content

from pca_xlsx import pipeline
from pca_xlsx.core import collector, pool
from pca_xlsx.core.names import safe_file_name
from pca_xlsx.documents import file_name, pdf
from pca_xlsx.read import read_referential, read_service_workbook
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook

ROOT = Path(__file__).resolve().parents[1]


def test_no_crash_whatever_the_library_lookup_raises(monkeypatch) -> None:
    for error in (TypeError("Windows: CDLL(None)"), OSError("no libc"), AttributeError("musl"), ValueError("?")):

        def lookup(*_args, error=error):
            raise error

        monkeypatch.setattr(ctypes, "CDLL", lookup)
        collector._malloc_trim.cache_clear()
        try:
            assert collector.give_back_memory() is False
            assert collector.give_back_memory(collect=True) is False
        finally:
            collector._malloc_trim.cache_clear()


def test_start_method_can_be_forced(monkeypatch) -> None:
    monkeypatch.setenv(pool.START_METHOD, "spawn")
    assert pool.fork_context().get_start_method() == "spawn"
    monkeypatch.setenv(pool.START_METHOD, "nonsense")
    assert pool.fork_context().get_start_method() in ("fork", "spawn")


def test_a_batch_works_with_spawned_workers(monkeypatch) -> None:
    monkeypatch.setenv(pool.START_METHOD, "spawn")
    batch = pool.Batch(sum, [[1, 2], [3, 4], [5]], 2)
    assert batch.pool is not None  # really in a worker, the chunks pickled
    assert batch.run() == [3, 7, 5]


def test_the_whole_run_works_with_spawned_workers(folder: Path, tmp_path: Path) -> None:
    """``pca-xlsx run`` as Windows starts its workers: reading, the annotated copies over 2 processes,
    the Word documents rendered by workers (a small hospital: what is tested is the start method, not
    the volume)."""
    wrong = ["LABO", "REA"]
    for code in wrong:
        edit(folder / f"{code}.xlsx", {"Processus": {"C4": "Urgente"}})
    env = {**os.environ, pool.START_METHOD: "spawn", "PCA_XLSX_JOBS": "2", "PYTHONPATH": str(ROOT)}
    output = tmp_path / "sortie"
    done = subprocess.run(
        [sys.executable, "-m", "pca_xlsx", "run", "--workbooks", str(folder), "--output", str(output)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stdout + done.stderr
    copies = sorted((output / "validation" / "annotes").glob("*.xlsx"))
    assert [p.stem for p in copies] == wrong
    for copy_ in copies:
        assert_conforms(copy_)
        assert openpyxl.load_workbook(copy_)["Processus"]["C4"].comment.text.startswith("Erreur : ")
    assert_conforms(output / "consolidation" / "PCA_consolide.xlsx")
    for kind in ("fiches_synthese", "fiches_reflexes"):
        assert sorted(p.stem for p in (output / "documents" / kind).glob("*.docx")) == wrong, kind
    letters = sorted(p.stem for p in (output / "documents" / "lettres_mission").glob("*.docx"))
    assert letters == ["LABO", "PUI", "REA"]  # PUI: in the referential, no workbook yet
    assert (output / "documents" / "cellule_de_crise.docx").stat().st_size > 10_000


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("REA", "REA"),
        ("CON", "CON_"),
        ("con", "con_"),
        ("Aux", "Aux_"),
        ("PRN", "PRN_"),
        ("NUL.A", "NUL_.A"),
        ("COM1", "COM1_"),
        ("LPT9", "LPT9_"),
        ("CONSULT", "CONSULT"),
        ("COM10", "COM10"),
        ('A/B\\C:D*E?F"G<H>I|J', "A_B_C_D_E_F_G_H_I_J"),
        ("URG.", "URG"),
        ("CHIR A", "CHIR_A"),
        ("ÉCHO", "ÉCHO"),
        ("...", "service"),
    ],
)
def test_service_codes_give_names_windows_accepts(code: str, name: str) -> None:
    assert safe_file_name(code) == name == file_name(code)


def test_a_reserved_service_code_gets_the_same_safe_name_for_template_and_documents(tmp_path: Path) -> None:
    workbooks = tmp_path / "workbooks"
    workbooks.mkdir()
    referential = copy.deepcopy(REFERENTIAL)
    referential["services"][0]["code"] = "CON"  # REA, renamed
    write_referential(workbooks / "referentiel.xlsx", referential)
    output = tmp_path / "sortie"
    written = pipeline.templates(pipeline.Options(workbooks, output))
    assert sorted(p.name for p in written) == ["CON_.xlsx", "LABO.xlsx", "PUI.xlsx"]
    ref = read_referential(workbooks / "referentiel.xlsx")
    content = service_content("CON")
    write_service_workbook(workbooks / "CON_.xlsx", ref, "CON", content)
    write_service_workbook(workbooks / "LABO.xlsx", ref, "LABO", service_content("LABO"))
    assert read_service_workbook(workbooks / "CON_.xlsx").service == "CON"
    pipeline.run(pipeline.Options(workbooks, output, jobs=1))
    for folder in ("fiches_synthese", "fiches_reflexes", "lettres_mission"):
        names = sorted(p.name for p in (output / "documents" / folder).glob("*.docx"))
        assert "CON_.docx" in names and "CON.docx" not in names, (folder, names)


def test_soffice_found_in_the_windows_install_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda *_: None)
    for variable in ("PROGRAMFILES", "PROGRAMW6432", "PROGRAMFILES(X86)", "LOCALAPPDATA"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert pdf.soffice() is None or pdf.soffice().startswith("/Applications")
    binary = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    binary.parent.mkdir(parents=True)
    binary.write_bytes(b"")
    monkeypatch.setenv("PROGRAMFILES", str(tmp_path / "Program Files"))
    assert pdf.soffice() == str(binary)


def test_soffice_found_in_a_user_install_on_macos(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda *_: None)
    for variable in ("PROGRAMFILES", "PROGRAMW6432", "PROGRAMFILES(X86)", "LOCALAPPDATA"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    binary = tmp_path / "Applications" / "LibreOffice.app" / "Contents" / "MacOS" / "soffice"
    binary.parent.mkdir(parents=True)
    binary.write_bytes(b"")
    assert pdf.soffice() == str(binary)
    assert Path("/Applications/LibreOffice.app/Contents/MacOS") in pdf.install_folders()


def test_no_path_built_as_text_in_the_package() -> None:
    """Paths are joined with pathlib: no ``os.path`` anywhere in the package."""
    assert [p.name for p in (ROOT / "pca_xlsx").rglob("*.py") if "os.path." in p.read_text(encoding="utf-8")] == []


@pytest.mark.parametrize("how", ["fresh=True", "spawn forced (Windows, macOS)"])
def test_a_spawned_worker_does_not_run_the_callers_unguarded_script_again(tmp_path: Path, how: str) -> None:
    """A spawned worker imports its caller's main script again: a script calling the library without an
    ``if __name__ == "__main__"`` guard would run a second time in it (its whole pipeline, then fail). The
    workers a batch spawns take ``core/pool`` as their main instead; the script runs once."""
    log = tmp_path / "runs.txt"
    script = tmp_path / "script.py"
    script.write_text(
        "import sys\n"
        "from pca_xlsx.core import pool\n"
        "with open(sys.argv[1], 'a') as f:\n"
        "    f.write('run\\n')\n"
        f"print(pool.Batch(sorted, [[2, 1], [4, 3], [6, 5]], 2, fresh={how == 'fresh=True'}).run())\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if how != "fresh=True":
        env[pool.START_METHOD] = "spawn"
    done = subprocess.run([sys.executable, str(script), str(log)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[[1, 2], [3, 4], [5, 6]]"
    assert log.read_text(encoding="utf-8") == "run\n"
