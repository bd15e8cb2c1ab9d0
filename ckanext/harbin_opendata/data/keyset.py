"""Paging a table by its `_id` (keyset) instead of OFFSET: `filters: {"_id_after": N}` keeps the rows
whose `_id` is above N, so that page k of a large table costs what page 1 costs (OFFSET reads and
drops every row before the page: a full dump in pages was quadratic). It is a filter of
datastore_search itself, so whoever pages this way passes the same auth functions (hidden, withheld,
有条件开放) as any search; datastore_search's own filters only test equality. The downloads page
this way; API users may too (sort by `_id`, then ask for the rows after the last `_id` seen).

A deep page of the whole table by OFFSET (the API's `offset`, the table view's page numbers) is
answered the same way (`deep_page`): the `_id` the page starts at is found in the `_id` index alone
(all-visible after the load's VACUUM), and the page is read from there, instead of reading and
dropping every row before it (OFFSET 900,000 of 1,000,000 rows: the planner sorted the whole table).
The rows and the total are those OFFSET gave."""
from __future__ import annotations

from typing import Any

from ckan.types import Context

__all__ = ["AFTER", "DEEP_OFFSET", "validate", "where", "deep_page"]

DEEP_OFFSET = 10000  # from this offset on, deep_page
# the sort of a page of the whole table (CKAN's clause text; none is by _id) -> the page's first _id
# compared with the one found at the offset, and the index's direction
_BY_ID = {(): (">=", ""), ('"_id" asc',): (">=", ""), ('"_id" desc',): ("<=", " DESC")}
AFTER = "_id_after"  # no column's name: the DataStore refuses names that start with "_"


def validate(context: Context, data_dict: dict[str, Any], fields_types: dict[str, str]) -> dict[str, Any]:
    """IDatastore.datastore_validate: a whole number ≥ 0 is understood (anything else stays, and
    the DataStore answers `filters: invalid value "_id_after"`)."""
    filters = data_dict.get("filters")
    if isinstance(filters, dict) and _after(filters) is not None:
        del filters[AFTER]
    return data_dict


def where(context: Context, data_dict: dict[str, Any], fields_types: dict[str, str],
          query_dict: dict[str, Any]) -> dict[str, Any]:
    """IDatastore.datastore_search / datastore_delete: `"_id" > N` added to the query's conditions."""
    filters = data_dict.get("filters")
    after = _after(filters) if isinstance(filters, dict) else None
    if after is not None:
        query_dict.setdefault("where", []).append(('"_id" > :harbin_id_after', {"harbin_id_after": after}))
    return query_dict


def _after(filters: dict[str, Any]) -> Any:
    value = filters.get(AFTER)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def deep_page(context: Context, data_dict: dict[str, Any], query_dict: dict[str, Any]) -> dict[str, Any]:
    """IDatastore.datastore_search, after every other condition: a page at OFFSET >= DEEP_OFFSET of
    the whole table in `_id` order (no filter, no search, not distinct) starts at the `_id` found at
    that offset in the index (see the module); its total is the table's rows, counted first."""
    from ckanext.datastore.backend.postgres import identifier

    from . import search_total

    offset, by_id = query_dict.get("offset"), _BY_ID.get(tuple(query_dict.get("sort") or ()))
    if (not isinstance(offset, int) or offset < DEEP_OFFSET or by_id is None or query_dict.get("where")
            or query_dict.get("ts_query") or query_dict.get("distinct")
            or data_dict.get("total_estimation_threshold") is not None):
        return query_dict
    table = identifier(data_dict["resource_id"])
    search_total.count_table(context, data_dict, table)
    comparison, direction = by_id
    query_dict["where"].append((f'"_id" {comparison} (SELECT "_id" FROM {table} ORDER BY "_id"{direction} '
                                f'OFFSET :harbin_skip LIMIT 1)', {"harbin_skip": offset}))
    query_dict["offset"] = 0
    return query_dict
