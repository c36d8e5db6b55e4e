"""Atomic file writes: write to a temporary file beside the target, then rename."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Mode of the files we write: what a plain ``open()`` would give (mkstemp alone gives 0600).
FILE_MODE = 0o666 & ~_umask()
#: Characters XML forbids (control characters except tab and line breaks).
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: The most characters an Excel cell holds.
MAX_CELL_CHARS = 32_767


def xml_safe(value):
    """Strip the control characters XML forbids from strings; other values pass through."""
    return XML_FORBIDDEN.sub("", value) if isinstance(value, str) else value


def cell_text(value) -> str:
    """``value`` as text a spreadsheet cell can hold: XML-safe, at most :data:`MAX_CELL_CHARS`."""
    return xml_safe(str(value))[:MAX_CELL_CHARS]


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``target`` in one rename."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
