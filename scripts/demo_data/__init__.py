"""Readable source data of the demo hospital "CHU Exemple".

``referential.py`` holds the hospital referential; ``services/<code>.py`` holds one service
workbook each, as a ``DATA`` dict keyed by sheet key (see ``pca_xlsx/format/service.py``);
``v2.py`` what the services fill in the sheets and columns new in template version 2.
``scripts/make_demo.py`` turns this data into workbooks.
"""

from __future__ import annotations

from importlib import import_module

from . import crisis, emails, v2, v3
from .referential import SERVICES


def load_services() -> dict[str, dict]:
    """Return every service's ``DATA`` (version-2 and version-3 content merged, see ``v2.py``, ``v3.py``), keyed by code, in referential order."""
    return {
        s["code"]: emails.apply(
            s["code"],
            crisis.service(
                s["code"],
                v3.apply(
                    s["code"],
                    v2.apply(s["code"], s["category"], import_module(f"{__name__}.services.{s['code'].lower()}").DATA),
                ),
            ),
        )
        for s in SERVICES
    }
