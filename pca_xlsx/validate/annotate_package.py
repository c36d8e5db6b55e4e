"""A workbook zip as parts, for :mod:`.annotate_zip`: read once (entries, sizes and DTDs checked), edited
as text, written back in one go with the unchanged parts copied compressed; its sheets found through the
workbook's relationships.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..core.files import atomic_path
from ..core.zipcopy import ZipWriter, raw_members
from ..format import fold
from ..read.safety import MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES
from . import annotate_parts as parts
from .package_text import used_blocks


class Unsupported(Exception):
    """The workbook has something this path does not handle: use openpyxl."""


_SHEET = re.compile(r'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"[^>]*/>')
_REL = re.compile(r"<Relationship\b[^>]*>")
_ATTR = re.compile(r'\b([\w:]+)="([^"]*)"')
_UNESCAPE = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


def _unescape(text: str) -> str:
    return re.sub(r"&(?:amp|lt|gt|quot|apos);", lambda m: _UNESCAPE[m.group(0)], text)


def attributes(text: str) -> dict[str, str]:
    return dict(_ATTR.findall(text))


def _resolve(base: str, target: str) -> str:
    """Part name of a relationship target, relative to the folder ``base`` (or absolute)."""
    if target.startswith("/"):
        return target[1:]
    stack = base.split("/") if base else []
    for piece in target.split("/"):
        if piece == "..":
            if not stack:
                raise Unsupported(target)
            stack.pop()
        elif piece and piece != ".":
            stack.append(piece)
    return "/".join(stack)


class Package:
    """The parts of a workbook zip, read once; edited parts are kept as text."""

    def __init__(self, data: dict[str, bytes], order: list[zipfile.ZipInfo], raw: dict[str, bytes]):
        self.data, self.order, self.raw, self.edited, self.added = data, order, raw, {}, {}
        self.block = 0  # the last VML shape-id block given to an added drawing

    def free_block(self, count: int) -> int:
        """The first shape-id block of a new drawing of ``count`` shapes, clear of every other drawing's."""
        if not self.block:
            self.block = max(
                used_blocks([self.data[n].decode("utf-8", "replace") for n in self.data if n.endswith(".vml")]),
                default=0,
            )
        first = self.block + 1
        self.block += parts.vml_blocks(count)
        return first

    @classmethod
    def read(cls, source: Path) -> Package:
        blob = source.read_bytes()
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
                raise Unsupported("taille")
            data = {info.filename: archive.read(info) for info in infos}
        try:
            raw = raw_members(blob, infos)
        except ValueError as error:
            raise Unsupported(str(error)) from error
        for name in ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"):
            if name not in data:
                raise Unsupported(name)
        for name, content in data.items():
            if name.endswith((".xml", ".rels", ".vml")) and b"<!DOCTYPE" in content[:4096]:
                raise Unsupported(name)
        return cls(data, infos, raw)

    def text(self, name: str) -> str:
        if name in self.edited:
            return self.edited[name]
        return self.data[name].decode("utf-8")

    def set(self, name: str, text: str) -> None:
        if name in self.data:
            self.edited[name] = text
        else:
            self.added[name] = text

    def exists(self, name: str) -> bool:
        return name in self.data or name in self.added

    def free(self, pattern: str) -> tuple[int, str]:
        """The first ``pattern % k`` (k ≥ 1) not in the package."""
        k = 1
        while self.exists(pattern % k):
            k += 1
        return k, pattern % k

    def write(self, target: Path) -> None:
        """The archive in memory (unchanged members copied compressed), then one atomic write."""
        out = ZipWriter()
        for info in self.order:
            name = info.filename
            if name in self.edited:
                out.add(name, self.edited[name].encode("utf-8"))
            else:
                out.add_raw(name, info.compress_type, info.CRC, self.raw[name], info.file_size)
        for name, text in self.added.items():
            out.add(name, text.encode("utf-8"))
        content = out.getvalue()
        with atomic_path(target) as tmp:
            tmp.write_bytes(content)


def sheet_parts(package: Package) -> list[tuple[str, str]]:
    """(title, part name) of every sheet, in workbook order."""
    workbook = package.text("xl/workbook.xml")
    if not workbook.lstrip().startswith("<?xml") and "<workbook" not in workbook[:500]:
        raise Unsupported("workbook")
    rels = {
        a.get("Id"): a.get("Target", "")
        for a in map(attributes, _REL.findall(package.text("xl/_rels/workbook.xml.rels")))
    }
    out = []
    for name, rid in _SHEET.findall(workbook):
        if rid not in rels:
            raise Unsupported(rid)
        out.append((_unescape(name), _resolve("xl", rels[rid])))
    if not out:
        raise Unsupported("sheets")
    return out


def find_sheet(sheets: list[tuple[str, str]], title: str) -> tuple[str, str] | None:
    exact = next((s for s in sheets if s[0] == title), None)
    if exact:
        return exact
    wanted = fold(title)
    return next((s for s in sheets if fold(s[0]) == wanted), None)
