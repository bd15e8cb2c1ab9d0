"""Pages of the DataStore area: a loaded table downloaded in every format, named after its entry.
Whoever may not read the table (hidden, withheld original, 有条件开放 without a grant) gets 404, as
CKAN's own dump answers, never rows; the access area's guard answers 403 with its reason first."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.views import view_context
from ..security_headers import attachment_disposition
from .downloads import FORMATS, ascii_name, download_name, file_chunks, table_fields, text_chunks, xlsx_file

__all__ = ["harbin_data"]

harbin_data = Blueprint("harbin_data", __name__)

# datastore_search's and /datastore/dump's row parameters: this download gives the whole table, so a
# reader who asked for some rows is told where to ask instead of silently getting all of them.
_ROW_PARAMETERS = ("filters", "q", "sort", "fields", "limit", "offset", "distinct", "plain", "language")


def download(resource_id: str) -> Any:
    """/datastore/download/<resource_id>?format=csv|xlsx|json|xml|tsv: the whole table."""
    fmt = (tk.request.args.get("format") or "csv").lower()
    if fmt not in FORMATS:
        tk.abort(400, tk._("Unknown download format {format}: choose one of {formats}.").format(
            format=fmt[:20], formats=", ".join(FORMATS)))
    asked = [name for name in _ROW_PARAMETERS if name in tk.request.args]
    if asked:
        tk.abort(400, tk._("This download gives the whole table and does not take {parameters}: to choose rows "
                           "or columns use /datastore/dump/{id} or the API's datastore_search.").format(
            parameters=", ".join(asked), id=resource_id[:64]))
    user = view_context()["user"]
    resource = model.Resource.get(resource_id)
    try:
        fields = table_fields(user, resource_id)
    except (tk.ObjectNotFound, tk.NotAuthorized):
        resource = None
    if resource is None or resource.package is None:
        tk.abort(404, tk._("This resource has no table to download."))
    disposition = attachment_disposition(download_name(resource, fmt), ascii_name(resource, fmt))
    headers = {"Content-Disposition": disposition, "Content-Type": FORMATS[fmt]}
    if fmt == "xlsx":
        body: Any = file_chunks(xlsx_file(user, resource_id, fields, resource.package.title or ""))
    else:
        body = text_chunks(user, resource_id, fields, fmt)
    return Response(body, headers=headers)


harbin_data.add_url_rule("/datastore/download/<resource_id>", view_func=download)


def api_guide() -> str:
    """/api-guide: the platform's API for developers, in the reader's language."""
    return tk.render("harbin_data/api_guide.html")


harbin_data.add_url_rule("/api-guide", view_func=api_guide)
