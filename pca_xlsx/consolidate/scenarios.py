"""What each scenario of the referential breaks, per service."""

from __future__ import annotations

import pandas as pd

from ..core.values import clean_text
from ..format import fold
from ..format.tables import TABLES
from ..format.vocabulary import VITAL
from .common import Directory
from .figures import covered, tested

SCENARIO_COLUMNS = TABLES["scenarios_services"].keys
COUNT_COLUMNS = SCENARIO_COLUMNS[4:]  # hit … vital_no_workaround
SUMMARY_COLUMNS = TABLES["scenarios_resume"].keys
VITAL_COLUMNS = TABLES["scenarios_vitaux"].keys


def build_scenarios(
    details: dict[str, pd.DataFrame], people: Directory, referential
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per scenario × service counts, vital process rows without workaround per scenario).

    Counts: process rows hit; vital ones; without workaround; workaround « À construire »;
    workaround defined but not yet tested; vital without workaround (hit = tested + untested +
    to_build + no_workaround). Services are listed vital-without-workaround first.
    """
    proc = details["processus"]
    folded = proc["resource"].map(fold)
    no_workaround = proc["workaround"].isna()
    cover, done = covered(proc), tested(proc)
    flags = pd.DataFrame(
        {
            "code": proc["code"],
            "hit": 1,
            "vital_hit": (proc["criticality"] == VITAL).astype(int),
            "no_workaround": no_workaround.astype(int),
            "to_build": (~no_workaround & ~cover).astype(int),
            "untested": (cover & ~done).astype(int),
            "vital_no_workaround": ((proc["criticality"] == VITAL) & no_workaround).astype(int),
        }
    )
    counts, vital = [], []
    for name in referential.scenario_names:
        wanted = {fold(r) for r in referential.scenario_resources(name)}
        mask = folded.isin(wanted)
        if not mask.any():
            continue
        part = flags[mask].groupby("code", as_index=False)[COUNT_COLUMNS].sum()
        part.insert(0, "scenario", clean_text(name))
        part.insert(2, "name", part["code"].map(lambda c: people.names.get(c, "")))
        part.insert(3, "pole_name", part["code"].map(people.pole_name))
        counts.append(
            part.sort_values(["vital_no_workaround", "no_workaround", "code"], ascending=[False, False, True])
        )
        rows = proc[mask & (flags["vital_no_workaround"] == 1)].copy()
        rows.insert(0, "scenario", clean_text(name))
        vital.append(rows[VITAL_COLUMNS])
    scenarios = pd.concat(counts, ignore_index=True) if counts else pd.DataFrame(columns=SCENARIO_COLUMNS)
    vital_rows = pd.concat(vital, ignore_index=True) if vital else pd.DataFrame(columns=VITAL_COLUMNS)
    return scenarios[SCENARIO_COLUMNS], vital_rows


def scenario_summary(scenarios: pd.DataFrame, referential) -> pd.DataFrame:
    """One row per scenario of the referential, in its order: services hit and the summed counts."""
    names = [clean_text(n) for n in referential.scenario_names]
    if scenarios.empty:
        sums = pd.DataFrame(0, index=names, columns=COUNT_COLUMNS)
        services = pd.Series(0, index=names)
    else:
        sums = scenarios.groupby("scenario")[COUNT_COLUMNS].sum().reindex(names, fill_value=0)
        services = scenarios.groupby("scenario")["code"].nunique().reindex(names, fill_value=0)
    out = sums.astype(int)
    out.insert(0, "services", services.astype(int))
    out.insert(0, "scenario", names)
    return out.reset_index(drop=True)[SUMMARY_COLUMNS]
