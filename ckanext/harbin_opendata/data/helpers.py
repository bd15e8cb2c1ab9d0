"""Template helpers of the DataStore area: what the reader may have of an entry's loaded tables."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins.toolkit as tk

from ..common.views import view_context
from .api_examples import table_api
from .consistency import describe, entry_mismatches
from .downloads import FORMATS
from .failures import failure_of

__all__ = ["harbin_data_table", "harbin_data_tables", "harbin_data_formats", "harbin_data_api",
           "harbin_data_failure", "harbin_data_mismatches"]

# the order offered on pages: what most readers want first
_OFFERED = ("csv", "xlsx", "json", "xml", "tsv")


def harbin_data_formats() -> list[tuple[str, str]]:
    """(format, label) of the downloads offered for a loaded table."""
    return [(fmt, fmt.upper()) for fmt in _OFFERED if fmt in FORMATS]


def harbin_data_table(resource: dict[str, Any]) -> Optional[dict[str, Any]]:
    """The loaded table of a resource as the current reader may have it ("id", "name", "fields"
    without "_id", "total" rows, "size" in bytes), or None (not loaded, or not for this reader)."""
    if not resource.get("datastore_active"):
        return None
    try:
        info = tk.get_action("datastore_info")(view_context(), {"id": resource["id"]})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return None
    fields = [{"id": field["id"], "type": field["type"]} for field in info["fields"] if not field["id"].startswith("_")]
    meta = info.get("meta") or {}
    return {"id": resource["id"], "name": resource.get("name") or resource["id"], "fields": fields,
            "total": meta.get("count"), "size": meta.get("size")}


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
            for table in entry_mismatches(package)]
