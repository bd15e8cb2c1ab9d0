"""Date and time cells of an XLSX as Excel shows them, where calamine's reading would change them.

A workbook keeps a date as a number of days (a serial) and a number format. calamine reads such a
cell as a Python date, time or datetime, and three cells then change by themselves:
- 0 under a date format, which Excel shows as 1900-01-00 (an empty date a program wrote as 0), is
  read as the time 00:00:00;
- 60, Excel's fictional 1900-02-29 (Lotus's leap-year error, kept by Excel), is read as 1900-02-28,
  the same as 59;
- a time within half a millisecond of midnight (23:59:59.999999, the end of a day a program wrote as
  a period's or a licence's last moment) is rounded to the next day's 00:00: the day changes.
The agency expects the value Excel shows. Those cells are read from the sheet's XML instead: the
first two as Excel writes them (1900-01-00, 1900-02-29: no calendar day, so a column holding one
loads as text, unchanged), the third to the microsecond (what PostgreSQL keeps), on its own day.
calamine's value says when to look: only a time of 00:00:00, a datetime at exactly midnight (a whole
serial is read as a date) or a day of 1900-02-28; the sheet's XML is read once, then, for its
date-formatted cells of those serials only. Every reader of workbooks (preview, DataStore, downloads,
privacy scan) reads cells through workbook.py, so all read the same text."""
from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from typing import Any, Optional

from .xml_parts import local_name, unreadable, xml_events

__all__ = ["may_be_changed", "SheetSerials"]

_WORKBOOK, _WORKBOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
_STYLES = "xl/styles.xml"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Excel's built-in number formats (ECMA-376 18.8.30, with the Chinese ones 27-36 and 50-58)
_BUILTIN_DATES = {14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58}
_BUILTIN_TIMES = {18, 19, 20, 21, 22, 32, 33, 45, 46, 47, 55, 56}
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')  # quoted text, escapes, [$-804], [Red], padding
_DAY_MICROSECONDS = 86_400_000_000
_LOTUS_LEAP_DAY = 60
_REFERENCE = re.compile(r"([A-Z]+)([0-9]+)$")


def may_be_changed(value: Any) -> bool:
    """Whether calamine's value of a cell may differ from what Excel shows (module docstring)."""
    if value.__class__ is dt.time:
        return value == dt.time(0)
    if value.__class__ is dt.datetime:
        return value.time() == dt.time(0) or value.date() == dt.date(1900, 2, 28)
    return value.__class__ is dt.date and value == dt.date(1900, 2, 28)


def _format_kind(code: str) -> tuple[bool, bool]:
    """(shows a date, shows a time) for a number format code."""
    bare = _LITERALS.sub("", code.split(";")[0]).lower()
    time = bool(re.search(r"[hs]", bare))
    return bool(re.search(r"[yde]", bare)) or ("m" in bare and not time), time


def _styles(archive: zipfile.ZipFile) -> list[tuple[bool, bool]]:
    """(shows a date, shows a time) of each cell style (the s="…" of a cell), in order."""
    if _STYLES not in archive.namelist():
        return []
    codes: dict[int, str] = {}
    kinds: list[tuple[bool, bool]] = []
    in_cell_styles = False
    for event, element in xml_events(archive, _STYLES):
        name = local_name(element)
        if name == "cellXfs":
            in_cell_styles = event == "start"
        elif event == "start" and name == "numFmt":
            codes[_number(element.get("numFmtId"), -1)] = element.get("formatCode", "")
        elif event == "start" and name == "xf" and in_cell_styles:
            number = _number(element.get("numFmtId"), 0)
            kinds.append(_format_kind(codes[number]) if number in codes
                         else (number in _BUILTIN_DATES, number in _BUILTIN_TIMES))
    return kinds


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> Optional[str]:
    targets = {element.get("Id", ""): element.get("Target", "") for event, element in xml_events(archive, _WORKBOOK_RELS)
               if event == "start" and local_name(element) == "Relationship"}
    for event, element in xml_events(archive, _WORKBOOK):
        if event == "start" and local_name(element) == "sheet" and element.get("name") == sheet:
            target = targets.get(element.get(_RELATIONSHIP_ID, ""), "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}" if target else None
    return None


def _column(letters: str) -> int:
    return sum((ord(letter) - 64) * 26 ** power for power, letter in enumerate(reversed(letters))) - 1


def _number(text: Optional[str], default: int) -> int:
    return int(text) if text and text.isdigit() else default


def _serial(text: Optional[str]) -> float:
    try:
        return float(text or "nan")
    except ValueError:
        return math.nan


def _shown(serial: float, shows_date: bool) -> Optional[str]:
    """The text of a date-formatted serial that calamine would change, None for any other."""
    if not math.isfinite(serial) or serial < 0:  # Excel shows ####; calamine a time of 00:00
        return None if not math.isfinite(serial) else str(int(serial)) if serial.is_integer() else repr(serial)
    day = math.floor(serial)
    # to the microsecond (about what a double holds of today's serials: 0.6 µs), never into the
    # next day: below midnight is the day's last microsecond
    microseconds = min(round((serial - day) * _DAY_MICROSECONDS), _DAY_MICROSECONDS - 1)
    time = (dt.datetime.min + dt.timedelta(microseconds=microseconds)).time().isoformat()
    if shows_date and day in (0, _LOTUS_LEAP_DAY):  # Excel's 1900-01-00 and 1900-02-29
        return ("1900-01-00" if day == 0 else "1900-02-29") + (f" {time}" if microseconds else "")
    if day == 0 and not shows_date:
        return time
    near_midnight = microseconds and (microseconds < 500 or microseconds >= _DAY_MICROSECONDS - 500)
    if not near_midnight:
        return None  # read as calamine reads it
    epoch = dt.datetime(1899, 12, 31) if day < _LOTUS_LEAP_DAY else dt.datetime(1899, 12, 30)
    return (epoch + dt.timedelta(days=day, microseconds=microseconds)).isoformat(sep=" ")


class SheetSerials:
    """The cells of one worksheet of an XLSX that calamine would change, as Excel shows them; the
    sheet's XML is read the first time one is asked for."""

    def __init__(self, path: str, sheet: str) -> None:
        self._path, self._sheet = path, sheet
        self._cells: Optional[dict[tuple[int, int], str]] = None

    def shown(self, row: int, column: int) -> Optional[str]:
        """The text of the cell (0-based row and column of the sheet), None to keep calamine's."""
        if self._cells is None:
            with unreadable("xlsx"), zipfile.ZipFile(self._path) as archive:
                self._cells = self._read(archive)
        return self._cells.get((row, column))

    def _read(self, archive: zipfile.ZipFile) -> dict[tuple[int, int], str]:
        styles = _styles(archive)
        part = _sheet_part(archive, self._sheet)
        if not styles or part is None:
            return {}
        cells: dict[tuple[int, int], str] = {}
        row, column, style, kind = -1, -1, 0, ""
        for event, element in xml_events(archive, part):
            name = local_name(element)
            if name == "row" and event == "start":
                row, column = _number(element.get("r"), row + 2) - 1, -1
            elif name == "c" and event == "start":
                reference = _REFERENCE.match(element.get("r", ""))
                column = _column(reference.group(1)) if reference else column + 1
                style, kind = _number(element.get("s"), 0), element.get("t", "n")
            elif name == "v" and event == "end" and kind == "n" and style < len(styles) and any(styles[style]):
                text = _shown(_serial(element.text), styles[style][0])
                if text is not None:
                    cells[(row, column)] = text
        return cells
