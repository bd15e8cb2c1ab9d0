"""The first rows of a tabular resource, for the public to look before downloading: the suite's
tabular reader as the scan reads (header found among title rows, tables stacked in a sheet apart) over at most preview.max_bytes of the file, with a
small bound on what a packed file may unpack to (the preview runs inside the web request)."""
from __future__ import annotations

import itertools
import os
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.downloads import FileError, local_copy
from ..common.tabular import Limits, TableError, sniff, tables_as_scanned
from ..common.tabular.sniff import TEXT

__all__ = ["first_rows", "PREVIEW_FORMATS"]

PREVIEW_FORMATS = {"csv", "tsv", "txt", "xlsx", "xls", "ods", "json"}


def _preview(path: str, limit: int, truncated: bool) -> dict[str, Any]:
    if truncated and sniff(path) != TEXT:  # a packed file cut short cannot be read
        return {"error": "too_large"}
    limits = Limits(max_unpacked_bytes=tk.config["ckanext.harbin_opendata.preview.max_unpacked_bytes"])
    for table in tables_as_scanned(path, limits):  # a sheet's first stacked table only, as the scan reads it
        below = table.rows() if table.confident else table.all_rows()  # the footer is no data row
        rows = list(itertools.islice(below, limit + 1))
        header = table.header if table.confident else []
        return {"header": header, "rows": rows[:limit], "more": len(rows) > limit, "sheet": table.name,
                "error": None}
    return {"error": "empty"}


def first_rows(resource_id: str) -> dict[str, Any]:
    """{"header", "rows", "more", "sheet", "error"}: the first table's first rows."""
    max_bytes = tk.config["ckanext.harbin_opendata.preview.max_bytes"]
    resource = model.Resource.get(resource_id)
    try:
        with local_copy(resource, max_bytes, tk.config["ckanext.harbin_opendata.preview.timeout"],
                        truncate=True, as_scanned=True) as path:
            return _preview(path, tk.config["ckanext.harbin_opendata.preview.rows"],
                            os.path.getsize(path) >= max_bytes)
    except FileError as error:
        return {"error": error.code}
    except TableError as error:
        return {"error": "too_large" if error.code in ("unpacked_too_large", "packed_too_densely") else "unreadable"}
