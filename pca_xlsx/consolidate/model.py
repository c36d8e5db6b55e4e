"""The consolidation's result: every table and headline figure of one run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .figures import Headline


@dataclass
class Consolidation:
    """Every consolidated table and headline figure of one run.

    Column names are English keys; :data:`pca_xlsx.consolidate.labels.LABELS` gives their
    French headers. Codes are service codes of the referential (``code``), pôle codes (``pole``).

    - ``establishment`` (str), ``generated`` (datetime), ``today`` (date used for periods).
    - ``synthesis``: one row per service (referential services + unknown ones that sent a
      workbook), sorted by code: code, name, pole, pole_name, category, files, received (bool),
      medical_referent, medical_phone, paramedical_referent, paramedical_phone, ambition,
      maturity (0–100 or NaN), processes (rows), with_workaround_pct, tested_pct (0–100 or NaN),
      applications, updated (date), last_exercise (date), errors, warnings.
    - ``poles``: one row per pôle: pole, pole_name, services, received, maturity (mean),
      processes, with_workaround_pct, tested_pct, applications, errors, warnings.
    - ``details``: sheet key (``processus``, ``applications``, ``telecom``, ``biomedical``,
      ``documents``, ``fiche_reflexe``, ``exercices``) → every row of every service: code,
      name, pole, pole_name, the spec keys of :mod:`pca_xlsx.format.service`, source
      ("REA.xlsx · Processus!A12"), flag ("Ligne en erreur" / "Classeur en erreur" / ""),
      plus _file and _row.
    - ``dependencies``: matrix, one row per service (code, name, pole_name) and one column per
      resource holding the highest dependency level ("Critique", "Forte"... or "").
    - ``spof``: one row per resource: resource, category, critical, strong, critical_or_strong,
      critical_services (codes depending critically), sorted single points of failure first.
    - ``interfaces``: edge list: code, name, depends_on, depends_on_name, rows (process rows),
      numbers ("2; 5"), known (the target sent a workbook).
    - ``depended_by``: dict code → sorted list of codes whose processes depend on it.
    - ``order``: suggested working-group order, a list of codes; ``order_table`` the same as a
      table (rank, code, name, category, dependents, depended_by, depends_on, cycle — the other
      members of its dependency cycle; loop — their number with it; mutual — services it depends on
      that depend on it too); ``order_rule`` (French, the rule as shown in the sheet).
    - ``scenarios``: one row per scenario × service hit: scenario, code, name, pole_name, hit,
      vital_hit, no_workaround, to_build, untested (defined, not tested), vital_no_workaround;
      ``scenario_vital``: the vital
      process rows without workaround per scenario (scenario, code, name, number, process,
      resource, status, source); ``scenario_summary``: one row per scenario of the referential
      (scenario, services hit, then the summed counts).
    - ``procurement``: dict of tables, each with a ``total`` column then one column per pôle
      code: ``telecom`` (index means), ``biomedical`` (index offline status, quantities),
      ``biomedical_devices`` (device, offline_no, offline_partial, services: devices that do
      not, or only partly, work off-network, by device name),
      ``documents`` (index document type, quantities to print),
      ``telecom_budget`` (means, needed, held, to_buy, unit_cost, cost: needs against the
      referential's stock).
    - ``gaps``: Écarts, one per process row and worst first (:mod:`.ranking`): severity, rule, type,
      code, name, pole_name, file, sheet, cell, detail, criticality, reference (process N° or
      exercise date), owner, due, action_status (from the action plan);
      ``gap_counts``: type → count (every type listed, zeros included);
      ``gap_counts_before``: type → count before one-per-process-row deduplication.
    - ``actions``: the action plan (:mod:`.actions`): late, code, name, pole_name, action, origin,
      reference, owner, due, status, source, from_plan (a Plan d'actions row, not an exercise's
      corrective action); late ones first.
    - ``evolutions``: changes since the previous run: code, name, sheet, key, change
      (« Ligne ajoutée », « Ligne supprimée », « Ligne modifiée », « Nouveau classeur »,
      « Classeur absent de cette consolidation »), detail, source; ``evolutions_note``: French sentence
      (first run: nothing to compare).
    - ``control``: per file and sheet: file, service, sheet, read, consolidated, rejected,
      status, key (sheet key); ``control_ok`` False when the counts do not reconcile (a tool error).
    - ``headline``: :class:`Headline`.
    """

    establishment: str = ""
    generated: dt.datetime = field(default_factory=dt.datetime.now)
    today: dt.date = field(default_factory=dt.date.today)
    synthesis: pd.DataFrame = field(default_factory=pd.DataFrame)
    poles: pd.DataFrame = field(default_factory=pd.DataFrame)
    details: dict[str, pd.DataFrame] = field(default_factory=dict)
    dependencies: pd.DataFrame = field(default_factory=pd.DataFrame)
    spof: pd.DataFrame = field(default_factory=pd.DataFrame)
    interfaces: pd.DataFrame = field(default_factory=pd.DataFrame)
    depended_by: dict[str, list[str]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    order_table: pd.DataFrame = field(default_factory=pd.DataFrame)
    order_rule: str = ""
    scenarios: pd.DataFrame = field(default_factory=pd.DataFrame)
    scenario_vital: pd.DataFrame = field(default_factory=pd.DataFrame)
    scenario_summary: pd.DataFrame = field(default_factory=pd.DataFrame)
    procurement: dict[str, pd.DataFrame] = field(default_factory=dict)
    gaps: pd.DataFrame = field(default_factory=pd.DataFrame)
    gap_counts: dict[str, int] = field(default_factory=dict)
    gap_counts_before: dict[str, int] = field(default_factory=dict)
    actions: pd.DataFrame = field(default_factory=pd.DataFrame)
    evolutions: pd.DataFrame = field(default_factory=pd.DataFrame)
    evolutions_note: str = ""
    control: pd.DataFrame = field(default_factory=pd.DataFrame)
    control_ok: bool = True
    headline: Headline = field(default_factory=Headline)
    snapshot_state: dict[str, Any] | None = field(default=None, repr=False)
