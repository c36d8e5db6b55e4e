"""Work shared between worker processes and this one: reading workbooks, annotated copies, documents.

A :class:`Batch` starts one worker process fewer than the cores it may use: the workers take
chunks from the front while they are queued; this process, once it asks for the results, takes
the chunks not started yet from the back. So a caller can start a batch, do its own work
meanwhile (the consolidation while the annotated copies are written) and then help finish it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

#: Environment variable forcing the workers' start method (``spawn``: what Windows and macOS use).
START_METHOD = "PCA_XLSX_START_METHOD"


def fork_context():
    """``fork`` where it exists (workers inherit the loaded modules and never re-import the
    caller's main script, which may lack an ``if __name__ == "__main__"`` guard), else ``spawn``
    (Windows; macOS where fork is unsafe), or the method ``$PCA_XLSX_START_METHOD`` names (tests)."""
    methods = multiprocessing.get_all_start_methods()
    wanted = os.environ.get(START_METHOD, "").strip().lower()
    if wanted in methods:
        return multiprocessing.get_context(wanted)
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def forks(jobs: int | None) -> bool:
    """Whether work may go to a worker process: ``jobs`` (None: one per core) above 1."""
    return (jobs or os.cpu_count() or 1) > 1


def _frozen_pool(workers: int, context) -> ProcessPoolExecutor:
    """A pool; this process's objects are frozen meanwhile: the workers' garbage collector leaves
    the inherited pages shared, and this process's leaves them alone while the pool runs."""
    gc.freeze()
    try:
        return ProcessPoolExecutor(workers, mp_context=context)
    except BaseException:
        gc.unfreeze()
        raise


def _close(pool: ProcessPoolExecutor) -> None:
    pool.shutdown(cancel_futures=True)
    gc.unfreeze()


def chunked(items: list, processes: int, per_process: int, largest: int | None = None) -> list[list]:
    """``items`` in consecutive chunks, about ``per_process`` chunks per process."""
    size = max(1, -(-len(items) // (processes * per_process)))
    size = min(size, largest) if largest else size
    return [items[i : i + size] for i in range(0, len(items), size)]


_CHUNKS: tuple | None = None  # (function, chunks) of the Batch being started, read by its forked workers


@contextmanager
def _own_main():
    """While a batch spawns its workers: their ``__main__`` is this module, not the caller's. A spawned
    worker imports its caller's main module again; a script calling the library without an
    ``if __name__ == "__main__"`` guard would run its whole pipeline a second time there (forked workers never
    did). The workers start within the batch's first submissions, in this thread."""
    caller = sys.modules["__main__"]
    sys.modules["__main__"] = sys.modules[__name__]
    try:
        yield
    finally:
        sys.modules["__main__"] = caller


def _run_chunk(index: int) -> Any:
    function, chunks = _CHUNKS
    return function(chunks[index])


class Batch:
    """``function`` applied to each chunk, across ``processes`` processes counting this one.
    Forked workers get the chunks through the fork (a chunk may hold a whole consolidation: pickled,
    it was copied once into a buffer here and once more in the worker), spawned ones pickled.

    ``fresh``: workers started anew (``spawn``) even where they could be forked, for small chunks while this
    process goes on working on large data: a forked worker keeps as its own every page of it either process
    touches afterwards (the annotated copies' worker, forked after validation, held 1 GB more at 10,000
    services while the consolidation was computed; README « Une région sur une machine », 5ᵉ passe)."""

    def __init__(self, function: Callable[[list], Any], chunks: list[list], processes: int, fresh: bool = False):
        global _CHUNKS
        self.function, self.chunks = function, chunks
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future] = []
        #: How the workers were started (``fork``, ``spawn``), None without workers.
        self.start_method: str | None = None
        if processes > 1 and len(chunks) > 1:
            context = multiprocessing.get_context("spawn") if fresh else fork_context()
            self.start_method = context.get_start_method()
            _CHUNKS = (function, chunks)
            try:
                self.pool = _frozen_pool(processes - 1, context)
                if self.start_method == "fork":  # every worker is forked at the first submit
                    self.futures = [self.pool.submit(_run_chunk, i) for i in range(len(chunks))]
                else:
                    with _own_main():
                        self.futures = [self.pool.submit(function, chunk) for chunk in chunks]
            except BaseException:
                self.close()
                raise
            finally:
                _CHUNKS = None

    def results(self) -> Iterator[tuple[int, Any]]:
        """``(chunk index, result)`` as chunks are done; this process runs the chunks not started."""
        if self.pool is None:
            for i, chunk in enumerate(self.chunks):
                yield i, self.function(chunk)
            return
        try:
            back = len(self.chunks)
            while back > 0 and self.futures[back - 1].cancel():
                back -= 1
                yield back, self.function(self.chunks[back])
            for i in range(back):
                yield i, self.futures[i].result()
        finally:
            self.close()

    def run(self, progress: Callable[[int], None] | None = None) -> list:
        """Every chunk's result, in chunk order; ``progress(items done)`` as chunks are done."""
        out: list = [None] * len(self.chunks)
        done = 0
        for i, result in self.results():
            out[i] = result
            done += len(self.chunks[i])
            if progress:
                progress(done)
        return out

    def idle(self) -> bool:
        """True when worker processes ran every chunk: collecting the results now waits for nothing, and
        closes the pool (its processes, and the memory they hold, go)."""
        return self.pool is not None and all(future.done() for future in self.futures)

    def close(self) -> None:
        if self.pool is not None:
            _close(self.pool)
            self.pool = None
