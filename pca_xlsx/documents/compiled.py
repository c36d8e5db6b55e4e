"""A Word template prepared once per process and rendered many times.

docxtpl opens the whole package for every document (every XML part parsed), cleans the
template's XML for Jinja (``patch_xml``, the same result every time) and writes every part back.
Here those steps run once per template: each document runs docxtpl's own rendering of the parts
that hold variables (body, headers, footers, core properties) and is written as the template's
package with those parts replaced; the other parts are the template's, compressed once
(:mod:`pca_xlsx.core.zipped`: most of a document's bytes are its styles, the same in every one). A body is
rendered as a stream (:mod:`.streamed`), never held whole. A document with images (new parts and
relationships) keeps docxtpl's package (:func:`render_with_images`); a template with footnotes takes docxtpl's
full path.
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
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import Environment
from lxml import etree
from markupsafe import Markup

from ..core.zipped import Entry, write_zip
from . import streamed

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
        """The document's ``.docx`` bytes (docxtpl's steps and errors, in its order); its body rendered as a
        stream (:mod:`.streamed`), else, when docxtpl's tree would change it, rendered again by docxtpl's steps."""
        tpl = self.tpl
        tpl.docx_ids_index = 1000
        tpl.pic_map = {}
        texts = streamed.pieces(tpl, self.body, tpl.docx.part, context, env)
        body = streamed.body_entry(self.document, self.around, texts)
        if body is None:  # a table's grid to fix, an image to number, XML to recover
            tpl.docx_ids_index = 1000
            tpl.pic_map = {}
            xml = tpl.render_xml_part(self.body, tpl.docx.part, context, env)
            tree = tpl.fix_tables(xml)
            del xml  # a large document's text is freed before its tree is written out (memory holds one form)
            tpl.fix_docpr_ids(tree)
            head, tail = self.around
            body = b"".join((head, etree.tostring(tree, encoding="UTF-8"), tail))
            del tree
        parts: dict[str, bytes | Entry] = {self.document: body}
        for name, part, source, encoding in self.parts:
            xml = tpl.render_xml_part(source, part, context, env)
            parts[name] = serialize_part_xml(parse_xml(xml.encode(encoding)))
        for name, initial in self.properties.items():
            setattr(tpl.docx.core_properties, name, env.from_string(initial).render(context))
        plain_properties(tpl.docx)
        parts[_name(self.core)] = self.core.blob
        return _package(self.entries, parts)


#: An image's ``<wp:docPr id="…"`` as python-docx writes it (any other form: :class:`.streamed.BodyCheck` says so).
PICTURE_ID = re.compile(r'(<wp:docPr id=")[^"]*(")')


def render_with_images(tpl: DocxTemplate, context: dict, env: Environment) -> bytes | None:
    """A document with images (the synthesis's charts, ``InlineImage`` in ``context``): docxtpl's steps,
    in its order, its body rendered as a stream (:mod:`.streamed`) with the images numbered as
    ``fix_docpr_ids`` numbers them; None when docxtpl's tree is needed (then render with a fresh
    template: this one has been rendered into)."""
    tpl.render_init()
    docx = tpl.docx
    around = _around(docx)
    if len(around) != 2:
        return None
    first, ids = tpl.docx_ids_index, itertools.count(tpl.docx_ids_index + 1)  # docxtpl's renumbering starts here

    def numbered(text: str) -> str:
        return PICTURE_ID.sub(lambda m: f"{m.group(1)}{next(ids)}{m.group(2)}", text)

    texts = map(numbered, streamed.pieces(tpl, tpl.patch_xml(tpl.get_xml()), docx.part, context, env))
    body = streamed.body_entry(_name(docx.part), around, texts, first)
    if body is None:
        return None
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for key, part_xml in tpl.build_headers_footers_xml(context, uri, env):
            tpl.map_headers_footers_xml(key, part_xml)
    tpl.render_properties(context, env)
    tpl.render_footnotes(context, env)
    plain_properties(docx)
    return _saved(docx, body)


class _Entries:
    """python-docx's package writer's target (``PhysPkgWriter.write``), its parts compressed as zip entries."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.entries.append(Entry.of(pack_uri.membername, blob))


def _saved(docx, body: Entry) -> bytes:
    """The package as python-docx saves it (``OpcPackage.save``), its document part being ``body``."""
    package = docx.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    writer = _Entries()
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    for part in parts:
        if part is docx.part:
            writer.entries.append(body)
        else:
            writer.write(part.partname, part.blob)
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    return write_zip(writer.entries)


def _around(docx) -> list[bytes]:
    """The document part around its body (two pieces, unless the body is not the part's only one): a body
    moved into a tree that held another one costs seconds on a large document (lxml), so each document's
    body is serialized alone and put in place."""
    root = deepcopy(docx.element)
    root.replace(root.body, root.makeelement(root.body.tag))
    return serialize_part_xml(root).split(_EMPTY_BODY)


def plain_properties(docx) -> None:
    """The document's properties as typed: docxtpl renders them with the escaping of the body's XML,
    then python-docx escapes them again (« Soins d'urgence » showed as « Soins d&#39;urgence »)."""
    core = docx.core_properties
    for name in PROPERTIES:
        setattr(core, name, Markup(getattr(core, name) or "").unescape())


def _package(entries: list[Entry], parts: dict[str, bytes | Entry]) -> bytes:
    def entry(old: Entry) -> Entry:
        new = parts.get(old.name, old)
        return new if isinstance(new, Entry) else Entry.of(old.name, new)

    return write_zip([entry(old) for old in entries])


_COMPILED: dict[Path, Compiled] = {}


def compiled(path: Path, data: bytes) -> Compiled:
    """The template at ``path`` (bytes ``data``), prepared once per process."""
    found = _COMPILED.get(path)
    if found is None:
        found = _COMPILED[path] = Compiled(data)
    return found
