"""Workbooks (XLSX, XLS, ODS) read with python-calamine (Rust: about ten times faster than openpyxl
and reads sheets written without a dimension whole). Every worksheet is read, hidden ones too;
merged ranges carry their top-left value into every cell they cover. A packed workbook is checked
before it is opened: too much unpacked data, or data packed too densely (a "zip bomb"), is refused.
Read `placed`, each cell's text also carries its value and merged range (placed_cells.py)."""
from __future__ import annotations

import collections
import datetime as dt
import decimal
import zipfile
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional

from .errors import TableError
from .placed_cells import placed
from .serial_dates import SheetSerials, may_be_changed
from .sniff import XLS, XLSX

__all__ = ["Limits", "check_packed", "workbook_sheets", "cell_text"]

_MAX_MERGED_ROWS = 100_000  # a range merged over more rows is filled this far


@dataclass(frozen=True)
class Limits:
    """Bounds of a read: unpacked bytes of an archive or workbook, and its packing ratio."""
    max_unpacked_bytes: int
    max_ratio: int = 200
    max_members: int = 200


def check_packed(path: str, limits: Limits) -> list[zipfile.ZipInfo]:
    """The members of a ZIP container, after checking its unpacked size and packing ratio (from the
    central directory; readers stop at the declared size, so a lying directory cannot go further)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise TableError("unreadable", kind="zip") from error
    if len(members) > limits.max_members:
        raise TableError("too_many_members", limit=limits.max_members)
    unpacked = sum(member.file_size for member in members)
    packed = max(sum(member.compress_size for member in members), 1)
    if unpacked > limits.max_unpacked_bytes:
        raise TableError("unpacked_too_large", limit=limits.max_unpacked_bytes)
    if unpacked > (1 << 24) and unpacked / packed > limits.max_ratio:
        raise TableError("packed_too_densely", ratio=limits.max_ratio)
    return members


def cell_text(value: Any) -> str:
    """A cell as text: whole numbers without ".0", dates as 2025-01-02, times as 2025-01-02 08:30:00.
    A whole number of 16 to 20 digits is written with the digits the cell holds, as Excel shows
    it (a card number typed into a cell: 6222021234567890000, not 6.22202123456789e+18 nor the
    binary value's invented last digits): the privacy scan reads such numbers as numbers."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if not value.is_integer() or abs(value) >= 1e20:
            return repr(value)
        return str(int(value)) if abs(value) < 1e15 else str(int(decimal.Decimal(repr(value))))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _maybe_changed(row: str) -> bool:
    """Whether the row's text holds that of a value serial_dates.may_be_changed (cheap: rare)."""
    return "00:00:00" in row or "1900-02-28" in row


def _text(row: list[Any], number: int, first_column: int, serials: Optional[SheetSerials],
          origins: dict[int, tuple[int, int]]) -> list[str]:
    """The row's cells as text; a date cell calamine changed as Excel shows it (serial_dates.py),
    in every cell of a merged range as in its top-left cell (the one the XML holds)."""
    cells = [value if value.__class__ is str else cell_text(value) for value in row]  # most cells are text
    if serials is not None and _maybe_changed("\t".join(cells)):
        for index, value in enumerate(row):
            if value.__class__ is not str and may_be_changed(value):
                top, left = origins.get(index, (number, index))
                cells[index] = serials.shown(top, left + first_column) or cells[index]
    return cells


def _placed(cells: list[str], row: list[Any], origins: dict[int, tuple[int, int]]) -> list[str]:
    """The row's texts carrying the values they were written from (not a text a date was read back
    as: serial_dates) and the top-left cell of the merged range they are in."""
    return [placed(text, value if value.__class__ is not str and value is not None and text == cell_text(value) else None,
                   origins.get(index)) for index, (text, value) in enumerate(zip(cells, row))]


def _rows(sheet: Any, serials: Optional[SheetSerials] = None, placed_cells: bool = False) -> Iterator[list[str]]:
    """The sheet's rows as text. A merged range's value (in its top-left cell, met first) is
    copied into every cell the range covers."""
    first_column = sheet.start[1] if sheet.start else 0
    ranges = collections.deque(sorted(sheet.merged_cell_ranges or []))
    pending: dict[int, dict[int, Any]] = {}  # row → {column: value} still to fill
    for number, row in enumerate(sheet.iter_rows()):
        while ranges and ranges[0][0][0] <= number:
            (top, left), (bottom, right) = ranges.popleft()
            left, right = left - first_column, right - first_column
            value = row[left] if top == number and 0 <= left < len(row) else ""
            for covered in range(top, min(bottom, top + _MAX_MERGED_ROWS) + 1):
                pending.setdefault(covered, {}).update({column: (value, (top, left)) for column in range(max(left, 0), right + 1)})
        fills, origins = pending.pop(number, None), {}
        if fills:
            row = list(row) + [""] * (max(fills) + 1 - len(row))
            for column, (value, origin) in fills.items():
                if row[column] in ("", None) or origin == (number, column):
                    row[column], origins[column] = value, origin
        cells = _text(row, number, first_column, serials, origins)
        yield _placed(cells, row, origins) if placed_cells else cells


def workbook_sheets(path: str, kind: str, limits: Limits,
                    placed_cells: bool = False) -> Iterator[tuple[str, Callable[[], Iterator[list[str]]]]]:
    """(sheet name, a function giving its rows) for every worksheet of the workbook (`placed_cells`:
    see placed_cells.py)."""
    import python_calamine

    if kind != XLS:
        check_packed(path, limits)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(path)
        sheets = [meta.name for meta in workbook.sheets_metadata
                  if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
    except python_calamine.PasswordError as error:
        raise TableError("unreadable", kind="encrypted") from error
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        raise TableError("unreadable", kind=kind) from error

    def reader(name: str) -> Callable[[], Iterator[list[str]]]:
        loaded: list[Any] = []  # the sheet, parsed once however often its rows are read

        def rows() -> Iterator[list[str]]:
            if not loaded:
                try:
                    loaded.append(workbook.get_sheet_by_name(name))
                except (python_calamine.CalamineError, ValueError) as error:
                    raise TableError("unreadable", kind=kind) from error
            yield from _rows(loaded[0], SheetSerials(path, name) if kind == XLSX else None, placed_cells)
        return rows

    for name in sheets:
        yield name, reader(name)
