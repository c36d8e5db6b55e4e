"""What Excel and Word enforce and LibreOffice forgives, checked on a written ``.xlsx`` or ``.docx``.

A test helper: :func:`problems` lists every breach, each prefixed by its rule, in English:

- ``xml``: a part that is not well-formed XML (VML is Excel's loose dialect: not parsed);
- ``content-type``: a part without a content type (``[Content_Types].xml`` default or override),
  or the target of a relationship typed as plain XML (its override missing);
- ``relationship``: an internal relationship target missing, or an ``r:id`` naming no relationship;
- ``order``: worksheet children out of the CT_Worksheet order (ECMA-376 part 1, §18.3.1.99),
  unknown or repeated;
- ``merge-overlap`` / ``validation-overlap``: two merged areas, or two data validations (the
  x14 ones of the ``extLst`` included), sharing a cell;
- ``shared-string`` / ``style``: a shared-string or cell-format index out of range;
- ``list-length``: an inline list validation longer than 255 characters;
- ``legacy-drawing``: a sheet with comments without exactly one worksheet-level
  ``legacyDrawing`` pointing to its VML drawing, or a ``legacyDrawing`` anywhere else;
- ``shape-id``: a VML shape id, or an ``o:idmap`` block, used twice in the package;
- ``app-titles``: ``docProps/app.xml`` listing worksheets other than the workbook's;
- ``sheet-name``: a sheet name Excel refuses (empty, over 31 characters, ``[]:*?/\\``, repeated).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

#: CT_Worksheet's children, in the schema's order (ECMA-376 part 1, §18.3.1.99).
WORKSHEET_ORDER = (
    "sheetPr dimension sheetViews sheetFormatPr cols sheetData sheetCalcPr sheetProtection protectedRanges "
    "scenarios autoFilter sortState dataConsolidate customSheetViews mergeCells phoneticPr conditionalFormatting "
    "dataValidations hyperlinks printOptions pageMargins pageSetup headerFooter rowBreaks colBreaks "
    "customProperties cellWatches ignoredErrors smartTags drawing legacyDrawing legacyDrawingHF drawingHF picture "
    "oleObjects controls webPublishItems tableParts extLst"
).split()
REPEATED = {"conditionalFormatting"}
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")
_BAD_SHEET_CHARS = set("[]:*?/\\")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def areas(sqref: str) -> list[tuple[int, int, int, int]]:
    """(first column, first row, last column, last row) of each area of a ``sqref``/``ref``."""
    out = []
    for piece in sqref.split():
        m = _REF.fullmatch(piece)
        if m:
            c1, r1 = _column(m.group(1)), int(m.group(2))
            c2, r2 = (_column(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
            out.append((min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)))
    return out


def _overlaps(groups: list[tuple[str, list[tuple[int, int, int, int]]]]) -> list[tuple[str, str]]:
    """Pairs of labels whose areas share a cell (areas of the same label included)."""
    flat = sorted((a, label, i) for i, (label, items) in enumerate(groups) for a in items)
    flat.sort(key=lambda x: x[0][1])
    out, active = [], []
    for area, label, owner in flat:
        active = [x for x in active if x[0][3] >= area[1]]
        for other, other_label, _ in active:
            if other[0] <= area[2] and area[0] <= other[2] and other[1] <= area[3] and area[1] <= other[3]:
                out.append((other_label, label))
        active.append((area, label, owner))
    return out


class Package:
    """A zip package's parts and relationships."""

    def __init__(self, source: Path | bytes):
        blob = source if isinstance(source, bytes) else Path(source).read_bytes()
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            self.parts = {i.filename: archive.read(i) for i in archive.infolist() if not i.filename.endswith("/")}
        self.problems: list[str] = []
        self.trees: dict[str, ET.Element] = {}
        self.types: dict[str, str | None] = {}

    def tree(self, name: str) -> ET.Element | None:
        if name not in self.trees:
            try:
                self.trees[name] = ET.fromstring(self.parts[name])
            except ET.ParseError as error:
                self.problems.append(f"xml: {name}: {error}")
                self.trees[name] = None
        return self.trees[name]

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """Id -> (type, resolved target, external) of ``part``'s relationships ("" for the package's)."""
        folder, _, file = part.rpartition("/")
        name = f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"
        if name not in self.parts:
            return {}
        root = self.tree(name)
        out = {}
        for rel in [] if root is None else root:
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id")] = (rel.get("Type", "").rpartition("/")[2], target, external)
        return out


def _content_types(pkg: Package) -> None:
    root = pkg.tree("[Content_Types].xml") if "[Content_Types].xml" in pkg.parts else None
    if root is None:
        pkg.problems.append("content-type: [Content_Types].xml missing")
        return
    defaults = {d.get("Extension", "").lower(): d.get("ContentType") for d in root.iter(f"{{{CT}}}Default")}
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType") for o in root.iter(f"{{{CT}}}Override")}
    for name in pkg.parts:
        if name == "[Content_Types].xml":
            continue
        pkg.types[name] = overrides.get(name) or defaults.get(name.rpartition(".")[2].lower())
        if not pkg.types[name]:
            pkg.problems.append(f"content-type: {name} has none")


def _relationships(pkg: Package) -> None:
    for name in list(pkg.parts):
        if not name.endswith(".rels"):
            continue
        folder, _, file = name.rpartition("/")
        base = folder[: -len("_rels")].rstrip("/")
        source = f"{base}/{file[: -len('.rels')]}" if base else file[: -len(".rels")]
        for rid, (kind, target, external) in pkg.rels(source).items():
            if not external and target not in pkg.parts:
                pkg.problems.append(f"relationship: {name} {rid} -> {target} missing")
            elif not external and kind != "customXml" and pkg.types.get(target) == "application/xml":
                pkg.problems.append(f"content-type: {target} ({kind}) typed as plain XML")


def _r_ids(pkg: Package, part: str, root: ET.Element) -> None:
    """Every ``r:*`` attribute of ``part`` names one of its relationships."""
    rels = pkg.rels(part)
    for element in root.iter():
        for key, value in element.attrib.items():
            if key.startswith(f"{{{R}}}") and value not in rels:
                pkg.problems.append(f"relationship: {part} {_local(element.tag)} r:{_local(key)}={value} unknown")


def _children(root: ET.Element) -> list[str]:
    """Local names of the worksheet's children, an ``mc:AlternateContent`` counting as its choice's."""
    out = []
    for child in root:
        name = _local(child.tag)
        if child.tag == f"{{{MC}}}AlternateContent":
            choice = next(iter(child), None)
            inner = next(iter(choice), None) if choice is not None else None
            name = _local(inner.tag) if inner is not None else name
        out.append(name)
    return out


def _worksheet(pkg: Package, part: str, strings: int, formats: int) -> None:
    root = pkg.tree(part)
    if root is None:
        return
    names = _children(root)
    last = -1
    for name in names:
        if name not in WORKSHEET_ORDER:
            pkg.problems.append(f"order: {part}: <{name}> is not a worksheet child")
            continue
        rank = WORKSHEET_ORDER.index(name)
        if rank < last or (rank == last and name not in REPEATED):
            pkg.problems.append(f"order: {part}: <{name}> after <{WORKSHEET_ORDER[last]}>")
        last = max(last, rank)
    for cell in root.iter(f"{{{MAIN}}}c"):
        style = cell.get("s")
        if style is not None and not 0 <= int(style) < formats:
            pkg.problems.append(f"style: {part} {cell.get('r')} s={style} (cellXfs {formats})")
        if cell.get("t") == "s":
            value = cell.find(f"{{{MAIN}}}v")
            if value is None or not value.text or not 0 <= int(value.text) < strings:
                pkg.problems.append(f"shared-string: {part} {cell.get('r')} index out of range ({strings})")
    for tag, attr in (("row", "s"), ("col", "style")):
        for element in root.iter(f"{{{MAIN}}}{tag}"):
            if element.get(attr) is not None and not 0 <= int(element.get(attr)) < formats:
                pkg.problems.append(f"style: {part} <{tag}> {attr}={element.get(attr)} (cellXfs {formats})")
    merges = [(m.get("ref"), areas(m.get("ref", ""))) for m in root.iter(f"{{{MAIN}}}mergeCell")]
    for a, b in _overlaps(merges):
        pkg.problems.append(f"merge-overlap: {part} {a} and {b}")
    validations = []
    for v in root.iter(f"{{{MAIN}}}dataValidation"):
        validations.append((v.get("sqref", ""), areas(v.get("sqref", ""))))
        formula = v.find(f"{{{MAIN}}}formula1")
        text = formula.text or "" if formula is not None else ""
        if v.get("type") == "list" and text.startswith('"') and len(text) - 2 > 255:
            pkg.problems.append(f"list-length: {part} {v.get('sqref')} inline list of {len(text) - 2} characters")
    for v in root.iter(f"{{{X14}}}dataValidation"):
        sqref = v.find(f"{{{XM}}}sqref")
        text = sqref.text or "" if sqref is not None else ""
        validations.append((text, areas(text)))
    for a, b in _overlaps(validations):
        pkg.problems.append(f"validation-overlap: {part} {a} and {b}")
    rels = pkg.rels(part)
    legacy_top = [c for c in root if _local(c.tag) == "legacyDrawing"]
    legacy_all = [c for c in root.iter() if _local(c.tag) == "legacyDrawing"]
    if len(legacy_all) != len(legacy_top):
        pkg.problems.append(f"legacy-drawing: {part}: <legacyDrawing> below the worksheet level")
    if any(kind == "comments" for kind, _, _ in rels.values()):
        kinds = [rels.get(c.get(f"{{{R}}}id"), ("",))[0] for c in legacy_top]
        if kinds != ["vmlDrawing"]:
            pkg.problems.append(f"legacy-drawing: {part} has comments and {len(legacy_top)} legacyDrawing {kinds}")
    _r_ids(pkg, part, root)


def _vml(pkg: Package) -> None:
    shapes: dict[str, str] = {}
    blocks: dict[int, str] = {}
    for name, data in pkg.parts.items():
        if not name.endswith(".vml"):
            continue
        text = data.decode("utf-8", "replace")
        for shape in re.findall(r'<(?:\w+:)?shape\b[^>]*?\sid="([^"]+)"', text):
            if shape in shapes:
                pkg.problems.append(f"shape-id: {shape} in {shapes[shape]} and {name}")
            shapes[shape] = name
        for data_ in re.findall(r'<(?:\w+:)?idmap\b[^>]*?\sdata="([^"]*)"', text):
            for block in map(int, re.findall(r"\d+", data_)):
                if block in blocks:
                    pkg.problems.append(f"shape-id: idmap block {block} in {blocks[block]} and {name}")
                blocks[block] = name


def _app_titles(pkg: Package, sheets: list[str]) -> None:
    root = pkg.tree("docProps/app.xml") if "docProps/app.xml" in pkg.parts else None
    if root is None:
        return
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    vt = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
    pairs, titles = root.find(f"{ns}HeadingPairs"), root.find(f"{ns}TitlesOfParts")
    if pairs is None or titles is None:
        return
    counts = [int(i.text) for i in pairs.iter(f"{vt}i4")]
    names = [t.text or "" for t in titles.iter(f"{vt}lpstr")]
    vector = titles.find(f"{vt}vector")
    if vector is not None and int(vector.get("size", -1)) != len(names):
        pkg.problems.append(f"app-titles: TitlesOfParts size {vector.get('size')} for {len(names)} titles")
    if sum(counts) != len(names) or names[: counts[0] if counts else 0] != sheets:
        pkg.problems.append(f"app-titles: {names[: counts[0] if counts else 0]} for the sheets {sheets}")


def _workbook(pkg: Package) -> None:
    root = pkg.tree("xl/workbook.xml")
    if root is None:
        return
    rels = pkg.rels("xl/workbook.xml")
    strings = formats = 0
    for kind, target, _ in rels.values():
        if kind == "sharedStrings" and target in pkg.parts and pkg.tree(target) is not None:
            strings = len(pkg.tree(target).findall(f"{{{MAIN}}}si"))
        if kind == "styles" and target in pkg.parts and pkg.tree(target) is not None:
            xfs = pkg.tree(target).find(f"{{{MAIN}}}cellXfs")
            formats = len(xfs) if xfs is not None else 0
    sheets, seen = [], set()
    for sheet in root.iter(f"{{{MAIN}}}sheet"):
        name = sheet.get("name", "")
        if not name or len(name) > 31 or set(name) & _BAD_SHEET_CHARS or name.casefold() in seen:
            pkg.problems.append(f"sheet-name: {name!r}")
        seen.add(name.casefold())
        sheets.append(name)
        kind, target, _ = rels.get(sheet.get(f"{{{R}}}id"), ("", "", False))
        if kind == "worksheet" and target in pkg.parts:
            _worksheet(pkg, target, strings, formats)
    _r_ids(pkg, "xl/workbook.xml", root)
    _app_titles(pkg, sheets)


def problems(source: Path | bytes) -> list[str]:
    """Every breach of the rules above in the ``.xlsx``/``.xlsm``/``.docx`` ``source``."""
    pkg = Package(source)
    for name in pkg.parts:
        if name.endswith((".xml", ".rels")):
            pkg.tree(name)
    _content_types(pkg)
    _relationships(pkg)
    if "xl/workbook.xml" in pkg.parts:
        _workbook(pkg)
        _vml(pkg)
    if "word/document.xml" in pkg.parts:
        for name in pkg.parts:
            if name.startswith("word/") and name.endswith(".xml") and pkg.tree(name) is not None:
                _r_ids(pkg, name, pkg.tree(name))
    return pkg.problems


def assert_conforms(source: Path | bytes) -> None:
    found = problems(source)
    assert not found, f"{source if isinstance(source, Path) else 'file'}: " + "; ".join(found[:10])


def rewrite(source: Path, target: Path, edit) -> Path:
    """A copy of the package ``source`` whose parts ``edit(name, text) -> text | None`` changed
    (None: part removed); a ``(name, text)`` returned by ``edit("", "")`` is added."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.endswith((".xml", ".rels", ".vml")):
                text = edit(info.filename, data.decode("utf-8"))
                if text is None:
                    continue
                data = text.encode("utf-8")
            out.writestr(info.filename, data)
        extra = edit("", "")
        if extra:
            out.writestr(extra[0], extra[1].encode("utf-8"))
    return target


_TAG = re.compile(r"""<(/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>""")


def insert_child(xml: str, fragment: str, name: str) -> str:
    """The worksheet ``xml`` with ``fragment`` (a ``<name>`` element) put among the top-level
    children at its place in the schema's order (a test fixture's way to add what Excel writes)."""
    rank = WORKSHEET_ORDER.index(name)
    depth = 0
    for match in _TAG.finditer(xml, xml.index("<worksheet")):
        closing, tag, _, empty = match.groups()
        if closing:
            depth -= 1
            if depth == 0:
                return xml[: match.start()] + fragment + xml[match.start() :]
            continue
        if depth == 1:
            local = tag.rpartition(":")[2]
            if local in WORKSHEET_ORDER and WORKSHEET_ORDER.index(local) > rank:
                return xml[: match.start()] + fragment + xml[match.start() :]
        if not empty:
            depth += 1
    raise ValueError("no </worksheet>")
