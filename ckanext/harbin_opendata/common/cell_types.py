"""What a cell is, one rule for every part of the suite that types columns: the DataStore loader
(data/columns.py: numeric, timestamp or text columns, a whole Arrow column at a time) and the data
items drafted from a file (common/data_items.py). A column is NUMERIC or TIMESTAMP only when every
filled cell of it is one (ColumnKind), so a drafted item agrees with the column its file loads into.

Numbers: as PostgreSQL and a float give them back as written: no code with a leading zero (0451)
and no digit string of 16 or more (ID, card and account numbers), at most 15 significant digits, an
exponent of at most two digits (1e400 is a number of 401 digits in PostgreSQL and in downloads);
NaN, inf, 1,234.50, １２３, 12.5万, 12.5% and a lone '-' stay text.

Dates as Chinese agencies write them: 2019年5月13日, 2019年05月13日, 2019.5.13, 2019/5/13, 2019-5-13,
and 20190513 (20190513083000) in a column whose name says it holds dates; each perhaps with a time
(8时30分, 8时30分15秒, 8:30, 08:30:15), only days of the calendar from year 1 and hours 0-23 (0000-01-01,
2019-02-30 and 25:00 are placeholders or typing errors, text). iso_dates writes them as PostgreSQL
reads them (2019-5-13 8:30:15)."""
from __future__ import annotations

import re
from typing import Optional

import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["TEXT", "NUMERIC", "TIMESTAMP", "ColumnKind", "number_mask", "date_header", "date_cells",
           "date_mask", "native_dates", "iso_dates", "timed_mask", "first_misfit"]

TEXT, NUMERIC, TIMESTAMP = "text", "numeric", "timestamp"
_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,2})?$"
_CODE_LIKE = r"^[+-]?0\d|\d{16,}"  # 0451, 00123; ID, card and account numbers
_DIGITS_KEPT = 15  # a float (an XLSX download's number cell, a JSON client's) keeps 15 significant digits


def number_mask(cells: pa.Array) -> pa.Array:
    """Whether each cell is a number PostgreSQL and a float give back as written: no code with a
    leading zero or of 16 digits, at most 15 significant digits (1234567890.123456789 would be
    downloaded as 1234567890.1234567)."""
    fits = pc.and_(pc.match_substring_regex(cells, _NUMBER), pc.invert(pc.match_substring_regex(cells, _CODE_LIKE)))
    return pc.and_(fits, pc.less_equal(pc.utf8_length(_significant(cells)), _DIGITS_KEPT))


def _significant(cells: pa.Array) -> pa.Array:
    """A number's digits without its exponent and leading zeros (0.10: 10)."""
    return pc.replace_substring_regex(pc.replace_substring_regex(cells, r"[eE].*$|[^0-9]", ""), r"^0+", "")


# the longer alternative first: a replacement takes the first that matches (13, not 1)
_MONTH, _DAY = r"(1[0-2]|0?[1-9])", r"([12][0-9]|3[01]|0?[1-9])"
_HOUR, _SIXTY = r"(2[0-3]|[01]?[0-9])", r"([0-5]?[0-9])"
_FRACTION = r"(?:\.[0-9]{1,6})?"  # microseconds: PostgreSQL rounds a seventh digit away
_TIME = (rf"(?:(?:T|\s*){_HOUR}:{_SIXTY}(?::{_SIXTY}{_FRACTION})?"  # 08:30, 08:30:15.5
         rf"|\s*{_HOUR}\s*[时点](?:\s*{_SIXTY}\s*分(?:\s*{_SIXTY}\s*秒)?)?)?")  # 8时, 8时30分, 8时30分15秒
_WRITTEN = [  # (the date as written, the same written as PostgreSQL reads it)
    (rf"((?:19|20)[0-9]{{2}})\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*日?", r"\1-\2-\3 "),
    (rf"((?:19|20)[0-9]{{2}})[-/.]{_MONTH}[-/.]{_DAY}T?", r"\1-\2-\3 "),
]
_COMPACT = (rf"((?:19|20)[0-9]{{2}})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])"
            r"(?:(2[0-3]|[01][0-9])([0-5][0-9])([0-5][0-9]))?")
# hours 0-23 and minutes 0-59 only: PostgreSQL reads 24:00 as the next day's 00:00 (the cell
# silently changed) and refuses 25:00 or 08:61 (the whole load failed)
_NATIVE = rf"^[0-9]{{4}}[-/][0-9]{{1,2}}[-/][0-9]{{1,2}}([ T]{_HOUR}:[0-5][0-9](:[0-5][0-9]{_FRACTION})?)?$"
_DATE_HEADER = re.compile(r"日期|时间|年月日|出生|生日|date|time", re.IGNORECASE)


def date_header(name: str) -> bool:
    """A column name that says the column holds dates (then 20190513 is one)."""
    return bool(_DATE_HEADER.search(name))


def _whole(pattern: str) -> str:
    return f"^\\s*(?:{pattern})\\s*$"


def _calendar_mask(cells: pa.Array) -> pa.Array:
    """Whether each cell (starting year-month-day, as PostgreSQL reads it) names a day of the
    calendar: 2019-02-30, 2019-13-01 or a placeholder year 0000 (there is none) would make
    PostgreSQL refuse the whole table's load."""
    parts = pc.extract_regex(cells, r"^(?P<year>[0-9]{4})[-/](?P<month>[0-9]{1,2})[-/](?P<day>[0-9]{1,2})")
    year, month, day = (pc.cast(pc.struct_field(parts, [index]), pa.int64()) for index in range(3))
    month_ok = pc.and_(pc.greater_equal(month, 1), pc.less_equal(month, 12))
    month = pc.if_else(month_ok, month, 0)  # a day never fits month 0: no index outside the table
    century = pc.equal(pc.subtract(year, pc.multiply(pc.divide(year, 100), 100)), 0)
    quadricentury = pc.equal(pc.subtract(year, pc.multiply(pc.divide(year, 400), 400)), 0)
    leap = pc.and_(pc.equal(pc.bit_wise_and(year, 3), 0), pc.or_(pc.invert(century), quadricentury))
    last = pc.add(pc.take(_MONTH_DAYS, month), pc.cast(pc.and_(pc.equal(month, 2), leap), pa.int64()))
    fits = pc.and_(pc.and_(pc.greater_equal(year, 1), month_ok), pc.and_(pc.greater_equal(day, 1), pc.less_equal(day, last)))
    return pc.fill_null(fits, False)


def _calendar_days(cells: pa.Array) -> bool:
    return bool(pc.all(_calendar_mask(cells)).as_py())


_MONTH_DAYS = pa.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], pa.int64())


def _written(compact: bool) -> str:
    """The date forms agencies write, each perhaps with its time (`compact`: 20190513 too)."""
    return "|".join(f"(?:{pattern}){_TIME}" for pattern, _ in _WRITTEN) + (f"|{_COMPACT}" if compact else "")


def date_mask(cells: pa.Array, compact: bool) -> pa.Array:
    """Whether each cell (filled cells only) is a day of the calendar, as PostgreSQL reads it or
    in one of the written forms (`compact`: 20190513 too)."""
    written = _written(compact)
    native = pc.and_(pc.match_substring_regex(cells, _NATIVE), _calendar_mask(cells))
    return pc.or_(native, pc.and_(pc.match_substring_regex(cells, _whole(written)), _calendar_mask(iso_dates(cells))))


def date_cells(cells: pa.Array, compact: bool) -> bool:
    """Every cell (filled cells only) is a day of the calendar in one of the written forms
    (`compact`: 20190513 too)."""
    written = _written(compact)
    return bool(pc.all(pc.match_substring_regex(cells, _whole(written))).as_py()) and _calendar_days(iso_dates(cells))


def native_dates(cells: pa.Array) -> bool:
    """Every cell is a day of the calendar already written as PostgreSQL reads a timestamp
    (2019-05-13, 2019/5/13 08:30)."""
    return bool(pc.all(pc.match_substring_regex(cells, _NATIVE)).as_py()) and _calendar_days(cells)


def _time(cells: pa.Array) -> pa.Array:
    cells = pc.replace_substring_regex(cells, rf"\s*{_HOUR}\s*[时点]\s*{_SIXTY}\s*分\s*{_SIXTY}\s*秒\s*$", r" \1:\2:\3")
    cells = pc.replace_substring_regex(cells, rf"\s*{_HOUR}\s*[时点]\s*{_SIXTY}\s*分\s*$", r" \1:\2")
    return pc.replace_substring_regex(cells, rf"\s*{_HOUR}\s*[时点]\s*$", r" \1:00")


def iso_dates(cells: pa.Array) -> pa.Array:
    """The cells of a date column written as PostgreSQL reads them."""
    cells = pc.utf8_trim_whitespace(cells)
    for pattern, iso in _WRITTEN:  # the date, then a space before any time (2019年5月2日3时: not 2019-5-23时)
        cells = pc.replace_substring_regex(cells, f"^{pattern}", iso)
    cells = pc.replace_substring_regex(cells, f"^{_COMPACT}$", r"\1-\2-\3 \4:\5:\6")
    cells = pc.replace_substring_regex(cells, r" ::$", "")  # a compact date without its time
    return pc.utf8_trim_whitespace(pc.replace_substring_regex(_time(cells), r"\s+", " "))


def timed_mask(cells: pa.Array) -> pa.Array:
    """Whether each date cell (one of a TIMESTAMP column) carries a time of day."""
    return pc.match_substring_regex(iso_dates(cells), r"[0-9]:[0-9]")


class ColumnKind:
    """The type every filled cell of one column allows (TEXT, NUMERIC or TIMESTAMP), seen a batch
    of cells at a time (Arrow string arrays of filled cells). `name`: the column's header (a date
    header makes 20190513 a date). `native`: every date is written as PostgreSQL reads it."""

    def __init__(self, name: str, as_text: bool = False) -> None:
        self.numeric = self.timestamp = not as_text
        self.native = True
        self.compact = date_header(name)
        self.filled = False

    def see(self, filled: pa.Array) -> None:
        if len(filled) == 0:
            return
        self.filled = True
        if self.numeric:
            self.numeric = bool(pc.all(number_mask(filled)).as_py())
        if self.native:
            self.native = native_dates(filled)
        if self.timestamp and not self.native:
            self.timestamp = date_cells(filled, self.compact)

    def kind(self) -> str:
        if not self.filled:
            return TEXT
        if self.timestamp and (self.compact or not self.numeric):
            return TIMESTAMP
        return NUMERIC if self.numeric else TEXT


def first_misfit(cells: pa.Array, kind: str, name: str) -> Optional[str]:
    """The first filled cell of column `name` that keeps it from being `kind` (NUMERIC or
    TIMESTAMP), or None."""
    cells = pc.drop_null(pc.if_else(pc.equal(cells, ""), None, cells))
    fits = date_mask(cells, date_header(name)) if kind == TIMESTAMP else number_mask(cells)
    misfits = pc.filter(cells, pc.invert(pc.fill_null(fits, False)))
    return misfits[0].as_py() if len(misfits) else None
