"""A large JSON document written piece by piece: the text ``json.dumps`` gives, never held whole.

``json.dumps`` builds the whole text, first as a list of millions of small strings: at 3,000 services
the snapshot compared by the next run (53 MB of JSON) cost about 0.2 GB while written, at 10,000 about
0.7 GB (README « Une région sur une machine », 6ᵉ passe). Here the top levels are written key by key and
each value below them with ``json``'s own encoder, so memory holds one value's text at a time. A value
kept until later may be held as its text compressed (:class:`PackedJson`), written as the same bytes.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, TextIO

from .files import atomic_path
from .zipped import Deflating

#: ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``: the compact text every piece is written as.
encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def write_json(value: Any, fh: TextIO, depth: int) -> None:
    """Write ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` to ``fh``, the dictionaries and
    lists of the first ``depth`` levels item by item."""
    if depth and isinstance(value, dict) and all(type(key) is str for key in value):
        fh.write("{")
        for i, (key, item) in enumerate(value.items()):
            fh.write(f"{',' if i else ''}{encode(key)}:")
            write_json(item, fh, depth - 1)
        fh.write("}")
    elif depth and type(value) is list:
        fh.write("[")
        for i, item in enumerate(value):
            if i:
                fh.write(",")
            write_json(item, fh, depth - 1)
        fh.write("]")
    else:
        fh.write(encode(value))


class _Into(io.RawIOBase):
    """A binary stream writing into ``out`` (a :class:`~.zipped.Deflating`)."""

    def __init__(self, out: Deflating):
        self.out = out

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.out.write(bytes(data))
        return len(data)


class PackedJson:
    """The UTF-8 text :func:`write_json` gives for ``value``, held compressed (a :class:`~.zipped.Entry`,
    fastest level): the snapshot of a run at 3,000 services is 53 MB of text and 68 MB of objects, 6 MB packed
    (README « Performances »)."""

    __slots__ = ("entry",)

    def __init__(self, value: Any, depth: int):
        out = Deflating("", level=1)
        with io.TextIOWrapper(io.BufferedWriter(_Into(out), 1 << 16), encoding="utf-8", newline="") as fh:
            write_json(value, fh, depth)
        self.entry = out.entry()

    @property
    def data(self) -> bytes:
        return self.entry.data

    @property
    def size(self) -> int:
        """Bytes held (compressed)."""
        return len(self.entry.data)

    def write_to(self, fh, chunk: int = 1 << 20) -> None:
        """The text's bytes into binary file ``fh``, unpacked a chunk at a time."""
        for piece in self.entry.unpacked(chunk):
            fh.write(piece)


def save_json(value: Any, path: Path, depth: int) -> Path:
    """``value`` (or a :class:`PackedJson`) as compact UTF-8 JSON at ``path``, atomically (:func:`write_json`)."""
    with atomic_path(path) as tmp:
        if isinstance(value, PackedJson):
            with open(tmp, "wb") as fh:
                value.write_to(fh)
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                write_json(value, fh, depth)
    return Path(path)
