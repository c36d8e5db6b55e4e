"""Shared fixtures: a small referential and filled service workbooks written with our own writers."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

from pca_xlsx.format import MATURITY_QUESTIONS, SHEETS_BY_KEY, versions
from pca_xlsx.read import read_referential
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "workbooks"
sys.path.insert(0, str(ROOT / "scripts"))
from demo_data.referential import FOLDERS as DEMO_FOLDERS  # noqa: E402  (the demo's source data)
from demo_data.referential import SERVICES as _DEMO_SERVICES  # noqa: E402

#: The demo GHT's services, and the CHU's own (the establishment without a sub-folder).
DEMO_CODES = [s["code"] for s in _DEMO_SERVICES]
CHU_CODES = [c for c in DEMO_CODES if not DEMO_FOLDERS[c]]


def service_cell(key: str, version: int = versions.CURRENT) -> str:
    """The address of the « Service » form field ``key`` in a workbook of template ``version`` (rows from 2),
    computed from the format: a version that adds a row moves those after it."""
    keys = [c.key for c in SHEETS_BY_KEY["service"].columns_in(version)]
    return f"B{keys.index(key) + 2}"


REFERENTIAL = {
    "etablissement": {"name": "CH Test", "group": "GHT Test", "review_months": 12, "exercise_months": 12},
    "poles": [
        {"code": "P1", "name": "Pôle Urgences – Réanimation"},
        {"code": "P2", "name": "Pôle Médico-technique"},
    ],
    "services": [
        {"code": "REA", "name": "Réanimation", "pole": "P1", "category": "Critique", "wave": 1},
        {"code": "LABO", "name": "Laboratoire", "pole": "P2", "category": "Critique", "wave": 1},
        {"code": "PUI", "name": "Pharmacie à usage intérieur", "pole": "P2", "category": "Support", "wave": 1},
    ],
    "ressources": [
        {"name": "DPI", "category": "Application métier", "description": "Dossier patient informatisé"},
        {"name": "SGL", "category": "Application métier", "description": "Système de gestion du laboratoire"},
        {"name": "Téléphonie", "category": "Téléphonie", "description": "Téléphonie fixe"},
    ],
    "scenarios": [
        {"name": "DPI indisponible", "resources": "DPI"},
        {"name": "Cyberattaque généralisée", "resources": "Toutes"},
    ],
}


def service_content(code: str = "REA") -> dict:
    """A valid, small filled workbook content for ``code``."""
    other = "LABO" if code != "LABO" else "REA"
    return {
        "service": {
            "medical_referent": "Dr Anne DURAND",
            "medical_phone": "06 11 22 33 44",
            "paramedical_referent": "Marc PETIT",
            "paramedical_phone": "06 55 66 77 88",
            "capacity": 20,
            "ambition": 100,
            "kept_activities": "Toute l'activité",
            "updated": dt.date.today() - dt.timedelta(days=30),
            "duty_phone": "06 90 00 00 01" if code == "REA" else "06 90 00 00 02",
        },
        "maturite": [{"answer": "Oui" if i % 2 else "Partiel"} for i, _ in enumerate(MATURITY_QUESTIONS)],
        "applications": [
            {
                "resource": "DPI",
                "usage": "Prescriptions",
                "dependency": "Critique",
                "tolerable": "Moins d'1 h",
                "degraded": "Partielle",
            },
            {"resource": "SGL", "usage": "Résultats", "dependency": "Forte", "tolerable": "1 à 4 h"},
        ],
        "processus": [
            {
                "number": 1,
                "process": "Prescription médicamenteuse",
                "criticality": "Vitale",
                "resource": "DPI",
                "workaround": "Prescription papier",
                "prerequisites": "Ordonnances papier",
                "status": "Testée",
                "volume_per_day": 40,
                "rekey": "Oui",
            },
            {
                "number": 2,
                "process": "Récupération d'un résultat de biologie",
                "criticality": "Vitale",
                "resource": "SGL",
                "workaround": "Acheminement pédestre",
                "relies_on": other,
                "status": "Définie",
            },
            {
                "number": 3,
                "process": "Appel du médecin de garde",
                "criticality": "Majeure",
                "resource": "Téléphonie",
                "workaround": None,
                "status": "À construire",
            },
        ],
        "telecom": [{"means": "Téléphone mobile", "quantity": 2, "usage": "Garde"}],
        "biomedical": [{"device": "Respirateur", "quantity": 10, "connected": "Oui", "offline": "Oui"}],
        "documents": [{"document": "Ordonnances papier", "type": "Prescription", "quantity": 200}],
        "fiche_reflexe": [
            {"step": 1, "phase": "Alerte", "action": "Prévenir le cadre", "who": "IDE", "when": "Immédiat"},
            {"step": 2, "phase": "Mode dégradé", "action": "Sortir le kit papier", "who": "IDE"},
        ],
        "exercices": [
            {
                "date": dt.date.today() - dt.timedelta(days=60),
                "scenario": "DPI indisponible",
                "type": "Sur table",
                "result": "Réussi",
            }
        ],
    }


def edit(path: Path, changes: dict[str, dict[str, object]]) -> None:
    """Set cells of a workbook copy with openpyxl: {sheet: {cell: value}}."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    for sheet, cells in changes.items():
        for cell, value in cells.items():
            book[sheet][cell] = value
    book.save(path)


def check(folder: Path):
    """Read and validate every workbook of ``folder``: (report, tables)."""
    from pca_xlsx.read import discover, read_service_workbook
    from pca_xlsx.validate import validate_all

    ref = read_referential(folder / "referentiel.xlsx")
    return validate_all(ref, [read_service_workbook(p) for p in discover(folder)])


@pytest.fixture(scope="session")
def _folder_once(tmp_path_factory) -> Path:
    """The small referential and valid REA and LABO workbooks, written once per session (copied by ``folder``)."""
    path = tmp_path_factory.mktemp("small") / "workbooks"
    path.mkdir()
    write_referential(path / "referentiel.xlsx", REFERENTIAL)
    ref = read_referential(path / "referentiel.xlsx")
    for code in ("REA", "LABO"):
        write_service_workbook(path / f"{code}.xlsx", ref, code, service_content(code))
    return path


@pytest.fixture
def folder(_folder_once: Path, tmp_path: Path) -> Path:
    """A workbooks folder with the small referential and valid REA and LABO workbooks (a fresh copy: change it)."""
    return Path(shutil.copytree(_folder_once, tmp_path / "workbooks"))


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A copy of the shipped demo hospital, safe to modify."""
    target = tmp_path / "workbooks"
    shutil.copytree(DEMO, target)
    return target


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """(result, output folder) of ONE ``pipeline.run`` of the demo GHT (consolidations and every document),
    shared by the slow tests: they read its outputs and must not change them."""
    from pca_xlsx import pipeline

    out = tmp_path_factory.mktemp("demo-run") / "output"
    return pipeline.run(pipeline.Options(workbooks=DEMO, output=out)), out


def consolidated_parts(result, out) -> dict:
    """Establishment code → its part of a finished GHT run, cut again and consolidated (without a snapshot) as the
    run's were: the run lets each part go once written and rendered (:func:`pca_xlsx.ght_run.each_part`)."""
    from pca_xlsx import ght_run, pipeline

    owners, parts = result.owners(), {}
    for code in ght_run.establishment_codes(result):
        part = parts[code] = result.cut(code, owners)
        part.ght = result.consolidation
        part.consolidation = pipeline.consolidation(part, out, snapshot=False, today=result.consolidation.today)
    return parts


@pytest.fixture(scope="session")
def demo_parts(demo_run):
    """Establishment code → its part of the shared demo run (:func:`consolidated_parts`), without touching the
    run's result."""
    return consolidated_parts(*demo_run)
