"""Text edits that keep an annotated copy's package consistent, without parsing whole parts.

- where a worksheet-level ``<legacyDrawing>`` goes (ECMA-376 CT_Worksheet order), found by
  walking the top-level tags after ``</sheetData>`` only (a rule's own ``<extLst>`` is not the
  worksheet's);
- VML shape-id blocks (``o:idmap``): each drawing of a workbook uses its own ids;
- ``docProps/app.xml``: the worksheet titles (``TitlesOfParts``/``HeadingPairs``) with the added sheet.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

from ..core.zipcopy import ZipWriter, raw_members

_TAG = re.compile(r"""<(/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>""")
#: Worksheet children that come after ``legacyDrawing`` (ECMA-376 part 1, §18.3.1.99).
AFTER_LEGACY = frozenset(
    ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst")
)
#: Any prefix: openpyxl's VML names its namespaces ``ns0``, ``ns1``...
_IDMAP = re.compile(r'(<(?:\w+:)?idmap\b[^>]*?\sdata=")([^"]*)(")')
_SHAPE_ID = re.compile(r'(<(?:\w+:)?shape\b[^>]*?\sid=")_x0000_s\d+(")')


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def legacy_position(xml: str) -> int:
    """Offset in the worksheet ``xml`` where its ``<legacyDrawing>`` goes: before the first
    top-level child that follows it in the schema's order, else before ``</worksheet>``.

    A top-level ``mc:AlternateContent`` counts as the element its first choice holds (Excel
    wraps ``controls`` and ``oleObjects`` so). Only the tags after the cells are scanned."""
    end = xml.find("</sheetData>")
    start = end + len("</sheetData>") if end >= 0 else xml.index("<sheetData")
    depth, tags = 0, _TAG.finditer(xml, start)
    for match in tags:
        closing, name, _, empty = match.groups()
        if closing:
            if depth == 0:
                return match.start()  # </worksheet>
            depth -= 1
            continue
        if depth == 0 and end < 0 and _local(name) == "sheetData":  # <sheetData/>
            continue
        if depth == 0:
            local = _local(name)
            if local == "AlternateContent" and not empty:
                inner = [m for _, m in zip(range(2), _TAG.finditer(xml, match.end()))]
                local = _local(inner[1].group(2)) if len(inner) == 2 and not inner[1].group(1) else local
            if local in AFTER_LEGACY:
                return match.start()
        if not empty:
            depth += 1
    raise ValueError("</worksheet>")


def used_blocks(vml_texts: list[str]) -> set[int]:
    """The shape-id blocks the ``o:idmap`` of these VML drawings claim."""
    out: set[int] = set()
    for text in vml_texts:
        for match in _IDMAP.finditer(text):
            out.update(int(b) for b in re.findall(r"\d+", match.group(2)))
    return out


def renumber_shapes(text: str, block: int) -> tuple[str, int]:
    """``text`` (a comments drawing) with its shape ids from ``block * 1024 + 1`` and its idmap
    naming the blocks they use; and the first block left free after it."""
    count = len(_SHAPE_ID.findall(text))
    blocks = count // 1024 + 1
    numbers = iter(range(block * 1024 + 1, block * 1024 + 1 + count))
    text = _SHAPE_ID.sub(lambda m: f"{m.group(1)}_x0000_s{next(numbers)}{m.group(2)}", text)
    idmap = ",".join(str(b) for b in range(block, block + blocks))
    text = _IDMAP.sub(lambda m: f"{m.group(1)}{idmap}{m.group(3)}", text, count=1)
    return text, block + blocks


def number_comment_drawings(blob: bytes, prefix: str = "xl/drawings/commentsDrawing") -> bytes:
    """The workbook ``blob`` (as openpyxl saves it: every comments drawing numbered from block 1)
    with each comments drawing in its own id blocks, clear of the other drawings'."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        infos = archive.infolist()
        vml = {i.filename: archive.read(i).decode("utf-8") for i in infos if i.filename.endswith(".vml")}
        ours = sorted((n for n in vml if n.startswith(prefix)), key=lambda n: int(re.sub(r"\D", "", n) or 0))
        if not ours or (len(ours) < 2 and len(vml) == len(ours)):
            return blob
        taken = used_blocks([t for n, t in vml.items() if n not in ours])
        block, edited = 1, {}
        for name in ours:
            while block in taken:
                block += 1
            edited[name], block = renumber_shapes(vml[name], block)
        try:
            raw, out = raw_members(blob, infos), ZipWriter()
        except ValueError:  # a zip this module does not copy: keep openpyxl's numbering
            return blob
        for info in infos:
            if info.filename in edited:
                out.add(info.filename, edited[info.filename].encode("utf-8"))
            else:
                out.add_raw(info.filename, info.compress_type, info.CRC, raw[info.filename], info.file_size)
        return out.getvalue()


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def app_with_sheet(app: str, sheets: list[str], added: str) -> str | None:
    """``docProps/app.xml`` with the sheet ``added`` listed first among the worksheets; None when it
    lists no titles or its first group is not the workbook's ``sheets`` (then left as it is)."""
    pairs = re.search(r"<HeadingPairs>\s*<vt:vector\b[^>]*>(.*?)</vt:vector>", app, re.S)
    titles = re.search(r"(<TitlesOfParts>\s*<vt:vector\b[^>]*?\bsize=\")(\d+)(\"[^>]*>)(.*?)</vt:vector>", app, re.S)
    if not pairs or not titles:
        return None
    count = re.search(r"<vt:variant>\s*<vt:i4>(\d+)</vt:i4>", pairs.group(1))
    names = re.findall(r"<vt:lpstr>(.*?)</vt:lpstr>", titles.group(4), re.S)
    if not count or [_unescape(n) for n in names[: int(count.group(1))]] != sheets:
        return None
    start = pairs.start(1) + count.start(1)
    app = app[:start] + str(int(count.group(1)) + 1) + app[pairs.start(1) + count.end(1) :]
    titles = re.search(r"(<TitlesOfParts>\s*<vt:vector\b[^>]*?\bsize=\")(\d+)(\"[^>]*>)", app, re.S)
    return (
        app[: titles.start(2)]
        + str(int(titles.group(2)) + 1)
        + titles.group(3)
        + f"<vt:lpstr>{escape(added)}</vt:lpstr>"
        + app[titles.end(3) :]
    )
