"""The search index agrees with the database: `ckan harbin search check`, run by the scheduler.

CKAN sends an entry to Solr before its transaction commits (ckan/model/modification.py). A process
killed in between (a web node's worker restarted at its timeout, a worker killed for memory), or a
commit that fails afterwards, leaves the index saying what the database never kept: an entry that
does not exist (a search hit leading to a 404), or a publication that was rolled back — a private,
unreviewed entry's title and abstract in the public search results. A deletion rolled back leaves
an entry absent from search. `differences` compares each document with its entry's row (exists and
not deleted, state, private, metadata_modified) and finds documents written by an older version of
the suite's indexing (common/index_format.py: an upgrade that takes something out of the public's
search, such as a conditional entry's examples, holds for entries indexed before it too);
`repair` indexes those entries as committed and removes the documents of entries that are not there.

A document written in the last `grace` seconds is left alone: its transaction may still be
committing (no web request outlives deploy.web_timeout). An entry without a document needs no
grace: indexing it holds its row, so a deletion being committed is waited for."""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any, Iterator, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search
from ckan.lib.search import index as search_index

from ..common import index_format
from ..common.indexing import reindex_as_committed

__all__ = ["Differences", "differences", "repair", "grace_seconds"]

log = logging.getLogger(__name__)
_PAGE = 5000


@dataclasses.dataclass
class Differences:
    ghosts: list[str] = dataclasses.field(default_factory=list)   # documents of entries not in the database
    missing: list[str] = dataclasses.field(default_factory=list)  # entries (not deleted) without a document
    stale: list[str] = dataclasses.field(default_factory=list)    # documents disagreeing with the entry's row
    outdated: list[str] = dataclasses.field(default_factory=list)  # documents written by an older indexing
    documents: int = 0
    entries: int = 0

    def __bool__(self) -> bool:
        return bool(self.ghosts or self.missing or self.stale or self.outdated)


def grace_seconds() -> int:
    return tk.config["ckanext.harbin_opendata.search_check.grace_seconds"]


def _solr_time(value: Optional[str]) -> dt.datetime:
    """A date of a document as Solr wrote it (CKAN's decoding of dates drops the milliseconds)."""
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None) if value else dt.datetime.min


def _to_milliseconds(value: dt.datetime) -> dt.datetime:
    return value.replace(microsecond=value.microsecond // 1000 * 1000)  # what Solr keeps of a date


def _documents(only: str = "") -> Iterator[dict[str, Any]]:
    """Every entry document of this site (cursor paging: constant memory per page), or those `only`
    (a Solr filter) selects."""
    connection, cursor = search_index.make_connection(decode_dates=False), "*"
    query = {"fq": f'+site_id:"{tk.config["ckan.site_id"]}" +entity_type:package {only}'.strip(),
             "fl": "id,state,capacity,metadata_modified,indexed_ts", "rows": _PAGE, "sort": "index_id asc"}
    while True:
        page = connection.search("*:*", cursorMark=cursor, **query)
        yield from page.docs
        if not page.nextCursorMark or page.nextCursorMark == cursor:
            return
        cursor = page.nextCursorMark


def _rows() -> dict[str, tuple[str, str, dt.datetime]]:
    """{entry id: (state, capacity, metadata_modified)} of every entry not deleted."""
    query = model.Session.query(model.Package.id, model.Package.state, model.Package.private,
                                model.Package.metadata_modified).filter(model.Package.state != "deleted")
    try:
        return {id_: (state, "private" if private else "public", modified) for id_, state, private, modified in query}
    finally:
        model.Session.commit()


def differences(grace: int) -> Differences:
    """Compare the index with the entries' rows, leaving alone documents younger than `grace` s."""
    rows, found = _rows(), Differences()
    settled_before = dt.datetime.utcnow() - dt.timedelta(seconds=grace)
    outdated = {document["id"] for document in _documents(index_format.other_formats_query())}
    seen: set[str] = set()
    for document in _documents():
        found.documents += 1
        seen.add(document["id"])
        if _solr_time(document["indexed_ts"]) > settled_before:
            continue
        row = rows.get(document["id"])
        if row is None:
            found.ghosts.append(document["id"])
        elif (document.get("state"), document.get("capacity")) != row[:2] or \
                _solr_time(document.get("metadata_modified")) != _to_milliseconds(row[2]):
            found.stale.append(document["id"])
        elif document["id"] in outdated:
            found.outdated.append(document["id"])
    found.missing = sorted(set(rows) - seen)
    found.entries = len(rows)
    return found


def _reindex(package_id: str, failed: dict[str, str]) -> None:
    try:
        reindex_as_committed(package_id)  # a deleted entry's document is removed
        model.Session.commit()
    except Exception as error:  # noqa: BLE001 - Solr refused it, or it was purged meanwhile: reported
        model.Session.rollback()
        failed[package_id] = f"{type(error).__name__}: {str(error)[:300]}"


def repair(found: Differences) -> dict[str, str]:
    """Index the missing and stale entries as committed, remove the ghosts' documents.
    Returns {entry id: error} for those not repaired."""
    failed: dict[str, str] = {}
    for package_id in found.missing + found.stale + found.outdated:
        _reindex(package_id, failed)
    indexer = search.index_for(model.Package)
    for package_id in found.ghosts:
        if model.Session.query(model.Package.id).filter(model.Package.id == package_id).first():
            _reindex(package_id, failed)  # deleted, or created meanwhile: indexed as committed
            continue
        try:
            indexer.delete_package({"id": package_id})
        except search.SearchIndexError as error:
            failed[package_id] = str(error)
    model.Session.commit()
    search.commit()
    return failed
