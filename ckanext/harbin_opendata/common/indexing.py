"""Reindex an entry as committed. CKAN indexes an entry before its transaction commits, and a job
that reads and indexes the same entry meanwhile (a scan settling, a DataStore load: the DataStore
reindexes the entry itself) would write the entry as it was before into the index — a publication
undone in search. Holding the entry's row first waits for a commit in flight."""
from __future__ import annotations

import sqlalchemy as sa

import ckan.model as model
from ckan.lib import search

__all__ = ["reindex_as_committed"]


def reindex_as_committed(package_id: str) -> None:
    """Index the entry as committed, holding its row (waits for a publication being committed)."""
    model.Session.execute(sa.text("SELECT 1 FROM package WHERE id = :id FOR NO KEY UPDATE"), {"id": package_id})
    model.Session.expire_all()
    search.rebuild(package_id)
