"""Drop-down lists that do not grow with the hospital: the services a referent can usefully choose.

A service names the services it relies on or serves. At GHT scale (a thousand services) a list of
every code is unusable and makes every workbook heavier; the list of a service's workbook holds the
services of its own establishment (the pôle's establishment, or else the service's site), its own
pôle first, then the other pôles in the referential's order. Validation still accepts any code of
the referential: the drop-down only warns.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..read.referential import Referential


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _establishments(referential: Referential) -> dict[str, str]:
    """Service code -> its establishment key ("" when the referential does not say)."""
    services = referential.services
    by_pole: dict[str, str] = {}
    if "establishment" in referential.poles.columns:
        by_pole = {_text(c): _text(e) for c, e in zip(referential.poles["code"], referential.poles["establishment"])}
    sites = services["site"] if "site" in services.columns else [None] * len(services)
    return {
        _text(code): by_pole.get(_text(pole)) or _text(site)
        for code, pole, site in zip(services["code"], services["pole"], sites)
    }


def service_choices(referential: Referential, code: str) -> list[str]:
    """Codes offered in the service drop-downs of ``code``'s workbook (itself excluded)."""
    services = referential.services
    codes = [_text(c) for c in services["code"]]
    poles = [_text(p) for p in services["pole"]]
    place = _establishments(referential)
    own = dict(zip(codes, poles)).get(code, "")
    here = place.get(code, "")
    same = [(c, p) for c, p in zip(codes, poles) if c != code and place.get(c, "") == here]
    order = {p: i for i, p in enumerate(dict.fromkeys(p for _, p in same))}
    same.sort(key=lambda cp: (cp[1] != own, order[cp[1]]))  # stable: the referential's order within a pôle
    return [c for c, _ in same]
