"""POST /datatables/ajax/<view id>: the rows CKAN's table view (datatables_view) shows, answered
here in place of CKAN's own view of that address, which did int() on the posted values (`draw=abc`
answered 500) and replaced every character outside ASCII by a wildcard before searching (a Chinese
search found nothing). Bad input: 400 with the reason in the reader's language; the answer is
otherwise CKAN's (DataTables' JSON), a Chinese search going to the substring search (substring.py)."""
from __future__ import annotations

import json
import re
from html import escape
from typing import Any, Callable

from werkzeug.datastructures import MultiDict

import ckan.plugins.toolkit as tk
from ckan.lib.helpers import decode_view_request_filters
from ckanext.datatablesview.blueprint import merge_filters

from .substring import is_substring_query

__all__ = ["BadForm", "ajax", "take_over"]

MAX_SEARCH = 200  # characters of one search box


class BadForm(ValueError):
    """A posted value DataTables would not send: its message is shown to the reader."""


def _whole(form: MultiDict, name: str, low: int, high: int) -> int:
    text = form.get(name)
    if text is None or not re.fullmatch(r"\s*-?\d{1,9}\s*", text) or not low <= int(text) <= high:
        raise BadForm(tk._("{name} must be a whole number from {low} to {high}.").format(name=name, low=low, high=high))
    return int(text)


def _text(form: MultiDict, name: str) -> str:
    text = form.get(name, "")
    if len(text) > MAX_SEARCH:
        raise BadForm(tk._("A search may have at most {n} characters.").format(n=MAX_SEARCH))
    return text


def _full_text(text: str) -> str:
    """CKAN's prefix search for ASCII text (`term:*`); other text as typed (substring search)."""
    return text if not text.isascii() else re.sub(r"[^0-9a-zA-Z\-]+", "_", text) + ":*"


def _sort(form: MultiDict, columns: list[str]) -> list[str]:
    sort, n = [], 0
    while f"order[{n}][column]" in form:
        column = columns[_whole(form, f"order[{n}][column]", 0, len(columns) - 1)]
        direction = form.get(f"order[{n}][dir]", "asc")
        if direction not in ("asc", "desc"):
            raise BadForm(tk._("A sort direction is asc or desc."))
        sort.append(f'"{column}" {direction}')
        n += 1
    return sort


def _query(form: MultiDict, columns: list[str]) -> Any:
    """datastore_search's `q`: the column searches (a dict), else the search box's text."""
    searched, n = {}, 0
    while f"columns[{n}][search][value]" in form:
        text = _text(form, f"columns[{n}][search][value]")
        if text:
            name = form.get(f"columns[{n}][name]", "")
            if name not in columns:
                raise BadForm(tk._("There is no column {name} in this table.").format(name=name[:50]))
            searched[name] = text
        n += 1
    text = _text(form, "search[value]")
    if searched:
        return searched if is_substring_query(searched) else {k: _full_text(v) for k, v in searched.items()}
    return _full_text(text) if text else ""


def _answer(body: dict[str, Any], status: int) -> tuple[str, int, dict[str, str]]:
    return json.dumps(body, ensure_ascii=False), status, {"Content-Type": "application/json; charset=utf-8"}


def _records(found: dict[str, Any], columns: list[str]) -> list[dict[str, str]]:
    null_label = tk.h.datatablesview_null_label()
    rows = []
    for row in found["records"]:
        record = {name: escape(str(null_label if row.get(name) is None else row.get(name, ""))) for name in columns}
        record["DT_RowId"] = f"row{row.get('_id', '')}"
        rows.append(record)
    return rows


def ajax(resource_view_id: str) -> Any:
    """The rows of one page of the table view: DataTables' server-side request, validated."""
    try:
        view = tk.get_action("resource_view_show")({}, {"id": resource_view_id})
        table = tk.get_action("datastore_search")({}, {"resource_id": view["resource_id"], "limit": 0,
                                                       "filters": view.get("filters", {})})
    except tk.ObjectNotFound:
        return _answer({"error": tk._("This table view does not exist.")}, 404)
    except tk.NotAuthorized:
        return _answer({"error": tk._("You may not read this table.")}, 403)
    columns = [field["id"] for field in table["fields"]]
    if "show_fields" in view:
        columns = [name for name in columns if name in view["show_fields"]]
    form = tk.request.form
    limits = [int(n) for n in tk.config["ckan.datatables.page_length_choices"]]
    try:
        draw = _whole(form, "draw", 0, 10 ** 9)
        offset, limit = _whole(form, "start", 0, 10 ** 9), _whole(form, "length", 1, max(limits))
        search = {"q": _query(form, columns), "sort": _sort(form, columns)}
    except BadForm as error:
        return _answer({"error": str(error)}, 400)
    plain = is_substring_query(search["q"])
    try:
        found = tk.get_action("datastore_search")({}, {
            "resource_id": view["resource_id"], "plain": plain, "language": "simple", "offset": offset,
            "limit": limit, "filters": merge_filters(view.get("filters", {}), decode_view_request_filters()),
            **search})
    except tk.ValidationError:
        return _answer({"error": tk._("The table cannot be searched this way: check the search and the filters.")}, 400)
    return _answer({"draw": draw, "recordsTotal": table.get("total", 0), "recordsFiltered": found.get("total", 0),
                    "data": _records(found, columns)}, 200)


_OURS: dict[str, Callable[..., Any]] = {"datatablesview.ajax": ajax}


def take_over(app: Any) -> None:
    """Answer CKAN's table view addresses with the views of this module (when that view is loaded)."""
    for endpoint, view in _OURS.items():
        if endpoint in app.view_functions:
            app.view_functions[endpoint] = view
