"""Annotated copies without loading the workbook: copy its zip, rewrite only the parts that change.

The copy differs from the referent's workbook by: the cell style ids of the marked cells (each
pointing to a copy of the cell's own format with our fill), the styles part (fills, fonts and
formats appended), one comments part and one VML drawing per sheet with findings (with their
relationships), a ``Corrections`` sheet part put first, and the workbook part (sheet list, active
tab, print titles). Every other part is copied as is. What the referent sees is what the openpyxl
path of :mod:`.annotate` gives. Anything this path does not expect (comments already there, an
earlier ``Corrections`` sheet, prefixed XML, a cell without address...) raises
:class:`Unsupported`, and the caller falls back to openpyxl. Parts are edited as text, never
parsed: the source already passed :mod:`pca_xlsx.read.safety` (sizes and entities are checked
again here).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..findings import Finding
from ..format import fold
from . import annotate_parts as parts
from .annotate_hidden import note, reveal_xml
from .annotate_package import Package, Unsupported, attributes, find_sheet, sheet_parts
from .package_text import app_with_sheet, legacy_position

_ROW = re.compile(r"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_CELL = re.compile(r"<c\b([^>]*?)(?:/>|>.*?</c>)", re.S)
_MERGE = re.compile(r'<mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_ADDRESS = re.compile(r"([A-Z]{1,3})(\d{1,7})")
_TAB_SELECTED = re.compile(r'\btabSelected="(?:1|true)"')


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def annotate_zip(source: Path, findings: list[Finding], target: Path, establishment: dict) -> Path:
    """Write the annotated copy of the ``.xlsx`` ``source`` to ``target``; :class:`Unsupported` if it cannot."""
    package = Package.read(Path(source))
    if any(n.startswith(("xl/comments", "xl/threadedComments")) or "/comments" in n for n in package.data):
        raise Unsupported("commentaires")  # earlier marks or the referent's own comments: openpyxl keeps them
    sheets = sheet_parts(package)
    if any(fold(title) == fold(parts.SHEET) for title, _ in sheets):
        raise Unsupported(parts.SHEET)
    for _, part in sheets:
        if part not in package.data or not package.data[part].lstrip().startswith((b"<?xml", b"<worksheet")):
            raise Unsupported(part)
    styles = parts.Styles(package.text("xl/styles.xml"))
    grouped: dict[str, dict[str, list[Finding]]] = {}
    titles: dict[str, str] = {}
    for item in findings:
        if item.cell and item.sheet:
            found = find_sheet(sheets, item.sheet)
            if found is None:
                continue
            titles[found[1]] = found[0]
            grouped.setdefault(found[1], {}).setdefault(item.cell, []).append(item)
    revealed = {}
    for part, cells in grouped.items():
        shown = _mark_sheet(package, part, cells, styles)
        if shown:
            revealed[titles[part]] = shown
    _add_corrections(package, findings, establishment, styles, sheets, note(revealed))
    package.set("xl/styles.xml", styles.text())
    package.write(target)
    return Path(target)


def _mark_sheet(package: Package, part: str, cells: dict[str, list[Finding]], styles: parts.Styles) -> list[int]:
    """Fill and comment the flagged cells of one sheet part; the hidden rows shown again."""
    xml = package.text(part)
    if "<legacyDrawing" in xml or "<worksheet" not in xml[:2000]:
        raise Unsupported(part)
    start, end = xml.find("<sheetData"), xml.find("</sheetData>")
    if start < 0:
        raise Unsupported(part)
    open_end = xml.index(">", start) + 1
    if xml[open_end - 2] == "/":  # <sheetData/>
        head, body, tail = xml[:start] + "<sheetData>", "", "</sheetData>" + xml[open_end:]
    else:
        head, body, tail = xml[:open_end], xml[open_end:end], xml[end:]
    merges = [(column_number(a), int(b), column_number(c), int(d)) for a, b, c, d in _MERGE.findall(xml)]
    marks: dict[tuple[int, int], tuple[str, list[Finding]]] = {}
    for address, items in cells.items():
        match = _ADDRESS.fullmatch(address)
        if not match:
            raise Unsupported(address)
        col, row = column_number(match.group(1)), int(match.group(2))
        for c1, r1, c2, r2 in merges:
            if c1 <= col <= c2 and r1 <= row <= r2:
                col, row = c1, r1
                break
        key = (row, col)
        previous = marks.get(key, ("", []))[1]
        marks[key] = (f"{column_letters(col)}{row}", previous + items)
    wanted: dict[int, dict[int, str]] = {}
    for (row, col), (_, items) in marks.items():
        wanted.setdefault(row, {})[col] = parts.ERROR_COLOR if any(i.is_error for i in items) else parts.WARNING_COLOR
    body = _restyle_rows(body, wanted, styles)
    xml = head + body + tail
    xml, shown = reveal_xml(xml, set(wanted))
    # Comments: one part and one VML drawing, related to the sheet.
    _, comments_name = package.free("xl/comments%d.xml")
    _, vml_name = package.free("xl/drawings/vmlDrawing%d.vml")
    ordered = sorted(marks.items())
    package.set(comments_name, parts.comments_xml([(address, items) for _, (address, items) in ordered]))
    block = package.free_block(len(ordered))
    package.set(vml_name, parts.vml_xml([(key, items) for key, (_, items) in ordered], block))
    folder, _, file = part.rpartition("/")
    rels_name = f"{folder}/_rels/{file}.rels"
    rels = package.text(rels_name) if package.exists(rels_name) else parts.EMPTY_RELS
    used = set(re.findall(r'\bId="([^"]*)"', rels))
    ids = []
    for kind in ("comments", "vml"):
        k = 1
        while f"rIdPca{kind}{k}" in used:
            k += 1
        ids.append(f"rIdPca{kind}{k}")
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="{ids[0]}" Type="{parts.REL_COMMENTS}" Target="{_relative(folder, comments_name)}"/>'
        f'<Relationship Id="{ids[1]}" Type="{parts.REL_VML}" Target="{_relative(folder, vml_name)}"/>'
        "</Relationships>",
    )
    package.set(rels_name, rels)
    root_end = xml.index(">", xml.index("<worksheet")) + 1
    root = xml[:root_end]
    if 'xmlns:r="' not in root:
        root = root[:-1] + f' xmlns:r="{parts.NS_R}">'
    xml = root + xml[root_end:]
    where = legacy_position(xml)
    xml = xml[:where] + f'<legacyDrawing r:id="{ids[1]}"/>' + xml[where:]
    package.set(part, xml)
    types = package.text("[Content_Types].xml")
    if 'Extension="vml"' not in types:
        types = types.replace("<Override", f'<Default Extension="vml" ContentType="{parts.CT_VML}"/><Override', 1)
    types = types.replace(
        "</Types>", f'<Override PartName="/{comments_name}" ContentType="{parts.CT_COMMENTS}"/></Types>'
    )
    package.set("[Content_Types].xml", types)
    return shown


def _relative(folder: str, name: str) -> str:
    """``name`` relative to ``folder`` (both under ``xl/``)."""
    return "../" * folder.count("/") + name.removeprefix("xl/")


def _restyle_rows(body: str, wanted: dict[int, dict[int, str]], styles: parts.Styles) -> str:
    """``body`` (the sheetData content) with the cells of ``wanted`` (row -> column -> colour) filled."""
    out, position, pending = [], 0, dict(sorted(wanted.items()))
    for match in _ROW.finditer(body):
        attrs = attributes(match.group(1))
        if "r" not in attrs:
            raise Unsupported("ligne sans numéro")
        number = int(attrs["r"])
        for missing in [r for r in pending if r < number]:
            out.append(body[position : match.start()])
            position = match.start()
            out.append(_new_row(missing, pending.pop(missing), styles))
        if number not in pending:
            continue
        out.append(body[position : match.start()])
        out.append(_edit_row(match, number, pending.pop(number), styles))
        position = match.end()
    out.append(body[position:])
    for missing, columns in pending.items():
        out.append(_new_row(missing, columns, styles))
    return "".join(out)


def _new_row(number: int, columns: dict[int, str], styles: parts.Styles) -> str:
    cells = "".join(f'<c r="{column_letters(c)}{number}" s="{styles.filled(0, columns[c])}"/>' for c in sorted(columns))
    return f'<row r="{number}">{cells}</row>'


def _edit_row(match: re.Match, number: int, columns: dict[int, str], styles: parts.Styles) -> str:
    head = re.sub(r'\sspans="[^"]*"', "", match.group(1))
    content = match.group(2) or ""
    out, position, pending = [], 0, dict(sorted(columns.items()))
    for cell in _CELL.finditer(content):
        attrs = attributes(cell.group(1))
        address = _ADDRESS.fullmatch(attrs.get("r", ""))
        if not address or int(address.group(2)) != number:
            raise Unsupported("cellule sans adresse")
        col = column_number(address.group(1))
        for missing in [c for c in pending if c < col]:
            out.append(content[position : cell.start()])
            position = cell.start()
            out.append(f'<c r="{column_letters(missing)}{number}" s="{styles.filled(0, pending.pop(missing))}"/>')
        if col not in pending:
            continue
        style = styles.filled(int(attrs.get("s", "0")), pending.pop(col))
        text = cell.group(0)
        tag_end = len("<c") + len(cell.group(1))
        opening = text[:tag_end]
        if re.search(r'\ss="\d+"', opening):
            opening = re.sub(r'\ss="\d+"', f' s="{style}"', opening)
        else:
            opening += f' s="{style}"'
        out.append(content[position : cell.start()])
        out.append(opening + text[tag_end:])
        position = cell.end()
    out.append(content[position:])
    for missing, colour in pending.items():
        out.append(f'<c r="{column_letters(missing)}{number}" s="{styles.filled(0, colour)}"/>')
    return f"<row{head}>{''.join(out)}</row>"


def _add_corrections(
    package: Package,
    findings: list[Finding],
    establishment: dict,
    styles: parts.Styles,
    sheets: list[tuple[str, str]],
    extra: str = "",
) -> None:
    _, part = package.free("xl/worksheets/sheet%d.xml")
    ordered = sorted(findings, key=Finding.sort_key)  # as the report: by sheet, row, column
    links = {}
    for item in ordered:
        if item.cell and item.sheet:
            found = find_sheet(sheets, item.sheet)
            if found is not None:
                links[id(item)] = found[0]
    package.set(part, parts.corrections_xml(ordered, establishment, styles, links, extra))
    for _, sheet_part in sheets:  # the new sheet is the only one selected
        xml = package.text(sheet_part)
        head = xml[: xml.find("<sheetData") if "<sheetData" in xml else 4000]
        if _TAB_SELECTED.search(head):
            package.set(sheet_part, _TAB_SELECTED.sub('tabSelected="0"', head, count=1) + xml[len(head) :])
    rels = package.text("xl/_rels/workbook.xml.rels")
    used = set(re.findall(r'\bId="([^"]*)"', rels))
    k = 1
    while f"rIdPca{k}" in used:
        k += 1
    rid = f"rIdPca{k}"
    target = part.removeprefix("xl/")
    rels = rels.replace(
        "</Relationships>", f'<Relationship Id="{rid}" Type="{parts.REL_SHEET}" Target="{target}"/></Relationships>'
    )
    package.set("xl/_rels/workbook.xml.rels", rels)
    workbook = package.text("xl/workbook.xml")
    ids = [int(i) for i in re.findall(r'<sheet\b[^>]*?\bsheetId="(\d+)"', workbook)]
    if "<sheets>" not in workbook:
        raise Unsupported("sheets")
    workbook = workbook.replace(
        "<sheets>",
        f'<sheets><sheet xmlns:r="{parts.NS_R}" name="{parts.SHEET}" sheetId="{max(ids, default=0) + 1}" r:id="{rid}"/>',
        1,
    )
    workbook = re.sub(r'\blocalSheetId="(\d+)"', lambda m: f'localSheetId="{int(m.group(1)) + 1}"', workbook)
    workbook = re.sub(r'(<workbookView\b[^>]*?)\s(?:activeTab|firstSheet)="\d+"', r"\1", workbook)
    workbook = re.sub(r'(<workbookView\b[^>]*?)\s(?:activeTab|firstSheet)="\d+"', r"\1", workbook)
    last = len(ordered) + parts.INTRO_ROWS + 1
    top = parts.INTRO_ROWS + 1
    names = (
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{parts.SHEET}!$A${top}:$E${max(last, top + 1)}</definedName>"
        f'<definedName name="_xlnm.Print_Titles" localSheetId="0">{parts.SHEET}!${top}:${top}</definedName>'
    )
    workbook = workbook.replace("<definedNames/>", "<definedNames></definedNames>", 1)
    if "<definedNames>" in workbook:
        workbook = workbook.replace("<definedNames>", "<definedNames>" + names, 1)
    else:
        where = re.search(
            r"<(?:calcPr|oleSize|customWorkbookViews|pivotCaches|smartTagPr|smartTagTypes|webPublishing"
            r"|fileRecoveryPr|webPublishObjects|extLst)\b|</workbook>",
            workbook,
        )
        workbook = workbook[: where.start()] + f"<definedNames>{names}</definedNames>" + workbook[where.start() :]
    package.set("xl/workbook.xml", workbook)
    types = package.text("[Content_Types].xml")
    types = types.replace("</Types>", f'<Override PartName="/{part}" ContentType="{parts.CT_SHEET}"/></Types>')
    package.set("[Content_Types].xml", types)
    if package.exists("docProps/app.xml"):  # the sheet titles Excel lists in the file's properties
        app = app_with_sheet(package.text("docProps/app.xml"), [title for title, _ in sheets], parts.SHEET)
        if app is not None:
            package.set("docProps/app.xml", app)
