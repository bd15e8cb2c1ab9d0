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
indexing is the sole observer of these notifications (another observer still gets them all).

`batched_new_entries` / `index_entries`: a bulk import (a harvest) leaves its new entries out of
their commits' indexing and sends them to Solr together, one add for a batch (one HTTP request and
one document build each instead of a request per entry). Only new entries wait: nothing of theirs
is in the index yet, so until their batch is sent they are absent from search, never shown as they
were before. An entry Solr does not take stays in the database and is reported to the caller;
`unindexed` finds those a process that died before sending its batch left out.

`batch_read`: while a batch's documents are built, a before_dataset_index hook that reads the same
rows for each entry (view counts, privacy states) reads them once for the whole batch."""
from __future__ import annotations

import contextlib
import contextvars
import socket
from typing import Any, Callable, Iterator, Optional

import pysolr
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib import search
from ckan.lib.search import index as search_index

from . import saved_dicts

__all__ = ["reindex_as_committed", "index_new_entries_once", "batched_new_entries", "index_entries", "unindexed",
           "batch_read"]

_BATCH: contextvars.ContextVar[Optional[list[str]]] = contextvars.ContextVar("harbin_index_batch", default=None)
_DOCS: contextvars.ContextVar[Optional[list[dict]]] = contextvars.ContextVar("harbin_index_docs", default=None)
# the entries whose documents index_entries is building, and what hooks read for all of them
_INDEXING: contextvars.ContextVar[Optional[tuple[frozenset[str], dict[str, Any]]]] = \
    contextvars.ContextVar("harbin_indexing", default=None)


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
    if isinstance(obj, model.Member):  # its related_packages() is the entry it names, by a query
        return obj.table_name == "package" and obj.table_id in new_ids
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
        batch = _BATCH.get()
        for kind in ("new", "changed", "deleted"):
            cache[kind] = {obj for obj in cache[kind] if not _only_about(obj, new_ids)
                           and not (batch is not None and isinstance(obj, model.Package) and obj.id in new_ids)}
        if batch is not None:
            batch.extend(new_ids)


def index_new_entries_once() -> None:
    """Index an entry created in a transaction once at its commit (idempotent)."""
    if not sa.event.contains(model.Session, "before_commit", _skip_repeated_index):
        sa.event.listen(model.Session, "before_commit", _skip_repeated_index, insert=True)


@contextlib.contextmanager
def batched_new_entries(unread: tuple[type, ...] = ()) -> Iterator[list[str]]:
    """Within the block, entries created are not indexed at their commit: the ids of those
    committed are collected in the list yielded, for index_entries(). An entry's last read as it
    was saved (ckanext-activity's) stands for its read to be indexed (saved_dicts; `unread`: the
    classes of rows naming an entry that its read does not include)."""
    token = _BATCH.set([])
    try:
        with saved_dicts.keeping_new_entries(unread):
            yield _BATCH.get()
    finally:
        _BATCH.reset(token)


class _Collector:
    """Stands in for the Solr connection while documents are built: keeps what would be added."""

    def add(self, docs: list[dict], **_: Any) -> None:
        _DOCS.get().extend(docs)  # type: ignore[union-attr]

    def delete(self, **_: Any) -> None:
        """An entry deleted before its batch was sent: a new entry, nothing of it in the index."""


def _collecting(make_connection: Any) -> Any:
    def make_collecting_connection(*args: Any, **kwargs: Any) -> Any:
        return _Collector() if _DOCS.get() is not None else make_connection(*args, **kwargs)

    make_collecting_connection.harbin_collects = True  # type: ignore[attr-defined]
    return make_collecting_connection


def _documents(package_id: str) -> list[dict]:
    """The Solr documents CKAN's indexing makes of the entry (the same package_show and hooks)."""
    if not getattr(search_index.make_connection, "harbin_collects", False):  # also over ops' failover
        search_index.make_connection = _collecting(search_index.make_connection)
    # the view counts are read once, by harbin_tracking's before_dataset_index, not also by the show
    with saved_dicts.reusing():
        package = tk.get_action("package_show")({"ignore_auth": True, "validate": False, "use_cache": False},
                                                {"id": package_id, "include_tracking": False})
    token = _DOCS.set([])
    try:
        search.index_for(model.Package).index_package(package)
        return _DOCS.get() or []
    finally:
        _DOCS.reset(token)


def batch_read(package_id: str, key: str, read: Callable[[list[str]], Any]) -> Any:
    """While index_entries builds the documents of a batch that holds the entry: `read(the batch's
    entry ids)`, read once per batch and `key`, for a before_dataset_index hook that would read the
    same rows for each entry. None otherwise (the hook reads the entry's own rows)."""
    indexing = _INDEXING.get()
    if indexing is None or package_id not in indexing[0]:
        return None
    ids, reads = indexing
    if key not in reads:
        reads[key] = read(sorted(ids))
    return reads[key]


def _add(docs: list[dict]) -> None:
    if not docs:
        return
    try:
        search_index.make_connection().add(docs=docs, commit=bool(tk.config.get("ckan.search.solr_commit")))
    except (pysolr.SolrError, socket.error) as error:
        raise search.SearchIndexError(f"Solr: {str(error)[:500]}") from error


def index_entries(package_ids: list[str]) -> dict[str, str]:
    """Index the committed entries with one Solr add (committed as ckan.search.solr_commit says);
    when Solr refuses it, one add per entry. Returns {entry id: error} for the entries that are not
    in the index (they stay in the database). The entries' rows are held meanwhile, so a job
    changing one (a scan withholding a file) indexes after this, not before with older data."""
    ids = list(dict.fromkeys(package_ids))
    if not ids:
        return {}
    model.Session.expire_all()
    # the rows held and read in one statement, their extras in another: each entry's show and
    # index hooks find them loaded
    held = model.Session.query(model.Package).options(selectinload(model.Package._extras)) \
        .filter(model.Package.id.in_(ids)).with_for_update(key_share=True).all()
    failed: dict[str, str] = {}
    documents: dict[str, list[dict]] = {}
    token = _INDEXING.set((frozenset(package.id for package in held), {}))
    try:
        for package_id in ids:
            try:
                documents[package_id] = _documents(package_id)
            except tk.ObjectNotFound:
                continue  # its transaction did not commit: nothing to index
            except Exception as error:  # CKAN's own indexing would have refused the entry's commit
                failed[package_id] = f"{type(error).__name__}: {error}"
        try:
            _add([doc for docs in documents.values() for doc in docs])
        except search.SearchIndexError:
            for package_id, docs in documents.items():
                try:
                    _add(docs)
                except search.SearchIndexError as error:
                    failed[package_id] = str(error)
    finally:
        _INDEXING.reset(token)
        saved_dicts.forget()
        model.Session.commit()  # releases the rows
    return failed


def unindexed(package_ids: list[str], chunk: int = 500) -> list[str]:
    """The entries (not deleted) of `package_ids` that have no document in the search index."""
    ids = [row[0] for row in model.Session.query(model.Package.id).filter(
        model.Package.id.in_(list(dict.fromkeys(package_ids))), model.Package.state != "deleted")]
    site = tk.config["ckan.site_id"]
    missing: list[str] = []
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        found = search_index.make_connection().search(
            "*:*", fq=f'+site_id:"{site}" +entity_type:package +id:(' + " OR ".join(f'"{i}"' for i in part) + ")",
            fl="id", rows=len(part))
        indexed = {doc["id"] for doc in found.docs}
        missing += [package_id for package_id in part if package_id not in indexed]
    return missing
