"""Paging a table by its `_id` (keyset) instead of OFFSET: `filters: {"_id_after": N}` keeps the rows
whose `_id` is above N, so that page k of a large table costs what page 1 costs (OFFSET reads and
drops every row before the page: a full dump in pages was quadratic). It is a filter of
datastore_search itself, so whoever pages this way passes the same auth functions (hidden, withheld,
有条件开放) as any search; datastore_search's own filters only test equality. The downloads page
this way; API users may too (sort by `_id`, then ask for the rows after the last `_id` seen)."""
from __future__ import annotations

from typing import Any

from ckan.types import Context

__all__ = ["AFTER", "validate", "where"]

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
