"""What a command prints once its run is over: the workbooks read, the headline figures, the files written.

The consoles every command prints on are here too (results on standard output, errors on standard error).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from .core.values import percent
from .core.words import counted

if TYPE_CHECKING:  # the pipeline (pandas, pandera, …) is imported by the commands that run it, not for --help
    from . import pipeline

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


#: Beyond this many workbooks, the summary table lists only those with findings (the report has them all).
TABLE_LIMIT = 30


def headline(c) -> None:
    """The consolidation's headline figures, in French."""
    from .consolidate.figures import euros
    from .consolidate.vital import register_line

    h = c.headline
    console.print(
        f"Consolidation : {counted(h.received, 'service')} sur {h.services} ; {counted(h.processes, 'ligne')} de "
        "processus ; "
        f"couverture des parades {percent(h.coverage)} (testées {percent(h.tested)}) ; "
        f"{counted(h.gaps, 'écart')} à traiter ; moyens de télécommunication à acheter : {euros(h.budget)}."
    )
    console.print(register_line(c))
    if h.spof:
        tops = ", ".join(
            f"{name} ({counted(critical, 'critique')}, {counted(strong, 'forte')})" for name, critical, strong in h.spof
        )
        console.print(f"Points uniques de défaillance : {tops}.")
    if c.snapshot_state is not None:  # `documents` does not compare runs
        console.print(f"Évolutions : {c.evolutions_note}")
    if c.campaign_state is not None:
        from .campaign.progression import change_line

        line = change_line(c.campaign_state)
        if line:
            console.print(line)
    if not h.control_ok:
        console.print("[bold red]Contrôle des comptes en échec[/] : voir la feuille Contrôle et signalez-le.")


#: Header of the summary table's count: the process rows of each workbook that are consolidated, the figure the
#: summary sheet shows under the same words (rows read on every sheet are in the consolidation's « Contrôle »).
PROCESS_ROWS = "Lignes de\nprocessus"


def _process_rows(result: pipeline.RunResult) -> dict[str, int]:
    """File → its process rows kept after validation (those the consolidation and the documents count)."""
    table = result.tables.get("processus") if isinstance(getattr(result, "tables", None), dict) else None
    if table is None or table.empty or "_file" not in table.columns:
        return {}
    return {str(k): int(v) for k, v in table["_file"].value_counts().items()}


def _table(result: pipeline.RunResult) -> None:
    """Per workbook: service, file, process rows kept, errors, warnings (only those with findings when there are
    many)."""
    counts = result.report.counts()
    processes = _process_rows(result)
    rows = [(wb, *counts.get(wb.file, (0, 0))) for wb in result.workbooks]
    title = "Classeurs lus"
    if len(rows) > TABLE_LIMIT:
        rows = sorted((r for r in rows if r[1] or r[2]), key=lambda r: (-r[1], -r[2], r[0].file))
        title = "Classeurs avec anomalies" if rows else title
    if not rows:
        return
    names = dict(zip(result.referential.services["code"], result.referential.services["name"]))
    table = Table(title=title)
    table.add_column("Service", no_wrap=True)
    table.add_column("Nom", no_wrap=True, overflow="ellipsis", max_width=17)
    table.add_column("Fichier", no_wrap=True, overflow="ellipsis", max_width=16)
    table.add_column(PROCESS_ROWS, justify="right", min_width=9)
    table.add_column("Erreurs", justify="right", min_width=7)
    table.add_column("Avertis.", justify="right", min_width=8)
    for wb, errors, warnings in rows[:TABLE_LIMIT]:
        code = wb.service or wb.named  # an unreadable workbook: the service its file name gives
        table.add_row(
            code or "—",
            names.get(code, "(inconnu)" if code else "—"),
            wb.file,
            str(processes.get(wb.file, 0)) if wb.readable else "illisible",
            f"[red]{errors}[/]" if errors else "0",
            f"[yellow]{warnings}[/]" if warnings else "0",
        )
    console.print(table)
    if len(rows) > TABLE_LIMIT:
        others = counted(len(rows) - TABLE_LIMIT, "autre classeur", "autres classeurs")
        console.print(f"… et {others} avec anomalies : voir le rapport.")


def _written(result: pipeline.RunResult) -> None:
    """Where the results are: one line per file, or per folder with its file count."""
    folders: dict[Path, list[Path]] = {}
    for path in result.written:
        folders.setdefault(path.parent, []).append(path)
    if not folders:
        return
    console.print("Fichiers écrits :")
    for folder, paths in folders.items():
        if len(paths) == 1:
            console.print(f"  {paths[0]}")
        else:
            console.print(f"  {folder}{os.sep} ({len(paths)} fichiers)")


def _grids(result: pipeline.RunResult) -> None:
    """One line on the observation grids put back in ``<classeurs>/exercices/``, when there are some."""
    grids = getattr(result.exercises, "grids", None)
    if grids:
        observed = [o for o in result.exercises.observed if o.result is not None]
        failed = sum(len(o.failures) for o in observed)
        console.print(
            f"Grilles d'exercice : {counted(len(grids), 'grille lue', 'grilles lues')} ; "
            f"{counted(len(observed), 'exercice de service repris', 'exercices de service repris')}, "
            f"{counted(failed, 'parade en échec', 'parades en échec')}."
        )


def _campaign(result: pipeline.RunResult) -> None:
    """Where the received workbooks were archived; the workbooks gone since an earlier run."""
    campaign = result.campaign
    if campaign is None:
        return
    archive = campaign.output / campaign.archive
    also = ", avec une copie de cet export" if (archive / "export").is_dir() else ""
    console.print(f"Classeurs reçus archivés dans {archive}{also}")
    for gone in campaign.gone.values():
        console.print(f"[yellow]{gone.code}[/] : {gone.sentence()}")


def summary(result: pipeline.RunResult) -> None:
    report = result.report
    _table(result)
    readable = sum(wb.readable for wb in result.workbooks)
    console.print(
        f"{counted(len(result.workbooks), 'classeur trouvé', 'classeurs trouvés')}, "
        f"{counted(readable, 'lisible')} ; {counted(len(report.errors), 'erreur')}, "
        f"{counted(len(report.warnings), 'avertissement')}."
    )
    unreadable = [f"{wb.file} ({wb.named})" if wb.named else wb.file for wb in result.workbooks if not wb.readable]
    if unreadable:
        console.print(f"Classeurs reçus illisibles, à renvoyer ({len(unreadable)}) : {', '.join(unreadable)}.")
    _grids(result)
    if result.consolidation is not None:
        headline(result.consolidation)
    _written(result)
    _campaign(result)
    for note in result.notes:
        console.print(f"[yellow]Remarque :[/] {note}")
    if not report.valid:
        where = next((p for p in result.written if p.name == "rapport_validation.xlsx"), None)
        console.print(f"[red]Des erreurs sont à corriger[/] : voir {where or 'le rapport de validation'}.")
