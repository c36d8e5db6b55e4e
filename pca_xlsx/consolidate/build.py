"""Run every consolidation step in order and gather the headline figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from . import Consolidation
from .common import DETAIL_SHEETS, directory
from .control import build_control
from .dashboards import add_dashboards
from .dependencies import build_dependencies
from .details import build_details
from .evolutions import build_evolutions, snapshot_path
from .gaps import build_gaps, gap_counts
from .interfaces import ORDER_RULE, build_interfaces
from .procurement import build_procurement
from .scenarios import build_scenarios, scenario_summary
from .synthesis import build_poles, build_synthesis


def build(result, output: Path, snapshot: bool = True, today: dt.date | None = None) -> Consolidation:
    today = today or dt.date.today()
    generated = dt.datetime.now().replace(microsecond=0)
    people = directory(result)
    details = build_details(result.tables, people)
    synthesis = build_synthesis(details, people)
    dependencies, spof = build_dependencies(details, people, result.referential)
    edges, by, order, order_table = build_interfaces(details, people)
    scenarios, vital = build_scenarios(details, people, result.referential)
    gaps = build_gaps(details, people, result.referential, today)
    evolutions, note, state = build_evolutions(details, people, output, generated, snapshot)
    control, control_ok = build_control(result)
    out = Consolidation(
        establishment=result.referential.name,
        generated=generated,
        today=today,
        synthesis=synthesis,
        poles=build_poles(synthesis, details, people),
        details={key: details[key] for key in DETAIL_SHEETS},
        dependencies=dependencies,
        spof=spof,
        interfaces=edges,
        depended_by=by,
        order=order,
        order_table=order_table,
        order_rule=ORDER_RULE,
        scenarios=scenarios,
        scenario_vital=vital,
        scenario_summary=scenario_summary(scenarios, result.referential),
        procurement=build_procurement(details, people),
        gaps=gaps,
        gap_counts=gap_counts(gaps),
        evolutions=evolutions,
        evolutions_note=note,
        control=control,
        control_ok=control_ok,
        snapshot_path=snapshot_path(output) if state is not None else None,
        snapshot_state=state,
    )
    out.headline = headline(out, result)
    add_dashboards(out, result, today)
    return out


def headline(c: Consolidation, result) -> dict:
    proc = c.details["processus"]
    processes = len(proc)
    with_workaround = int(proc["workaround"].notna().sum()) if processes else 0
    tested = int((proc["status"] == "Testée").sum()) if processes else 0
    top = c.spof[c.spof["critical_or_strong"] > 0].head(3)
    maturity = pd.to_numeric(c.synthesis["maturity"], errors="coerce")
    return {
        "services": len(result.referential.service_codes),
        "received": int(c.synthesis["received"].sum()),
        "workbooks": len(result.workbooks),
        "processes": processes,
        "coverage": round(100.0 * with_workaround / processes, 1) if processes else None,
        "tested": round(100.0 * tested / processes, 1) if processes else None,
        "gaps": len(c.gaps),
        "errors": len(result.report.errors),
        "warnings": len(result.report.warnings),
        "maturity": round(float(maturity.mean()), 1) if maturity.notna().any() else None,
        "spof": [(r.resource, int(r.critical), int(r.strong)) for r in top.itertuples()],
        "control_ok": c.control_ok,
    }
