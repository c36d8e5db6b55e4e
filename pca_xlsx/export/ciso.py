"""CISO Assistant import files: business impact analysis, its assets, and the CaRE domain 2 audit.

Layouts as CISO Assistant's data wizard reads them (``backend/data_wizard``): the BIA template's sheets
``Summary``, ``<analysis>`` and ``<analysis> - thresholds`` with its column names; the assets template's
columns; the columns of an audit exported by CISO Assistant (``urn``, ``ref_id``, ``assessable``,
``compliance_result``…), which its import reconciles requirement by requirement.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import xlsxwriter

from ..core.files import atomic_path
from .care_d2 import Requirement
from .impact import Assessment

SUMMARY = ["name", "description", "perimeter", "perimeter_ref_id", "risk_matrix", "risk_matrix_ref_id", "folder",
           "version", "status", "eta", "due_date", "observation", "authors", "reviewers"]  # fmt: skip
BIA = ["bia_name", "asset", "asset_ref_id", "recovery_documented", "recovery_tested", "recovery_targets_met",
       "dependencies", "associated_controls", "evidences", "observation"]  # fmt: skip
THRESHOLDS = ["bia_name", "asset", "asset_ref_id", "point_in_time", "quali_impact", "quanti_impact",
              "quanti_impact_unit", "qualifications", "justification"]  # fmt: skip
ASSETS = ["ref_id", "name", "description", "domain", "type", "asset_class"]
AUDIT = ["urn", "assessable", "ref_id", "name", "description", "typical_evidence", "annotation",
         "compliance_result", "extended_result", "requirement_progress", "observations", "score"]  # fmt: skip
#: The EBIOS RM 4×4 matrix shipped with CISO Assistant: its four impact levels are our 0–3.
MATRIX_NAME, MATRIX_REF = "4x4 risk matrix from EBIOS-RM", "risk-matrix-4x4-ebios-rm"
SUPPORTING = "SP"


def asset_ref(name: str) -> str:
    """A stable reference for a resource: « PCA- » and its name in capitals without accents, other
    characters as « - » (« Réa-Soins » → « PCA-REA-SOINS »)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return "PCA-" + (re.sub(r"[^0-9A-Z]+", "-", plain.upper()).strip("-") or "RESSOURCE")


def _sheet(book, name: str, columns: list[str], rows: list[list]):
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True})
    for col, title in enumerate(columns):
        sheet.write_string(0, col, title, bold)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, len(columns) - 1, 18)
    return sheet


def _book(path: Path):
    return xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})


def write_bia(path: Path, analyses: list[tuple[str, str, list[Assessment]]]) -> Path:
    """``analyses``: (name, description, assessments). One analysis: sheets ``bia`` and ``bia - thresholds``
    as in CISO Assistant's template; several: ``bia 1``, ``bia 1 - thresholds``…"""
    with atomic_path(path) as tmp:
        book = _book(tmp)
        summary = [[name, description, "", "", MATRIX_NAME, MATRIX_REF, "", "1.0", "in_progress"] + [""] * 5
                   for name, description, _ in analyses]  # fmt: skip
        _sheet(book, "Summary", SUMMARY, summary)
        for i, (name, _, assessments) in enumerate(analyses, 1):
            base = "bia" if len(analyses) == 1 else f"bia {i}"
            rows, limits = [], []
            for a in assessments:
                ref = asset_ref(a.resource)
                rows.append([name, a.resource, ref, a.documented, a.tested, a.targets_met, "", "", "", a.observation])
                qualifications = "availability,operational" + (
                    ",safety" if any(t.level == 3 for t in a.thresholds) else ""
                )
                for t in a.thresholds:
                    limits.append([name, a.resource, ref, t.point_in_time, t.level, "", "", qualifications,
                                   t.justification])  # fmt: skip
            _sheet(book, base, BIA, rows)
            _sheet(book, f"{base} - thresholds", THRESHOLDS, limits)
        book.close()
    return path


def write_assets(path: Path, assessments: list[Assessment]) -> Path:
    """The resources as CISO Assistant supporting assets, to import before the BIA (it names them)."""
    with atomic_path(path) as tmp:
        book = _book(tmp)
        rows = [[asset_ref(a.resource), a.resource, a.category, "", SUPPORTING, ""] for a in assessments]
        _sheet(book, "Sheet1", ASSETS, rows)
        book.close()
    return path


def write_audit(path: Path, requirements: list[Requirement]) -> Path:
    with atomic_path(path) as tmp:
        book = _book(tmp)
        rows = [[r.urn, r.assessable, r.ref_id, r.name, "", "", "", r.result if r.assessable else "", "", "",
                 r.observation, ""] for r in requirements]  # fmt: skip
        _sheet(book, "audit", AUDIT, rows)
        book.close()
    return path
