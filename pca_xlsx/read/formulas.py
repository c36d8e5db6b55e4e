"""Formulas with no cached value: calamine reads them as empty cells, so the sheet XML is scanned.

Only parts that contain ``<f`` are searched: :func:`pca_xlsx.read.safety.inspect_file` notes them
while checking the file, so ordinary workbooks (no formula) are not opened a second time.
The file has already passed that check (sizes, no DTD).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree

from .safety import FORMULA as _FORMULA

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3}[0-9]{1,7})"')
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> zip member name of its XML part."""
    root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels_name = "xl/_rels/workbook.xml.rels"
    targets: dict[str, str] = {}
    if rels_name in archive.namelist():
        for rel in ElementTree.fromstring(archive.read(rels_name)):
            target = rel.get("Target") or ""
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id") or ""] = path
    out: dict[str, str] = {}
    for element in root.iter():
        if not element.tag.endswith("}sheet"):
            continue
        rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
        if rid in targets:
            out[element.get("name") or ""] = targets[rid]
    return out


def uncached_formulas(path: Path, titles: list[str], only: set[str]) -> dict[str, list[str]]:
    """Sheet title -> cells holding a formula with no cached value, for the sheets ``titles``.

    ``only``: the zip members the safety check found holding formulas; the others are not read.
    """
    out: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as archive:
        parts = sheet_parts(archive)
        names = set(archive.namelist())
        for title in titles:
            part = parts.get(title)
            if part not in names or part not in only:
                continue
            xml = archive.read(part)
            cells = []
            for attrs, inner in _CELL.findall(xml):
                if inner and _FORMULA.search(inner) and not _VALUE.search(inner):
                    ref = _REF.search(attrs)
                    if ref:
                        cells.append(ref.group(1).decode())
            if cells:
                out[title] = cells
    return out
