"""The first rows of a CSV or XLSX resource, for the public to look before downloading."""
from __future__ import annotations

import itertools
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.downloads import FileError, declared_kind, local_copy
from ..privacy.reader import UnreadableTable
from ..privacy.tables import sheets

__all__ = ["first_rows", "PREVIEW_FORMATS"]

PREVIEW_FORMATS = {"csv", "tsv", "txt", "xlsx"}


def first_rows(resource_id: str) -> dict[str, Any]:
    """{"header", "rows", "more", "sheet", "error"}: the first sheet's first rows; only the
    beginning of a large CSV file is read."""
    limit = tk.config["ckanext.harbin_opendata.preview.rows"]
    resource = model.Resource.get(resource_id)
    kind = declared_kind(resource)
    # A workbook must be read whole (it is a zip file); of a CSV file the first part is enough.
    max_bytes = tk.config["ckanext.harbin_opendata.preview.max_bytes"]
    try:
        with local_copy(resource, max_bytes, tk.config["ckanext.harbin_opendata.preview.timeout"],
                        truncate=kind != "xlsx") as path:
            for sheet in sheets(path, kind):
                rows = list(itertools.islice(sheet.rows, limit + 1))
                return {"header": sheet.header, "rows": rows[:limit], "more": len(rows) > limit,
                        "sheet": sheet.name, "error": None}
    except FileError as error:
        return {"error": error.code}
    except UnreadableTable:
        return {"error": "unreadable"}
    return {"error": "empty"}
