"""A zip archive written from entries compressed beforehand (Python's ``zipfile`` compresses every
entry it writes: a Word document's styles, the same in every document, cost most of its writing).

Plain ZIP (no ZIP64: an entry and the archive stay under 4 GiB), deflated entries, UTF-8 names.
"""

from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_VERSION = 20  # 2.0: deflate
_UTF8 = 0x800
_DEFLATED = 8
_FILE = 0o100644 << 16  # a regular file, rw-r--r-- (for unzip on Unix)


@dataclass(frozen=True)
class Entry:
    """A file of the archive, compressed: its name, CRC-32, sizes and deflated bytes."""

    name: str
    crc: int
    size: int
    data: bytes

    @classmethod
    def of(cls, name: str, content: bytes, level: int = 6) -> Entry:
        out = Deflating(name, level)
        out.write(content)
        return out.entry()

    def unpacked(self, chunk: int = 1 << 20) -> Iterator[bytes]:
        """The content's bytes, inflated ``chunk`` compressed bytes at a time."""
        inflate = zlib.decompressobj(-15)
        for start in range(0, len(self.data), chunk):
            yield inflate.decompress(self.data[start : start + chunk])
        yield inflate.flush()


class Deflating:
    """An :class:`Entry` compressed as its bytes come (:meth:`write`), then closed (:meth:`entry`)."""

    def __init__(self, name: str, level: int = 6):
        self.name, self.crc, self.size, self.out = name, 0, 0, []
        self.packer = zlib.compressobj(level, zlib.DEFLATED, -15)

    def write(self, data: bytes) -> None:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self.out.append(self.packer.compress(data))

    def entry(self) -> Entry:
        self.out.append(self.packer.flush())
        return Entry(self.name, self.crc, self.size, b"".join(self.out))


def _dos_time(moment: time.struct_time) -> tuple[int, int]:
    date = ((max(moment.tm_year, 1980) - 1980) << 9) | (moment.tm_mon << 5) | moment.tm_mday
    return (moment.tm_hour << 11) | (moment.tm_min << 5) | (moment.tm_sec // 2), date


def write_zip(entries: list[Entry], moment: time.struct_time | None = None) -> bytes:
    """The archive of ``entries``, in their order, dated ``moment`` (now, local time)."""
    clock, date = _dos_time(moment or time.localtime())
    chunks, central, offset = [], [], 0
    for entry in entries:
        name = entry.name.encode("utf-8")
        flags = _UTF8 if not name.isascii() else 0
        common = (_VERSION, flags, _DEFLATED, clock, date, entry.crc, len(entry.data), entry.size, len(name))
        header = _LOCAL.pack(0x04034B50, *common, 0) + name
        chunks += (header, entry.data)
        central.append(_CENTRAL.pack(0x02014B50, _VERSION, *common, 0, 0, 0, 0, _FILE, offset) + name)
        offset += len(header) + len(entry.data)
    directory = b"".join(central)
    end = _END.pack(0x06054B50, 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(chunks) + directory + end
