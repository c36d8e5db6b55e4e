"""The open data package (placeholder replaced when the output tables' declarations land)."""

from __future__ import annotations

from pathlib import Path


def write_package(folder: Path, consolidation) -> list[Path]:
    raise NotImplementedError
