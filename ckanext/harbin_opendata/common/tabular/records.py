"""JSON documents as tables: an array of records ([{"姓名": …}, …]), or the first such array inside
an API envelope ({"code": 0, "data": {"list": [...]}}), or a table pandas wrote with its column names
apart ({"columns": ["xm"], "data": [["王建国"]]}: orient="split"), as a map of columns
({"xm": ["王建国", …]}: to_dict(orient="list"); {"xm": {"0": "王建国"}}: orient="columns") or of
rows by their position ({"0": {"xm": "王建国"}}: orient="index"); nested values become JSON text
(scanned as text). Loaded whole, so the size is bounded by the caller."""
from __future__ import annotations

import json
from typing import Any, Optional

from .errors import TableError
from .text import detect_encoding

__all__ = ["json_table", "read_document", "first_records", "records_and_source", "pandas_records", "value_text"]

_SEARCH_DEPTH = 4


def _scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _positions(keys: Any) -> bool:
    return all(isinstance(key, str) and key.isdigit() for key in keys)


def _split(document: dict) -> bool:
    """pandas' orient="split": {"columns": [...], "index": [0, 1, …], "data": [[...], …]}; an index of
    anything but positions (a frame indexed by name) is the document's, not the table's."""
    columns, data, index = document.get("columns"), document.get("data"), document.get("index", [])
    return set(document) <= {"columns", "index", "data"} and isinstance(columns, list) and isinstance(data, list) \
        and bool(data) and all(isinstance(name, str) for name in columns) and isinstance(index, list) \
        and all(isinstance(row, list) and len(row) == len(columns) and all(map(_scalar, row)) for row in data) \
        and all(isinstance(position, int) or isinstance(position, str) and position.isdigit() for position in index)


def pandas_records(document: Any) -> Optional[list[dict]]:
    """The rows of a table pandas wrote as a map of columns or of rows by position (module
    docstring), None for any other document."""
    if not isinstance(document, dict) or not document:
        return None
    if _split(document):  # orient="split"
        return [dict(zip(document["columns"], row)) for row in document["data"]]
    inner = list(document.values())
    if all(isinstance(column, list) and all(map(_scalar, column)) for column in inner) \
            and len({len(column) for column in inner}) == 1 and inner[0]:  # orient="list"
        return [dict(zip(document, row)) for row in zip(*inner)]
    if not all(isinstance(item, dict) and item and all(map(_scalar, item.values())) for item in inner):
        return None
    if _positions(document):  # orient="index"
        return inner
    if all(_positions(column) for column in inner):  # orient="columns"
        rows = dict.fromkeys(key for column in inner for key in column)
        return [{name: column.get(row) for name, column in document.items()} for row in rows]
    return None


def first_records(document: Any) -> Optional[list[Any]]:
    """The first list of objects (or of lists) found breadth-first in the document, or the rows
    of a pandas table (pandas_records)."""
    found = records_and_source(document)
    return found and found[0]


def records_and_source(document: Any, depth: int = 0) -> Optional[tuple[list[Any], Any]]:
    """first_records' records and the part of the document they were read from (the map of a
    pandas table; the records' own list otherwise)."""
    if isinstance(document, list):
        return document, document
    if (rows := pandas_records(document)) is not None:
        return rows, document
    if not isinstance(document, dict) or depth >= _SEARCH_DEPTH:
        return None
    for value in document.values():
        if isinstance(value, list) and value and all(isinstance(item, (dict, list)) for item in value):
            return value, value
    for value in document.values():
        found = records_and_source(value, depth + 1) if isinstance(value, dict) else None
        if found is not None:
            return found
    records = [document]
    return records, records


def value_text(value: Any) -> str:
    """A JSON value as a cell's text: nested values as JSON text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def read_document(path: str) -> Any:
    """The file's JSON document; raises TableError when the file is not one."""
    with open(path, "rb") as stream:
        raw = stream.read()
    try:
        return json.loads(raw.decode(detect_encoding(raw[:1 << 16])))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise TableError("unreadable", kind="json") from error


def json_table(path: str) -> tuple[Optional[list[str]], list[list[str]]]:
    """(column names, rows) of the document's records (names None when the records are lists,
    whose first row may be a header); raises TableError when the file is not JSON."""
    records = first_records(read_document(path)) or []
    if all(isinstance(record, dict) for record in records):
        names: dict[str, None] = {}
        for record in records:
            names.update(dict.fromkeys(map(str, record)))
        header = list(names)
        return header, [[value_text(record.get(name)) for name in header] for record in records]
    rows = [[value_text(cell) for cell in (record if isinstance(record, list) else [record])] for record in records]
    return None, rows
