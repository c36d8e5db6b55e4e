"""The pipeline: discover → read → validate → consolidate → write. The CLI only calls this."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from . import ght_run
from .campaign.lock import output_lock
from .campaign.session import staged
from .core.collector import give_back_memory
from .core.errors import StartError
from .core.probe import mark
from .format import REFERENTIAL_FILE
from .plan import Plan
from .read import Referential, WorkbookData, discover, read_all, read_referential

#: progress(label, done, total): called as work advances, for the CLI's progress bar.
Progress = Callable[[str, int, int], None]


def _quiet(label: str, done: int, total: int) -> None:
    return None


@dataclass
class RunResult(Plan):
    """A validated plan (:class:`pca_xlsx.plan.Plan`) and what the run made of it."""

    consolidation: Any = None
    written: list[Path] = field(default_factory=list)
    #: In a GHT ``run``, each establishment's documents, rendered while it was consolidated
    #: (:class:`pca_xlsx.ght_run.Documents`), until the GHT's own are.
    part_documents: Any = field(default=None, repr=False)
    #: French notes for the user (e.g. PDF skipped because LibreOffice is missing).
    notes: list[str] = field(default_factory=list)
    #: Validation outputs still being written in worker processes (see ``Options.background``).
    pending: Any = field(default=None, repr=False)
    #: This run against the earlier ones (``pca_xlsx.campaign.tracking.Campaign``), when it writes.
    campaign: Any = field(default=None, repr=False)
    #: In an establishment's part of a GHT: the GHT's consolidation, whose gaps it takes (computed once).
    ght: Any = field(default=None, repr=False)

    def fresh(self) -> dict[str, Any]:
        """A part starts with no consolidation, files, documents, notes nor pending work of its own; it keeps
        the run's campaign (its time), its own history followed in its folder (``consolidation``)."""
        campaign = getattr(self, "campaign", None)
        return {"consolidation": None, "written": [], "part_documents": None, "notes": [], "pending": None,
                "ght": None, "campaign": campaign}  # fmt: skip

    @property
    def exit_code(self) -> int:
        return int(not self.report.valid)

    def finish(self, if_done: bool = False) -> RunResult:
        """Wait for the validation outputs written in the background; they head ``written``.
        ``if_done``: only when the workers are done (collected now, their processes end: at 10,000
        services they held 1 GB while the workbooks were written)."""
        if self.pending is not None and (not if_done or self.pending.idle()):
            pending, self.pending = self.pending, None
            self.written[:0] = pending.wait()
        return self


def _env_jobs() -> int | None:
    """``PCA_XLSX_JOBS`` as a positive integer, else None (used by the benchmark: 1 = no parallelism)."""
    value = os.environ.get("PCA_XLSX_JOBS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


@dataclass
class Options:
    workbooks: Path = Path("workbooks")
    output: Path = Path("output")
    referential: Path | None = None
    pdf: bool = False
    #: Folder of Word templates (else $PCA_XLSX_TEMPLATES, else ``templates/`` beside the workbooks folder when it
    #: exists, else the package's).
    templates: Path | None = None
    #: Worker processes (reading, annotated copies, documents, PDF); None = one per core.
    #: Default from $PCA_XLSX_JOBS.
    jobs: int | None = field(default_factory=_env_jobs)
    #: ``validate`` returns while worker processes still write the annotated copies; the caller
    #: must call ``RunResult.finish()`` (``consolidate`` does, to build meanwhile).
    background: bool = False
    #: ``--depuis``: compare with the last run of that day (a ``datetime.date``) instead of the last run.
    since: Any = None
    #: Set inside a run already locked and staged (:mod:`pca_xlsx.campaign.session`): write where told.
    staged: bool = False

    @property
    def referential_path(self) -> Path:
        return self.referential or self.workbooks / REFERENTIAL_FILE


def load(options: Options, progress: Progress = _quiet) -> tuple[Referential, list[WorkbookData]]:
    """Read the referential and every service workbook."""
    if not options.workbooks.is_dir():
        raise StartError(f"Dossier des classeurs introuvable : {options.workbooks}")
    mark("start")
    referential = read_referential(options.referential_path)
    subfolders, notes = ght_run.folders(options.workbooks, referential)
    referential.warnings.extend(notes)
    ght_run.top_name(referential)
    paths = discover(options.workbooks, options.referential_path, subfolders)
    workbooks = read_all(paths, lambda done: progress("Lecture des classeurs", done, len(paths)), options.jobs)
    ght_run.place(workbooks, options.workbooks)
    referential.warnings.extend(wb.skipped for wb in workbooks if wb.skipped)  # not service workbooks
    workbooks = [wb for wb in workbooks if not wb.skipped]
    mark("read")
    return referential, workbooks


@staged("validate")
def validate(options: Options, progress: Progress = _quiet, write: bool = True) -> RunResult:
    """Read and validate; write the report and annotated copies (see ``Options.background``)."""
    from .campaign.tracking import follow
    from .validate import start_validation, validate_all
    from .validate.exercises import annotate_grids, read_results

    referential, workbooks = load(options, progress)
    progress("Validation", 0, 1)
    report, tables = validate_all(referential, workbooks)
    exercises = read_results(options.workbooks, referential, tables, workbooks)
    report.extend(exercises.findings)
    report.extend(ght_run.folder_findings(referential, workbooks))
    progress("Validation", 1, 1)
    mark("validate")
    result = RunResult(referential, workbooks, report, tables, exercises=exercises)
    result.notes.extend(referential.warnings)
    if write:
        result.campaign = follow(result, options.output)
        result.pending = start_validation(result, options.output, progress, options.jobs)
        result.written += annotate_grids(exercises, report, options.output)
        if not options.background:
            result.finish()
    return result


@staged("consolidate")
def consolidate(options: Options, progress: Progress = _quiet, result: RunResult | None = None,
                documents: bool = False) -> RunResult:  # fmt: skip
    """Validation + the consolidated workbook; in a GHT, each establishment's first (and with ``documents``,
    as :func:`run` asks, its documents too), one establishment at a time (:func:`pca_xlsx.ght_run.consolidate`)."""
    result = result or validate(replace(options, background=True), progress)  # annotated copies meanwhile
    try:
        progress("Consolidation", 0, 1)
        build = partial(consolidation, since=options.since)
        result.consolidation = build(result, options.output)
        mark("consolidate")
        if documents and ght_run.establishment_codes(result):
            result.part_documents = ght_run.Documents(options, progress, before=result.finish)
        parts = ght_run.consolidate(result, options.output, progress, build, save_consolidation, result.part_documents)
        mark("parts")
        result.finish(if_done=True)
        give_back_memory(collect=True)  # the steps' temporaries
        result.written.append(save_consolidation(result.consolidation, options.output))
        give_back_memory(collect=True)  # the workbook's
        progress("Consolidation", 1, 1)
        result.written += parts
        mark("write")
    finally:
        result.finish()
    mark("finish")
    return result


def consolidation(result: RunResult, output: Path, snapshot: bool = True, today=None, since=None):
    """The consolidation of a validated run; ``snapshot``: compare with the last run's snapshot
    (``<output>/etat/``, or that of the day ``since`` with ``--depuis``), read here, and record the run
    in the campaign's progression."""
    from .campaign.history import snapshot_of
    from .campaign.progression import attach
    from .campaign.referential_changes import add_referential_changes
    from .campaign.tracking import follow
    from .consolidate import build_consolidation
    from .consolidate.snapshot import SavedState, pack, snapshot_path

    previous = None
    if snapshot:  # read by the consolidation, once it knows the rows of now (consolidate.snapshot)
        previous = SavedState(snapshot_of(output, since) if since else snapshot_path(output))
    c = build_consolidation(result, previous, compare=snapshot, today=today)
    if c.snapshot_state is not None:
        add_referential_changes(c, result.referential, previous.state)
        c.snapshot_state = pack(c.snapshot_state)  # held until saved, after the workbook
    campaign = result.campaign
    if snapshot and campaign is not None:
        if campaign.output != Path(output):  # an establishment's part of a GHT run: its own history
            campaign = follow(result, output, campaign.now)
        attach(result, c, campaign)
    return c


def save_consolidation(consolidation, output: Path) -> Path:
    """Write the consolidated workbook, then (once it is written) the snapshot the next run compares with."""
    from .campaign.history import keep
    from .campaign.tracking import save
    from .consolidate.snapshot import save_state, snapshot_path
    from .write.consolidated import write_consolidated

    target = write_consolidated(consolidation, output)
    if consolidation.snapshot_state is not None:
        path = save_state(consolidation.snapshot_state, snapshot_path(output))
        keep(path, output, consolidation.generated)
    if consolidation.campaign_state is not None:
        save(consolidation.campaign_state, output)
    return target


@staged("documents")
def documents(options: Options, progress: Progress = _quiet, result: RunResult | None = None) -> RunResult:
    """Validation + Word documents (the consolidation figures they quote are computed, not written)."""
    result = result or validate(options, progress)
    if result.consolidation is None:
        result.consolidation = consolidation(result, options.output, snapshot=False)
    result.written += ght_run.documents(result, options, progress, consolidation)
    mark("documents")
    return result


@staged("run")
def run(options: Options, progress: Progress = _quiet) -> RunResult:
    """The main job: validate, consolidate and write every document."""
    result = consolidate(options, progress, documents=True)
    return documents(options, progress, result)


def templates(options: Options, progress: Progress = _quiet) -> list[Path]:
    """One blank template per service of the referential into ``<output>/modeles/``."""
    from .core.names import safe_file_name
    from .write.template import write_template

    if not options.referential_path.is_file() and not options.workbooks.is_dir():
        raise StartError(f"Dossier des classeurs introuvable : {options.workbooks}")
    referential = read_referential(options.referential_path)
    folder = options.output / "modeles"
    codes = referential.service_codes
    written = []
    with output_lock(options.output):
        for i, code in enumerate(codes, 1):
            written.append(write_template(folder / f"{safe_file_name(code)}.xlsx", referential, code))
            progress("Modèles", i, len(codes))
    return written


def upgrade(options: Options, progress: Progress = _quiet, lists: bool = False):
    """Every older workbook (``lists``: every workbook, lists and labels from the current referential)
    rewritten into the current template under ``<output>/mises_a_jour/``."""
    from .upgrade import upgrade_folder

    if not options.workbooks.is_dir():
        raise StartError(f"Dossier des classeurs introuvable : {options.workbooks}")
    referential = read_referential(options.referential_path)
    with output_lock(options.output):
        return upgrade_folder(options.workbooks, referential, options.output, progress, lists)


def exercise(options: Options, scenario: str | None, services: str | None = None, day: str | None = None,
             progress: Progress = _quiet):  # fmt: skip
    """``pca-xlsx exercice``: read and validate (nothing written), then write the exercise kit."""
    from .consolidate.exercise_plan import build_plan, find_scenario, parse_day
    from .documents.exercise_kit import write_kit
    from .documents.render import templates_folder

    date = parse_day(day)
    result = validate(options, progress, write=False)
    consolidation = None
    find_scenario(result.referential, scenario)  # a bad name stops here, before consolidating
    if not services:  # the players come from the programme of exercises
        from .consolidate import build_consolidation

        consolidation = build_consolidation(result, compare=False)
    plan = build_plan(result.referential, result.tables, scenario, services, date, consolidation)
    with output_lock(options.output):
        return write_kit(plan, options.output, templates=templates_folder(options.templates, options.workbooks))


@staged("export")
def export(options: Options, progress: Progress = _quiet, formats: tuple[str, ...] | None = None) -> RunResult:
    """``pca-xlsx export``: validation (report and annotated copies), then the consolidated plan for other
    tools under ``<output>/export/`` (in a GHT, each establishment's under its folder too). The tables are
    built by the same steps as ``consolidate`` (establishments included), nothing else is written."""
    from .export import FORMATS, analysis, write_level

    formats = tuple(formats or FORMATS)
    result = validate(options, progress)
    result.consolidation = consolidation(result, options.output, snapshot=False)
    total = len(ght_run.establishment_codes(result)) + 1
    analyses = []
    progress("Export", 0, total)

    def visit(code: str, part) -> None:
        analyses.append(analysis(part.consolidation, part.referential))
        result.written.extend(write_level(part, ght_run.folder_of(options.output, code), formats))
        progress("Export", len(analyses), total)

    ght_run.each_part(result, options.output, consolidation, visit, snapshot=False)
    result.written += write_level(result, options.output, formats, analyses or None)
    progress("Export", total, total)
    return result
