"""A synthetic hospital group: referential and filled service workbooks, deterministic for a seed.

Each service's content comes from its own random generator seeded with ``(seed, code)``, so a
service is the same whatever the number of services generated around it or the order of writing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..format.service import TELECOM_MEANS
from . import catalogue as cat
from .content import service_content

#: Services per pôle.
POLE_SIZE = 12


@dataclass(frozen=True)
class Hospital:
    """The referential content and, per service code, how to build its workbook content."""

    seed: int
    today: dt.date
    faults: float
    referential: dict[str, Any]
    codes: tuple[str, ...]
    sites: dict[str, int]
    #: Service code → its establishment's sub-folder ("" outside a GHT).
    folders: dict[str, str] = field(default_factory=dict)
    rows: int | None = None  # process rows per service; None: 10 to 50 at random
    #: Two other services named on every process row (the dense worst case); else 0 to 2 at random.
    dense: bool = False

    def content(self, code: str) -> dict[str, Any]:
        """Content of the workbook of ``code`` (sheet key -> rows), for ``write_service_workbook``."""
        kind = next(t for t in cat.SERVICE_TYPES if t[0] == _prefix(code))
        return service_content(
            self.seed, code, kind, self.today, self._interfaces(code), self.rows, self.dense, self.faults
        )

    def fault(self, code: str) -> str | None:
        """The fault injected into ``code``'s workbook, or None (for tests and reports)."""
        content = self.content(code)
        return content.get("_fault")

    def _interfaces(self, code: str) -> list[str]:
        site = self.sites[code]
        return [c for c in self._by_site()[site] if c != code and _prefix(c) in cat.INTERFACE_PREFIXES]

    def _by_site(self) -> dict[int, list[str]]:
        """Site → its service codes, in order (computed once: a region has 10,000 services)."""
        if "_sites" not in self.__dict__:
            by_site: dict[int, list[str]] = {}
            for c in self.codes:
                by_site.setdefault(self.sites[c], []).append(c)
            object.__setattr__(self, "_sites", by_site)
        return self.__dict__["_sites"]


def _prefix(code: str) -> str:
    return code.rstrip("0123456789")


def hospital(
    n: int,
    seed: int = 0,
    today: dt.date | None = None,
    faults: float = 0.05,
    establishments: int = 1,
    rows: int | None = None,
    dense: bool = False,
) -> Hospital:
    """A hospital group of ``n`` services: one hospital (site) per ~32 services, pôles of ~12.

    With ``establishments`` K ≥ 2, the services are split into K consecutive establishments
    (``E1``…``EK``, sheet ``Établissements``, shares adding to 100 %), each with its own pôles.
    ``rows`` fixes the process rows of every service (None: 10 to 50 at random).
    """
    today = today or dt.date.today()
    types = cat.SERVICE_TYPES
    k = max(1, min(establishments, n))
    bounds = [round(j * n / k) for j in range(k + 1)]
    owner = [next(j for j in range(k) if bounds[j] <= i < bounds[j + 1]) for i in range(n)]
    codes, sites, services, poles = [], {}, [], []
    pole_of: dict[tuple[int, int], str] = {}
    for i in range(n):
        prefix, name, category, _, _ = types[i % len(types)]
        site = i // len(types) + 1
        code = f"{prefix}{site:02d}"
        codes.append(code)
        sites[code] = site
        j = owner[i]
        key = (j, (i - bounds[j]) // POLE_SIZE if k > 1 else i // POLE_SIZE)
        if key not in pole_of:
            m = len(poles)
            pole_of[key] = f"P{m + 1:03d}"
            poles.append(
                {
                    "code": f"P{m + 1:03d}",
                    "name": f"Pôle {m + 1} – hôpital {site}",
                    "chief": f"Pr {cat.LAST_NAMES[m % len(cat.LAST_NAMES)]}",
                    "manager": f"{cat.FIRST_NAMES[m % len(cat.FIRST_NAMES)]} {cat.LAST_NAMES[(m + 3) % len(cat.LAST_NAMES)]}",
                    **({"establishment": f"E{j + 1}"} if k > 1 else {}),
                }
            )
        services.append(
            {
                "code": code,
                "name": f"{name} – hôpital {site}",
                "pole": pole_of[key],
                "site": f"Hôpital {site}",
                "category": category,
                "wave": 1 if site == 1 else 2,
            }
        )
    shares = [100 // k + (1 if j < 100 % k else 0) for j in range(k)]
    referential = {
        "etablissement": {
            "name": f"GHT Synthétique ({n} services)",
            "group": "GHT Synthétique",
            "review_months": 12,
            "exercise_months": 12,
        },
        "etablissements": [
            {
                "code": f"E{j + 1}",
                "name": f"Établissement synthétique {j + 1}",
                "finess": f"{540000000 + j + 1}",
                "share": shares[j],
            }
            for j in range(k)
        ]
        if k > 1
        else [],
        "poles": poles,
        "services": services,
        "ressources": [_resource(a, b, c, set(codes)) for a, b, c in cat.RESOURCES],
        "scenarios": [{"name": a, "resources": b, "description": c} for a, b, c in cat.SCENARIOS],
        "annuaire": [
            {"function": f, "name": who, "phone": f"06 {k + 10:02d} 00 00 {k + 20:02d}", "availability": "24 h/24"}
            for k, (f, who) in enumerate(cat.CRISIS_FUNCTIONS)
        ],
        "moyens_secours": [{"means": means} for means in TELECOM_MEANS],
    }
    folders = {code: (f"E{owner[i] + 1}" if k > 1 else "") for i, code in enumerate(codes)}
    return Hospital(seed, today, faults, referential, tuple(codes), sites, folders, rows, dense)


def _resource(name: str, category: str, description: str, codes: set[str]) -> dict[str, Any]:
    """A referential resource with IT's side (``cat.RESOURCE_IT``); the responsible service of hospital 1."""
    owner, depends_on, restart, loss, backup = cat.RESOURCE_IT.get(name, (None,) * 5)
    owner = f"{owner}01" if owner and f"{owner}01" in codes else None
    return {"name": name, "category": category, "description": description, "owner_service": owner,
            "depends_on": depends_on, "restart_guaranteed": restart, "loss_guaranteed": loss, "backup": backup}  # fmt: skip
