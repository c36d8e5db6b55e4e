"""Errors that stop a run before it starts (exit code 2); their messages are French."""

from __future__ import annotations

from pathlib import Path


class StartError(Exception):
    """The run cannot start (exit 2); the message is French, ``title`` heads it in the CLI."""

    title = "Impossible de démarrer"


class ReferentialError(StartError):
    """The referential cannot be used; the message is French and names sheet and cell."""


class OutputLocked(Exception):
    """An output file is held by another program (Excel on Windows): nothing replaced (exit 1)."""

    exit_code = 1

    def __init__(self, path: Path):
        self.path = Path(path)
        super().__init__(
            f"{self.path.name} est ouvert dans un autre programme (Excel ?) : fermez-le puis relancez "
            f"({self.path}). Aucun résultat n'a été remplacé : ceux de l'exécution précédente sont intacts."
        )
