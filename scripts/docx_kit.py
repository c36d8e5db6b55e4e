"""Building blocks for the Word templates (python-docx): page, styles, header/footer, tables.

Used by ``build_docx_templates.py``; the ``.docx`` files it writes are what a hospital edits.
Text holding Jinja tags is always written as a single run so docxtpl sees the whole tag.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

BLUE = RGBColor(0x1F, 0x4E, 0x79)
RED = RGBColor(0xB7, 0x1C, 0x1C)
GREY = RGBColor(0x75, 0x75, 0x75)
HEADER_FILL = "1F4E79"
LIGHT_FILL = "EAF1FB"
ALERT_FILL = "FDECEA"
#: Arial: in Word as typed, and LibreOffice substitutes the metric-compatible Liberation Sans,
#: so PDFs made on a server keep the layout a hospital sees in Word.
FONT = "Arial"
CONFIDENTIAL = "Document confidentiel – usage interne"
#: Height of the header band (logo placeholder) and its distance from the page edge.
HEADER_MM = 13
HEADER_GAP_MM = 7


def new_document(title: str, body_pt: float = 10.5, margin_mm: float = 20) -> Document:
    """An A4 document with styled Normal, Title and Heading styles and document properties."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(margin_mm))
    section.top_margin = Mm(max(margin_mm + 5, HEADER_GAP_MM + HEADER_MM + 5))
    section.bottom_margin = Mm(margin_mm)
    section.header_distance = Mm(HEADER_GAP_MM)
    section.footer_distance = Mm(8)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.font.size = Pt(body_pt)
    normal.paragraph_format.space_after = Pt(4)
    for name, size, colour in (
        ("Title", body_pt * 2, BLUE),
        ("Heading 1", body_pt + 4, BLUE),
        ("Heading 2", body_pt + 2, BLUE),
    ):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = colour
        style.paragraph_format.space_before = Pt(0 if name == "Title" else 8 if body_pt > 12 else 10)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    title_pr = styles["Title"].element.pPr
    if title_pr is not None:  # drop the default bottom border of the Title style
        for border in title_pr.findall(qn("w:pBdr")):
            title_pr.remove(border)
    table_styles(doc)
    doc.core_properties.title = title
    doc.core_properties.author = "Équipe projet PCA"
    doc.core_properties.comments = (
        "Modèle pca-xlsx : les balises entre accolades sont remplacées à la génération des documents."
    )
    return doc


#: Word table styles of every template (name → (header fill, first column fill)): a hospital
#: restyles every table of a template by editing these styles in Word, not cell by cell.
TABLE_STYLES = {"Tableau PCA": (HEADER_FILL, None), "Tableau PCA libellés": (None, LIGHT_FILL)}
BORDER = "8C8C8C"


def _style_xml(name: str, header: str | None, first_col: str | None) -> str:
    sid = name.replace(" ", "").replace("é", "e")
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f'<w:style xmlns:w="{W_NS}" w:type="table" w:customStyle="1" w:styleId="{sid}">',
        f'<w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>',
        '<w:pPr><w:spacing w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>',
        f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>",
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>',
    ]
    if header:
        parts.append(
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{header}"/></w:tcPr></w:tblStylePr>'
        )
    if first_col:
        parts.append(
            '<w:tblStylePr w:type="firstCol"><w:rPr><w:b/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{first_col}"/></w:tcPr></w:tblStylePr>'
        )
    parts.append("</w:style>")
    return "".join(parts)


def table_styles(doc: Document) -> None:
    """Add the templates' table styles (header band, shaded label column) to ``doc``."""
    from docx.oxml import parse_xml

    root = doc.styles.element
    for name, (header, first_col) in TABLE_STYLES.items():
        root.append(parse_xml(_style_xml(name, header, first_col)))


def styled(table, name: str, first_row: bool = True, first_col: bool = False) -> None:
    """Give ``table`` one of :data:`TABLE_STYLES` and say which of its conditional parts apply."""
    table.style = name
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    for key, on in (("firstRow", first_row), ("firstColumn", first_col), ("lastRow", False),
                    ("lastColumn", False), ("noHBand", True), ("noVBand", True)):  # fmt: skip
        look.set(qn(f"w:{key}"), "1" if on else "0")
    look.attrib.pop(qn("w:val"), None)


def _new_section(doc: Document, title: str, wide: bool):
    from docx.enum.section import WD_SECTION

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if wide else (Mm(210), Mm(297))
    width = (section.page_width - section.left_margin - section.right_margin) / Mm(1)
    header_footer(doc, title, width, section)
    return section


def landscape(doc: Document, title: str):
    """Start a new landscape section with its own, page-wide header and footer."""
    return _new_section(doc, title, wide=True)


def portrait(doc: Document, title: str):
    """Start a new portrait section with its own header and footer."""
    return _new_section(doc, title, wide=False)


def shade(cell, fill: str) -> None:
    pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    pr.append(shd)


def _row_flag(row, tag: str) -> None:
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def row_height(row, mm: float, exact: bool = False) -> None:
    """A minimum (or exact) row height: room to write by hand, or a fixed header band."""
    el = OxmlElement("w:trHeight")
    el.set(qn("w:val"), str(int(Mm(mm).twips)))
    el.set(qn("w:hRule"), "exact" if exact else "atLeast")
    row._tr.get_or_add_trPr().append(el)


def middle(cell) -> None:
    """Centre a cell's content vertically."""
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), "center")
    cell._tc.get_or_add_tcPr().append(v)


def write(paragraph, value: str, bold: bool = False, size: float | None = None, colour=None, italic: bool = False):
    run = paragraph.add_run(value)
    run.bold = bold or None
    run.italic = italic or None
    if size:
        run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour
    return run


def para(doc_or_cell, value: str = "", style: str | None = None, align=None, **run):
    p = doc_or_cell.add_paragraph(style=style)
    if value:
        write(p, value, **run)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def tag(doc, value: str):
    """A paragraph holding only a docxtpl paragraph tag (``{%p if … %}``); it disappears when rendered."""
    return doc.add_paragraph(value)


def _cell_text(cell, value: str, bold=False, size=None, colour=None, align=None):
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(1)
    write(p, value, bold=bold, size=size, colour=colour)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def widths(table, mm: list[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), mm):
        col.set(qn("w:w"), str(int(Mm(w).twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, mm):
            cell.width = Mm(w)


def keep_with_table(doc) -> None:
    """The paragraph just before kept with what follows; docxtpl tags disappear when rendered, and a paragraph
    written only on a condition (``{%p if %}`` … ``{%p endif %}``) may, so the one before it is kept too."""
    if not hasattr(doc, "element"):  # a cell
        return
    depth = 0
    for element in reversed(doc.element.body):
        if element.tag == qn("w:sectPr"):
            continue
        if element.tag != qn("w:p"):
            return  # a table right before: nothing to keep
        paragraph = Paragraph(element, doc)
        text = paragraph.text.strip()
        if text.startswith("{%"):
            depth += text.startswith("{%p endif") - text.startswith("{%p if")
            continue
        if not text:
            return
        paragraph.paragraph_format.keep_with_next = True
        if depth <= 0:
            return


def loop_table(
    doc,
    headers: list[str],
    cells: list[str],
    loop: str,
    mm: list[float],
    size: float | None = None,
    align: list[str | None] | None = None,
    cant_split: bool = True,
    header_size: float | None = None,
):
    """A table: shaded header row (repeated on each page), one row per item of ``loop``; the paragraph that
    introduces it stays on its page (never alone at the foot of the one before)."""
    keep_with_table(doc)
    table = doc.add_table(rows=4, cols=len(headers))
    styled(table, "Tableau PCA")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    align = align or [None] * len(headers)
    for cell, label in zip(table.rows[0].cells, headers):
        head = header_size or (min(size, 12) if size else None)
        _cell_text(cell, label, size=head)
    _row_flag(table.rows[0], "w:tblHeader")
    table.rows[1].cells[0].text = f"{{%tr for {loop} %}}"
    for cell, value, a in zip(table.rows[2].cells, cells, align):
        _cell_text(cell, value, size=size, align=a)
    if cant_split:
        _row_flag(table.rows[2], "w:cantSplit")
    table.rows[3].cells[0].text = "{%tr endfor %}"
    widths(table, mm)
    return table


def kv_table(
    doc,
    pairs: list[tuple[str, str]],
    mm: tuple[float, float] = (55, 115),
    size: float | None = None,
    min_height: float | None = None,
):
    """A two-column label → value table; labels shaded; ``min_height`` (mm) leaves room to write."""
    keep_with_table(doc)
    table = doc.add_table(rows=len(pairs), cols=2)
    styled(table, "Tableau PCA libellés", first_row=False, first_col=True)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, (label, value) in zip(table.rows, pairs):
        _cell_text(row.cells[0], label, size=size)
        _cell_text(row.cells[1], value, size=size)
        _row_flag(row, "w:cantSplit")
        if min_height:
            row_height(row, min_height)
            middle(row.cells[0])
    widths(table, list(mm))
    return table


def box(
    doc,
    lines: list[str],
    fill: str = LIGHT_FILL,
    size: float | None = None,
    bold_first: bool = True,
    width: float = 170,
):
    """A shaded one-cell frame holding a few paragraphs."""
    keep_with_table(doc)
    table = doc.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell = table.rows[0].cells[0]
    shade(cell, fill)
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        write(p, line, bold=bold_first and i == 0, size=size)
    widths(table, [width])
    return table


def figures(doc, items: list[tuple[str, str]], width: float = 170):
    """A band of key figures: big value above a small label."""
    keep_with_table(doc)
    table = doc.add_table(rows=2, cols=len(items))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, (value, label) in enumerate(items):
        top, bottom = table.rows[0].cells[i], table.rows[1].cells[i]
        shade(top, LIGHT_FILL)
        shade(bottom, LIGHT_FILL)
        _cell_text(top, value, bold=True, size=18, colour=BLUE, align="center")
        _cell_text(bottom, label, size=8.5, colour=GREY, align="center")
    widths(table, [width / len(items)] * len(items))
    return table


def _field(paragraph, instruction: str, size: float) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    rpr.append(sz)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    fld.append(run)
    paragraph._p.append(fld)


def header_footer(doc, document_title: str, width: float = 170, section=None) -> None:
    """Header: logo placeholder + establishment and document title; footer: confidentiality, date, page.

    ``section`` (default the first) gets its own header and footer, ``width`` mm wide.
    """
    section = section or doc.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    table = header.add_table(rows=1, cols=2, width=Mm(width))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    row_height(table.rows[0], HEADER_MM, exact=True)
    logo, title = table.rows[0].cells
    logo_table_borders(logo)
    middle(logo)
    middle(title)
    _cell_text(logo, "Logo de l'établissement", size=8, colour=GREY, align="center")
    p = title.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.space_after = Pt(0)
    write(p, "{{ etablissement }}", bold=True, size=10, colour=BLUE)
    p2 = title.add_paragraph()
    p2.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p2.paragraph_format.space_after = Pt(0)
    write(p2, document_title, size=8.5, colour=GREY)
    widths(table, [38, width - 38])
    first = header.paragraphs[0]  # the empty paragraph python-docx puts first goes after the table
    header._element.append(first._p)
    first.paragraph_format.space_after = Pt(0)
    first.paragraph_format.line_spacing = Pt(2)
    footer = section.footer
    footer.is_linked_to_previous = False
    fp = footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    write(fp, f"{CONFIDENTIAL} · {{{{ etablissement }}}} · édité le {{{{ date }}}} · page ", size=8, colour=GREY)
    _field(fp, "PAGE", 8)
    write(fp, " / ", size=8, colour=GREY)
    _field(fp, "NUMPAGES", 8)


def logo_table_borders(cell) -> None:
    """A dashed frame around the logo placeholder cell."""
    pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "dashed")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:color"), "9E9E9E")
        borders.append(el)
    pr.append(borders)


def provisional(doc) -> None:
    """« PROVISOIRE – N erreurs à corriger » in red, shown only when the service's workbook has errors."""
    tag(doc, "{%p if service.provisoire %}")
    para(doc, "{{ service.provisoire }}", bold=True, size=16, colour=RED)
    tag(doc, "{%p endif %}")
