"""Column names and types of a DataStore table from a file's header and cells. Names are the header
the privacy scan saw, made valid DataStore field names (PostgreSQL identifiers of at most 63 bytes,
not starting with "_", no double quote, distinct). Types are the suite's one rule for cells
(common/cell_types.py, which the drafted data items follow too): a column is numeric or a timestamp
only when every filled cell of it is one (PostgreSQL then parses the same text as it copies it; dates
written as 2019年5月13日, 2019.5.13 or 20190513 are written for it first, date_cells.py); codes with
leading zeros and long digit strings (ID and account numbers) stay text."""
from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..common.cell_types import NUMERIC, TEXT, TIMESTAMP, ColumnKind, first_misfit

__all__ = ["field_names", "ColumnTypes", "first_misfit", "TEXT", "NUMERIC", "TIMESTAMP"]

_MAX_BYTES = 63
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


class ColumnTypes:
    """Watches every cell of each column (Arrow string arrays, "" for an empty cell) and says which
    type holds for all of them. Dates written as Chinese agencies write them make a timestamp too
    (date_cells.py): `written` names the columns whose cells must be rewritten for PostgreSQL."""

    def __init__(self, names: list[str], as_text: frozenset[str] = frozenset()) -> None:
        """`as_text`: columns PostgreSQL refused a cell of as their type (data/load.py loads again)."""
        self.kinds = [ColumnKind(name, name in as_text) for name in names]
        self.ascii = [True] * len(names)
        self.some_ascii = [False] * len(names)

    def see(self, index: int, cells: pa.Array) -> None:
        filled = pc.drop_null(pc.if_else(pc.equal(cells, ""), None, cells))
        if len(filled) == 0:
            return
        if self.ascii[index]:
            self.ascii[index] = bool(pc.all(pc.string_is_ascii(filled)).as_py())
        if not self.some_ascii[index]:
            self.some_ascii[index] = bool(pc.any(pc.match_substring_regex(filled, _ANY_ASCII)).as_py())
        self.kinds[index].see(filled)

    def written(self, names: list[str]) -> set[str]:
        """The timestamp columns whose dates are written otherwise than PostgreSQL reads them."""
        return {name for name, column in zip(names, self.kinds) if column.kind() == TIMESTAMP and not column.native}

    def fields(self, names: list[str]) -> list[dict[str, Any]]:
        """The table's fields (DataStore's "id" and "type"); "ascii" on a text column whose every
        cell is ASCII (codes, numbers with leading zeros: no Chinese term is in it), "no_ascii" on
        one where no cell has a single ASCII character (names, districts: no word of the full text
        is in it, data/load.py)."""
        return [{"id": name, "type": kind, **({"ascii": True} if kind == TEXT and ascii else {}),
                 **({"no_ascii": True} if kind == TEXT and not some_ascii else {})}
                for name, kind, ascii, some_ascii in zip(names, self.types(), self.ascii, self.some_ascii)]

    def types(self) -> list[str]:
        return [column.kind() for column in self.kinds]
