"""The objects a web process holds once started (modules, plugins, routes, schemas, templates:
~220,000, against stock CKAN's ~130,000) are moved out of the garbage collector's sight at the first
request (gc.freeze, after one collection so that no garbage is kept). Issue 20: every full collection
walked them all, ~150 ms every ~100 pages (the 95th percentile of the search page). They live as long
as the process anyway; objects made later are collected as before. Once per process: a test run
that builds many apps freezes only what the first one left."""
from __future__ import annotations

import gc
from typing import Any

__all__ = ["freeze_after_start", "freeze_now"]

_FROZEN: list[bool] = []  # once per process


def freeze_after_start(app: Any) -> None:
    """The Flask `app` freezes what the process holds at its first request (every plugin loaded,
    the first page's templates compiled)."""
    app.before_request(_freeze_once)


def _freeze_once() -> None:
    if not _FROZEN:
        _FROZEN.append(True)
        freeze_now()


def freeze_now() -> None:
    """Collect, then freeze what is left (gunicorn's master calls it before forking its workers)."""
    gc.collect()
    gc.freeze()
