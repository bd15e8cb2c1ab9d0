"""CKAN's /datastore/dump/<resource_id> (and the table view's filtered download, which redirects
there) with the CSV and TSV text cells neutralised as in every other file the portal writes for
Excel (text_cells.py); JSON and XML answered by CKAN as they are, exact."""
from __future__ import annotations

import functools
from typing import Any, Callable

import ckan.plugins.toolkit as tk

from ..common.views import view_context
from .downloads import table_fields
from .text_cells import neutral_chunks

__all__ = ["take_over"]

_ENDPOINT = "datastore.dump"


def _neutral(dump: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(dump)
    def neutral_dump(resource_id: str) -> Any:
        response = dump(resource_id)  # CKAN's checks (404, 400) and its first page
        fmt = tk.request.args.get("format", "csv")
        if fmt in ("csv", "tsv") and getattr(response, "status_code", 0) == 200:
            kinds = {field["id"]: field["type"] for field in table_fields(view_context()["user"], resource_id)}
            response.response = neutral_chunks(response.response, {**kinds, "_id": "int"}, tsv=fmt == "tsv")
        return response

    return neutral_dump


def take_over(app: Any) -> None:
    """Answer CKAN's dump address with its own view, the CSV/TSV neutralised (when datastore is loaded)."""
    if _ENDPOINT in app.view_functions:
        app.view_functions[_ENDPOINT] = _neutral(app.view_functions[_ENDPOINT])
