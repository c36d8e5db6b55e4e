"""A command run as one unit on its output folder: locked, staged, swapped in (see :mod:`.outputs`)."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable

from .archives import prune, retired_export, write_archive
from .emails import write_drafts
from .lock import output_lock
from .outputs import Staging


def staged(command: str) -> Callable:
    """Decorate a pipeline command ``f(options, progress, ...)`` returning a ``RunResult``: under the
    output folder's lock, it writes into a staging folder swapped in at the end (``Options.staged``
    marks the nested calls, which write where they are told)."""

    def wrap(f: Callable) -> Callable:
        @functools.wraps(f)
        def inner(options, *args, **kwargs):
            if options.staged or kwargs.get("write") is False:
                return f(options, *args, **kwargs)
            with output_lock(options.output) as notes:
                stage = Staging(options.output, command)
                try:
                    inside = dataclasses.replace(options, output=stage.folder, staged=True)
                    result = f(inside, *args, **kwargs).finish()
                    _after(result, options, stage)
                    stage.commit()
                except BaseException:
                    stage.discard()
                    raise
            prune(options.output)
            if result.campaign is not None:
                result.campaign.output = options.output  # it was the staging folder
            result.written = [stage.final(p) for p in result.written]
            result.notes[:0] = notes + stage.notes
            return result

        return inner

    return wrap


def _after(result, options, stage: Staging) -> None:
    """The campaign's own outputs, written into the staging folder once the command's are; the note
    of an earlier export the swap takes out."""
    result.notes += retired_export(stage, options.output)
    if result.campaign is not None:
        write_archive(result, stage.folder, options.output)
        drafts, notes = write_drafts(result, stage.folder)
        result.written += drafts
        result.notes += notes
