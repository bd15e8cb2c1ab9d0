"""Template helpers of the DataStore area: what the reader may have of an entry's loaded tables."""
from __future__ import annotations

from typing import Any, Callable, Optional

import ckan.plugins.toolkit as tk
from flask import g, has_request_context

from ..common.views import view_context
from .api_examples import table_api
from .consistency import describe, entry_mismatches
from .downloads import FORMATS
from .failures import failure_of

__all__ = ["harbin_data_table", "harbin_data_tables", "harbin_data_formats", "harbin_data_api", "harbin_data_exact_total",
           "harbin_data_failure", "harbin_data_mismatches", "harbin_data_finding", "datastore_dictionary"]

# the order offered on pages: what most readers want first
_OFFERED = ("csv", "xlsx", "json", "xml", "tsv")


def harbin_data_formats() -> list[tuple[str, str]]:
    """(format, label) of the downloads offered for a loaded table."""
    return [(fmt, fmt.upper()) for fmt in _OFFERED if fmt in FORMATS]


def harbin_data_exact_total() -> int:
    """Up to how many rows a Chinese search's total is counted exactly (data/search_total.py)."""
    return tk.config["ckanext.harbin_opendata.data.search.exact_total_up_to"]


def harbin_data_table(resource: dict[str, Any]) -> Optional[dict[str, Any]]:
    """The loaded table of a resource as the current reader may have it ("id", "name", "fields"
    without "_id", "total" rows, "size" in bytes), or None (not loaded, or not for this reader)."""
    if not resource.get("datastore_active"):
        return None
    info = _table_info(resource["id"])
    if info is None:
        return None
    fields = [{"id": field["id"], "type": field["type"]} for field in info["fields"] if not field["id"].startswith("_")]
    meta = info.get("meta") or {}
    return {"id": resource["id"], "name": resource.get("name") or resource["id"], "fields": fields,
            "total": meta.get("count"), "size": meta.get("size")}


@tk.chained_helper
def datastore_dictionary(next_helper: Callable[..., list[dict[str, Any]]], resource_id: str,
                         include_columns: Optional[list[str]] = None) -> list[dict[str, Any]]:
    """The DataStore's data dictionary helper, from the table this request already read."""
    if not has_request_context():
        return next_helper(resource_id, include_columns)
    info = _table_info(resource_id)
    return [field for field in (info or {}).get("fields", []) if not field["id"].startswith("_")
            and (include_columns is None or field["id"] in include_columns)]


def _table_info(resource_id: str) -> Optional[dict[str, Any]]:
    """datastore_info of the table for the current reader (None: no table, or not for them), once per
    request: the download button, the data dictionary, the table view's snippet and its template
    all ask on one resource page, and the reader does not change within a request."""
    if not has_request_context():
        return _read_info(resource_id)
    memo: dict[str, Optional[dict[str, Any]]] = g.setdefault("harbin_data_tables", {})
    if resource_id not in memo:
        memo[resource_id] = _read_info(resource_id)
    return memo[resource_id]


def _read_info(resource_id: str) -> Optional[dict[str, Any]]:
    try:
        return tk.get_action("datastore_info")(view_context(), {"id": resource_id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return None


def harbin_data_tables(package: dict[str, Any]) -> list[dict[str, Any]]:
    """The entry's loaded tables the current reader may query."""
    return [table for table in map(harbin_data_table, package.get("resources") or []) if table]


def harbin_data_api(package: dict[str, Any]) -> list[dict[str, Any]]:
    """接口调用 of each table of the entry the current reader may query: the table (as
    harbin_data_table gives it) under "table", its endpoint, columns and examples (api_examples)."""
    return [{**table_api(package, table), "table": table} for table in harbin_data_tables(package)]


def harbin_data_failure(resource_id: str) -> Optional[dict[str, Any]]:
    """The last failed load of the resource's table ("message" in the reader's language, "time"),
    or None; templates show it only to those who may edit the entry."""
    return failure_of(resource_id)


def harbin_data_mismatches(package: dict[str, Any]) -> list[dict[str, Any]]:
    """Where the entry's loaded tables differ from its declared data items: per table, "resource"
    and "messages" (in the reader's language). Reads every table whoever asks: for pages of
    the agency and the reviewers only (the review page)."""
    return [{"resource": table["resource"], "messages": [describe(found) for found in table["mismatches"]]}
            for table in entry_mismatches(package, with_cells=True)]


def harbin_data_finding(finding: dict[str, Any]) -> str:
    """One finding of the catalog-against-data check (as a correction request keeps it in its
    details) in the reader's language."""
    return describe(finding)
