"""Search answers only what the database holds: a result the index calls public whose entry the
database keeps private, deleted or never had is left out.

CKAN indexes an entry before its transaction commits, so a publication whose commit failed (a
process killed in between) leaves a public document of an unreviewed entry, and a creation whose
commit failed leaves a document of an entry that does not exist. The scheduler's search check
(ops/search_check.py) repairs the index within minutes; until then every search (the pages, the
API, the DCAT catalog) is checked against the entries' rows, one light query per answer (shared
with the access area's check: common/entry_rows.py)."""
from __future__ import annotations

import logging
from typing import Any, Optional

from ..common.entry_rows import entry_rows
from ..common.search_results import stored_dicts

__all__ = ["drop_uncommitted_results"]

log = logging.getLogger(__name__)


def _claim(result: Any) -> tuple[Optional[str], Optional[bool]]:
    """(entry id, whether the index calls it public — None when the result does not say)."""
    if not isinstance(result, dict):
        return None, None
    if isinstance(result.get("id"), str) and "private" in result:
        return result["id"], result["private"] is False
    for _key, blob in stored_dicts(result):
        if isinstance(blob.get("id"), str):
            return blob["id"], blob.get("private") is False if "private" in blob else None
    return (result["id"], None) if isinstance(result.get("id"), str) else (None, None)


def drop_uncommitted_results(search_results: dict[str, Any]) -> dict[str, Any]:
    results = search_results.get("results")
    if not results:
        return search_results
    claims = [_claim(result) for result in results]
    ids = [entry_id for entry_id, _public in claims if entry_id]
    if not ids:
        return search_results
    rows = {entry_id: row.private for entry_id, row in entry_rows(ids).items() if row.state != "deleted"}
    dropped = {entry_id for entry_id, public in claims
               if entry_id and (entry_id not in rows or (public and rows[entry_id]))}
    if dropped:
        log.warning("Search results the database does not hold (index out of date, repaired by the search check): %s",
                    ", ".join(sorted(dropped)))
        search_results["results"] = [result for result, (entry_id, _public) in zip(results, claims) if entry_id not in dropped]
        if isinstance(search_results.get("count"), int):
            search_results["count"] = max(0, search_results["count"] - (len(results) - len(search_results["results"])))
    return search_results
