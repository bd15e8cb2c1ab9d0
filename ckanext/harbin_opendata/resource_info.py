"""The resource page's additional-information rows that CKAN builds from field keys ("Has views",
"Datastore active", ...): translated labels, readable values, internal bookkeeping left out."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

__all__ = ["resource_extras"]

# Bookkeeping that says nothing to a reader (or, like tracking's counts, is not text at all).
_HIDDEN = {"package_id", "position", "state", "cache_url", "cache_last_updated", "tracking_summary",
           "created", "metadata_modified", "last_modified", "format", "name", "description", "url"}


def _labels() -> dict[str, str]:
    return {
        "id": tk._("Resource ID"),
        "has_views": tk._("Has previews"),
        "datastore_active": tk._("In the DataStore"),
        "mimetype": tk._("Media type"),
        "mimetype_inner": tk._("Media type inside the archive"),
        "size": tk._("File size"),
        "hash": tk._("Checksum"),
        "url_type": tk._("Kind of link"),
        "resource_type": tk._("Resource type"),
    }


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return tk._("Yes") if value else tk._("No")
    if key == "url_type" and value == "upload":
        return tk._("File stored on the platform")
    return value


def resource_extras(resource: dict[str, Any]) -> list[tuple[str, Any]]:
    """(label, value) rows for the fields CKAN lists after the fixed ones; empty values left out,
    values formatted as CKAN does (dates, numbers, file size), unknown keys as CKAN labels them."""
    labels = _labels()
    rows = []
    for key, value in resource.items():
        formatted = tk.h.format_resource_items([(key, value)]) if key not in _HIDDEN else []
        if not formatted:  # hidden, or empty
            continue
        shown = _value(key, value) if isinstance(value, bool) or key == "url_type" else formatted[0][1]
        rows.append((labels.get(key) or formatted[0][0].capitalize(), shown))
    return sorted(rows, key=lambda row: row[0])
