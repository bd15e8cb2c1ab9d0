"""Every string of a JSON document besides the records the table reader takes (records.py): the
other arrays of records at any depth (a "summary" before the "detail" of people, {"detail": {"rows":
[…]}}), maps keyed by an ID or a name ({"23010219600101100X": {"金额": 650}}), pandas' column maps
({"xm": {"0": "王建国"}}), lists of values, and the envelope's keys and values ("meta": {"tbr":
"制表人王建国"}). Records become columns under their keys (all records of one path one table);
everything else is text, a value with its key before it ("tbr：制表人王建国") so the key labels it.
A document nested deeper than a reader follows is unreadable, not clear."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from .errors import TableError
from .records import read_document, records_and_source, value_text

__all__ = ["JsonParts", "json_parts"]

_MAX_DEPTH = 64
Key = Union[str, int]  # a column's key, or its position in an array of arrays


@dataclass
class JsonParts:
    columns: dict[tuple[str, Key], list[str]] = field(default_factory=dict)  # (path, key): values
    texts: dict[str, None] = field(default_factory=dict)  # in document order, each once

    def add(self, path: str, key: Key, value: Any) -> None:
        self.columns.setdefault((path or "$", key), []).append(value_text(value))


def _scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _digits_keyed(maps: list[dict]) -> bool:
    """pandas' orient="columns": {column: {"0": value, "1": value}}."""
    return all(all(str(key).isdigit() for key in inner) for inner in maps)


class _Walk:
    def __init__(self, covered: Any) -> None:
        self.parts, self.covered = JsonParts(), covered

    def node(self, value: Any, path: str, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise TableError("unreadable", kind="json")
        if value is self.covered:  # read as the table: every value a cell, nested ones as JSON text,
            self.nested_leaves(value, path, depth)  # whose leaves are columns under their own keys
            return
        if isinstance(value, list):
            self.array(value, path, depth)
        elif isinstance(value, dict):
            self.mapping(value, path, depth)
        elif value is not None:
            self.parts.texts[value_text(value)] = None

    def array(self, items: list, path: str, depth: int) -> None:
        if items and all(isinstance(item, dict) for item in items):
            self.records(items, path, depth)
            return
        for position, item in enumerate(items):
            if _scalar(item):
                self.parts.add(path, "", item)
            elif isinstance(item, list) and all(map(_scalar, item)):  # a row of an array of arrays
                for column, cell in enumerate(item):
                    self.parts.add(path, column, cell)
            else:
                self.node(item, f"{path}[]", depth + 1)

    def records(self, items: list[dict], path: str, depth: int) -> None:
        for record in items:
            for key, value in record.items():
                self.parts.texts[str(key)] = None
                if _scalar(value):
                    self.parts.add(path, str(key), value)
                else:
                    self.node(value, f"{path}.{key}", depth + 1)

    def mapping(self, value: dict, path: str, depth: int) -> None:
        inner = list(value.values())
        if len(inner) > 1 and all(isinstance(item, dict) for item in inner):
            if _digits_keyed(inner):  # a column map: each key a column
                for key, column in value.items():
                    self.parts.texts[str(key)] = None
                    for cell in column.values():
                        self.node_or_cell(cell, path, str(key), depth)
                return
            for key in value:  # keyed by an ID, a name, a date: the keys are a column
                self.parts.add(path, path.rpartition(".")[2], key)
            self.records(inner, path, depth)
            return
        for key, item in value.items():
            if not _scalar(item):
                self.parts.texts[str(key)] = None
                self.node(item, f"{path}.{key}", depth + 1)
            else:  # the key labels its value ("tbr：制表人王建国"); a key alone when it has none
                self.parts.texts[f"{key}：{value_text(item)}" if value_text(item).strip() else str(key)] = None

    def nested_leaves(self, table: Any, path: str, depth: int) -> None:
        """The objects nested in the table's records ({"head": {"person": "王建国"}}): each leaf a cell
        under its own key (person), so the leaf's key is the header that judges it, as a column's.
        Only an array of records: a map read as the table (pandas' orients) holds its cells, not objects."""
        for record in table if isinstance(table, list) else []:
            if isinstance(record, dict):
                for key, value in record.items():
                    if not _scalar(value):
                        self.leaves(value, f"{path}.{key}", depth + 1)

    def leaves(self, value: Any, path: str, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise TableError("unreadable", kind="json")
        items = value.items() if isinstance(value, dict) else ((path.rpartition(".")[2], item) for item in value)
        for key, item in items:
            if _scalar(item):
                if item is not None:
                    self.parts.add(path, str(key), item)
            else:
                self.leaves(item, f"{path}.{key}" if isinstance(value, dict) else path, depth + 1)

    def node_or_cell(self, value: Any, path: str, key: str, depth: int) -> None:
        if _scalar(value):
            self.parts.add(path, key, value)
        else:
            self.node(value, f"{path}.{key}", depth + 1)


def json_parts(path: str) -> JsonParts:
    """The document's strings the table reader does not take; empty when the file is not one JSON
    document (JSON Lines and other text are read whole as lines)."""
    try:
        document = read_document(path)
    except TableError:
        return JsonParts()
    records, source = records_and_source(document) or ([], None)
    walk = _Walk(source)  # a dict read as one record is read here again; a pandas table's map is not
    walk.node(document, "", 0)
    return _without_field_names(walk.parts, records)


def _without_field_names(parts: JsonParts, records: list) -> JsonParts:
    """A value naming a key of the document's records is a field's name (a Table Schema's "fields":
    [{"name": "xm"}], pandas' "columns"), not a person's: left out of the columns."""
    keys = {str(key) for record in records if isinstance(record, dict) for key in record}
    keys |= {key for _, key in parts.columns if isinstance(key, str)}
    for values in parts.columns.values():
        values[:] = ["" if value in keys else value for value in values]
    return parts
