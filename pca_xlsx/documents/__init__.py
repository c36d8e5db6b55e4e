"""Word documents for management and for the crisis.

:func:`render_documents` writes, under ``<output>/documents/``:

- ``fiches_synthese/<code>.docx`` — one summary sheet per service that sent a workbook;
- ``fiches_reflexes/<code>.docx`` — one reflex sheet per such service;
- ``lettres_mission/<code>.docx`` — one mission letter per service of the plan;
- ``synthese_etablissement.docx`` — the hospital-wide synthesis with its charts;
- ``cellule_de_crise.docx`` — the crisis cell's binder of the establishment (cell reflex sheet, notifications,
  directory, call order, beds, telecom distribution, five forms, its reflex sheets in call order; a GHT's
  coordination binder at a GHT's level, see :mod:`.cell`);
- ``plan_reprise_si.docx`` — the IT restart plan for the DSI (cyber attack gates and timeline, order, gaps, whom to warn, tick page);
- ``retour_a_la_normale.docx`` — the return to normal: per application as it comes back, whom to tell, what to re-key;
- with ``--pdf``: ``pdf/…`` the same documents as PDF plus ``pdf/classeurs_crise/<code>.pdf``,
  the crisis binder to print (reflex sheet, process map with workarounds, off-network means,
  timeline, documents checklist, log sheet), and ``pdf/cellule_de_crise.pdf``.

In a GHT run a service's documents are rendered once, in its establishment's folder, and copied to the
GHT's (``ready``: :func:`service_files`).

Templates are the ``.docx`` files of ``pca_xlsx/templates/`` (rebuilt by ``scripts/build_docx_templates.py``;
``--modeles`` or ``$PCA_XLSX_TEMPLATES`` points to a restyled copy).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from ..core.collector import frozen_heap, give_back_memory
from ..core.files import atomic_path
from ..core.names import safe_file_name
from ..read.ght import is_ght
from .cell import cell_context
from .context import Sources, summary_context
from .crisis import poster_context, service_binder_context
from .hospital import CHART_WIDTH_MM, CHART_WIDTHS, make_charts, synthesis_context
from .letter import letter_context
from .pdf import NO_SOFFICE, convert, soffice
from .poles import DASHBOARD, pole_jobs, synthesis_sections
from .recovery import recovery_context
from .reliance import index_foreign
from .render import DocumentError, Job, Later, context_of, render_all, render_one, templates_folder
from .return_normal import return_context

SUMMARY = "fiche_synthese.docx"
REFLEX = "fiche_reflexe.docx"
LETTER = "lettre_mission.docx"
SYNTHESIS = "synthese_etablissement.docx"
BINDER = "classeur_crise.docx"
CELL = "cellule_de_crise.docx"
RECOVERY = "plan_reprise_si.docx"
RETURN = "retour_a_la_normale.docx"
HOSPITAL_LABEL = "Documents de l'établissement"
TEMPLATES = (SUMMARY, REFLEX, LETTER, SYNTHESIS, BINDER, RECOVERY, RETURN, CELL, DASHBOARD)
#: Folders of one service's documents (``classeurs_crise`` only as PDF, under ``pdf/``).
SERVICE_FOLDERS = ("fiches_synthese", "fiches_reflexes", "lettres_mission", "classeurs_crise")


def _quiet(label: str, done: int, total: int) -> None:
    return None


def file_name(code: str) -> str:
    """A safe file name for a service code (the same everywhere: :func:`~pca_xlsx.core.names.safe_file_name`)."""
    return safe_file_name(code)


def letter_codes(sources: Sources) -> list[str]:
    """Every service of the plan: the consolidation's list, else the referential's and the received ones."""
    synthesis = sources.consolidation.synthesis
    if not synthesis.empty and "code" in synthesis.columns:
        return [str(c) for c in synthesis["code"]]
    codes = sources.referential.service_codes
    return sorted(set(codes) | set(sources.codes))


def service_jobs(sources: Sources, root: Path) -> list[Job]:
    """Summary sheets, reflex sheets and mission letters; their contexts are built where they are
    rendered (:class:`~pca_xlsx.documents.render.Later`: pass ``sources`` to ``render_all``)."""
    jobs = []
    for code in sources.codes:
        name = f"{file_name(code)}.docx"
        jobs.append(Job(SUMMARY, Later(summary_context, (code,)), root / "fiches_synthese" / name))
        jobs.append(Job(REFLEX, Later(poster_context, (code,)), root / "fiches_reflexes" / name))
    order = [str(c) for c in sources.consolidation.order]
    codes = letter_codes(sources)
    for code in codes:
        rank = sources.ranks.get(code)  # order.index(code) + 1 scanned the order for each service
        context = Later(letter_context, (code, rank, len(order) or len(codes)))
        jobs.append(Job(LETTER, context, root / "lettres_mission" / f"{file_name(code)}.docx"))
    return jobs


def service_files(paths: Iterable[Path], root: Path) -> dict[str, Path]:
    """The service documents among ``paths`` (docx and PDF) written under ``root`` (a ``documents/`` folder),
    by their path relative to it (``fiches_reflexes/REA.docx``, ``pdf/classeurs_crise/REA.pdf``)."""
    out = {}
    for path in paths:
        try:
            rel = Path(path).relative_to(root)
        except ValueError:
            continue
        folders = rel.parts[1:-1] if rel.parts[0] == "pdf" else rel.parts[:-1]
        if len(folders) == 1 and folders[0] in SERVICE_FOLDERS:
            out[rel.as_posix()] = Path(path)
    return out


def _copy(source: Path, target: Path) -> Path:
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)
    return target


def _synthesis_context(sources: Sources) -> dict:
    return {**synthesis_context(sources), **synthesis_sections(sources)}


def _render_largest(jobs: list[Job], sources: Sources, folder: Path, progress) -> list[Path]:
    """The hospital-wide documents, the largest (at GHT size the crisis cell's is 30 MB of XML,
    0.5 GB while rendered), one at a time in this process while the workers render the others (they
    are forked before: they never inherit this memory), each context built just before and freed
    just after."""
    out = []
    with frozen_heap():  # collections below only scan what each document creates
        give_back_memory()  # a collection now would scan nothing: everything alive is frozen
        for i, job in enumerate(jobs):
            progress(HOSPITAL_LABEL, i, len(jobs))
            out.append(render_one(replace(job, context=context_of(job, sources)), folder))
            give_back_memory(collect=True)
        progress(HOSPITAL_LABEL, len(jobs), len(jobs))
    return out


def _pdf_target(path: Path, root: Path) -> Path:
    return root / "pdf" / path.relative_to(root).with_suffix(".pdf")


def _binder_pdf(docx: Path, root: Path) -> Path:
    return root / "pdf" / "classeurs_crise" / f"{docx.stem}.pdf"


def render_documents(result, options, progress: Callable[[str, int, int], None] = _quiet,
                     ready: dict[str, Path] | None = None) -> list[Path]:  # fmt: skip
    """Render every document of a run; return the written paths (docx, then PDF).

    ``ready``: service documents already written by this run (:func:`service_files`), copied instead of
    rendered again. French notes for the user (PDF skipped, conversion problems) go to ``result.notes``.
    Raises :class:`DocumentError` (French message) when a template is missing or broken.
    """
    cons = result.consolidation
    sources = Sources(result.referential, result.tables, cons, today=cons.today)
    sources.elsewhere = dict(getattr(result, "elsewhere", {}) or {})  # another establishment's, in a GHT
    index_foreign(sources, getattr(result, "ght", None))  # and who among them counts on ours
    root = Path(options.output) / "documents"
    ready = ready or {}

    def made(target: Path) -> Path | None:
        return ready.get(target.relative_to(root).as_posix())

    notes = result.notes
    folder = templates_folder(options.templates, options.workbooks)
    # a pôle's dashboard is written once, in its establishment's folder: a GHT's synthesis points there
    poles = [] if is_ght(result.referential) else pole_jobs(sources, root, file_name)
    services = service_jobs(sources, root)
    jobs = [job for job in services if made(job.target) is None] + poles
    want_pdf = options.pdf
    binary = soffice() if want_pdf else None
    if want_pdf and binary is None:
        notes.append(NO_SOFFICE)
    with tempfile.TemporaryDirectory(prefix="pca-docs-") as tmp:
        work = Path(tmp)
        images = {key: (png, CHART_WIDTHS.get(key, CHART_WIDTH_MM)) for key, png in make_charts(sources, work).items()}
        hospital = [
            Job(SYNTHESIS, Later(_synthesis_context), root / SYNTHESIS, images),
            Job(CELL, Later(cell_context), root / CELL),
            Job(RECOVERY, Later(recovery_context), root / RECOVERY),
            Job(RETURN, Later(return_context), root / RETURN),
        ]
        hospital_paths: list[Path] = []
        binders = []
        if binary:
            binders = [
                Job(
                    BINDER, Later(service_binder_context, (code,)), work / "classeurs_crise" / f"{file_name(code)}.docx"
                )
                for code in sources.codes
            ]
        for job in services:
            if made(job.target) is not None:
                _copy(made(job.target), job.target)
        todo = [job for job in binders if made(_binder_pdf(job.target, root)) is None]

        def largest() -> None:
            hospital_paths.extend(_render_largest(hospital, sources, folder, progress))

        render_all(jobs + todo, folder, options.jobs, progress, sources=sources, meanwhile=largest)
        written = [job.target for job in services + poles] + hospital_paths
        if binary:
            pairs = [(path, _pdf_target(path, root)) for path in written]
            pairs += [(job.target, _binder_pdf(job.target, root)) for job in binders]
            converted, problems = convert([p for p in pairs if made(p[1]) is None], options.jobs, progress)
            notes.extend(problems)
            copied = [_copy(made(target), target) for _, target in pairs if made(target) is not None]
            done = set(converted + copied)
            written += [target for _, target in pairs if target in done]
    return written


__all__ = ["DocumentError", "TEMPLATES", "file_name", "render_documents", "service_files", "templates_folder"]
