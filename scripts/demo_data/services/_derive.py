"""Build a service of the demo's second establishment from a CHU service it resembles.

The Centre hospitalier du Val de Meuse is small: its few services reuse the process maps of their
CHU counterparts, with their own referents and identity, and the services they call on renamed when
the Val de Meuse has its own (its emergency department relies on its own pharmacy, but still on the
CHU's laboratory and imaging: cross-establishment interfaces).
"""

from __future__ import annotations

from typing import Any

#: CHU service code → the Val de Meuse service playing that part ("" : not involved at the Val de Meuse).
OWN = {"URG": "URGVM", "PUI": "PHARVM", "PNEUMO": "MEDVM", "NEURO": "MEDVM", "GERIA": "MEDVM", "CARDIO": "MEDVM",
       "ADM": ""}  # fmt: skip


def _codes(value: Any, me: str, others: str | None) -> Any:
    if not isinstance(value, str):
        return value
    out: list[str] = []
    for item in (v.strip() for v in value.split(";")):
        item = OWN.get(item, item if others is None else others)
        if item and item != me and item not in out:
            out.append(item)
    return "; ".join(out) or None


def derive(base: dict, code: str, service: dict[str, Any], keep: int | None = None, others: str | None = None) -> dict:
    """``base``'s DATA for service ``code``: identity from ``service``, interfaces renamed (CHU services
    without a Val de Meuse counterpart become ``others`` when given), the first ``keep`` processes."""
    data = {key: list(rows) if isinstance(rows, list) else dict(rows) for key, rows in base.items()}
    data["service"] = {**base["service"], **service}
    rows = base["processus"][:keep] if keep else base["processus"]
    data["processus"] = [{**row, "interfaces": _codes(row.get("interfaces"), code, others)} for row in rows]
    return data
