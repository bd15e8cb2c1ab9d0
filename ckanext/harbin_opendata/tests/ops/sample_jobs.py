"""A job for the recovery tests, importable by worker processes."""
from __future__ import annotations

import os
import pathlib
import time

__all__ = ["hold"]


def hold(marker: str, seconds: float) -> None:
    """Note this process's id (one line per run); wait `seconds` on the first run only (long enough
    for its worker to be killed in the middle; a run taking over need not wait), then write "done"."""
    path = pathlib.Path(marker)
    pids = path.with_suffix(".pid")
    first = not pids.exists()
    with pids.open("a") as lines:
        lines.write(f"{os.getpid()}\n")
    if first:
        time.sleep(seconds)
    path.write_text("done")
