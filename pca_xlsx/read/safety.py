"""Checks made on a file before any parser touches it: format, zip bombs, XML entities."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

#: Largest total uncompressed size of a workbook we agree to inflate.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
#: Largest compression ratio of one entry (real workbooks stay well under 100).
MAX_COMPRESSION_RATIO = 200
#: Smallest entry size for which the ratio is checked (tiny entries compress well).
RATIO_MIN_BYTES = 1024 * 1024
#: Most entries a workbook zip may hold.
MAX_ZIP_ENTRIES = 10_000
#: Largest area (rows x columns, from the first to the last cell) a sheet may span: the reader
#: allocates the whole rectangle, so one far cell (XFD1048576) would exhaust the memory.
MAX_SHEET_CELLS = 5_000_000
#: A cell with content (not self-closing: styled empty cells are not read).
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>/]*>')
#: Bytes of each XML part's prolog scanned for DTD and entity declarations, per read.
PROLOG_BYTES = 2048
#: Longest prolog (declarations and comments before the root element) a part may have.
MAX_PROLOG_BYTES = 64 * 1024
_ROOT = re.compile(rb"<[A-Za-z_]")
_COMMENT = re.compile(rb"<!--.*?-->", re.S)


class UnsafeFile(Exception):
    """The file must not be parsed. ``detail`` is a French explanation."""

    def __init__(self, detail: str, code: str = "fichier-illisible"):
        super().__init__(detail)
        self.detail = detail
        self.code = code


def check_file(path: Path) -> list[str]:
    """Raise :class:`UnsafeFile` if ``path`` must not be parsed; return French warnings otherwise."""
    warnings: list[str] = []
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise UnsafeFile(f"impossible d'ouvrir le fichier ({exc.strerror or exc})") from exc
    if not head:
        raise UnsafeFile("le fichier est vide (0 octet)")
    if head.startswith(OLE_MAGIC):
        raise UnsafeFile(
            "c'est un classeur protégé par mot de passe ou un ancien format Excel (.xls) ; "
            "ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx sans mot de passe",
            "fichier-chiffre-ou-xls",
        )
    if not head.startswith(ZIP_MAGIC):
        raise UnsafeFile(
            "ce n'est pas un classeur Excel .xlsx ; enregistrez-le au format .xlsx",
            "fichier-pas-xlsx",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_sizes(infos)
            names = {info.filename for info in infos}
            if "xl/workbook.xml" not in names:
                raise UnsafeFile("l'archive ne contient pas de classeur Excel (xl/workbook.xml absent)")
            if "xl/vbaProject.bin" in names or path.suffix.lower() == ".xlsm":
                warnings.append("macros")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and info.file_size:
                    with archive.open(info) as part:
                        prolog = _prolog(part)
                    if prolog is None or b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                        raise UnsafeFile(
                            f"la partie interne {info.filename} déclare des entités XML (fichier "
                            "potentiellement malveillant) ; il n'a pas été lu",
                            "fichier-dangereux",
                        )
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    _check_extent(archive.read(info), info.filename)
    except zipfile.BadZipFile as exc:
        raise UnsafeFile(
            "le fichier est endommagé ou incomplet (archive zip invalide) ; demandez une nouvelle copie du classeur",
            "fichier-corrompu",
        ) from exc
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise UnsafeFile(f"l'archive du classeur ne peut pas être lue ({exc})", "fichier-corrompu") from exc
    return warnings


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UnsafeFile(f"l'archive contient {len(infos)} éléments (maximum {MAX_ZIP_ENTRIES})", "fichier-dangereux")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnsafeFile(
            f"le classeur décompressé ferait {total // (1024 * 1024)} Mo (maximum "
            f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} Mo) : bombe de décompression probable",
            "fichier-dangereux",
        )
    for info in infos:
        if info.file_size >= RATIO_MIN_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise UnsafeFile(
                f"la partie {info.filename} est compressée {info.file_size // max(info.compress_size, 1)} fois "
                "(bombe de décompression probable)",
                "fichier-dangereux",
            )


def _prolog(part) -> bytes | None:
    """Bytes of an XML part up to its root element; None if no root element starts within the limit."""
    data = b""
    while len(data) < MAX_PROLOG_BYTES:
        chunk = part.read(PROLOG_BYTES)
        if not chunk:
            return data
        data += chunk
        visible = _COMMENT.sub(b"", data)
        if b"<!--" in visible:  # a comment not closed yet
            continue
        match = _ROOT.search(visible)
        if match:
            return visible[: match.start()]
    return None


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def _check_extent(xml: bytes, name: str) -> None:
    """Refuse a sheet whose cells span more than ``MAX_SHEET_CELLS`` (checked before any parser runs)."""
    cells = _CELL_REF.findall(xml)
    if not cells:
        return
    rows = [int(r) for _, r in cells]
    numbers = [_column_number(c) for c in {c for c, _ in cells}]
    area = (max(rows) - min(rows) + 1) * (max(numbers) - min(numbers) + 1)
    if area > MAX_SHEET_CELLS:
        raise UnsafeFile(
            f"la partie {name} s'étend sur {area:,} cellules (maximum {MAX_SHEET_CELLS:,}) : une cellule très "
            "éloignée a été remplie ; supprimez les lignes et colonnes vides en fin de feuille".replace(",", "\u202f"),
            "fichier-dangereux",
        )
