"""Data items (数据项) drafted from a data file: the suite's tabular reader finds the header (among
title rows, any encoding, workbooks), each column becomes an item named by its header and typed
from the values below it. Drafted items say so (待确认) for the agency to confirm; they never carry
an example value: a column may hold personal data. Used by the harvesters (a record listing no
items) and the entry form (a file uploaded to an entry listing none)."""
from __future__ import annotations

import datetime as dt
import itertools
import re

from .tabular import Limits, tables_as_scanned

__all__ = ["column_type", "items_from_file", "columns_from_file", "drafted_item", "DRAFTED_NOTE"]

_SAMPLE_ROWS = 200
_TYPES = [  # (type code, pattern every value of the column matches), most specific first
    ("boolean", re.compile(r"^(是|否|true|false|TRUE|FALSE|True|False)$")),
    ("integer", re.compile(r"^[+-]?(0|[1-9]\d{0,14})$")),  # 0451…, ID and card numbers stay text
    ("number", re.compile(r"^[+-]?((0|[1-9]\d{0,14})(\.\d+)?|\.\d+)([eE][+-]?\d{1,2})?$")),
    ("date", re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")),
    ("datetime", re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$")),
    ("time", re.compile(r"^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")),
]
# a number whose significant digits a float does not keep (the DataStore loads it as text)
_DIGITS_KEPT = 15


def _fits(code: str, match: re.Match[str]) -> bool:
    """The value the pattern matched is one as the DataStore loader types it (data/columns.py):
    a day the calendar has, from year 1 (0000-01-01 and 2025-02-30 are placeholders or typing
    errors), a number of at most 15 significant digits; a drafted item then agrees with its
    loaded column."""
    if code in ("date", "datetime"):
        try:
            dt.date(*(int(part) for part in match.groups()[:3]))
        except ValueError:
            return False
    if code == "number":
        return len(re.sub(r"[eE].*$|\D", "", match.group()).lstrip("0")) <= _DIGITS_KEPT
    return True


def column_type(values: list[str]) -> str:
    """The item type (数据类型 code) every filled value matches; "string" otherwise."""
    filled = [value.strip() for value in values if value and value.strip()]
    for code, pattern in _TYPES:
        if filled and all((match := pattern.match(value)) and _fits(code, match) for value in filled):
            return code
    return "string"


# Catalog text, not interface text: stored in Chinese whatever the language of the process that
# drafts (a harvest worker wrote the English one); a data item has no English description field.
DRAFTED_NOTE = "待确认：根据数据文件表头生成，请核对。"
UNNAMED_COLUMN = "第{number}列"


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
    return {"name": name, "type": column_type(values), "description": DRAFTED_NOTE}


def items_from_file(path: str, limit: int) -> list[dict[str, str]]:
    """Items from the first table of the file with a certain header (see columns_from_file), typed
    and marked 待确认, without example values; [] when it has none."""
    return [drafted_item(name, values) for name, values in columns_from_file(path, limit)]
