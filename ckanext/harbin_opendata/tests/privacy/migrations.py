"""The privacy tables' schema moved back or forward in a test. The test's own session ends first:
an open transaction of it (a package_show's read, say) holds locks that the migration's ALTER TABLE,
on another connection, waits for; the worker then waits on itself (a CI run lost 17 minutes so)."""
from __future__ import annotations

from typing import Optional

import ckan.model as model
from ckan.cli.db import _run_migrations

__all__ = ["migrate_privacy"]


def migrate_privacy(revision: Optional[str] = None, forward: bool = True) -> None:
    """Down to `revision` (forward=False) or up to the head."""
    model.Session.remove()
    try:
        _run_migrations("harbin_privacy", revision, forward=forward)
    finally:
        model.Session.remove()
