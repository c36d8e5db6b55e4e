"""The GHT part of a run (DESIGN §4.1): establishment folders in, one consolidation per establishment out.

The pipeline calls these few functions; everything else is the ordinary consolidation, workbook
writer and documents, applied to each establishment's part of the run
(:meth:`pca_xlsx.plan.Plan.cut`), one part at a time (:func:`each_part`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .core.collector import give_back_memory
from .core.names import safe_file_name
from .findings import Finding, finding
from .format import fold
from .read.ght import establishment_of, is_ght

#: Sub-folder of the workbooks folder that is not an establishment's (exercise grids, DESIGN §4.2).
RESERVED = ("exercices",)
#: Progress label of the establishments' workbooks, written one after the other.
PARTS_LABEL = "Consolidation des établissements"
ESTABLISHMENTS_DIR = "etablissements"


def folders(root: Path, referential) -> tuple[list[str], list[str]]:
    """Sub-folders of ``root`` holding an establishment's workbooks, and French notes on the others."""
    root = Path(root)
    codes = {fold(str(c)): str(c) for c in referential.establishments["code"]} if is_ght(referential) else {}
    found, notes = [], []
    for path in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "~$"))):
        if fold(path.name) in codes:
            found.append(path.name)
        elif fold(path.name) not in RESERVED:
            why = "ce n'est le code d'aucun établissement du référentiel" if codes else "le référentiel n'a pas de GHT"
            notes.append(f"Dossier « {path.name} » ignoré : {why} (feuille « Établissements »).")
    return found, notes


def place(workbooks, root: Path) -> None:
    """Mark each workbook read from an establishment sub-folder with it; its findings name ``folder/file``."""
    root = Path(root).resolve()
    for wb in workbooks:
        parent = wb.path.resolve().parent
        if parent == root:
            continue
        wb.folder = parent.name
        wb.findings = [dataclasses.replace(f, file=wb.file) for f in wb.findings]


def top_name(referential) -> None:
    """In a GHT run, the top-level outputs are the GHT's: its name is the « Groupement (GHT) »."""
    if is_ght(referential) and referential.establishment.get("group"):
        referential.establishment = {
            **referential.establishment,
            "name": referential.establishment["group"],
            "group": "",
        }


def folder_findings(referential, workbooks) -> list[Finding]:
    """A workbook in the folder of another establishment than its service's."""
    if not is_ght(referential):
        return []
    owner = establishment_of(referential)
    codes = {fold(str(c)): str(c) for c in referential.establishments["code"]}
    names = dict(zip(referential.establishments["code"].astype(str), referential.establishments["name"]))
    out = []
    for wb in workbooks:
        folder = codes.get(fold(wb.folder), "") if wb.folder else ""
        real = owner.get(wb.service, "")
        if folder and real and real != folder and not wb.disputed:
            sheet = wb.sheets.get("service")
            cell = sheet.address("code") if sheet else ""
            title = sheet.title if sheet else ""
            out.append(finding("classeur-autre-etablissement", wb.file, title, cell, wb.service, service=wb.service,
                               owner=names.get(real, real), folder=wb.folder))  # fmt: skip
    return out


def establishment_codes(result) -> list[str]:
    return [str(c) for c in result.referential.establishments["code"]] if is_ght(result.referential) else []


def folder_of(output: Path, code: str) -> Path:
    return Path(output) / ESTABLISHMENTS_DIR / safe_file_name(code)


def each_part(result, output: Path, build, visit, snapshot: bool = True) -> None:
    """Each establishment's part of the run, one at a time: cut (:meth:`pca_xlsx.plan.Plan.cut`), consolidated
    (``build(part, folder, snapshot=…, today=…)``: the pipeline's own step), handed to ``visit(code, part)``,
    then let go, only its figures kept; once every part is done, the GHT's reconciliation with them
    (:mod:`pca_xlsx.consolidate.reconcile`). Only one part is ever held: at 10,000 services the five held
    together were about 1 GB (README « Une région sur une machine », 5ᵉ passe). The GHT's consolidation
    (``result.consolidation``) is built before: a part takes its gaps and its IT restart from it."""
    from .consolidate.reconcile import build_reconciliation, figures

    codes = establishment_codes(result)
    if not codes:
        return
    owners, kept = result.owners(), []
    for code in codes:
        part = result.cut(code, owners)
        part.ght = result.consolidation
        part.consolidation = build(part, folder_of(output, code), snapshot=snapshot, today=result.consolidation.today)
        visit(code, part)
        kept.append(figures(part.consolidation))
        del part
        give_back_memory(collect=True)
    result.consolidation.reconciliation = build_reconciliation(result.consolidation, kept)


class Documents:
    """Each establishment's documents, rendered as its part goes by (a ``visit`` of :func:`each_part`), and what
    the GHT's own documents take from them: a service's documents are rendered once, in its establishment's
    folder (its own plan, exercises and directory), and copied to the GHT's. ``before``: called once, before
    the first (the pipeline waits there for the annotated copies still written in the background)."""

    def __init__(self, options, progress, before=None):
        self.options, self.progress, self.before = options, progress, before
        self.own: list[Path] = []
        self.notes: list[str] = []
        self.ready: dict[str, Path] = {}
        self.seen: set[str] = set()

    def __call__(self, code: str, part) -> None:
        from .documents import render_documents, service_files

        if self.before is not None:
            self.before, before = None, self.before
            before()
        target = folder_of(self.options.output, code)
        written = render_documents(part, dataclasses.replace(self.options, output=target), self.progress)
        for rel, path in service_files(written, target / "documents").items():
            if rel in self.seen:  # written by two establishments (a disputed workbook): the GHT renders its own
                self.ready.pop(rel, None)
            else:
                self.ready[rel] = path
            self.seen.add(rel)
        self.own += written
        self.notes += [n for n in part.notes if n not in self.notes]


def consolidate(result, output: Path, progress, build, save, documents: Documents | None = None) -> list[Path]:
    """Each establishment's ``consolidation/PCA_consolide.xlsx`` (``save(consolidation, folder)``: the pipeline's
    own step), written as its part goes by (:func:`each_part`) — with ``documents`` (a ``run``), its documents
    too — so that the GHT's own workbook, whose reconciliation needs them all, is written after, with no part
    held. A forked writer copied the pages of every object it read, for a write stage a few percent shorter
    (README « Une région sur une machine », 3ᵉ passe): they are written one after the other here."""
    total, written = len(establishment_codes(result)), []

    def visit(code: str, part) -> None:
        progress(PARTS_LABEL, len(written), total)
        written.append(save(part.consolidation, folder_of(output, code)))
        give_back_memory()
        if documents is not None:
            documents(code, part)

    each_part(result, output, build, visit)
    if total:
        progress(PARTS_LABEL, total, total)
    return written


def documents(result, options, progress, build) -> list[Path]:
    """The run's ``documents/`` and, in a GHT, each establishment's, in its own name (``build`` as for
    :func:`consolidate`), the paths GHT first. Each establishment's are those its :class:`Documents` rendered
    while the run consolidated it (``result.part_documents``), else (the ``documents`` command) they are
    rendered here, each part consolidated in turn (:func:`each_part`); the GHT's own documents, the largest,
    come last, with no part held."""
    from .documents import render_documents

    if not is_ght(result.referential):
        return render_documents(result, options, progress)
    done, result.part_documents = result.part_documents, None
    if done is None:
        done = Documents(options, progress)
        each_part(result, options.output, build, done, snapshot=False)
    top = render_documents(result, options, progress, done.ready)
    result.notes.extend(n for n in done.notes if n not in result.notes)
    return top + done.own
