"""Consolidate stage: the whole hospital's plan as pandas tables (no writing here).

:func:`build_consolidation` turns a validated :class:`pca_xlsx.pipeline.RunResult` into a
:class:`Consolidation`; :mod:`pca_xlsx.write.consolidated` lays it out as ``PCA_consolide.xlsx``
and the Word documents quote the same figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd


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
      vital_hit, no_workaround, untested, vital_no_workaround; ``scenario_vital``: the vital
      process rows without workaround per scenario (scenario, code, name, number, process,
      resource, status, source); ``scenario_summary``: one row per scenario of the referential
      (scenario, services hit, then the summed counts).
    - ``procurement``: dict of tables, each with a ``total`` column then one column per pôle
      code: ``telecom`` (index means), ``biomedical`` (index offline status, quantities),
      ``biomedical_devices`` (device, offline_no, offline_partial, services: devices that do
      not, or only partly, work off-network, by device name),
      ``documents`` (index document type, quantities to print).
    - ``gaps``: Écarts: type, code, name, pole_name, file, sheet, cell, detail;
      ``gap_counts``: type → count (every type listed, zeros included).
    - ``evolutions``: changes since the previous run: code, name, sheet, key, change
      (« Ligne ajoutée », « Ligne supprimée », « Ligne modifiée », « Nouveau classeur »,
      « Classeur absent de cette consolidation »), detail, source; ``evolutions_note``: French sentence
      (first run: nothing to compare).
    - ``control``: per file and sheet: file, service, sheet, read, consolidated, rejected,
      status, key (sheet key); ``control_ok`` False when the counts do not reconcile (a tool error).
    - ``headline``: dict: services (referential), received, workbooks, processes, coverage (%), tested (%), gaps,
      errors, warnings, maturity (mean), spof (top 3 list of (resource, critical, strong)),
      control_ok.
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
    evolutions: pd.DataFrame = field(default_factory=pd.DataFrame)
    evolutions_note: str = ""
    control: pd.DataFrame = field(default_factory=pd.DataFrame)
    control_ok: bool = True
    headline: dict[str, Any] = field(default_factory=dict)
    #: Pôle dashboards (:mod:`.poles`): one row per service, one per pôle then the hospital's; national
    #: requirements (:mod:`.national`); in a GHT one row per establishment and the cross-establishment
    #: interfaces (:mod:`.ght`, empty otherwise).
    service_status: pd.DataFrame = field(default_factory=pd.DataFrame)
    pole_board: pd.DataFrame = field(default_factory=pd.DataFrame)
    national: pd.DataFrame = field(default_factory=pd.DataFrame)
    establishments: pd.DataFrame = field(default_factory=pd.DataFrame)
    cross_reliances: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: What the columns after ``total`` of ``procurement``'s tables are: « Pôle » codes, or « Établissement » in a GHT.
    procurement_columns: str = "Pôle"
    snapshot_path: Path | None = None
    snapshot_state: dict[str, Any] | None = field(default=None, repr=False)


def build_consolidation(result, output: Path, snapshot: bool = True, today: dt.date | None = None) -> Consolidation:
    """Consolidate a validated run. ``snapshot``: compare with the previous run's snapshot
    (stored under ``<output>/etat/``); the new snapshot is saved by the writer once the
    workbook is written."""
    from .build import build
    from .common import gc_paused

    with gc_paused():
        return build(result, Path(output), snapshot=snapshot, today=today)


__all__ = ["Consolidation", "build_consolidation"]
