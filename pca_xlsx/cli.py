"""Command line: parses options, shows progress, prints French summaries. The library does the work."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import (
    cli_fr,  # noqa: F401 - click's own texts in French, installed before the commands are declared
    cli_help,
)
from .campaign.history import parse_day
from .core.errors import OutputLocked, StartError
from .core.values import percent

if TYPE_CHECKING:  # the pipeline (pandas, pandera, …) is imported by the commands that run it, not for --help
    from . import pipeline

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def _options(f: Callable) -> Callable:
    f = click.option(
        "--debug", is_flag=True, help="Affiche le détail technique (trace Python) en cas d'erreur interne."
    )(f)
    f = click.option(
        "--referentiel",
        "referential",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="Chemin du référentiel (par défaut : <classeurs>/referentiel.xlsx).",
    )(f)
    f = click.option(
        "--output",
        "-o",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("output"),
        show_default=True,
        help="Dossier où écrire les résultats.",
    )(f)
    f = click.option(
        "--workbooks",
        "-w",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("workbooks"),
        show_default=True,
        help="Dossier contenant les classeurs des services et le référentiel.",
    )(f)
    return f


def _pdf_option(f: Callable) -> Callable:
    return click.option(
        "--pdf",
        is_flag=True,
        help="Convertit aussi les documents en PDF (LibreOffice requis) et prépare les classeurs de crise.",
    )(f)


def _templates_option(f: Callable) -> Callable:
    return click.option(
        "--modeles",
        "templates",
        metavar="DOSSIER",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        default=None,
        help="Dossier de modèles Word à utiliser à la place de ceux fournis avec pca-xlsx "
        "(par défaut : variable PCA_XLSX_TEMPLATES, sinon le dossier templates à côté du dossier des classeurs "
        "s'il existe, sinon les modèles fournis).",
    )(f)


class _Bar:
    """Adapter from the pipeline's progress hook to a rich progress bar (one task per stage)."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.tasks: dict[str, int] = {}

    def __call__(self, label: str, done: int, total: int) -> None:
        if total <= 0:  # nothing to do at this stage (e.g. no workbook to annotate): no bar
            return
        if label not in self.tasks:
            self.tasks[label] = self.progress.add_task(label, total=total)
        self.progress.update(self.tasks[label], completed=done, total=total)


def _execute(action: Callable, debug: bool) -> object:
    """Run ``action(progress)`` behind a progress bar; map failures to French messages and exit 2."""
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=False,
        ) as progress:
            return action(_Bar(progress))
    except StartError as exc:
        err_console.print(f"[bold red]{getattr(exc, 'title', 'Impossible de démarrer')} :[/] {exc}")
        sys.exit(2)
    except OutputLocked as exc:
        err_console.print(f"[bold red]Fichier ouvert[/] : {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("[red]Interrompu.[/] Les fichiers déjà écrits sont complets ; les autres sont inchangés.")
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - last resort: never a traceback for a user
        if debug:
            traceback.print_exc()
        err_console.print(
            f"[bold red]Erreur interne de pca-xlsx[/] ({type(exc).__name__}) : {exc}\n"
            "Relancez avec --debug pour le détail technique et signalez-le à l'équipe projet."
        )
        sys.exit(2)


#: Beyond this many workbooks, the summary table lists only those with findings (the report has them all).
TABLE_LIMIT = 30


def _headline(c) -> None:
    """The consolidation's headline figures, in French."""
    from .consolidate.figures import euros
    from .consolidate.vital import register_line

    h = c.headline
    console.print(
        f"Consolidation : {h.received} service(s) sur {h.services} ; {h.processes} ligne(s) de processus ; "
        f"couverture des parades {percent(h.coverage)} (testées {percent(h.tested)}) ; "
        f"{h.gaps} écart(s) à traiter ; moyens de télécommunication à acheter : {euros(h.budget)}."
    )
    console.print(register_line(c))
    if h.spof:
        tops = ", ".join(f"{name} ({critical} critique(s), {strong} forte(s))" for name, critical, strong in h.spof)
        console.print(f"Points uniques de défaillance : {tops}.")
    if c.snapshot_state is not None:  # `documents` does not compare runs
        console.print(f"Évolutions : {c.evolutions_note}")
    if c.campaign_state is not None:
        from .campaign.progression import change_line

        console.print(change_line(c.campaign_state) or "Première exécution suivie : la feuille Progression démarre.")
    if not h.control_ok:
        console.print("[bold red]Contrôle des comptes en échec[/] : voir la feuille Contrôle et signalez-le.")


def _table(result: pipeline.RunResult) -> None:
    """Per workbook: service, file, rows read, errors, warnings (only those with findings when there are many)."""
    counts = result.report.counts()
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
    table.add_column("Nom", no_wrap=True, overflow="ellipsis", max_width=20)
    table.add_column("Fichier", no_wrap=True, overflow="ellipsis", max_width=16)
    table.add_column("Lignes", justify="right", min_width=6)
    table.add_column("Erreurs", justify="right", min_width=7)
    table.add_column("Avertis.", justify="right", min_width=8)
    for wb, errors, warnings in rows[:TABLE_LIMIT]:
        table.add_row(
            wb.service or "—",
            names.get(wb.service, "(inconnu)" if wb.service else "—"),
            wb.file,
            str(sum(wb.rows_read().values())),
            f"[red]{errors}[/]" if errors else "0",
            f"[yellow]{warnings}[/]" if warnings else "0",
        )
    console.print(table)
    if len(rows) > TABLE_LIMIT:
        console.print(f"… et {len(rows) - TABLE_LIMIT} autre(s) classeur(s) avec anomalies : voir le rapport.")


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
            f"Grilles d'exercice : {len(grids)} lue(s) ; {len(observed)} exercice(s) de service repris, "
            f"{failed} parade(s) en échec."
        )


def _campaign(result: pipeline.RunResult) -> None:
    """Where the received workbooks were archived; the workbooks gone since an earlier run."""
    campaign = result.campaign
    if campaign is None:
        return
    console.print(f"Classeurs reçus archivés dans {campaign.output / campaign.archive}")
    for gone in campaign.gone.values():
        console.print(f"[yellow]{gone.code}[/] : {gone.sentence()}")


def _summary(result: pipeline.RunResult) -> None:
    report = result.report
    _table(result)
    readable = sum(wb.readable for wb in result.workbooks)
    console.print(
        f"{len(result.workbooks)} classeur(s) trouvé(s), {readable} lisible(s) ; "
        f"{len(report.errors)} erreur(s), {len(report.warnings)} avertissement(s)."
    )
    _grids(result)
    if result.consolidation is not None:
        _headline(result.consolidation)
    _written(result)
    _campaign(result)
    for note in result.notes:
        console.print(f"[yellow]Remarque :[/] {note}")
    if not report.valid:
        where = next((p for p in result.written if p.name == "rapport_validation.xlsx"), None)
        console.print(f"[red]Des erreurs sont à corriger[/] : voir {where or 'le rapport de validation'}.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pca-xlsx", message="pca-xlsx %(version)s")
def cli() -> None:
    """pca-xlsx : plan de continuité d'activité (PCA) cyber, service par service.

    Lit les classeurs Excel des services, les valide, consolide le plan de
    l'établissement et produit les documents Word pour la direction.
    """


def _since_option(f: Callable) -> Callable:
    return click.option(
        "--depuis",
        "since",
        metavar="AAAA-MM-JJ",
        default=None,
        help="Évolutions comparées à la dernière exécution de ce jour-là (par défaut : l'exécution précédente).",
    )(f)


def _help(name: str) -> dict:
    return {"help": cli_help.HELP[name], "short_help": cli_help.SHORT[name], "epilog": cli_help.epilog(name)}


def _command(name: str, action: str, documents: bool = False, since: bool = False) -> None:
    """Register ``pca-xlsx name``: run ``pipeline.<action>(options, progress)``, print the summary, exit 0/1.

    ``documents``: the command writes Word documents (``--pdf`` and ``--modeles`` options);
    ``since``: it compares with an earlier run (``--depuis``).
    """

    def command(workbooks: Path, output: Path, referential: Path | None, debug: bool, pdf: bool = False,
                templates=None, since: str | None = None) -> None:  # fmt: skip
        def act(bar):
            from . import pipeline

            day = parse_day(since) if since else None
            options = pipeline.Options(workbooks, output, referential, pdf=pdf, templates=templates, since=day)
            return getattr(pipeline, action)(options, bar)

        result = _execute(act, debug)
        _summary(result)
        sys.exit(result.exit_code)

    if documents:
        command = _templates_option(_pdf_option(command))
    if since:
        command = _since_option(command)
    cli.command(name, **_help(name))(_options(command))


_command("run", "run", documents=True, since=True)
_command("validate", "validate")
_command("consolidate", "consolidate", since=True)
_command("documents", "documents", documents=True)


@cli.command(**_help("templates"))
@_options
def templates(workbooks: Path, output: Path, referential: Path | None, debug: bool) -> None:
    from . import pipeline

    options = pipeline.Options(workbooks, output, referential)
    written = _execute(lambda bar: pipeline.templates(options, bar), debug)
    console.print(f"{len(written)} modèle(s) écrit(s) dans {output / 'modeles'}.")


@cli.command(**_help("upgrade"))
@_options
@click.option(
    "--listes",
    "lists",
    is_flag=True,
    help="Réécrit aussi les classeurs déjà au modèle actuel : listes déroulantes, libellés pré-remplis et "
    "noms renommés repris du référentiel actuel, valeurs gardées.",
)
def upgrade(workbooks: Path, output: Path, referential: Path | None, debug: bool, lists: bool) -> None:
    from . import pipeline
    from .upgrade import CURRENT, RELISTED, UNREADABLE, UPGRADED

    options = pipeline.Options(workbooks, output, referential)
    result = _execute(lambda bar: pipeline.upgrade(options, bar, lists), debug)
    table = Table(title="Mise à jour des classeurs")
    for header in ("Fichier", "Service", "Version lue", "Résultat", "À vérifier"):
        table.add_column(header, no_wrap=header != "Résultat")
    shown = [e for e in result.entries if e.status != CURRENT]
    for entry in shown:
        status = f"[green]{entry.status}[/]" if entry.status in (UPGRADED, RELISTED) else entry.status
        if entry.status == UNREADABLE or entry.status.startswith("Ignoré"):
            status = f"[red]{entry.status}[/] : {entry.detail}"
        table.add_row(entry.file, entry.service or "—", entry.version or "—", status, str(entry.checks or ""))
    if shown:
        console.print(table)
    done = result.upgraded
    current = len(result.entries) - len(shown)
    console.print(
        f"{len(done)} classeur(s) mis à jour sur {len(result.entries)} ; {current} déjà au modèle actuel, "
        "laissé(s) tel(s) quel(s) ; "
        f"{len(result.checks)} cellule(s) à vérifier (surlignées, avec un commentaire)."
    )
    for move in result.moves:
        if move.note == "à vérifier":
            console.print(
                f"  {move.file} · {move.sheet} : « {move.old_label} » ({move.old_column}) → « {move.new_label} » "
                f"({move.new_column}), {move.values} valeur(s) à vérifier"
            )
    if done:
        console.print(f"Classeurs écrits dans {output / 'mises_a_jour'} ; les originaux sont inchangés.")
    console.print(f"Rapport : {result.report}")
    sys.exit(1 if any(e.status == UNREADABLE for e in result.entries) else 0)


@cli.command("exercice", **_help("exercice"))
@_options
@click.option(
    "--scenario",
    metavar="NOM",
    default=None,
    help="Nom du scénario du référentiel à jouer (entre guillemets) : obligatoire.",
)
@click.option(
    "--services",
    metavar="CODES",
    default=None,
    help="Codes des services (ou d'un pôle) séparés par des virgules ; par défaut les prochains services du programme d'exercices pour ce scénario (en retard d'abord, jamais ceux qui l'ont joué dans la période).",
)
@click.option(
    "--date", "day", metavar="JJ/MM/AAAA", default=None, help="Date de l'exercice ; par défaut le prochain jour ouvré."
)
def exercice(
    workbooks: Path,
    output: Path,
    referential: Path | None,
    debug: bool,
    scenario: str,
    services: str | None,
    day: str | None,
) -> None:
    from . import pipeline

    options = pipeline.Options(workbooks, output, referential)
    kit = _execute(lambda bar: pipeline.exercise(options, scenario, services, day, bar), debug)
    plan = kit.plan
    console.print(f"Exercice « {plan.scenario} » du {plan.day:%d/%m/%Y} : {len(plan.services)} service(s) joueur(s).")
    for part in plan.services:
        console.print(
            f"  {part.code} – {part.name} : {len(part.processes)} processus touché(s), dont {len(part.vital)} vital(aux)."
        )
    if plan.skipped:
        console.print(f"[yellow]Remarque :[/] le scénario ne touche aucun processus de : {', '.join(plan.skipped)}.")
    console.print(
        f"Kit écrit dans {kit.folder} : chronogramme.docx, joueurs/ ({len(plan.services)} document(s)), grille_observation.xlsx."
    )


@cli.command("export", **_help("export"))
@_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["datapackage", "ciso-assistant", "tout"]),
    default="tout",
    show_default=True,
    help="datapackage : tables ouvertes (CSV et datapackage.json) ; ciso-assistant : fichiers d'import "
    "de CISO Assistant (analyse d'impact, actifs, audit CaRE domaine 2) ; tout : les deux.",
)
def export(workbooks: Path, output: Path, referential: Path | None, debug: bool, fmt: str) -> None:
    """The consolidated plan as files for other tools (help in :mod:`.cli_help`)."""
    from . import pipeline
    from .export import FORMATS

    options = pipeline.Options(workbooks, output, referential)
    formats = FORMATS if fmt == "tout" else (fmt,)
    result = _execute(lambda bar: pipeline.export(options, bar, formats), debug)
    _summary(result)
    sys.exit(result.exit_code)


def main() -> None:
    cli(prog_name="pca-xlsx")
