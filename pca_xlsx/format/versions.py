"""Template versions: their labels (« Version du modèle »), the current one, and how older ones map.

A sheet or column says since which version it exists (``since``) and, when retired, the last
version that had it (``until``). Version 1 is « 2026.1 »; version 2 (« 2026.2 ») adds the
sign-off, data loss, directed interfaces, document state, the action plan and new referential
sheets (DESIGN §3).
"""

from __future__ import annotations

import re

#: Version number -> label written in the ``Service`` sheet's « Version du modèle » cell.
VERSIONS: dict[int, str] = {1: "2026.1", 2: "2026.2", 3: "2026.3"}
#: The version the tool writes.
CURRENT = 3
TEMPLATE_VERSION = VERSIONS[CURRENT]
KNOWN_TEMPLATE_VERSIONS = tuple(VERSIONS.values())

_LABEL = re.compile(r"\s*(\d{4})\.(\d{1,3})\s*")


def current() -> int:
    """The current template version (read at call time, so a test may add a version)."""
    return CURRENT


def current_label() -> str:
    return VERSIONS[current()]


def _parts(label: str) -> tuple[int, int] | None:
    match = _LABEL.fullmatch(label)
    return (int(match.group(1)), int(match.group(2))) if match else None


def from_label(value: object) -> int | None:
    """Version number of a « Version du modèle » value, or None when unknown."""
    if value is None:
        return None
    text = str(value).strip()
    if isinstance(value, float):
        text = f"{value:.1f}"
    for number, label in VERSIONS.items():
        if label == text:
            return number
    return None


def is_newer(value: object) -> bool:
    """The value looks like a version label later than the current one (the tool is out of date)."""
    if value is None:
        return False
    text = f"{value:.1f}" if isinstance(value, float) else str(value)
    parts, mine = _parts(text), _parts(current_label())
    return bool(parts and mine and parts > mine)


def interface_target(category: object) -> str:
    """Where version 1's « Services en interface » goes: ``serves`` for a support service,
    ``relies_on`` for a care service (Critique, Modèle) or an unknown category."""
    from .vocabulary import SUPPORT

    return "serves" if str(category or "").strip() == SUPPORT else "relies_on"
