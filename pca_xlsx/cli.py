"""Command line: parses options, shows progress, prints French summaries. The library does the work."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import pipeline
from .format import DATA_SHEETS
from .read import ReferentialError

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


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


class _Bar:
    """Adapter from the pipeline's progress hook to a rich progress bar (one task per stage)."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.tasks: dict[str, int] = {}

    def __call__(self, label: str, done: int, total: int) -> None:
        if label not in self.tasks:
            self.tasks[label] = self.progress.add_task(label, total=max(total, 1))
        self.progress.update(self.tasks[label], completed=done, total=max(total, 1))


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
    except (ReferentialError, pipeline.StartError) as exc:
        err_console.print(f"[bold red]Impossible de démarrer :[/] {exc}")
        sys.exit(2)
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


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} %".replace(".", ",")


def _headline(h: dict) -> None:
    """The consolidation's headline figures, in French."""
    console.print(
        f"Consolidation : {h['received']} service(s) sur {h['services']} ; {h['processes']} ligne(s) de processus ; "
        f"couverture des parades {_percent(h['coverage'])} (testées {_percent(h['tested'])}) ; "
        f"{h['gaps']} écart(s) à traiter."
    )
    if h["spof"]:
        tops = ", ".join(f"{name} ({critical} critique(s), {strong} forte(s))" for name, critical, strong in h["spof"])
        console.print(f"Points uniques de défaillance : {tops}.")
    if not h.get("control_ok", True):
        console.print("[bold red]Contrôle des comptes en échec[/] : voir la feuille Contrôle et signalez-le.")


def _summary(result: pipeline.RunResult) -> None:
    table = Table(title="Classeurs lus", show_lines=False)
    table.add_column("Fichier")
    table.add_column("Service")
    for spec in DATA_SHEETS[1:]:
        table.add_column(spec.name, justify="right")
    table.add_column("Erreurs", justify="right")
    table.add_column("Avert.", justify="right")
    for wb in result.workbooks:
        counts = wb.rows_read()
        errors, warnings = result.report.counts(wb.file)
        table.add_row(
            wb.file,
            wb.service or "—",
            *(str(counts.get(spec.key, "—")) for spec in DATA_SHEETS[1:]),
            f"[red]{errors}[/]" if errors else "0",
            f"[yellow]{warnings}[/]" if warnings else "0",
        )
    console.print(table)
    report = result.report
    readable = sum(wb.readable for wb in result.workbooks)
    console.print(
        f"{len(result.workbooks)} classeur(s) trouvé(s), {readable} lisible(s) ; "
        f"{len(report.errors)} erreur(s), {len(report.warnings)} avertissement(s)."
    )
    if result.consolidation is not None:
        _headline(result.consolidation.headline)
    for path in result.written[:1]:
        console.print(f"Résultats écrits dans : {path.parent}")
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


@cli.command()
@_options
@_pdf_option
def run(workbooks: Path, output: Path, referential: Path | None, debug: bool, pdf: bool) -> None:
    """Valide, consolide et produit tous les documents (la commande principale)."""
    options = pipeline.Options(workbooks, output, referential, pdf=pdf)
    result = _execute(lambda bar: pipeline.run(options, bar), debug)
    _summary(result)
    sys.exit(result.exit_code)


@cli.command()
@_options
def validate(workbooks: Path, output: Path, referential: Path | None, debug: bool) -> None:
    """Valide les classeurs : rapport d'anomalies et copies annotées."""
    options = pipeline.Options(workbooks, output, referential)
    result = _execute(lambda bar: pipeline.validate(options, bar), debug)
    _summary(result)
    sys.exit(result.exit_code)


@cli.command()
@_options
def consolidate(workbooks: Path, output: Path, referential: Path | None, debug: bool) -> None:
    """Valide puis écrit le classeur consolidé de l'établissement."""
    options = pipeline.Options(workbooks, output, referential)
    result = _execute(lambda bar: pipeline.consolidate(options, bar), debug)
    _summary(result)
    sys.exit(result.exit_code)


@cli.command()
@_options
@_pdf_option
def documents(workbooks: Path, output: Path, referential: Path | None, debug: bool, pdf: bool) -> None:
    """Valide puis produit les documents Word (fiches synthèse, fiches réflexes, synthèse)."""
    options = pipeline.Options(workbooks, output, referential, pdf=pdf)
    result = _execute(lambda bar: pipeline.documents(options, bar), debug)
    _summary(result)
    sys.exit(result.exit_code)


@cli.command()
@_options
def templates(workbooks: Path, output: Path, referential: Path | None, debug: bool) -> None:
    """Génère un modèle de classeur vierge par service du référentiel."""
    options = pipeline.Options(workbooks, output, referential)
    written = _execute(lambda bar: pipeline.templates(options, bar), debug)
    console.print(f"{len(written)} modèle(s) écrit(s) dans {output / 'modeles'}.")


def main() -> None:
    cli(prog_name="pca-xlsx")
