"""Spreadsheet cells that cannot become formulas (CSV/formula injection): the one neutraliser of every
CSV and XLSX file the suite writes.

A text cell starting with = + - @ (or their full-width forms, which WPS reads the same way), a tab
or a carriage return is opened by Excel, WPS and LibreOffice as a formula (``=HYPERLINK(…)``,
``=cmd|…``). In CSV such a cell gets a leading apostrophe (OWASP's advice: shown as text, the
apostrophe visible); in XLSX it is written as a string cell, so it is shown exactly as it is and
never evaluated. Numbers stay numbers, and so does text that is only a number ("-12.5") or a dash
alone ("-", "－": an agency's mark for no value, which no program reads as a formula)."""
from __future__ import annotations

import csv
import re
from typing import Any, Iterable, TextIO

__all__ = ["is_formula_like", "neutralise", "neutral_row", "csv_writer", "xlsx_cells", "xlsx_append"]

_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")
_NO_VALUE = ("-", "－")


def is_formula_like(value: Any) -> bool:
    """Whether a spreadsheet program would read this value as a formula."""
    return isinstance(value, str) and value.startswith(_STARTS) and not _NUMBER.fullmatch(value) \
        and value not in _NO_VALUE


def neutralise(value: Any) -> Any:
    """The value for a CSV cell: formula-like text behind an apostrophe, everything else unchanged."""
    return "'" + value if is_formula_like(value) else value


def neutral_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise(value) for value in values]


class _NeutralWriter:
    """csv.writer whose rows are neutralised."""

    def __init__(self, out: TextIO, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(neutral_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: TextIO, **kwargs: Any) -> _NeutralWriter:
    """A csv.writer (same arguments) that neutralises every cell it writes."""
    return _NeutralWriter(out, **kwargs)


def xlsx_cells(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """The row for `sheet.append` (a normal or a write-only openpyxl worksheet): formula-like text
    becomes a cell typed as a string, everything else stays a plain value."""
    from openpyxl.cell import Cell

    row: list[Any] = []
    for value in values:
        if is_formula_like(value):
            cell = Cell(sheet, row=1, column=1, value=value)  # placed by append
            cell.data_type = "s"  # stored as text, never evaluated
            value = cell
        row.append(value)
    return row


def xlsx_append(sheet: Any, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet; formula-like text is stored as a string cell."""
    sheet.append(xlsx_cells(sheet, values))
