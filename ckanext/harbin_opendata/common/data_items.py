"""Data items (数据项) drafted from a data file: the suite's tabular reader finds the header (among
title rows, any encoding, workbooks), each column becomes an item named by its header and typed
from the values below it. Drafted items say so (待确认) for the agency to confirm; they never carry
an example value: a column may hold personal data. Used by the harvesters (a record listing no
items) and the entry form (a file uploaded to an entry listing none)."""
from __future__ import annotations

import itertools
import json
import re
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .cell_types import NUMERIC, TIMESTAMP, ColumnKind, timed_mask
from .tabular import Limits, tables_as_scanned

__all__ = ["column_type", "items_from_file", "columns_from_file", "drafted_item", "unconfirmed_items", "DRAFTED_NOTE"]

_SAMPLE_ROWS = 200
# Kinds the loaded column does not tell apart; numbers and dates are the suite's one rule for cells
# (common/cell_types.py, the DataStore loader's too), so a drafted item agrees with its loaded column.
_BOOLEAN = re.compile(r"^(是|否|true|false|TRUE|FALSE|True|False)$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
_INTEGER = r"^[+-]?[0-9]+$"


def column_type(values: list[str], name: str = "") -> str:
    """The item type (数据类型 code) every filled value matches, as the DataStore loader types the
    column `name` (integer or number: numeric; date or datetime: timestamp); "string" otherwise."""
    filled = [value.strip() for value in values if value and value.strip()]
    if not filled:
        return "string"
    cells = pa.array(filled, pa.string())
    column = ColumnKind(name)
    column.see(cells)
    kind = column.kind()
    if kind == NUMERIC:
        return "integer" if pc.all(pc.match_substring_regex(cells, _INTEGER)).as_py() else "number"
    if kind == TIMESTAMP:
        return "datetime" if pc.any(timed_mask(cells)).as_py() else "date"
    for code, pattern in (("boolean", _BOOLEAN), ("time", _TIME)):
        if all(pattern.match(value) for value in filled):
            return code
    return "string"


# Catalog text, not interface text: stored in Chinese whatever the language of the process that
# drafts (a harvest worker wrote the English one); a data item has no English description field.
DRAFTED_NOTE = "待确认：根据数据文件表头生成，请核对。"
UNNAMED_COLUMN = "第{number}列"
UNCONFIRMED_MARK = "待确认"


def columns_from_file(path: str, limit: int) -> list[tuple[str, list[str]]]:
    """(header name, the first values below it) of each column of the first table of the file
    with a certain header; [] when it has none. Raises TableError when the file is no table the
    reader can open within `limit` unpacked bytes."""
    for table in tables_as_scanned(path, Limits(max_unpacked_bytes=limit)):
        if table.layout.header_row is None or not table.confident:
            continue  # a row only guessed to be the header may be a person's data: drafted items are public
        columns = list(zip(*[(row + [""] * len(table.header))[:len(table.header)]
                             for row in itertools.islice(table.rows(), _SAMPLE_ROWS)])) or [()] * len(table.header)
        return [(name or UNNAMED_COLUMN.format(number=index + 1), [str(value) for value in values])
                for index, (name, values) in enumerate(zip(table.header, columns)) if name or any(values)]
    return []


def drafted_item(name: str, values: list[str]) -> dict[str, str]:
    """The item of one column: its header, the type of its values, marked 待确认 (no example)."""
    return {"name": name, "type": column_type(values, name), "description": DRAFTED_NOTE}


def items_from_file(path: str, limit: int) -> list[dict[str, str]]:
    """Items from the first table of the file with a certain header (see columns_from_file), typed
    and marked 待确认, without example values; [] when it has none."""
    return [drafted_item(name, values) for name, values in columns_from_file(path, limit)]


def unconfirmed_items(items: Any) -> list[str]:
    """Names of the items whose description still starts with 待确认 (drafted, not yet checked by
    the agency): a marker to clear, not a description. Items stored as JSON text are read."""
    if isinstance(items, str):
        try:
            items = json.loads(items or "[]")
        except ValueError:
            return []
    return [str(item.get("name") or "") for item in items or [] if isinstance(item, dict)
            and str(item.get("description") or "").strip().startswith(UNCONFIRMED_MARK)]
