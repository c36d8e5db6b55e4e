"""Checks made on a file before any parser touches it: format, zip bombs, XML entities."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
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
#: Fast pre-scan: finds a superset of ``_CELL_REF``'s references (``_CELL_REF`` decides beyond the limit).
_ANY_REF = re.compile(rb'r="([A-Z]{1,3})([0-9]{1,7})"[^>/]*>')
#: A reference beyond column Z or with 6 digits or more: without one, a sheet spans at most
#: ``_NEAR_AREA`` cells, and counting them is not needed (a search instead of a scan per cell).
_FAR_REF = re.compile(rb'r="(?:[A-Z]{2}|[A-Z][0-9]{6})')
_NEAR_AREA = 26 * 99_999
#: A formula element (not ``<formula1>`` of data validations).
FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_PLAIN_FORMULA = re.compile(rb"<f\b")  # literal prefix: much faster to search than ``FORMULA``
#: Bytes of each XML part's prolog scanned for DTD and entity declarations, per read.
PROLOG_BYTES = 2048
#: Longest prolog (declarations and comments before the root element) a part may have.
MAX_PROLOG_BYTES = 64 * 1024
_ROOT = re.compile(rb"<[A-Za-z_]")
_SHEET_ROOT = re.compile(rb"<(?:\w+:)?worksheet\b")
_COMMENT = re.compile(rb"<!--.*?-->", re.S)


class UnsafeFile(Exception):
    """The file must not be parsed. ``detail`` is a French explanation."""

    def __init__(self, detail: str, code: str = "fichier-illisible"):
        super().__init__(detail)
        self.detail = detail
        self.code = code


@dataclass
class Inspection:
    """What the safety check learnt while reading the zip: warnings, and worksheet parts with formulas."""

    warnings: list[str] = field(default_factory=list)
    formula_parts: set[str] = field(default_factory=set)


def check_file(path: Path) -> list[str]:
    """Raise :class:`UnsafeFile` if ``path`` must not be parsed; return French warnings otherwise."""
    return inspect_file(path).warnings


def inspect_file(path: Path) -> Inspection:
    """:func:`check_file`, also noting the worksheet parts holding formulas (one zip open per file).

    Worksheet parts are read whole once: entity check, extent and formulas; the others' prolog only.
    """
    result = Inspection()
    warnings = result.warnings
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise UnsafeFile(f"impossible d'ouvrir le fichier ({exc.strerror or exc})") from exc
    if not head:
        raise UnsafeFile(
            "le fichier est vide (0 octet) ; ouvrez le classeur dans Excel, enregistrez-le de nouveau et renvoyez-le"
        )
    if head.startswith(OLE_MAGIC):
        raise _ole_problem(path)
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
            if "xl/workbook.xml" not in names and not _is_ods(archive, names):
                raise UnsafeFile("l'archive ne contient pas de classeur Excel (xl/workbook.xml absent)")
            if "xl/vbaProject.bin" in names or path.suffix.lower() == ".xlsm":
                warnings.append("macros")
            for info in infos:
                name = info.filename
                sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
                xml = archive.read(info) if sheet else None  # read once: prolog, extent and formulas
                if name.endswith((".xml", ".rels")) and info.file_size:
                    if xml is not None:
                        prolog, _ = _prolog(io.BytesIO(xml))
                    else:
                        with archive.open(info) as part:
                            prolog, root = _prolog(part)
                        if _SHEET_ROOT.match(root):  # a worksheet stored elsewhere: checked all the same
                            xml = archive.read(info)
                    if prolog is None or b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                        raise UnsafeFile(
                            f"la partie interne {name} déclare des entités XML (fichier "
                            "potentiellement malveillant) ; il n'a pas été lu",
                            "fichier-dangereux",
                        )
                if xml is not None:
                    _check_extent(xml, name)
                    if has_formula(xml):
                        result.formula_parts.add(name)
    except zipfile.BadZipFile as exc:
        raise UnsafeFile(
            "le fichier est endommagé ou incomplet (archive zip invalide) ; demandez une nouvelle copie du classeur",
            "fichier-corrompu",
        ) from exc
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise UnsafeFile(f"l'archive du classeur ne peut pas être lue ({exc})", "fichier-corrompu") from exc
    return result


#: Stream names (UTF-16) of an OLE container: an encrypted Office file's, a legacy workbook's (« Workbook », « Book »).
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_LEGACY_BOOKS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
#: Bytes of an OLE container searched for those names (its directory is rarely far in).
OLE_SCAN_BYTES = 32 * 1024 * 1024


def _ole_streams(path: Path) -> tuple[bool, bool]:
    """(encrypted, legacy workbook): whether the OLE container at ``path`` holds those streams."""
    encrypted = legacy = False
    tail = b""
    with open(path, "rb") as handle:
        for _ in range(OLE_SCAN_BYTES // (1 << 20)):
            block = handle.read(1 << 20)
            if not block:
                break
            window, tail = tail + block, block[-64:]  # a name across two blocks is found too
            encrypted = encrypted or _ENCRYPTED in window
            legacy = legacy or any(name in window for name in _LEGACY_BOOKS)
    return encrypted, legacy


def _ole_problem(path: Path) -> UnsafeFile:
    """An OLE container: a workbook protected by a password (encrypted ``.xlsx``) or a legacy ``.xls``, each with
    what to do; both said when neither can be told."""
    encrypted, legacy = _ole_streams(path)
    if encrypted:
        return UnsafeFile(
            "c'est un classeur protégé par mot de passe ; ouvrez-le dans Excel, retirez le mot de passe (Fichier › "
            "Informations › Protéger le classeur › Chiffrer avec mot de passe : effacez-le), enregistrez-le et "
            "renvoyez-le",
            "fichier-chiffre",
        )
    if legacy or path.suffix.lower() == ".xls":
        return UnsafeFile(
            "c'est un ancien format Excel (.xls) ; ouvrez-le dans Excel et enregistrez-le au format .xlsx (Fichier › "
            "Enregistrer sous › Classeur Excel), puis renvoyez-le",
            "fichier-xls",
        )
    return UnsafeFile(
        "c'est un classeur protégé par mot de passe ou un ancien format Excel (.xls) ; "
        "ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx sans mot de passe",
        "fichier-chiffre-ou-xls",
    )


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _is_ods(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """A LibreOffice Calc workbook (``.ods``): read like an ``.xlsx`` (calamine reads both)."""
    if "content.xml" not in names or "mimetype" not in names:
        return False
    return archive.read("mimetype").strip() == ODS_MIMETYPE


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


def _prolog(part) -> tuple[bytes | None, bytes]:
    """Bytes of an XML part up to its root element (None if no root element starts within the
    limit), and the bytes read from the root element on."""
    data = b""
    while len(data) < MAX_PROLOG_BYTES:
        chunk = part.read(PROLOG_BYTES)
        if not chunk:
            return data, b""
        data += chunk
        visible = _COMMENT.sub(b"", data)
        if b"<!--" in visible:  # a comment not closed yet
            continue
        match = _ROOT.search(visible)
        if match:
            return visible[: match.start()], visible[match.start() :]
    return None, b""


def has_formula(xml: bytes) -> bool:
    """``FORMULA.search(xml)``, fast: a prefixed ``<x:f`` needs ``:f`` somewhere."""
    return bool(_PLAIN_FORMULA.search(xml) or (b":f" in xml and FORMULA.search(xml)))


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def _area(cells: list[tuple[bytes, bytes]]) -> int:
    if not cells:
        return 0
    letters, rows = zip(*cells)
    numbers = [int(r) for r in set(rows)]
    columns = [_column_number(c) for c in set(letters)]
    return (max(numbers) - min(numbers) + 1) * (max(columns) - min(columns) + 1)


def _check_extent(xml: bytes, name: str) -> None:
    """Refuse a sheet whose cells span more than ``MAX_SHEET_CELLS`` (checked before any parser runs)."""
    if _NEAR_AREA <= MAX_SHEET_CELLS and not _FAR_REF.search(xml):
        return
    if _area(_ANY_REF.findall(xml)) <= MAX_SHEET_CELLS:
        return
    area = _area(_CELL_REF.findall(xml))
    if area > MAX_SHEET_CELLS:
        raise UnsafeFile(
            f"la partie {name} s'étend sur {area:,} cellules (maximum {MAX_SHEET_CELLS:,}) : une cellule très "
            "éloignée a été remplie ; supprimez les lignes et colonnes vides en fin de feuille".replace(",", "\u202f"),
            "fichier-dangereux",
        )
