"""Column names and types of a DataStore table from a file's header and cells. Names are the header
the privacy scan saw, made valid DataStore field names (PostgreSQL identifiers of at most 63 bytes,
not starting with "_", no double quote, distinct). A column is numeric or a timestamp only when
every filled cell of it is one (PostgreSQL then parses the same text as it copies it; dates written
as 2019年5月13日, 2019.5.13 or 20190513 are written for it first, date_cells.py); codes with
leading zeros and long digit strings (ID and account numbers) stay text."""
from __future__ import annotations

from typing import Any, Optional

import pyarrow as pa
import pyarrow.compute as pc

from .date_cells import date_cells, date_header, date_mask, native_dates

__all__ = ["field_names", "ColumnTypes", "first_misfit", "TEXT", "NUMERIC", "TIMESTAMP"]

TEXT, NUMERIC, TIMESTAMP = "text", "numeric", "timestamp"
_MAX_BYTES = 63
# an exponent of at most two digits: 1e400 is a number of 401 digits in PostgreSQL (and in the
# downloads), 1e200000 more than its numeric holds; NaN, inf, 1,234.50, １２３, 12.5万 and 12.5% stay text
_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,2})?$"
_CODE_LIKE = r"^[+-]?0\d|\d{16,}"  # 0451, 00123; ID, card and account numbers
_DIGITS_KEPT = 15  # a float (an XLSX download's number cell, a JSON client's) keeps 15 significant digits
_ANY_ASCII = "[[:ascii:]]"


def _cut(name: str, room: int = _MAX_BYTES) -> str:
    return name.encode("utf-8")[:room].decode("utf-8", errors="ignore")


def field_names(header: list[str]) -> list[str]:
    """One valid, distinct DataStore field name per header cell ("列3" for a column without a name)."""
    names: list[str] = []
    for index, cell in enumerate(header):
        base = _cut(cell.strip().replace('"', "").lstrip("_").strip()) or f"列{index + 1}"
        name, suffix = base, 2
        while name in names:
            tail = f"_{suffix}"
            name, suffix = _cut(base, _MAX_BYTES - len(tail)) + tail, suffix + 1
        names.append(name)
    return names


def _number_mask(cells: pa.Array) -> pa.Array:
    """Whether each cell is a number PostgreSQL and a float give back as written: no code with a
    leading zero or of 16 digits, at most 15 significant digits (1234567890.123456789 would be
    downloaded as 1234567890.1234567)."""
    fits = pc.and_(pc.match_substring_regex(cells, _NUMBER), pc.invert(pc.match_substring_regex(cells, _CODE_LIKE)))
    return pc.and_(fits, pc.less_equal(pc.utf8_length(_significant(cells)), _DIGITS_KEPT))


def _significant(cells: pa.Array) -> pa.Array:
    """A number's digits without its exponent and leading zeros (0.10: 10)."""
    return pc.replace_substring_regex(pc.replace_substring_regex(cells, r"[eE].*$|[^0-9]", ""), r"^0+", "")


def first_misfit(cells: pa.Array, kind: str, name: str) -> Optional[str]:
    """The first filled cell of column `name` that keeps it from being `kind` (NUMERIC or
    TIMESTAMP), or None: what the catalog check shows an agency whose column loaded as text."""
    cells = pc.drop_null(pc.if_else(pc.equal(cells, ""), None, cells))
    fits = date_mask(cells, date_header(name)) if kind == TIMESTAMP else _number_mask(cells)
    misfits = pc.filter(cells, pc.invert(pc.fill_null(fits, False)))
    return misfits[0].as_py() if len(misfits) else None


class ColumnTypes:
    """Watches every cell of each column (Arrow string arrays, "" for an empty cell) and says which
    type holds for all of them. Dates written as Chinese agencies write them make a timestamp too
    (date_cells.py): `written` names the columns whose cells must be rewritten for PostgreSQL."""

    def __init__(self, names: list[str], as_text: frozenset[str] = frozenset()) -> None:
        """`as_text`: columns PostgreSQL refused a cell of as their type (data/load.py loads again)."""
        width = len(names)
        self.numeric = [name not in as_text for name in names]
        self.timestamp = list(self.numeric)
        self.native = [True] * width  # every date as PostgreSQL reads it
        self.compact = [date_header(name) for name in names]  # 20190513 is a date here
        self.filled = [False] * width
        self.ascii = [True] * width
        self.some_ascii = [False] * width

    def see(self, index: int, cells: pa.Array) -> None:
        filled = pc.drop_null(pc.if_else(pc.equal(cells, ""), None, cells))
        if len(filled) == 0:
            return
        self.filled[index] = True
        if self.ascii[index]:
            self.ascii[index] = bool(pc.all(pc.string_is_ascii(filled)).as_py())
        if not self.some_ascii[index]:
            self.some_ascii[index] = bool(pc.any(pc.match_substring_regex(filled, _ANY_ASCII)).as_py())
        if self.numeric[index]:
            self.numeric[index] = bool(pc.all(_number_mask(filled)).as_py())
        if self.native[index]:
            self.native[index] = native_dates(filled)
        if self.timestamp[index] and not self.native[index]:
            self.timestamp[index] = date_cells(filled, self.compact[index])

    def written(self, names: list[str]) -> set[str]:
        """The timestamp columns whose dates are written otherwise than PostgreSQL reads them."""
        return {name for name, kind, native in zip(names, self.types(), self.native) if kind == TIMESTAMP and not native}

    def fields(self, names: list[str]) -> list[dict[str, Any]]:
        """The table's fields (DataStore's "id" and "type"); "ascii" on a text column whose every
        cell is ASCII (codes, numbers with leading zeros: no Chinese term is in it), "no_ascii" on
        one where no cell has a single ASCII character (names, districts: no word of the full text
        is in it, data/load.py)."""
        return [{"id": name, "type": kind, **({"ascii": True} if kind == TEXT and ascii else {}),
                 **({"no_ascii": True} if kind == TEXT and not some_ascii else {})}
                for name, kind, ascii, some_ascii in zip(names, self.types(), self.ascii, self.some_ascii)]

    def types(self) -> list[str]:
        return [TEXT if not filled else TIMESTAMP if timestamp and (compact or not numeric) else NUMERIC if numeric
                else TEXT for filled, numeric, timestamp, compact in zip(self.filled, self.numeric, self.timestamp, self.compact)]
