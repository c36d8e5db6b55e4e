"""Readable source data of the demo hospital "CHU Exemple".

``referential.py`` holds the hospital referential; ``services/<code>.py`` holds one service
workbook each, as a ``DATA`` dict keyed by sheet key (see ``pca_xlsx/format/service.py``).
``scripts/make_demo.py`` turns this data into workbooks.
"""

from __future__ import annotations

from importlib import import_module

from .referential import SERVICES


def load_services() -> dict[str, dict]:
    """Return every service's ``DATA``, keyed by service code, in referential order."""
    return {s["code"]: import_module(f"{__name__}.services.{s['code'].lower()}").DATA for s in SERVICES}
