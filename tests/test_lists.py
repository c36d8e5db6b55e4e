"""The service drop-downs of a workbook hold its establishment's services, its own pôle first."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from conftest import REFERENTIAL

from pca_xlsx.read import read_referential
from pca_xlsx.synthetic import hospital
from pca_xlsx.write.lists import service_choices
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook, write_template


def _referential(tmp_path: Path):
    content = {
        **REFERENTIAL,
        "poles": [{"code": "P1", "name": "Pôle A"}, {"code": "P2", "name": "Pôle B"}, {"code": "P3", "name": "Pôle C"}],
        "services": [
            {"code": "REA", "name": "Réanimation", "pole": "P1", "site": "Nord", "category": "Critique", "wave": 1},
            {"code": "LABO", "name": "Laboratoire", "pole": "P2", "site": "Nord", "category": "Critique", "wave": 1},
            {"code": "URG", "name": "Urgences", "pole": "P1", "site": "Nord", "category": "Critique", "wave": 1},
            {"code": "PUI", "name": "Pharmacie", "pole": "P2", "site": "Nord", "category": "Support", "wave": 1},
            {"code": "REA2", "name": "Réanimation Sud", "pole": "P3", "site": "Sud", "category": "Critique", "wave": 2},
            {"code": "URG2", "name": "Urgences Sud", "pole": "P3", "site": "Sud", "category": "Critique", "wave": 2},
        ],
    }
    return read_referential(write_referential(tmp_path / "referentiel.xlsx", content))


def test_choices_are_the_sites_services_own_pole_first(tmp_path: Path) -> None:
    referential = _referential(tmp_path)
    assert service_choices(referential, "LABO") == ["PUI", "REA", "URG"]
    assert service_choices(referential, "REA") == ["URG", "LABO", "PUI"]
    assert service_choices(referential, "URG2") == ["REA2"]


def test_template_list_stays_small_and_any_known_code_is_still_accepted(tmp_path: Path) -> None:
    referential = _referential(tmp_path)
    book = openpyxl.load_workbook(write_template(tmp_path / "REA2.xlsx", referential, "REA2"))
    name = book.defined_names["Liste_services"]
    ((sheet, cells),) = name.destinations
    assert [c.value for row in book[sheet][cells] for c in row] == ["URG2"]
    rules = {str(dv.sqref): dv for dv in book["Processus"].data_validations.dataValidation}
    assert rules["F2:F501"].formula1 == "Liste_services" and rules["F2:F501"].errorStyle != "stop"


def test_ght_workbooks_hold_their_hospitals_services_only(tmp_path: Path) -> None:
    plan = hospital(100, seed=1, faults=0.0)  # a 100-service hospital; one of its workbooks written
    sites = {s["code"]: s["site"] for s in plan.referential["services"]}
    code = plan.codes[40]
    ref = read_referential(write_referential(tmp_path / "referentiel.xlsx", plan.referential))
    book = openpyxl.load_workbook(write_service_workbook(tmp_path / f"{code}.xlsx", ref, code, plan.content(code)))
    ((sheet, cells),) = book.defined_names["Liste_services"].destinations
    listed = [c.value for row in book[sheet][cells] for c in row]
    assert sorted(listed) == sorted(c for c in sites if sites[c] == sites[code] and c != code)
    assert len(listed) < 40
