"""The consolidation's result: every table and headline figure of one run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from .figures import Headline
from .procurement import BUY_RULE

if TYPE_CHECKING:
    from ..core.jsonfile import PackedJson


@dataclass
class Consolidation:
    """Every consolidated table and headline figure of one run.

    Column names are English keys; :mod:`pca_xlsx.format.tables` declares their
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
    - ``reliances``: who relies on whom, one row per source cell: code (A), name, relies_on (B),
      relies_on_name, via (« Services sollicités » of A, « Services bénéficiaires » of B, or
      « Ressource »: A depends Critique/Forte on a resource B is responsible for), number, process,
      criticality, resource, weight (3 vital/critical, 2 major/strong, 1), file, sheet, cell, source.
    - ``interfaces``: the same per pair (A relies on B): code, name, depends_on, depends_on_name,
      rows, numbers ("2; 5 (PUI)"), process_names, criticality (highest), resources, via, weight (highest),
      sources, known (B sent a workbook), mutual (B relies on A too).
    - ``depended_by``: dict code → sorted list of codes that rely on it.
    - ``order``: working-group order, a list of codes; ``order_table`` the same as a table (rank,
      code, name, category, wave (referential), wave_rank, wave_size, dependents, weight,
      depended_by, depends_on, cycle — the other members of its loop; loop — its size; mutual —
      services it relies on that rely on it too; reason — French sentence); ``order_rule`` (French);
      ``loops``: the loops (sorted member lists, largest first).
    - ``coordination``: coordination gaps (A relies on B for a vital or major process, B's plan
      does not name A, or its workaround is « À construire »): code, name, partner, partner_name,
      number, process, criticality, resource, file, sheet, cell, source, partner_file,
      partner_source, problem (« absent », « à construire »), detail — also rows of ``gaps``.
    - ``scenarios``: one row per scenario × service hit: scenario, code, name, pole_name, hit,
      vital_hit, no_workaround, to_build, untested (defined, not tested), vital_no_workaround;
      ``scenario_vital``: the vital
      process rows without workaround per scenario (scenario, code, name, number, process,
      resource, status, source); ``scenario_summary``: one row per scenario of the referential
      (scenario, services hit, then the summed counts).
    - ``recovery``: the IT restart plan (Reprise SI), one row per resource in restart order (columns
      :data:`pca_xlsx.consolidate.recovery.COLUMNS`); ``recovery_returns``: per resource and service
      using it, the paper records to re-key when it comes back (rank, resource, code, name, rekey,
      processes); ``recovery_notes`` (French sentences, e.g. version-1 workbooks without data loss);
      ``recovery_rule`` (French, the ordering rule). Its « Reprise SI insuffisante » gaps are in ``gaps``.
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
    - ``programme``: the yearly programme of exercises (:mod:`pca_xlsx.consolidate.programme`): rank,
      code, name, pole_name, reason, last_exercise, vital_untested, scenario, new_scenario, due;
      ``field_exercises``: the year's field-exercise requirement (``FieldRequirement``: year, count,
      met, sentence).
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
    reliances: pd.DataFrame = field(default_factory=pd.DataFrame)
    depended_by: dict[str, list[str]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    order_table: pd.DataFrame = field(default_factory=pd.DataFrame)
    order_rule: str = ""
    loops: list[list[str]] = field(default_factory=list)
    coordination: pd.DataFrame = field(default_factory=pd.DataFrame)
    scenarios: pd.DataFrame = field(default_factory=pd.DataFrame)
    scenario_vital: pd.DataFrame = field(default_factory=pd.DataFrame)
    scenario_summary: pd.DataFrame = field(default_factory=pd.DataFrame)
    recovery: pd.DataFrame = field(default_factory=pd.DataFrame)
    recovery_returns: pd.DataFrame = field(default_factory=pd.DataFrame)
    recovery_notes: list[str] = field(default_factory=list)
    recovery_rule: str = ""
    #: After a generalised cyber attack: the gates and the day-by-day rebuild
    #: (:class:`~pca_xlsx.consolidate.cyber_restart.CyberRestart`), and each service's outage
    #: (:class:`~pca_xlsx.consolidate.outage.Outage`, « Durée de la panne »).
    cyber: Any = None
    outage: Any = None
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
    programme: pd.DataFrame = field(default_factory=pd.DataFrame)
    field_exercises: Any = None
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
    snapshot_state: dict[str, Any] | PackedJson | None = field(default=None, repr=False)  # packed once complete
    #: The campaign's state to save after this run, and the ``Progression`` sheet's tables
    #: (:mod:`pca_xlsx.campaign.progression`); None when the run is not recorded.
    campaign_state: dict[str, Any] | None = field(default=None, repr=False)
    progression: Any = None
    #: The register of vital processes not yet protected and the vital workarounds to test first
    #: (:mod:`.vital`: columns ``REGISTER_COLUMNS`` and ``TO_TEST_COLUMNS``); every output reads them.
    vital_register: pd.DataFrame = field(default_factory=pd.DataFrame)
    vital_to_test: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: cells outside the format kept as is (« Compléments »: :mod:`pca_xlsx.consolidate.extras`)
    extras: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: In a GHT and its establishments: how the shared backup stock is allocated (French, « Télécom » sheet).
    stock_rule: str = ""
    #: How « À acheter » is computed at this level (French: :data:`.procurement.BUY_RULE`, or a GHT's).
    buy_rule: str = BUY_RULE
    #: Every gap before ranking (in a GHT with the ``_establishment`` holding it): what parts inherit.
    gaps_raw: pd.DataFrame | None = field(default=None, repr=False)
    #: The reconciliation of totals across levels (:mod:`.reconcile`): one row per figure, and whether all are OK.
    reconciliation: pd.DataFrame = field(default_factory=pd.DataFrame)
