"""The GHT part of a run (DESIGN §4.1): establishment folders in, one consolidation per establishment out.

The pipeline calls these few functions; everything else is the ordinary consolidation, workbook
writer and documents, applied to each establishment's part of the run
(:meth:`pca_xlsx.plan.Plan.cut`, once, before consolidation).
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


def parts(result) -> dict:
    """Establishment code → its part of the run (built once, kept on ``result.parts``)."""
    if result.parts is None:
        mapping = result.owners()
        result.parts = {code: result.cut(code, mapping) for code in establishment_codes(result)}
    return result.parts


def folder_of(output: Path, code: str) -> Path:
    return Path(output) / ESTABLISHMENTS_DIR / safe_file_name(code)


def build_parts(result, output: Path, build, snapshot: bool = True) -> None:
    """Each establishment's consolidation (``build(part, folder, snapshot=…, today=…)``: the pipeline's own
    step), then the GHT's reconciliation with them (:mod:`pca_xlsx.consolidate.reconcile`)."""
    from .consolidate.reconcile import build_reconciliation

    built = parts(result)
    for code, part in built.items():
        part.ght = result.consolidation
        if part.consolidation is None:
            target = folder_of(output, code)
            part.consolidation = build(part, target, snapshot=snapshot, today=result.consolidation.today)
    if built:
        mine = [part.consolidation for part in built.values()]
        result.consolidation.reconciliation = build_reconciliation(result.consolidation, mine)


def consolidate(result, output: Path, progress, build, save) -> list[Path]:
    """Each establishment's ``consolidation/PCA_consolide.xlsx`` (built by :func:`build_parts`;
    ``save(consolidation, folder)`` is the pipeline's own step), written one after the other here: a
    forked writer copied the pages of every object it read, for a write stage a few percent shorter
    (README « Une région sur une machine », 3ᵉ passe)."""
    build_parts(result, output, build)
    items = [(part.consolidation, folder_of(output, code)) for code, part in parts(result).items()]
    written = []
    for done, (consolidation, folder) in enumerate(items):
        progress("Consolidation des établissements", done, len(items))
        written.append(save(consolidation, folder))
        give_back_memory()
    if items:
        progress("Consolidation des établissements", len(items), len(items))
    return written


def documents(result, options, progress, build) -> list[Path]:
    """The run's ``documents/`` and, in a GHT, each establishment's, in its own name (``build`` as for
    :func:`consolidate`). A service's documents are rendered once, in its establishment's folder (its own
    plan, exercises and directory), and copied to the GHT's; the paths come GHT first.

    Each establishment's part is let go once its documents are written (``result.parts`` is then None: a
    later :func:`parts` cuts them again), so that the GHT's own documents, the largest, are rendered
    without them (README « Une région sur une machine », 4ᵉ passe)."""
    from .documents import render_documents, service_files

    if not is_ght(result.referential):
        return render_documents(result, options, progress)
    build_parts(result, options.output, build, snapshot=False)
    built, result.parts = parts(result), None
    own, notes, ready, seen = [], [], {}, set()
    for code in list(built):
        part = built.pop(code)
        target = folder_of(options.output, code)
        written = render_documents(part, dataclasses.replace(options, output=target), progress)
        for rel, path in service_files(written, target / "documents").items():
            if rel in seen:  # written by two establishments (a disputed workbook): the GHT renders its own
                ready.pop(rel, None)
            else:
                ready[rel] = path
            seen.add(rel)
        own += written
        notes += [n for n in part.notes if n not in notes]
        del part
        give_back_memory(collect=True)
    top = render_documents(result, options, progress, ready)
    result.notes.extend(n for n in notes if n not in result.notes)
    return top + own
