"""JSON documents as tables: an array of records ([{"姓名": …}, …]), or the first such array inside
an API envelope ({"code": 0, "data": {"list": [...]}}); nested values become JSON text (scanned
as text). Loaded whole, so the size is bounded by the caller."""
from __future__ import annotations

import json
from typing import Any, Optional

from .errors import TableError
from .text import detect_encoding

__all__ = ["json_table", "read_document", "first_records", "value_text"]

_SEARCH_DEPTH = 4


def first_records(document: Any, depth: int = 0) -> Optional[list[Any]]:
    """The first list of objects (or of lists) found breadth-first in the document."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict) or depth >= _SEARCH_DEPTH:
        return None
    for value in document.values():
        if isinstance(value, list) and value and all(isinstance(item, (dict, list)) for item in value):
            return value
    for value in document.values():
        found = first_records(value, depth + 1) if isinstance(value, dict) else None
        if found is not None:
            return found
    return [document]


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
