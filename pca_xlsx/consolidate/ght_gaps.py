"""A GHT's gaps, found once and each held by exactly one establishment (DESIGN §4.1, §6).

The GHT's consolidation finds every gap on the whole plan (a coordination between two establishments'
services needs both sides); each establishment's consolidation takes its own from there
(:func:`inherited`) instead of finding them again on its part alone. The IT restart guarantees short of
the need (« Reprise SI insuffisante ») are the DSI's, not a service's: in a GHT there is one such gap per
resource and per establishment whose services need more, naming only that establishment's services.
"""

from __future__ import annotations

import pandas as pd

from ..read.ght import foreign
from .coordination import coordination_gaps
from .gap import Gap
from .gaps import build_gaps
from .recovery import build_recovery

#: Column of the GHT's raw gaps naming the establishment that holds each one.
HOLDER = "_establishment"


def recovery_gaps(details: dict[str, pd.DataFrame], people, referential, ambition: dict, versions: dict,
                  owners: dict[str, str]) -> list[tuple[Gap, str]]:  # fmt: skip
    """The « Reprise SI insuffisante » gaps of each establishment, found on its services' rows alone, each
    with the establishment holding it."""
    out = []
    for code in [str(c) for c in referential.establishments["code"]]:
        own = {s for s, e in owners.items() if e == code}
        part = {k: (t[t["code"].isin(own)] if "code" in t.columns else t) for k, t in details.items()}
        for gap in build_recovery(part, people, referential, ambition, versions).gaps:
            out.append((gap, code))
    return out


def name_cross(coordination: pd.DataFrame, owners: dict[str, str], names: dict[str, str]) -> pd.DataFrame:
    """Coordination rows whose partner is another establishment's service say so in their detail."""
    if coordination.empty or not owners:
        return coordination
    out = coordination.copy()
    details = []
    for a, b, detail in zip(out["code"], out["partner"], out["detail"]):
        mine, theirs = owners.get(str(a), ""), owners.get(str(b), "")
        if theirs and mine != theirs:
            detail = f"{detail} {b} est un {foreign(names.get(theirs, theirs))}."
        details.append(detail)
    out["detail"] = details
    return out


def holders(gaps: pd.DataFrame, owners: dict[str, str]) -> pd.Series:
    """The establishment holding each raw gap: its service's, else the one it was found for (the DSI's)."""
    held = gaps[HOLDER] if HOLDER in gaps.columns else pd.Series("", index=gaps.index)
    by_service = gaps["code"].map(lambda c: owners.get(str(c), ""))
    return by_service.where(by_service != "", held.fillna("")).astype(object)


def inherited(ght, code: str, services: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(raw gaps, coordination rows) of establishment ``code``, taken from the GHT's consolidation ``ght``."""
    raw = ght.gaps_raw
    own = raw[raw[HOLDER] == code].drop(columns=HOLDER).reset_index(drop=True)
    coordination = ght.coordination[ght.coordination["code"].astype(str).isin(services)].reset_index(drop=True)
    return own, coordination


def find_gaps(result, details, people, today, grids, found, links, recovery, synthesis, versions):
    """(every gap before ranking, coordination rows). In a GHT each raw gap names the establishment holding
    it (:mod:`.ght_gaps`); an establishment's part takes its own from the GHT's consolidation."""
    ght = getattr(result, "ght", None)
    if ght is not None and ght.gaps_raw is not None:
        return inherited(ght, str(result.referential.establishments["code"].iloc[0]), set(people.codes))
    owners = result.owners() if hasattr(result, "owners") else {}
    coordination, it = links.coordination, [(g, "") for g in recovery.gaps]
    if owners:
        ref = result.referential
        names = dict(zip(ref.establishments["code"].astype(str), ref.establishments["name"].astype(str)))
        coordination = name_cross(coordination, owners, names)
        ambition = dict(zip(synthesis["code"], synthesis["ambition"]))
        it = recovery_gaps(details, people, ref, ambition, versions, owners)
    extra = [*coordination_gaps(coordination, people), *(g for g, _ in it)]
    raw = build_gaps(details, people, result.referential, today, extra=extra, grids=grids, found=found)
    if owners:
        held = {(g.cell, g.detail): code for g, code in it}
        raw[HOLDER] = [held.get((c, d), "") for c, d in zip(raw["cell"], raw["detail"])]
        raw[HOLDER] = holders(raw, owners)
    return raw, coordination
