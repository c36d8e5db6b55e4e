"""``pca-xlsx upgrade``: version-1 workbooks rewritten into the current template, every value kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import DEMO, check

from pca_xlsx import pipeline
from pca_xlsx.cli import cli
from pca_xlsx.consolidate import build_consolidation
from pca_xlsx.format import TEMPLATE_VERSION
from pca_xlsx.upgrade import CURRENT, LOCKED, UNREADABLE, UPGRADED

V1 = Path(__file__).parent / "data" / "v1"
V1_FILES = ("IMAG.xlsx", "LABO.xlsx", "PUI.xlsx", "REA.xlsx")
TODAY = dt.date(2026, 11, 29)
#: Where version 1's « Services en interface » goes: the demo's PUI is a support service.
INTERFACE_TARGET = {"PUI.xlsx": "Services bénéficiaires"}
CARE_TARGET = "Services sollicités"


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def old_folder(tmp_path: Path) -> Path:
    """The demo referential, the four version-1 workbooks and one current (version 2) workbook."""
    folder = tmp_path / "workbooks"
    folder.mkdir()
    shutil.copy(DEMO / "referentiel.xlsx", folder)
    shutil.copy(DEMO / "URG.xlsx", folder)
    for name in V1_FILES:
        shutil.copy(V1 / name, folder / name)
    return folder


@pytest.fixture
def upgraded(old_folder: Path, tmp_path: Path):
    before = _digests(old_folder)
    result = pipeline.upgrade(pipeline.Options(old_folder, tmp_path / "output"))
    assert _digests(old_folder) == before  # inputs never modified
    return old_folder, tmp_path / "output" / "mises_a_jour", result


def _values(ws, form: bool) -> dict[tuple[str, int], object]:
    """(header or label, data row index) -> value of every filled cell, read with openpyxl."""
    out = {}
    if form:
        for row in ws.iter_rows(min_row=2):
            if row[0].value and row[1].value not in (None, ""):
                out[(row[0].value.rstrip("*"), 0)] = row[1].value
        return out
    headers = [c.value.rstrip("*") if c.value else None for c in ws[1]]
    for i, row in enumerate(ws.iter_rows(min_row=2)):
        for header, cell in zip(headers, row):
            if header and cell.value not in (None, ""):
                out[(header, i)] = cell.value
    return out


def test_every_old_value_is_in_the_new_file(upgraded) -> None:
    folder, target, _ = upgraded
    for name in V1_FILES:
        old = openpyxl.load_workbook(folder / name)
        new = openpyxl.load_workbook(target / name)
        compared = 0
        for ws in old.worksheets:
            if ws.title in ("Lisez-moi", "Listes"):
                continue
            form = ws.title == "Service"
            new_values = _values(new[ws.title], form)
            for (header, i), value in _values(ws, form).items():
                if header == "Version du modèle":
                    assert value == "2026.1" and new_values[(header, i)] == TEMPLATE_VERSION
                    continue
                if header == "Services en interface":
                    header = INTERFACE_TARGET.get(name, CARE_TARGET)
                assert new_values.get((header, i)) == value, (name, ws.title, header, i)
                compared += 1
        assert compared > 300, name


def test_interface_cells_are_flagged_with_a_comment(upgraded) -> None:
    folder, target, result = upgraded
    old = openpyxl.load_workbook(folder / "PUI.xlsx")["Processus"]
    new = openpyxl.load_workbook(target / "PUI.xlsx")["Processus"]
    assert (new["F1"].value, new["G1"].value) == ("Services sollicités", "Services bénéficiaires")
    flagged = {c.coordinate for c in new["G"][1:] if c.comment is not None}
    assert flagged == {f"G{c.row}" for c in old["F"][1:] if c.value}
    assert new["G2"].value == "LOGIST; BIOMED" and new["F2"].value is None
    assert new["G2"].comment.text.startswith(
        "À vérifier : « Services en interface » (modèle version 1) valait « LOGIST; BIOMED » en F2. "
        "Placé dans « Services bénéficiaires » parce que le service est un service support."
    )
    checks = [c for c in result.checks if c.file == "PUI.xlsx"]
    assert [c.cell for c in checks] == sorted(flagged, key=lambda a: int(a[1:]))
    rea = openpyxl.load_workbook(target / "REA.xlsx")["Processus"]
    assert rea["F2"].value == "PUI" and rea["F2"].comment is not None and rea["G2"].value is None


def test_entries_say_what_was_done(upgraded, tmp_path: Path) -> None:
    _, target, result = upgraded
    assert [(e.file, e.status, e.version) for e in result.entries] == [
        ("IMAG.xlsx", UPGRADED, "2026.1"),
        ("LABO.xlsx", UPGRADED, "2026.1"),
        ("PUI.xlsx", UPGRADED, "2026.1"),
        ("REA.xlsx", UPGRADED, "2026.1"),
        ("URG.xlsx", CURRENT, TEMPLATE_VERSION),
    ]
    assert sorted(p.name for p in target.iterdir()) == [*V1_FILES, "rapport_mise_a_jour.xlsx"]
    report = openpyxl.load_workbook(target / "rapport_mise_a_jour.xlsx")
    assert report.sheetnames == ["Classeurs", "Déplacements", "À vérifier"]
    moves = [[c.value for c in row] for row in report["Déplacements"].iter_rows(min_row=4)]
    assert ["PUI.xlsx", "Processus", "Services en interface", "F", "Services bénéficiaires", "G", 17, "à vérifier"] in (
        moves
    )
    assert ["REA.xlsx", "Processus", "Prérequis", "G", "Prérequis", "H"] in [m[:6] for m in moves]
    checks = list(report["À vérifier"].iter_rows(min_row=4, values_only=True))
    assert len(checks) == len(result.checks) == sum(e.checks for e in result.entries)


def test_upgraded_workbooks_validate_clean(upgraded, tmp_path: Path) -> None:
    folder, target, _ = upgraded
    shutil.copy(folder / "referentiel.xlsx", target)
    (target / "rapport_mise_a_jour.xlsx").unlink()
    report, _ = check(target)
    assert report.findings == []


def test_run_after_upgrade_gives_the_same_consolidated_values(upgraded, tmp_path: Path) -> None:
    folder, target, _ = upgraded
    shutil.copy(folder / "referentiel.xlsx", target)
    shutil.copy(folder / "URG.xlsx", target)
    (target / "rapport_mise_a_jour.xlsx").unlink()

    def consolidated(where: Path):
        result = pipeline.validate(pipeline.Options(where, tmp_path / where.name), write=False)
        return result, build_consolidation(result, compare=False, today=TODAY)

    old_result, old = consolidated(folder)
    new_result, new = consolidated(target)
    assert len(old_result.report.warnings) == 8 and new_result.report.findings == []
    for key, table in old.details.items():
        dropped = ["source", "_row", "_sheet", "flag", "_errors"]
        a = table.drop(columns=[c for c in dropped if c in table.columns]).reset_index(drop=True)
        b = new.details[key].drop(columns=[c for c in dropped if c in table.columns]).reset_index(drop=True)
        assert a.equals(b), key
    figures = [k for k in old.synthesis.columns if k not in ("errors", "warnings")]
    assert old.synthesis[figures].equals(new.synthesis[figures])
    # the same reliances; only their source cells moved (« Services en interface » split in two columns)
    assert old.interfaces.drop(columns="sources").equals(new.interfaces.drop(columns="sources"))
    assert old.order == new.order
    assert old.gaps.drop(columns="cell").equals(new.gaps.drop(columns="cell"))
    assert old.scenarios.equals(new.scenarios) and old.spof.equals(new.spof)
    same = {k: v for k, v in vars(old.headline).items() if k != "warnings"}
    assert same == {k: v for k, v in vars(new.headline).items() if k != "warnings"}


def test_current_unreadable_and_open_workbooks(old_folder: Path, tmp_path: Path) -> None:
    (old_folder / "CASSE.xlsx").write_bytes(b"pas un classeur")
    (old_folder / "~$LABO.xlsx").write_bytes(b"lock")
    result = pipeline.upgrade(pipeline.Options(old_folder, tmp_path / "out"))
    status = {e.file: (e.status, e.detail) for e in result.entries}
    assert status["LABO.xlsx"] == (
        LOCKED,
        "le fichier ~$LABO.xlsx indique qu'il est ouvert : fermez-le puis relancez pca-xlsx upgrade",
    )
    assert status["CASSE.xlsx"][0] == UNREADABLE
    assert [f.code for f in result.findings if f.file == "CASSE.xlsx"] == ["fichier-pas-xlsx"]
    assert status["CASSE.xlsx"][1] == result.findings[0].message
    assert status["URG.xlsx"][0] == CURRENT
    assert not (tmp_path / "out" / "mises_a_jour" / "LABO.xlsx").exists()
    assert not (tmp_path / "out" / "mises_a_jour" / "URG.xlsx").exists()


def test_cli_prints_what_moved_and_exits_0(old_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["upgrade", "-w", str(old_folder), "-o", str(out)])
    text = " ".join(result.output.split())
    assert result.exit_code == 0, text
    assert "4 classeur(s) mis à jour sur 5 ; 1 déjà au modèle actuel, laissé(s) tel(s) quel(s) ;" in text
    assert (
        "PUI.xlsx · Processus : « Services en interface » (F) → « Services bénéficiaires » (G), 17 valeur(s) à vérifier"
        in text
    )
    assert f"Rapport : {out / 'mises_a_jour' / 'rapport_mise_a_jour.xlsx'}" in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_libreoffice_opens_an_upgraded_workbook(upgraded, tmp_path: Path) -> None:
    _, target, _ = upgraded
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(out), str(target / "PUI.xlsx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    book = openpyxl.load_workbook(out / "PUI.xlsx")  # as LibreOffice understood and saved it
    assert "Plan d'actions" in book.sheetnames
    ws = book["Processus"]
    assert ws["G2"].value == "LOGIST; BIOMED" and "À vérifier" in ws["G2"].comment.text
