"""A job for the recovery tests, importable by worker processes."""
from __future__ import annotations

import os
import pathlib
import time


def hold(marker: str, seconds: float) -> None:
    """Note this process's id (one line per run), wait, then write "done"."""
    path = pathlib.Path(marker)
    with path.with_suffix(".pid").open("a") as pids:
        pids.write(f"{os.getpid()}\n")
    time.sleep(seconds)
    path.write_text("done")
