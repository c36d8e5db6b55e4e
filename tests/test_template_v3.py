"""Template version 3 (issue 31's part): the referents' e-mails; version-2 workbooks stay valid and upgrade."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from conftest import check

from pca_xlsx import pipeline
from pca_xlsx.format import SHEETS_BY_KEY, TEMPLATE_VERSION
from pca_xlsx.upgrade import UPGRADED

V2 = Path(__file__).parent / "data" / "v2"


def _form(path: Path) -> dict[str, object]:
    ws = openpyxl.load_workbook(path)["Service"]
    return {str(r[0].value).rstrip("*"): r[1].value for r in ws.iter_rows(min_row=2) if r[0].value}


def test_the_service_sheet_asks_the_referents_e_mails_before_the_version() -> None:
    labels = [c.label for c in SHEETS_BY_KEY["service"].columns]
    assert labels[-3:] == ["E-mail du référent médical", "E-mail du référent paramédical", "Version du modèle"]
    assert [c.since for c in SHEETS_BY_KEY["service"].columns[-3:-1]] == [3, 3]


def test_version_2_workbooks_validate_without_error_and_upgrade_to_version_3(tmp_path: Path) -> None:
    folder = tmp_path / "workbooks"
    shutil.copytree(V2, folder)
    report, tables = check(folder)
    assert report.errors == []
    assert {f.code for f in report.findings if f.file == "REA.xlsx" and f.sheet == "Service"} == {"modele-ancien"}
    assert tables["service"]["medical_email"].isna().all()
    result = pipeline.upgrade(pipeline.Options(folder, tmp_path / "o"))
    services = sorted(p.name for p in V2.glob("*.xlsx") if p.name != "referentiel.xlsx")
    assert services == ["LABO.xlsx", "PUI.xlsx", "REA.xlsx", "TELECOM.xlsx", "URG.xlsx"]
    assert sorted(e.file for e in result.entries if e.status == UPGRADED) == services
    for name in services:
        old, new = _form(folder / name), _form(tmp_path / "o" / "mises_a_jour" / name)
        assert new.pop("Version du modèle") == TEMPLATE_VERSION and old.pop("Version du modèle") == "2026.2"
        assert new.pop("E-mail du référent médical") is None and new.pop("E-mail du référent paramédical") is None
        for label in ("Suppléant du référent médical", "Suppléant du référent paramédical",
                      "Téléphone de garde du service"):  # fmt: skip
            assert new.pop(label) is None
        assert new == old  # every value of the form kept, at its label
    again = tmp_path / "again"
    again.mkdir()
    for name in ("referentiel.xlsx", *services):
        shutil.copy((folder if name == "referentiel.xlsx" else tmp_path / "o" / "mises_a_jour") / name, again)
    report, _ = check(again)
    assert report.errors == [] and not [f for f in report.findings if f.code == "modele-ancien"]
