"""Errors that stop a run before it starts (exit code 2); their messages are French."""

from __future__ import annotations


class StartError(Exception):
    """The run cannot start (exit 2); the message is French, ``title`` heads it in the CLI."""

    title = "Impossible de démarrer"


class ReferentialError(StartError):
    """The referential cannot be used; the message is French and names sheet and cell."""
