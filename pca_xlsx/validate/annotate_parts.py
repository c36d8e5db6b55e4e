"""The parts an annotated copy adds, as SpreadsheetML text: styles appended, comments, VML, ``Corrections``.

Shared by both ways of writing a copy (:mod:`.annotate` with openpyxl, :mod:`.annotate_zip`): the
same colours, sizes and texts.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from ..core.values import cell_text
from ..findings import Finding
from .loop import corrections_lines

SHEET = "Corrections"
AUTHOR = "pca-xlsx"
#: Between the referent's own note on a cell and our message added below it (only ours is removed later).
NOTE_SEPARATOR = "\n\n––– Contrôle PCA (retiré au prochain passage) –––\n"
ERROR_COLOR, WARNING_COLOR = "FFFFC7CE", "FFFFEB9C"
HEADER_COLOR = "FF1F4E79"
#: Rows of the ``Corrections`` sheet above its table (title, what to do, whom to send to, note, blank).
INTRO_ROWS = 5
COLUMNS = (("Feuille", 16), ("Cellule", 9), ("Gravité", 14), ("Message", 90), ("Valeur", 30))
TITLE_COLORS = ("FF9C0006", "FF006100")  # with errors, validated
LINK_COLOR = "FF0563C1"

NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_COMMENTS = NS_R + "/comments"
REL_VML = NS_R + "/vmlDrawing"
REL_SHEET = NS_R + "/worksheet"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
EMPTY_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
)
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def comment_box(text: str) -> tuple[int, int]:
    """(height, width) of a comment holding ``text``, in pixels."""
    lines = text.count("\n") + len(text) // 60 + 2
    return min(20 * lines, 400), 360


def comment_text(items: list[Finding]) -> str:
    return cell_text("\n".join(f"{i.severity} : {i.message}" for i in items))


def _t(text: str) -> str:
    return f'<t xml:space="preserve">{escape(text)}</t>'


class Styles:
    """A styles part with fills, fonts and cell formats appended; the existing ones stay as they are."""

    def __init__(self, xml: str):
        self.xml = xml
        self.sections = {}
        for tag, item in (("fills", "fill"), ("fonts", "font"), ("cellXfs", "xf")):
            match = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", xml, re.S)
            if not match:
                raise ValueError(tag)
            items = re.findall(rf"<{item}\b(?:[^>]*/>|.*?</{item}>)", match.group(1), re.S)
            self.sections[tag] = (match, len(items), [])
        self.xfs = re.findall(r"<xf\b(?:[^>]*/>|.*?</xf>)", self.sections["cellXfs"][0].group(1), re.S)
        self.cache: dict[tuple, int] = {}

    def _add(self, tag: str, text: str) -> int:
        key = (tag, text)
        if key not in self.cache:
            _, count, added = self.sections[tag]
            added.append(text)
            self.cache[key] = count + len(added) - 1
        return self.cache[key]

    def fill(self, color: str) -> int:
        return self._add(
            "fills",
            f'<fill><patternFill patternType="solid"><fgColor rgb="{color}"/><bgColor rgb="{color}"/></patternFill></fill>',
        )

    def font(self, color: str, bold: bool = False, size: int | None = None, underline: bool = False) -> int:
        inner = ("<b/>" if bold else "") + (f'<sz val="{size}"/>' if size else "") + ("<u/>" if underline else "")
        return self._add("fonts", f'<font>{inner}<color rgb="{color}"/></font>')

    def filled(self, index: int, color: str) -> int:
        """The format of cell format ``index`` with the solid fill ``color``."""
        if not 0 <= index < len(self.xfs):
            raise ValueError(index)
        match = re.match(r"<xf\b([^>]*?)(/?)>", self.xfs[index])
        attrs = re.sub(r'\s(?:fillId|applyFill)="[^"]*"', "", match.group(1))
        rest = self.xfs[index][match.end() :]
        return self._add("cellXfs", f'<xf{attrs} fillId="{self.fill(color)}" applyFill="1"{match.group(2)}>{rest}')

    def new(self, font: int = 0, fill: int = 0, wrap: bool = False) -> int:
        """A cell format of the ``Corrections`` sheet."""
        attrs = f'numFmtId="0" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"'
        attrs += (' applyFont="1"' if font else "") + (' applyFill="1"' if fill else "")
        if wrap:
            return self._add("cellXfs", f'<xf {attrs} applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>')
        return self._add("cellXfs", f"<xf {attrs}/>")

    def text(self) -> str:
        """The styles part with what was appended (sections rewritten from the last one back)."""
        xml = self.xml
        for tag in sorted(self.sections, key=lambda t: -self.sections[t][0].start()):
            match, count, added = self.sections[tag]
            if not added:
                continue
            opening = re.sub(r'\scount="\d+"', "", xml[match.start() : match.start(1)])
            opening = opening[:-1] + f' count="{count + len(added)}">'
            xml = xml[: match.start()] + opening + match.group(1) + "".join(added) + f"</{tag}>" + xml[match.end() :]
        return xml


def comments_xml(marks: list[tuple[str, list[Finding]]]) -> str:
    body = "".join(
        f'<comment ref="{address}" authorId="0"><text>{_t(comment_text(items))}</text></comment>'
        for address, items in marks
    )
    return f'{_HEAD}<comments xmlns="{_MAIN}"><authors><author>{AUTHOR}</author></authors><commentList>{body}</commentList></comments>'


def vml_blocks(count: int) -> int:
    """Shape-id blocks of 1,024 a drawing of ``count`` shapes takes (ids ``block * 1024 + 1`` on)."""
    return count // 1024 + 1


def vml_xml(marks: list[tuple[tuple[int, int], list[Finding]]], block: int = 1) -> str:
    """The legacy drawing Excel needs to show the comments (one hidden note per cell); its shape
    ids start in the id block ``block`` (``o:idmap``), which no other drawing of the workbook uses."""
    shapes = []
    idmap = ",".join(str(b) for b in range(block, block + vml_blocks(len(marks))))
    for number, ((row, col), items) in enumerate(marks, block * 1024 + 1):
        height, width = comment_box(comment_text(items))
        shapes.append(
            f'<v:shape id="_x0000_s{number:04d}" type="#_x0000_t202" style="position:absolute; margin-left:59.25pt;'
            f'margin-top:1.5pt;width:{width}px;height:{height}px;z-index:1;visibility:hidden" fillcolor="#ffffe1" '
            'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow color="black" obscured="t"/>'
            '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/>'
            '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
            f"<x:AutoFill>False</x:AutoFill><x:Row>{row - 1}</x:Row><x:Column>{col - 1}</x:Column></x:ClientData></v:shape>"
        )
    return (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" '
        f'data="{idmap}"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
        'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" '
        f'o:connecttype="rect"/></v:shapetype>{"".join(shapes)}</xml>'
    )


def row_lines(item: Finding) -> int:
    """Lines a ``Corrections`` row needs: wrapped text shown whole (LibreOffice does not fit rows)."""
    return max(-(-len(item.message) // 85), -(-len(item.value) // 28), 1)


def _cell(ref: str, style: int, value: str = "") -> str:
    text = cell_text(value)
    if not text:
        return f'<c r="{ref}" s="{style}"/>'
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is>{_t(text)}</is></c>'


def corrections_xml(
    ordered: list[Finding], establishment: dict, styles: Styles, links: dict[int, str], extra: str = ""
) -> str:
    """The ``Corrections`` sheet: title, what to do (``extra``: one more line), then one row per finding
    (``links``: id -> sheet title)."""
    errors = sum(f.is_error for f in ordered)
    title, lines = corrections_lines(establishment, errors, len(ordered) - errors)
    lines = lines + [extra] if extra else lines  # one more line fits above the header row
    last_col = len(COLUMNS)
    end = chr(64 + last_col)
    title_style = styles.new(font=styles.font(TITLE_COLORS[0] if errors else TITLE_COLORS[1], bold=True, size=14))
    wrap = styles.new(wrap=True)
    header = styles.new(font=styles.font("FFFFFFFF", bold=True), fill=styles.fill(HEADER_COLOR))
    severity = {
        True: styles.new(fill=styles.fill(ERROR_COLOR), wrap=True),
        False: styles.new(fill=styles.fill(WARNING_COLOR), wrap=True),
    }
    link = styles.new(font=styles.font(LINK_COLOR, underline=True), wrap=True)
    rows = [f'<row r="1">{_cell("A1", title_style, title)}</row>']
    for r, line in enumerate(lines, 2):
        rows.append(f'<row r="{r}" ht="32" customHeight="1">{_cell(f"A{r}", wrap, line)}</row>')
    top = INTRO_ROWS + 1
    rows.append(
        f'<row r="{top}">'
        + "".join(_cell(f"{chr(65 + i)}{top}", header, name) for i, (name, _) in enumerate(COLUMNS))
        + "</row>"
    )
    hyperlinks = []
    for r, item in enumerate(ordered, top + 1):
        target = links.get(id(item))
        cells = [
            _cell(f"A{r}", wrap, item.sheet),
            _cell(f"B{r}", link if target else wrap, item.cell),
            _cell(f"C{r}", severity[item.is_error], item.severity),
            _cell(f"D{r}", wrap, item.message),
            _cell(f"E{r}", wrap, item.value),
        ]
        rows.append(f'<row r="{r}" ht="{15 * row_lines(item)}" customHeight="1">{"".join(cells)}</row>')
        if target:
            location = escape(f"'{target.replace(chr(39), chr(39) * 2)}'!{item.cell}", {'"': "&quot;"})
            hyperlinks.append(f'<hyperlink ref="B{r}" location="{location}"/>')
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, (_, w) in enumerate(COLUMNS, 1))
    merges = "".join(f'<mergeCell ref="A{r}:{end}{r}"/>' for r in range(2, len(lines) + 2))
    bottom = max(len(ordered) + top, top + 1)
    return (
        f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{NS_R}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="{top}" topLeftCell="A{top + 1}" '
        f'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A{top + 1}" sqref="A{top + 1}"/>'
        f'</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
        f'<sheetData>{"".join(rows)}</sheetData><autoFilter ref="A{top}:{end}{bottom}"/>'
        f'<mergeCells count="{len(lines)}">{merges}</mergeCells>'
        + (f"<hyperlinks>{''.join(hyperlinks)}</hyperlinks>" if hyperlinks else "")
        + '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
        '<pageSetup orientation="landscape" paperSize="9" fitToWidth="1" fitToHeight="0"/></worksheet>'
    )
