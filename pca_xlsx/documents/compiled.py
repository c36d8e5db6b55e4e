"""A Word template prepared once per process and rendered many times.

docxtpl opens the whole package for every document (every XML part parsed), cleans the
template's XML for Jinja (``patch_xml``, the same result every time) and writes every part back.
Here those steps run once per template: each document runs docxtpl's own rendering of the parts
that hold variables (body, headers, footers, core properties) and is written as the template's
package with those parts replaced; the other parts are the template's, compressed once
(:mod:`pca_xlsx.core.zipped`: most of a document's bytes are its styles, the same in every one). A template with
footnotes, or a document with images (new parts and relationships), takes docxtpl's full path.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from copy import deepcopy
from pathlib import Path

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import serialize_part_xml
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import Environment
from lxml import etree
from markupsafe import Markup

from ..core.zipped import Entry, write_zip

#: Core properties docxtpl renders (``DocxTemplate.render_properties``).
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_EMPTY_BODY = b"<w:body/>"
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _name(part) -> str:
    return str(part.partname).lstrip("/")


class Compiled:
    """One template, ready: :meth:`render` gives a document's bytes for a context."""

    def __init__(self, data: bytes):
        self.tpl = tpl = DocxTemplate(io.BytesIO(data))
        tpl.render_init()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.entries = [Entry.of(info.filename, archive.read(info)) for info in archive.infolist()]
        docx = tpl.docx
        self.document = _name(docx.part)
        self.body = tpl.patch_xml(tpl.get_xml())
        self.around = _around(docx)
        self.parts = []  # (zip name, part, cleaned source, encoding): headers and footers
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _, part in tpl.get_headers_footers(uri):
                xml = tpl.get_part_xml(part)
                self.parts.append((_name(part), part, tpl.patch_xml(xml), tpl.get_headers_footers_encoding(xml)))
        core = docx.core_properties  # created by python-docx when the template has none, as docxtpl does
        self.properties = {name: getattr(core, name) for name in PROPERTIES}
        self.core = next(part for part in docx.part.package.parts if part.content_type == CT.OPC_CORE_PROPERTIES)
        names = {entry.name for entry in self.entries}
        self.fast = (
            not any(part.content_type == FOOTNOTES for part in docx.part.package.parts)
            and len(self.around) == 2
            and {self.document, _name(self.core), *(p[0] for p in self.parts)} <= names
        )

    def render(self, context: dict, env: Environment) -> bytes:
        """The document's ``.docx`` bytes (docxtpl's steps and errors, in its order)."""
        tpl = self.tpl
        tpl.docx_ids_index = 1000
        tpl.pic_map = {}
        xml = tpl.render_xml_part(self.body, tpl.docx.part, context, env)
        body = as_rendered(xml)
        if body is None:  # docxtpl's own steps: a table's grid to fix, an image to number, XML to recover
            tree = tpl.fix_tables(xml)
            del xml  # a large document's text is freed before its tree is written out (memory holds one form)
            tpl.fix_docpr_ids(tree)
            body = etree.tostring(tree, encoding="UTF-8")
            del tree
        else:
            del xml
        head, tail = self.around
        parts = {self.document: b"".join((head, body, tail))}
        del body
        for name, part, source, encoding in self.parts:
            xml = tpl.render_xml_part(source, part, context, env)
            parts[name] = serialize_part_xml(parse_xml(xml.encode(encoding)))
        for name, initial in self.properties.items():
            setattr(tpl.docx.core_properties, name, env.from_string(initial).render(context))
        plain_properties(tpl.docx)
        parts[_name(self.core)] = self.core.blob
        return _package(self.entries, parts)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
#: Bytes of the rendered body read at a time by :func:`as_rendered`, and the elements it looks at.
CHUNK = 1 << 20
WATCHED = (W + "tbl", W + "tblGrid", W + "tr", W + "p", DOC_PR)


def as_rendered(xml: str, numbered_from: int | None = None) -> bytes | None:
    """The rendered body as UTF-8 when docxtpl's tree would change nothing in it, else None.

    docxtpl parses the whole body into a tree (about ten times the text: 0.2 GB for a GHT's return to
    normal at 1,000 services) to fix the grid of tables whose rows have more or fewer cells than it
    declares (``fix_tables``), renumber images (``fix_docpr_ids``) and recover malformed XML. Here the
    body is read as a stream, each paragraph and table row let go once read, checking exactly those
    conditions; the tree is built only when one holds. ``numbered_from``: the images' ids are already numbered
    from it + 1 in document order, as ``fix_docpr_ids`` numbers them (:func:`render_with_images`)."""
    data = xml.encode("utf-8")
    numbered = numbered_from or 0
    parser = etree.XMLPullParser(events=("start", "end"), tag=WATCHED)
    tables: list[list[int]] = []  # open tables: [grid columns, most cells in a row, most spanned columns]
    try:
        view = memoryview(data)
        for start in range(0, len(data), CHUNK):
            parser.feed(bytes(view[start : start + CHUNK]))
            for event, element in parser.read_events():
                tag = element.tag
                if event == "start":
                    if tag == W + "tbl":
                        tables.append([-1, 0, 0])
                    elif tag == DOC_PR:
                        numbered += 1
                        if numbered_from is None or element.get("id") != str(numbered):
                            return None
                    continue
                if tag == W + "tblGrid" and tables:
                    tables[-1][0] = len(element.findall(W + "gridCol"))
                elif tag == W + "tr":
                    cells = element.findall(W + "tc")
                    spanned = sum(_span(cell) for cell in cells)
                    for table in tables:  # docxtpl counts a nested table's rows in the tables around it
                        table[1], table[2] = max(table[1], len(cells)), max(table[2], spanned)
                elif tag == W + "tbl":
                    columns, cells, spanned = tables.pop()
                    if columns < 0 or cells > columns or spanned != columns:
                        return None
                if tag != W + "tblGrid":  # read: let it go, and what came before it at the body's level
                    element.clear()
                    parent = element.getparent()
                    if parent is not None and parent.getparent() is None:
                        while element.getprevious() is not None:
                            del parent[0]
        root = parser.close()
    except (etree.XMLSyntaxError, ValueError):
        return None
    return data if root is not None and root.nsmap.get("w") == W[1:-1] else None


#: An image's ``<wp:docPr id="…"`` as python-docx writes it (any other form: :func:`as_rendered` says so).
PICTURE_ID = re.compile(r'(<wp:docPr id=")[^"]*(")')


def render_with_images(tpl: DocxTemplate, context: dict, env: Environment) -> bytes | None:
    """A document with images (the synthesis's charts, ``InlineImage`` in ``context``): docxtpl's steps,
    in its order, its body written as rendered (:func:`as_rendered`) with the images numbered as
    ``fix_docpr_ids`` numbers them; None when docxtpl's tree is needed (then render with a fresh
    template: this one has been rendered into)."""
    tpl.render_init()
    xml = tpl.build_xml(context, env)
    first, ids = tpl.docx_ids_index, itertools.count(tpl.docx_ids_index + 1)
    xml = PICTURE_ID.sub(lambda m: f"{m.group(1)}{next(ids)}{m.group(2)}", xml)
    body = as_rendered(xml, first)
    del xml
    if body is None:
        return None
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for key, part_xml in tpl.build_headers_footers_xml(context, uri, env):
            tpl.map_headers_footers_xml(key, part_xml)
    tpl.render_properties(context, env)
    tpl.render_footnotes(context, env)
    plain_properties(tpl.docx)
    return _saved(tpl.docx, body)


def _saved(docx, body: bytes) -> bytes | None:
    """The package as python-docx saves it (``OpcPackage.save``), the document part's body being ``body``."""
    around = _around(docx)
    if len(around) != 2:
        return None
    package = docx.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    writer = PhysPkgWriter(out)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    for part in parts:
        writer.write(part.partname, b"".join((around[0], body, around[1])) if part is docx.part else part.blob)
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    writer.close()
    return out.getvalue()


def _around(docx) -> list[bytes]:
    """The document part around its body (two pieces, unless the body is not the part's only one): a body
    moved into a tree that held another one costs seconds on a large document (lxml), so each document's
    body is serialized alone and put in place."""
    root = deepcopy(docx.element)
    root.replace(root.body, root.makeelement(root.body.tag))
    return serialize_part_xml(root).split(_EMPTY_BODY)


def _span(cell) -> int:
    props = cell.find(W + "tcPr")
    span = None if props is None else props.find(W + "gridSpan")
    return 1 if span is None else int(span.get(W + "val"))


def plain_properties(docx) -> None:
    """The document's properties as typed: docxtpl renders them with the escaping of the body's XML,
    then python-docx escapes them again (« Soins d'urgence » showed as « Soins d&#39;urgence »)."""
    core = docx.core_properties
    for name in PROPERTIES:
        setattr(core, name, Markup(getattr(core, name) or "").unescape())


def _package(entries: list[Entry], parts: dict[str, bytes]) -> bytes:
    return write_zip([Entry.of(entry.name, parts[entry.name]) if entry.name in parts else entry for entry in entries])


_COMPILED: dict[Path, Compiled] = {}


def compiled(path: Path, data: bytes) -> Compiled:
    """The template at ``path`` (bytes ``data``), prepared once per process."""
    found = _COMPILED.get(path)
    if found is None:
        found = _COMPILED[path] = Compiled(data)
    return found
