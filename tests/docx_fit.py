"""Does every word of a Word table fit its column? Widths measured with Helvetica's metrics, which Arial (the
templates' font) and Liberation Sans (LibreOffice's stand-in) share, read from the AFM files matplotlib ships.

A word wider than its column is cut inside the word (« 03/07/202 » then « 5 »); a line breaks only at a space
or after a hyphen or a slash before a letter, as Word and LibreOffice do.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import matplotlib
from docx.oxml.ns import qn
from fontTools.agl import UV2AGL

#: The templates' cell margins (table styles « Tableau PCA… », 85 twips a side), in points.
MARGINS_PT = 2 * 85 / 20
BREAKS = re.compile(r"[ \t\n]+|(?<=[-–/])(?=[^\d\s])")
#: Arial's widths where Helvetica's AFM has none or another (1/1000 em).
ARIAL = {"·": 333, "€": 556, "≤": 549, "\u202f": 200}


@cache
def _metrics(bold: bool) -> dict[str, int]:
    """Glyph name -> advance width (1/1000 em) of Helvetica (bold)."""
    afm = Path(matplotlib.get_data_path()) / "fonts" / "afm" / ("phvb8a.afm" if bold else "phvr8a.afm")
    widths = {}
    for line in afm.read_text(encoding="latin-1").splitlines():
        found = re.match(r"C -?\d+ ; WX (\d+) ; N (\S+) ;", line)
        if found:
            widths[found.group(2)] = int(found.group(1))
    return widths


def width_pt(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in points at ``size`` points; a glyph Helvetica lacks (☐) counts an em."""
    metrics = _metrics(bold)
    units = 0
    for char in text:
        name = "space" if char == "\u00a0" else UV2AGL.get(ord(char), "")
        units += ARIAL.get(char) or metrics.get(name, 1000)
    return units * size / 1000


def words(text: str) -> list[str]:
    """The pieces of ``text`` a line never breaks inside."""
    return [w for w in BREAKS.split(text) if w]


def _size(run, default: float) -> float:
    size = run._r.rPr.find(qn("w:sz")) if run._r.rPr is not None else None
    return int(size.get(qn("w:val"))) / 2 if size is not None else default


def cut_words(doc) -> list[tuple[int, str, float, float]]:
    """(table, word, its width, its column's room) of every word of ``doc``'s tables wider than its column
    (points); header rows (style « Tableau PCA ») and label columns (« Tableau PCA libellés ») are bold."""
    from docx.text.paragraph import Paragraph

    default = doc.styles["Normal"].font.size.pt
    cut = []
    for t, table in enumerate(doc.tables):
        style = table._tbl.tblPr.find(qn("w:tblStyle"))
        style = "" if style is None else style.get(qn("w:val"))
        margins = MARGINS_PT if style.startswith("TableauPCA") else 2 * 108 / 20  # else Word's default
        grid = [int(g.get(qn("w:w"))) / 20 for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        for r, tr in enumerate(table._tbl.tr_lst):
            col = 0
            for c, tc in enumerate(tr.tc_lst):
                room = sum(grid[col : col + tc.grid_span]) - margins
                col += tc.grid_span
                header = (style == "TableauPCA" and r == 0) or (style == "TableauPCAlibelles" and c == 0)
                for p in tc.iter(qn("w:p")):
                    for run in Paragraph(p, None).runs:
                        size, bold = _size(run, default), header or bool(run.bold)
                        cut += [(t, w, width_pt(w, size, bold), room) for w in words(run.text)
                                if width_pt(w, size, bold) > room]  # fmt: skip
    return cut
