"""Command line: parses options, shows progress, prints French summaries. The library does the work."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import (
    cli_fr,  # noqa: F401 - click's own texts in French, installed before the commands are declared
    cli_help,
)
from .campaign.history import parse_day
from .cli_summary import (
    TABLE_LIMIT,  # noqa: F401 - importable from here too
    console,
    err_console,
    summary,
)
from .core.errors import OutputLocked, StartError


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
        summary(result)
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
    summary(result)
    sys.exit(result.exit_code)


def main() -> None:
    cli(prog_name="pca-xlsx")
