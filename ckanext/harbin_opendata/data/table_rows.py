"""POST /datatables/ajax/<view id> and /datatables/filtered-download/<view id>: the rows CKAN's table
view (datatables_view) shows and downloads, answered here in place of CKAN's own views, which did
int() and json.loads() on the posted values (`draw=abc` answered 500) and replaced every character
outside ASCII by a wildcard before searching (a Chinese search found nothing). Bad input: 400 with
the reason in the reader's language; the answer is otherwise CKAN's (DataTables' JSON, a redirect
to the DataStore's dump), a Chinese search going to the substring search (substring.py)."""
from __future__ import annotations

import json
import re
from html import escape
from typing import Any, Callable
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

import ckan.plugins.toolkit as tk
from ckan.lib.helpers import decode_view_request_filters
from ckanext.datastore.blueprint import DUMP_FORMATS
from ckanext.datatablesview.blueprint import merge_filters

from .search_total import EXACT
from .substring import is_substring_query

__all__ = ["BadForm", "ajax", "filtered_download", "take_over"]

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


def _cell(value: Any, kind: str, null_label: str) -> str:
    """A cell as the table shows it: a timestamp as 2025-01-05 (with its time only when it has one),
    the same in every language (the view's own moment.js format is English: "Sun, Jan 5, 2025")."""
    if value is None:
        return escape(null_label)
    if kind.startswith("timestamp") and isinstance(value, str):
        value = value.removesuffix("T00:00:00").replace("T", " ")
    return escape(str(value))


def _records(found: dict[str, Any], columns: list[str]) -> list[dict[str, str]]:
    null_label = tk.h.datatablesview_null_label()
    kinds = {field["id"]: field["type"] for field in found["fields"]}
    rows = []
    for row in found["records"]:
        record = {name: _cell(row.get(name), kinds.get(name, ""), null_label) for name in columns}
        record["DT_RowId"] = f"row{row.get('_id', '')}"
        rows.append(record)
    return rows


def _view_table(resource_view_id: str) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """The view, its table's columns (datastore_search without rows) and the columns it shows; raises
    ObjectNotFound / NotAuthorized as datastore_search does."""
    view = tk.get_action("resource_view_show")({}, {"id": resource_view_id})
    table = tk.get_action("datastore_search")({}, {"resource_id": view["resource_id"], "limit": 0,
                                                   "filters": view.get("filters", {})})
    columns = [field["id"] for field in table["fields"]]
    if "show_fields" in view:
        columns = [name for name in columns if name in view["show_fields"]]
    return view, table, columns


def _refusal(error: Exception) -> tuple[str, int, dict[str, str]]:
    if isinstance(error, tk.ObjectNotFound):
        return _answer({"error": tk._("This table view does not exist.")}, 404)
    return _answer({"error": tk._("You may not read this table.")}, 403)


def _search(form: MultiDict, view: dict[str, Any], columns: list[str]) -> dict[str, Any]:
    """datastore_search's q, plain, language, sort and filters for what the reader asked."""
    q = _query(form, columns)
    return {"q": q, "plain": is_substring_query(q), "language": "simple", "sort": _sort(form, columns),
            "filters": merge_filters(view.get("filters", {}), decode_view_request_filters())}


def _exact(search: dict[str, Any]) -> dict[str, Any]:
    """The view numbers its pages from the total: counted exactly, never estimated (search_total.py)."""
    return {**search, "total_estimation_threshold": EXACT}


def ajax(resource_view_id: str) -> Any:
    """The rows of one page of the table view: DataTables' server-side request, validated."""
    try:
        view, table, columns = _view_table(resource_view_id)
    except (tk.ObjectNotFound, tk.NotAuthorized) as error:
        return _refusal(error)
    form = tk.request.form
    limits = [int(n) for n in tk.config["ckan.datatables.page_length_choices"]]
    try:
        draw = _whole(form, "draw", 0, 10 ** 9)
        offset, limit = _whole(form, "start", 0, 10 ** 9), _whole(form, "length", 1, max(limits))
        search = _search(form, view, columns)
    except BadForm as error:
        return _answer({"error": str(error)}, 400)
    try:
        found = tk.get_action("datastore_search")({}, {
            "resource_id": view["resource_id"], "offset": offset, "limit": limit, **_exact(search)})
    except tk.ValidationError:
        return _answer({"error": tk._("The table cannot be searched this way: check the search and the filters.")}, 400)
    return _answer({"draw": draw, "recordsTotal": table.get("total", 0), "recordsFiltered": found.get("total", 0),
                    "data": _records(found, columns)}, 200)


def _flat(params: Any) -> MultiDict:
    """The filtered download's `params` (DataTables' request as JSON) as the form ajax() reads."""
    if not isinstance(params, dict):
        raise BadForm(tk._("The download request is not DataTables' JSON."))
    form: dict[str, Any] = {"search[value]": (params.get("search") or {}).get("value", "")}
    for n, order in enumerate(params.get("order") or []):
        form.update({f"order[{n}][column]": order.get("column"), f"order[{n}][dir]": order.get("dir", "asc")})
    for n, column in enumerate(params.get("columns") or []):
        form.update({f"columns[{n}][name]": column.get("name"),
                     f"columns[{n}][search][value]": (column.get("search") or {}).get("value", "")})
    if not all(isinstance(value, (str, int)) and not isinstance(value, bool) for value in form.values()):
        raise BadForm(tk._("The download request is not DataTables' JSON."))
    return MultiDict({name: str(value) for name, value in form.items()})


def filtered_download(resource_view_id: str) -> Any:
    """The rows the table view shows (its search, sort and visible columns) as a DataStore dump."""
    try:
        view, _table, columns = _view_table(resource_view_id)
    except (tk.ObjectNotFound, tk.NotAuthorized) as error:
        return _refusal(error)
    try:
        params = json.loads(tk.request.form.get("params", ""))
        search = _search(_flat(params), view, columns)
        visible = params.get("visible", [True] * len(columns))
        if not isinstance(visible, list) or not all(isinstance(shown, bool) for shown in visible):
            raise BadForm(tk._("The download request is not DataTables' JSON."))
        fmt = tk.request.form.get("format", "")
        if fmt not in DUMP_FORMATS:
            raise BadForm(tk._("Unknown download format {format}: choose one of {formats}.").format(
                format=fmt[:20], formats=", ".join(DUMP_FORMATS)))
    except (ValueError, AttributeError) as error:  # BadForm, JSON, a list where DataTables sends an object
        message = str(error) if isinstance(error, BadForm) else tk._("The download request is not DataTables' JSON.")
        return _answer({"error": message}, 400)
    shown = [name for name, keep in zip(columns, visible) if keep]
    q = search["q"]
    query = {**search, "q": json.dumps(q, ensure_ascii=False) if isinstance(q, dict) else q,
             "filters": json.dumps(search["filters"], ensure_ascii=False), "format": fmt,
             "sort": ",".join(search["sort"]), "fields": ",".join(shown)}
    return tk.redirect_to(tk.h.url_for("datastore.dump", resource_id=view["resource_id"]) + "?" + urlencode(query))


_OURS: dict[str, Callable[..., Any]] = {"datatablesview.ajax": ajax,
                                         "datatablesview.filtered_download": filtered_download}


def take_over(app: Any) -> None:
    """Answer CKAN's table view addresses with the views of this module (when that view is loaded)."""
    for endpoint, view in _OURS.items():
        if endpoint in app.view_functions:
            app.view_functions[endpoint] = view
