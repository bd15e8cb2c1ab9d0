"""Search indexing of entries, done once and as committed.

`reindex_as_committed`: CKAN indexes an entry before its transaction commits, and a job that reads
and indexes the same entry meanwhile (a scan settling, a DataStore load: the DataStore reindexes the
entry itself) would write the entry as it was before into the index — a publication undone in
search. Holding the entry's row first waits for a commit in flight.

`index_new_entries_once`: CKAN's commit hook indexes an entry created in the transaction as new,
then again as changed through each of its own new rows (resources, tags, extras) — two
package_show calls and two Solr documents for one entry (35% of a first harvest's time). Both
are made from the same flushed state, so the second adds nothing: the rows that only concern
entries new in this transaction are left out of the notification. Only while CKAN's search
indexing is the sole observer of these notifications (another observer still gets them all)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins as p
from ckan.lib import search

__all__ = ["reindex_as_committed", "index_new_entries_once"]


def reindex_as_committed(package_id: str) -> None:
    """Index the entry as committed, holding its row (waits for a publication being committed)."""
    model.Session.execute(sa.text("SELECT 1 FROM package WHERE id = :id FOR NO KEY UPDATE"), {"id": package_id})
    model.Session.expire_all()
    search.rebuild(package_id)


def _only_search_observes() -> bool:
    return all(isinstance(observer, search.SynchronousSearchPlugin)
               for observer in p.PluginImplementations(p.IDomainObjectModification))


def _only_about(obj: Any, new_ids: set[str]) -> bool:
    """A row (not an entry) whose entries are all new in this transaction."""
    if isinstance(obj, model.Package) or not hasattr(obj, "related_packages"):
        return False
    try:
        related = obj.related_packages()
    except Exception:  # a row whose entry is gone: let CKAN deal with it as it does
        return False
    return bool(related) and all(package is not None and package.id in new_ids for package in related)


def _skip_repeated_index(session: Any) -> None:
    """Before CKAN's own before_commit hook: drop the rows that would only index a new entry again."""
    if not getattr(session, "_object_cache", None) or not _only_search_observes():
        return
    session.flush()
    cache = session._object_cache
    new_ids = {obj.id for obj in cache["new"] if isinstance(obj, model.Package)}
    if new_ids:
        for kind in ("new", "changed", "deleted"):
            cache[kind] = {obj for obj in cache[kind] if not _only_about(obj, new_ids)}


def index_new_entries_once() -> None:
    """Index an entry created in a transaction once at its commit (idempotent)."""
    if not sa.event.contains(model.Session, "before_commit", _skip_repeated_index):
        sa.event.listen(model.Session, "before_commit", _skip_repeated_index, insert=True)
