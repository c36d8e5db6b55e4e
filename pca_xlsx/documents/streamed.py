"""A Word document's body rendered as a stream, never held whole.

docxtpl renders a body as one string, rewrites it with its text steps (four new strings), and the zip
writer compresses it joined to the rest of its part: the GHT's largest documents held hundreds of MB
while rendered (README « Une région sur une machine », 6ᵉ passe). Here Jinja's output
(``Template.generate``) is cut into pieces of about :data:`CHUNK` characters, each right after a
paragraph's end (none of docxtpl's text steps reaches across one: :func:`pieces`), each put through
those steps, checked (:class:`BodyCheck`: whether docxtpl's tree would change anything) and compressed
as it comes (:class:`pca_xlsx.core.zipped.Deflating`): only the compressed part is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from ..core.zipped import Deflating, Entry

#: Characters of Jinja's output gathered before a piece is cut (after the last paragraph's end among them).
CHUNK = 1 << 20
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
WATCHED = (W + "tbl", W + "tblGrid", W + "tr", W + "p", DOC_PR)
_PARAGRAPH_END = "</w:p>"
_PARAGRAPH = re.compile(r"<w:p([ >])")
_PARAGRAPH_LINE = re.compile(r"\n<w:p([ >])")


def pieces(tpl, source: str, part, context: dict, env) -> Iterator[str]:
    """docxtpl's ``render_xml_part(source, part, context, env)`` in pieces whose concatenation is its result.

    A piece ends right after a ``</w:p>``: no match of docxtpl's text steps spans it (``resolve_listing``
    takes a paragraph from its start to the first ``</w:p>`` after it; the others are a few characters
    within a tag or a Jinja escape)."""
    tpl.current_rendering_part = part
    template = env.from_string(_PARAGRAPH.sub(r"\n<w:p\1", source))
    pending: list[str] = []
    size, due = 0, CHUNK
    for text in template.generate(context):
        pending.append(text)
        size += len(text)
        if size < due:
            continue
        joined = "".join(pending)
        cut = joined.rfind(_PARAGRAPH_END)
        if cut < 0:  # no paragraph has ended yet: wait for another chunk's worth
            pending, due = [joined], size + CHUNK
            continue
        cut += len(_PARAGRAPH_END)
        yield _text_steps(tpl, joined[:cut])
        rest = joined[cut:]
        pending, size, due = [rest], len(rest), CHUNK
    yield _text_steps(tpl, "".join(pending))


def _text_steps(tpl, xml: str) -> str:
    """docxtpl's steps after Jinja (``render_xml_part``), in its order."""
    xml = _PARAGRAPH_LINE.sub(r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    return tpl.resolve_listing(xml)


class BodyCheck:
    """Whether docxtpl's tree would leave a rendered body as it is, read as a stream (:meth:`feed`, :meth:`close`).

    docxtpl parses the whole body into a tree (about ten times the text) to fix the grid of tables whose rows
    have more or fewer cells than it declares (``fix_tables``), renumber images (``fix_docpr_ids``) and
    recover malformed XML. Here each paragraph and table row is let go once read, checking exactly those
    conditions. ``numbered_from``: the images' ids are already numbered from it + 1 in document order, as
    ``fix_docpr_ids`` numbers them."""

    def __init__(self, numbered_from: int | None = None):
        self.numbered_from = numbered_from
        self.numbered = numbered_from or 0
        self.parser = etree.XMLPullParser(events=("start", "end"), tag=WATCHED)
        self.tables: list[list[int]] = []  # open tables: [grid columns, most cells in a row, most spanned columns]

    def feed(self, data: bytes) -> bool:
        """Read ``data`` (the body's next bytes); False as soon as docxtpl's tree would change the body."""
        try:
            self.parser.feed(data)
            return all(self._fine(event, element) for event, element in self.parser.read_events())
        except (etree.XMLSyntaxError, ValueError):
            return False

    def close(self) -> bool:
        """True when the whole body was read and docxtpl's tree would change nothing in it."""
        try:
            root = self.parser.close()
        except (etree.XMLSyntaxError, ValueError):
            return False
        return root is not None and root.nsmap.get("w") == W[1:-1]

    def _fine(self, event: str, element) -> bool:
        tag, tables = element.tag, self.tables
        if event == "start":
            if tag == W + "tbl":
                tables.append([-1, 0, 0])
            elif tag == DOC_PR:
                self.numbered += 1
                if self.numbered_from is None or element.get("id") != str(self.numbered):
                    return False
            return True
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
                return False
        if tag != W + "tblGrid":  # read: let it go, and what came before it at the body's level
            element.clear()
            parent = element.getparent()
            if parent is not None and parent.getparent() is None:
                while element.getprevious() is not None:
                    del parent[0]
        return True


def _span(cell) -> int:
    props = cell.find(W + "tcPr")
    span = None if props is None else props.find(W + "gridSpan")
    return 1 if span is None else int(span.get(W + "val"))


def body_entry(name: str, around: list[bytes], texts: Iterable[str], numbered_from: int | None = None) -> Entry | None:
    """The document part ``name`` (``around[0]``, the body's ``texts``, ``around[1]``) compressed as the texts
    come; None as soon as docxtpl's tree would change the body (its caller then takes docxtpl's path)."""
    check, out = BodyCheck(numbered_from), Deflating(name)
    out.write(around[0])
    for text in texts:
        data = text.encode("utf-8")
        if not check.feed(data):
            return None
        out.write(data)
    if not check.close():
        return None
    out.write(around[1])
    return out.entry()
