"""Run every consolidation step in order and gather the headline figures."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..format.vocabulary import VITAL
from .actions import assign_actions, build_action_plan
from .common import DETAIL_SHEETS, directory, share_texts
from .control import build_control
from .dashboards import add_dashboards
from .dependencies import build_dependencies
from .details import build_details
from .evolutions import build_evolutions
from .exercises import add_control, add_grid_exercises
from .extras import build_extras
from .figures import Headline, covered, percent, tested
from .gaps import gap_counts, rule_gaps
from .ght_gaps import HOLDER, find_gaps
from .interfaces import ORDER_RULE, build_interfaces
from .model import Consolidation
from .outage import build_outage
from .part import own_order, shared_restart
from .procurement import BUY_RULE, build_procurement
from .programme import build_programme
from .ranking import rank_gaps
from .reconcile import build_reconciliation
from .recovery import build_recovery
from .scenarios import build_scenarios, scenario_summary
from .stock import GHT_BUY_RULE, SHARED_RULE, ght_budget
from .synthesis import build_poles, build_synthesis
from .vital import build_register, per_service


def build(result, previous: dict | None, compare: bool, today: dt.date | None = None) -> Consolidation:
    """The consolidation, every step in this process: the interfaces (graph, order, coordination) once
    built here in a worker meanwhile were 3.6 s faster at 3,000 services and 300 MiB higher (README « Une
    région sur une machine », 4ᵉ passe)."""
    today = today or dt.date.today()
    generated = dt.datetime.now().replace(microsecond=0)
    people = directory(result)
    details = build_details(result.tables, people)
    grids = getattr(result, "exercises", None)  # filled observation grids (pca_xlsx.validate.exercises)
    add_grid_exercises(details, people, grids)
    synthesis = build_synthesis(details, people)
    dependencies, spof = build_dependencies(details, people, result.referential)
    scenarios, vital = build_scenarios(details, people, result.referential)
    versions = {wb.file: wb.version for wb in result.workbooks}
    recovery = build_recovery(
        details, people, result.referential, dict(zip(synthesis["code"], synthesis["ambition"])), versions
    )
    recovery.cyber = shared_restart(result, recovery.cyber)
    outage = build_outage(details, recovery.cyber.back, result.referential, people)
    found = rule_gaps(details, people, result.referential, today, grids)
    actions = build_action_plan(details, today)
    evolutions, note, state = build_evolutions(details, people, generated, previous, compare)
    control, control_ok = build_control(result)
    programme, requirement = build_programme(details, scenarios, people, result.referential, today)
    poles = build_poles(synthesis, details, people)
    procurement = build_procurement(details, people, result.referential.backup_means)
    owners = result.owners() if hasattr(result, "owners") else {}
    if owners:  # the GHT's budget: its establishments' summed (pca_xlsx.consolidate.stock)
        codes = [str(c) for c in result.referential.establishments["code"]]
        procurement["telecom_budget"] = ght_budget(details["telecom"], result.referential.backup_means, owners, codes)
    links = build_interfaces(details, people, result.referential)
    share_texts(links.reliances)  # the largest tables built here, each text once (held to the last document)
    share_texts(links.edges)
    raw, coordination = find_gaps(result, details, people, today, grids, found, links, recovery, synthesis, versions)
    share_texts(raw)
    share_texts(coordination)
    gaps, gaps_before = rank_gaps(raw.drop(columns=HOLDER, errors="ignore"))
    control = add_control(control, grids)
    register, to_test = build_register(details["processus"], details["applications"], actions, grids)
    count = per_service(register)
    synthesis["vital_unprotected"] = synthesis["code"].map(count).fillna(0).astype(int)
    poles["vital_unprotected"] = (
        poles["pole"].map(synthesis.groupby("pole")["vital_unprotected"].sum()).fillna(0).astype(int)
    )
    elsewhere = dict(getattr(result, "elsewhere", {}) or {})  # another establishment's services, in a GHT
    out = Consolidation(
        establishment=result.referential.name,
        generated=generated,
        today=today,
        synthesis=synthesis,
        poles=poles,
        details={key: details[key] for key in DETAIL_SHEETS},
        dependencies=dependencies,
        spof=spof,
        interfaces=links.edges,
        reliances=links.reliances,
        depended_by=links.depended_by,
        order=[c for c in links.order if c not in elsewhere],
        order_table=own_order(links.order_table, elsewhere),
        loops=links.loops,
        coordination=coordination,
        order_rule=ORDER_RULE,
        scenarios=scenarios,
        scenario_vital=vital,
        scenario_summary=scenario_summary(scenarios, result.referential),
        recovery=recovery.table,
        recovery_returns=recovery.returns,
        recovery_notes=recovery.notes,
        recovery_rule=recovery.rule,
        cyber=recovery.cyber,
        outage=outage,
        procurement=procurement,
        gaps=share_texts(assign_actions(gaps, actions), like=raw),
        gap_counts=gap_counts(gaps),
        gap_counts_before=gaps_before,
        actions=actions,
        evolutions=evolutions,
        evolutions_note=note,
        control=control,
        control_ok=control_ok,
        programme=programme,
        field_exercises=requirement,
        snapshot_state=state,
        vital_register=register,
        vital_to_test=to_test,
        stock_rule=SHARED_RULE if owners or getattr(result, "ght", None) is not None else "",
        buy_rule=GHT_BUY_RULE if owners else BUY_RULE,
    )
    out.extras = build_extras(result)
    out.gaps_raw = raw
    out.headline = headline(out, result)
    add_dashboards(out, result, today)
    out.reconciliation = build_reconciliation(out)  # a GHT's is redone with its establishments (ght_run)
    return out


def headline(c: Consolidation, result) -> Headline:
    """Every headline figure, computed here once (see :mod:`pca_xlsx.consolidate.figures`)."""
    from .gaps import FAILED_EXERCISE, NO_EXERCISE, STALE_REVIEW
    from .ranking import CRITICAL

    proc = c.details["processus"]
    processes = len(proc)
    cover, done = int(covered(proc).sum()), int(tested(proc).sum())
    top = c.spof[c.spof["critical_or_strong"] > 0].head(3)
    maturity = pd.to_numeric(c.synthesis["maturity"], errors="coerce")
    vital = int(((proc["criticality"] == VITAL) & proc["workaround"].isna()).sum()) if processes else 0
    budget = c.procurement.get("telecom_budget")
    kinds = c.gaps["type"]
    return Headline(
        services=len(result.referential.service_codes),
        received=int(c.synthesis["received"].sum()),
        workbooks=len(result.workbooks),
        processes=processes,
        covered_rows=cover,
        tested_rows=done,
        coverage=percent(cover, processes),
        tested=percent(done, processes),
        vital_no_workaround=vital,
        vital_unprotected=len(c.vital_register),
        vital_to_test=len(c.vital_to_test),
        gaps=len(c.gaps),
        gaps_before_dedupe=sum(c.gap_counts_before.values()),
        critical_gaps=int((c.gaps["severity"] == CRITICAL).sum()),
        errors=len(result.report.errors),
        warnings=len(result.report.warnings),
        maturity=round(float(maturity.mean()), 1) if maturity.notna().any() else None,
        spof=[(r.resource, int(r.critical), int(r.strong)) for r in top.itertuples()],
        control_ok=c.control_ok,
        budget=float(budget["cost"].fillna(0).sum()) if budget is not None and len(budget) else 0.0,
        overdue_exercises=int((kinds == NO_EXERCISE).sum()),
        failed_exercises=int((kinds == FAILED_EXERCISE).sum()),
        stale_reviews=int((kinds == STALE_REVIEW).sum()),
        late_actions=int((c.actions["late"] != "").sum()) if len(c.actions) else 0,
    )
