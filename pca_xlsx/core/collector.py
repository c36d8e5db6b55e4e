"""Memory housekeeping: the cyclic garbage collector paused for bulk steps, freed memory given back."""

from __future__ import annotations

import ctypes
import functools
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


@contextmanager
def frozen_heap():
    """Every object alive now left out of collections meanwhile (``gc.freeze``): a full collection
    then only scans what the block creates. While a :class:`~pca_xlsx.core.pool.Batch`'s workers run,
    the heap stays frozen after the block: the batch unfreezes it when its pool closes."""
    outer = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not outer:
            gc.unfreeze()


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim`` among the symbols the process has loaded, or None (another C library,
    or a platform where the lookup itself fails: Windows raises ``TypeError`` for ``CDLL(None)``)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except Exception:  # noqa: BLE001 - whatever the platform raises, memory is simply not given back
        return None


def give_back_memory(collect: bool = False) -> bool:
    """Return the C heap's free pages to the system (glibc only; False elsewhere); ``collect``:
    first free what only reference cycles keep (a rendered Word document is such a cycle).

    A process rendering thousands of Word documents keeps the pages lxml and docxtpl freed:
    about 100 MB per 700 documents, all of it returned by this call."""
    if collect:
        gc.collect()
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
