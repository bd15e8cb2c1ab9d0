"""The scan on both cores: the reader decodes the next batch of a table in one thread while the
columns of the current batch are checked in a pool of threads (Arrow's compute kernels and numpy
release the GIL). At most one batch is read ahead, so memory stays flat; each column is checked by
one thread at a time, in batch order, so the findings are the same as checked one after another."""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

__all__ = ["read_ahead", "column_pool", "WORKERS"]

T = TypeVar("T")
WORKERS = max(1, min(2, os.cpu_count() or 1))
_END = object()


@contextmanager
def read_ahead(batches: Iterator[T]) -> Iterator[Iterator[T]]:
    """The batches, the next one read in another thread while the caller works on the current one.
    Errors of the reader are raised to the caller; leaving the block stops the reading."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="scan-read")

    def ahead() -> Iterator[T]:
        pending = pool.submit(next, batches, _END)
        while (batch := pending.result()) is not _END:
            pending = pool.submit(next, batches, _END)
            yield batch  # type: ignore[misc]

    try:
        yield ahead()
    finally:
        pool.shutdown(wait=True)  # the batch being read, if any, is finished first
        close = getattr(batches, "close", None)
        if close is not None:
            close()


@contextmanager
def column_pool() -> Iterator[Callable[[Callable[[int], None], int], None]]:
    """A function that runs work(index) for every column index of a batch over the threads and
    returns when all are done (their first error raised)."""
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="scan-columns") as pool:
        def run_all(work: Callable[[int], None], count: int) -> None:
            for future in [pool.submit(work, index) for index in range(count)]:
                future.result()
        yield run_all
