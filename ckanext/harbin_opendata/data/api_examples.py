"""接口调用 of a loaded table (第十九条): the real endpoints, the columns with the entry's data items
(type, unit, description), and copy-paste examples (curl, Python requests) for a filter, a
full-text query, paging and SQL, built from the table's own first row so that each example returns
rows. The values shown are the queries run: tests/data runs the rendered examples against the app."""
from __future__ import annotations

import json
import shlex
from typing import Any, Optional

import ckan.plugins.toolkit as tk

from ..common.open_types import conditional_by
from ..common.views import view_context
from ..common.vocabulary import ITEM_TYPES, by_value

__all__ = ["KEY_PLACEHOLDER", "Example", "table_api"]

KEY_PLACEHOLDER = "YOUR_APP_KEY"
_KEY_HEADER = "X-App-Key"  # the access area's header (access/keys.py HEADER)


def _type_label(field_type: str) -> str:
    """A DataStore column type in the reader's language (the name the API uses is shown beside it)."""
    labels = {"text": tk._("Text"), "numeric": tk._("Number"), "int": tk._("Whole number"),
              "int4": tk._("Whole number"), "int8": tk._("Whole number"), "float8": tk._("Number"),
              "bool": tk._("Yes or no"), "date": tk._("Date"), "timestamp": tk._("Date and time"),
              "time": tk._("Time of day"), "json": tk._("JSON")}
    return labels.get(field_type, field_type)


class Example(dict):
    """title, action, params (the query's parameters as sent), curl, python."""


def _quote_sql(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _example(title: str, endpoint: str, action: str, params: dict[str, Any], key: bool) -> Example:
    sent = {name: json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value)
            for name, value in params.items()}
    url = f"{endpoint}/{action}"
    parts = [f"curl -G {shlex.quote(url)}"]
    if key:
        parts.append(f"-H {shlex.quote(f'{_KEY_HEADER}: {KEY_PLACEHOLDER}')}")
    parts += [f"--data-urlencode {shlex.quote(f'{name}={value}')}" for name, value in sent.items()]
    curl = " \\\n  ".join(parts)
    lines = ["import requests", "", f"response = requests.get({url!r}, params={{"]
    lines += [f"    {name!r}: {value!r}," for name, value in sent.items()]
    lines.append(f"}}, headers={{{_KEY_HEADER!r}: {KEY_PLACEHOLDER!r}}}, timeout=30)" if key else "}, timeout=30)")
    lines += ["response.raise_for_status()", 'for record in response.json()["result"]["records"]:', "    print(record)"]
    return Example(title=title, action=action, params=sent, curl=curl, python="\n".join(lines))


def _items(package: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The entry's declared data items by name, each with its type's label in the reader's language."""
    english = (tk.h.lang() or "").startswith("en")
    items = {}
    for item in package.get("data_items") or []:
        if isinstance(item, dict) and str(item.get("name") or "").strip():
            term = by_value(ITEM_TYPES, item.get("type") or "")
            items[item["name"].strip()] = {**item, "type_label": (term.en if english else term.zh) if term else ""}
    return items


def _sample(resource_id: str, fields: list[dict[str, Any]]) -> Optional[tuple[str, str]]:
    """A text column and its value in the table's first row that has one."""
    texts = [field["id"] for field in fields if field["type"] == "text"]
    if not texts:
        return None
    found = tk.get_action("datastore_search")(view_context(), {"resource_id": resource_id, "limit": 20, "sort": "_id",
                                                               "fields": texts})
    for record in found["records"]:
        for name in texts:
            value = record.get(name)
            if isinstance(value, str) and value.strip() and len(value) <= 100:
                return name, value
    return None


def table_api(package: dict[str, Any], table: dict[str, Any]) -> dict[str, Any]:
    """The API of one readable table (harbin_data_table's dict): "endpoint", "keyed" (the examples
    send an app key: a conditional entry's table), "columns" (each with
    its data item, if declared), "examples" and "sample" (a column and a value of its first rows,
    which the page's query console starts with; None for a table without text)."""
    endpoint = tk.h.url_for("api.action", ver=3, logic_function="datastore_search", _external=True).rsplit("/", 1)[0]
    items = _items(package)
    columns = [{"id": field["id"], "type": field["type"], "type_label": _type_label(field["type"]),
                "item": items.get(field["id"])} for field in table["fields"]]
    rid = table["id"]
    # an open table answers without a key, and a placeholder key is refused (401): only a
    # conditional table's examples carry the header, to be filled with a granted user's key
    keyed = conditional_by(package.get("type"), package.get("open_type"))
    examples = []
    sample = _sample(rid, table["fields"])
    if sample:
        column, value = sample
        examples.append(_example(tk._("Rows where a column has a value (filters)"), endpoint, "datastore_search",
                                 {"resource_id": rid, "filters": {column: value}}, keyed))
        examples.append(_example(tk._("Full-text search in every column (q)"), endpoint, "datastore_search",
                                 {"resource_id": rid, "q": value}, keyed))
    examples.append(_example(tk._("Paging: the first 10 rows; offset=10 gives the next 10 (limit, offset)"), endpoint,
                             "datastore_search", {"resource_id": rid, "limit": 10, "offset": 0, "sort": "_id"}, keyed))
    if sample:
        statement = (f"SELECT {_quote_sql(sample[0])}, COUNT(*) AS n FROM {_quote_sql(rid)} "
                     f"GROUP BY {_quote_sql(sample[0])} ORDER BY n DESC LIMIT 100")
    else:
        statement = f"SELECT COUNT(*) AS n FROM {_quote_sql(rid)}"
    examples.append(_example(tk._("SQL (datastore_search_sql; without an app key)"), endpoint,
                             "datastore_search_sql", {"sql": statement}, False))
    return {"endpoint": f"{endpoint}/datastore_search", "resource_id": rid, "keyed": keyed, "columns": columns, "examples": examples,
            "sample": {"column": sample[0], "value": sample[1]} if sample else None}
