"""File names built from service and pôle codes that Windows, macOS and Linux all accept.

One function for every output path (templates, documents, exercise kit), so a service's files
carry the same name everywhere.
"""

from __future__ import annotations

import re

#: Names Windows keeps for devices, whatever the extension (``CON.xlsx`` cannot be created).
RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{kind}{n}" for kind in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")]
)
_UNSAFE = re.compile(r"[^\w.-]")  # letters, digits, _, . and - only: none Windows forbids


def safe_file_name(code: object) -> str:
    """A file name (without extension) for ``code``: every character but letters, digits, ``_``,
    ``.`` and ``-`` (so every one Windows forbids) becomes ``_``, no leading or trailing dot, and
    a reserved device name (``CON``, ``NUL.A``...) gets ``_`` after its first part."""
    name = _UNSAFE.sub("_", str(code)).strip(".")[:120].rstrip(".") or "service"
    first, dot, rest = name.partition(".")
    if first.upper() in RESERVED:
        name = f"{first}_{dot}{rest}"
    return name
