"""The cyclic garbage collector, paused for bulk steps."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector for a bulk step. With a million live objects (read
    values, and xlsxwriter's one small object per cell until closing) its full collections cost
    more than the work itself; nothing cyclic is created meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
