"""A zip rewritten with some members copied compressed as they were and others deflated anew."""

from __future__ import annotations

import io
import zipfile

import pytest

from pca_xlsx.core.zipcopy import ZipWriter, raw_members


def test_unchanged_members_are_copied_and_new_ones_added() -> None:
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", "<a>" + "x" * 5000 + "</a>")
        archive.writestr("stocké.txt", b"tel quel", compress_type=zipfile.ZIP_STORED)
    blob = source.getvalue()
    infos = zipfile.ZipFile(io.BytesIO(blob)).infolist()
    raw = raw_members(blob, infos)
    out = ZipWriter()
    for info in infos:
        out.add_raw(info.filename, info.compress_type, info.CRC, raw[info.filename], info.file_size)
    out.add("b.xml", "<b>é</b>".encode())
    result = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    assert result.testzip() is None
    assert result.namelist() == ["a.xml", "stocké.txt", "b.xml"]
    assert result.read("a.xml") == b"<a>" + b"x" * 5000 + b"</a>" and result.read("stocké.txt") == b"tel quel"
    assert result.read("b.xml").decode() == "<b>é</b>"


def test_encrypted_or_unknown_members_are_refused() -> None:
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("a.xml", "<a/>")
    blob = source.getvalue()
    with pytest.raises(ValueError):
        raw_members(blob, zipfile.ZipFile(io.BytesIO(blob)).infolist())
