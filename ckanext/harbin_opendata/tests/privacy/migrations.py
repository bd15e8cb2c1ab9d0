"""The privacy tables' schema moved back or forward in a test. The test's own session ends first:
an open transaction of it (a package_show's read, say) holds locks that the migration's ALTER TABLE,
on another connection, waits for; the worker then waits on itself (a local run stalled 17 minutes
so). Should anything else hold such a lock, the migration gives up after a minute with an error
instead of stalling the run."""
from __future__ import annotations

import os
from typing import Optional

import ckan.model as model
from ckan.cli.db import _run_migrations

__all__ = ["migrate_privacy"]


def migrate_privacy(revision: Optional[str] = None, forward: bool = True, plugin: str = "harbin_privacy") -> None:
    """Down to `revision` (forward=False) or up to the head (of another plugin's migrations too)."""
    model.Session.remove()
    before = os.environ.get("PGOPTIONS")
    os.environ["PGOPTIONS"] = "-c lock_timeout=60s"  # the migration's own connection (libpq reads it)
    try:
        _run_migrations(plugin, revision, forward=forward)
    finally:
        if before is None:
            os.environ.pop("PGOPTIONS", None)
        else:
            os.environ["PGOPTIONS"] = before
        model.Session.remove()
