"""A zip written in memory whose unchanged members are copied compressed, as they were.

Rewriting a workbook where a few parts change should not inflate and deflate every other part:
:func:`raw_members` gives the compressed bytes of each member of the source archive, and
:class:`ZipWriter` lays them out again (deflating only the new or edited parts).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_LIMIT = 0xFFFFFFFF
_DOS_DATE = 0x21  # 1980-01-01, as xlsxwriter writes


def raw_members(blob: bytes, infos: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """Compressed bytes of every member; ValueError for what this module does not copy (zip64, encryption)."""
    out = {}
    for info in infos:
        offset = info.header_offset
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ValueError(info.filename)
        if max(info.compress_size, info.file_size, offset) >= _LIMIT or blob[offset : offset + 4] != b"PK\x03\x04":
            raise ValueError(info.filename)
        name_length, extra_length = struct.unpack_from("<HH", blob, offset + 26)
        start = offset + 30 + name_length + extra_length
        out[info.filename] = blob[start : start + info.compress_size]
    return out


class ZipWriter:
    """Members appended in order, then the central directory; :meth:`getvalue` gives the archive."""

    def __init__(self, level: int = 1):
        self.buffer, self.central, self.level = io.BytesIO(), [], level

    def add_raw(self, name: str, method: int, crc: int, compressed: bytes, size: int) -> None:
        encoded = name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800
        offset = self.buffer.tell()
        header = (method, 0, _DOS_DATE, crc, len(compressed), size, len(encoded))
        self.buffer.write(_LOCAL.pack(b"PK\x03\x04", 20, flags, *header, 0))
        self.buffer.write(encoded)
        self.buffer.write(compressed)
        self.central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 20, flags, *header, 0, 0, 0, 0, 0, offset) + encoded)

    def add(self, name: str, data: bytes) -> None:
        compressor = zlib.compressobj(self.level, zlib.DEFLATED, -15)
        compressed = compressor.compress(data) + compressor.flush()
        self.add_raw(name, zipfile.ZIP_DEFLATED, zlib.crc32(data), compressed, len(data))

    def getvalue(self) -> bytes:
        start = self.buffer.tell()
        directory = b"".join(self.central)
        if start + len(directory) >= _LIMIT or len(self.central) >= 0xFFFF:
            raise ValueError("zip64")
        self.buffer.write(directory)
        count = len(self.central)
        self.buffer.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0))
        return self.buffer.getvalue()
