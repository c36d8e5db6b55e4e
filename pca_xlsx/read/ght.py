"""The referential of a GHT (DESIGN §3.1, §4.1): which establishment each pôle and service belongs to.

With two or more rows in ``Établissements`` the run is a GHT run. Problems are findings on the
referential's cells (rules of :mod:`pca_xlsx.findings`); the rows in doubt are set aside or kept in the
GHT-wide consolidation only, and the run goes on.
"""

from __future__ import annotations

import difflib
from typing import Any

import pandas as pd

from ..findings import Finding, finding
from ..format import fold
from ..format.referential import ESTABLISHMENTS, POLES, SERVICES

#: Most a GHT's shares of activity may add up to (%).
MAX_SHARE_TOTAL = 100.0


def _code(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _establishment_codes(sheets: dict) -> list[str]:
    data = sheets.get(ESTABLISHMENTS.key)
    if data is None:
        return []
    index = ESTABLISHMENTS.keys.index("code")
    return [_code(row[index]) for row in data.rows if _code(row[index])]


def _pole_owner(sheets: dict) -> dict[str, str]:
    """Pôle code → establishment code as typed ("" when none)."""
    data = sheets[POLES.key]
    code, owner = POLES.keys.index("code"), POLES.keys.index("establishment")
    return {_code(row[code]): _code(row[owner]) for row in data.rows}


def other_establishment(sheets: dict, first: int, second: int) -> bool:
    """In a GHT, do ``Services`` rows ``first`` and ``second`` sit in pôles of two different establishments?"""
    if len(_establishment_codes(sheets)) < 2:
        return False
    owners = _pole_owner(sheets)
    rows = sheets[SERVICES.key].rows
    pole = SERVICES.keys.index("pole")
    a, b = owners.get(_code(rows[first][pole]), ""), owners.get(_code(rows[second][pole]), "")
    return bool(a and b and a != b)


def _hint(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(fold(value), [fold(k) for k in known], n=1, cutoff=0.5)
    if not close:
        return ""
    match = next(k for k in known if fold(k) == close[0])
    return f" (vouliez-vous dire « {match} » ?)"


def _share_findings(referential, file: str) -> list[Finding]:
    data = referential.cells.get(ESTABLISHMENTS.key)
    if data is None:
        return []
    index = ESTABLISHMENTS.keys.index("share")
    shares = [(i, row[index]) for i, row in enumerate(data.rows) if isinstance(row[index], (int, float))]
    total = sum(float(v) for _, v in shares)
    if total <= MAX_SHARE_TOTAL:
        return []
    last = shares[-1][0]
    shown = f"{total:g}".replace(".", ",")
    return [finding("parts-activite-excessives", file, data.title, data.address("share", last), total, total=shown)]


def _first_rows(data, key: str) -> dict[str, int]:
    """Value of column ``key`` → index of the first row holding it (the one the reader kept)."""
    index = data.spec.keys.index(key)
    out: dict[str, int] = {}
    for i, row in enumerate(data.rows):
        out.setdefault(_code(row[index]), i)
    return out


def _two_establishments(referential, file: str, names: dict[str, str]) -> tuple[list[Finding], set[int]]:
    """The reader's duplicate service codes that belong to two establishments, as the GHT rule says it."""
    data = referential.cells[SERVICES.key]
    first = _first_rows(data, "code")
    owners = _pole_owner(referential.cells)
    pole = SERVICES.keys.index("pole")
    found, replaced = [], set()
    for n, item in enumerate(referential.findings):
        if item.code != "referentiel-doublon" or item.sheet != data.title or item.row not in data.row_numbers:
            continue
        i = data.row_numbers.index(item.row)
        j = first.get(_code(item.value), i)
        if i != j and other_establishment(referential.cells, j, i):
            other = names.get(owners.get(_code(data.rows[j][pole]), ""), "")
            found.append(finding("service-deux-etablissements", file, data.title, data.address("code", i), item.value,
                                 first=data.address("code", j), other=other))  # fmt: skip
            replaced.add(n)
    return found, replaced


def check_ght(referential):
    """Apply the GHT rules to a freshly read referential; return it with ``findings`` completed.

    A service whose code is already used by another establishment has been left out by the reader (its
    finding says why in GHT terms); pôles without a known establishment keep their services, which then
    belong to no establishment.
    """
    codes = [_code(c) for c in referential.establishments["code"]]
    referential.poles["establishment"] = referential.poles["establishment"].map(_code).astype(object)
    if len(codes) < 2:
        return referential
    file = referential.path.name
    names = dict(zip(codes, referential.establishments["name"]))
    found, replaced = _two_establishments(referential, file, names)
    found += _share_findings(referential, file)
    poles_data = referential.cells[POLES.key]
    pole_rows = _first_rows(poles_data, "code")
    bad_poles: set[str] = set()
    for pole, owner in zip(referential.poles["code"], referential.poles["establishment"]):
        cell = poles_data.address("establishment", pole_rows.get(pole, 0))
        if not owner:
            found.append(finding("pole-sans-etablissement", file, poles_data.title, cell, "", pole=pole))
            bad_poles.add(pole)
        elif owner not in codes:
            found.append(
                finding("etablissement-inconnu", file, poles_data.title, cell, owner, hint=_hint(owner, codes))
            )
            bad_poles.add(pole)
    services_data = referential.cells[SERVICES.key]
    service_rows = _first_rows(services_data, "code")
    for code, pole in zip(referential.services["code"], referential.services["pole"]):
        if pole in bad_poles:
            cell = services_data.address("pole", service_rows.get(code, 0))
            found.append(
                finding("service-sans-etablissement", file, services_data.title, cell, pole, service_code=code)
            )
    kept = [f for n, f in enumerate(referential.findings) if n not in replaced]
    referential.findings = sorted(kept + found, key=Finding.sort_key)
    return referential


def establishment_of(referential) -> dict[str, str]:
    """Service code → establishment code in a GHT ("" for a service of a pôle without a known one)."""
    codes = {_code(c) for c in referential.establishments["code"]}
    owners = {
        p: (o if o in codes else "") for p, o in zip(referential.poles["code"], referential.poles["establishment"])
    }
    return {
        code: owners.get(pole, "") for code, pole in zip(referential.services["code"], referential.services["pole"])
    }


def foreign(establishment: str) -> str:
    """How an establishment's outputs name a service of another establishment: « service du CHU Exemple »."""
    return f"service du {establishment}"


def is_ght(referential) -> bool:
    """Two or more establishments in ``Établissements``: a GHT run (DESIGN §4.1)."""
    return len(referential.establishments) >= 2
