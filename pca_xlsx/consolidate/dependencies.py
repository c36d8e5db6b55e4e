"""Service × resource dependency matrix and single points of failure (from ``Applications``)."""

from __future__ import annotations

import pandas as pd

from ..core.values import clean_text
from ..format import fold
from ..format.ranks import RANK
from ..format.vocabulary import CRITICAL, STRONG
from .common import Directory


def resource_order(referential, applications: pd.DataFrame) -> list[str]:
    """Resources of the referential in its order, then unknown ones typed by services, sorted."""
    known = [clean_text(r) for r in referential.resource_names]
    seen = {fold(r) for r in known}
    extra = sorted({r for r in applications["resource"].dropna() if r and fold(r) not in seen})
    return known + extra


def canonical_resource(referential) -> dict[str, str]:
    """fold(name) -> referential spelling, to group ``dpi `` with ``DPI``."""
    return {fold(r): clean_text(r) for r in referential.resource_names}


def levels(applications: pd.DataFrame, spelling: dict[str, str]) -> pd.DataFrame:
    """One row per (code, resource) with the highest dependency level declared."""
    if applications.empty:
        return pd.DataFrame(columns=["code", "resource", "rank", "level"])
    frame = pd.DataFrame(
        {
            "code": applications["code"],
            "resource": applications["resource"].map(lambda r: spelling.get(fold(r), clean_text(r))),
            "rank": applications["dependency"].map(lambda d: RANK.get(d, 0)),
        }
    )
    frame = frame[frame["resource"] != ""]
    frame = frame.groupby(["code", "resource"], as_index=False)["rank"].max()
    names = {i: level for level, i in RANK.items()}
    frame["level"] = frame["rank"].map(lambda r: names.get(r, ""))
    return frame


def build_dependencies(
    details: dict[str, pd.DataFrame], people: Directory, referential
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(matrix, spof). Matrix: code, name, pole_name, one column per resource with the level."""
    apps = details["applications"]
    spelling = canonical_resource(referential)
    resources = resource_order(
        referential, apps.assign(resource=apps["resource"].map(lambda r: spelling.get(fold(r), r)))
    )
    best = levels(apps, spelling)
    codes = [c for c in people.codes if people.received(c)]
    matrix = best.pivot(index="code", columns="resource", values="level") if not best.empty else pd.DataFrame()
    matrix = matrix.reindex(index=codes, columns=resources).astype(object)
    matrix = matrix.where(matrix.notna(), "")
    matrix.insert(0, "pole_name", [people.pole_name(c) for c in codes])
    matrix.insert(0, "name", [people.names.get(c, "") for c in codes])
    matrix.insert(0, "code", codes)
    matrix = matrix.reset_index(drop=True)
    matrix.columns.name = None

    categories = {clean_text(r.name): clean_text(r.category) for r in referential.resources.itertuples()}
    rows = []
    for resource in resources:
        part = best[best["resource"] == resource] if not best.empty else best
        critical = sorted(part.loc[part["rank"] == RANK[CRITICAL], "code"])
        strong = int((part["rank"] == RANK[STRONG]).sum()) if not part.empty else 0
        rows.append(
            {
                "resource": resource,
                "category": categories.get(resource, "Inconnue du référentiel"),
                "critical": len(critical),
                "strong": strong,
                "critical_or_strong": len(critical) + strong,
                "critical_services": critical,
            }
        )
    spof = pd.DataFrame(
        rows, columns=["resource", "category", "critical", "strong", "critical_or_strong", "critical_services"]
    )
    spof = spof.sort_values(["critical", "strong", "resource"], ascending=[False, False, True], kind="stable")
    return matrix, spof.reset_index(drop=True)
