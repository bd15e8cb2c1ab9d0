"""Tables stacked in one sheet. Agencies fill one sheet with 表一 (title, header, rows, 合计), a blank
line, 表二 with its own title and a header of other columns, its rows, and a footer (填表人：…). Each
such table is a table of its own here, with its own header: a column that held 性别 in 表一 holds
names in 表二, and judging the two as one column loses the names.

A table starts at a header row — a row of distinct column names, at least half of them common
column words (姓名, 身份证号码, 联系电话, …) — that follows a separator (blank rows, a title such as
表二：临时救助对象 or 单位：元, also merged across the row) or that is a strong header (four in five
cells column words). The separator rows before it are its title rows. A row repeating the current
header (printed pages) starts nothing. Past MAX_TABLES the structure is not trusted: one table,
not confident until a person confirms its header row (then read under that header: tables.py).

The rows are read a batch at a time as Arrow columns (row_kinds.py): whole columns tell which rows
can be a separator or a header; only those rows are looked at one by one here."""
from __future__ import annotations

import itertools
from typing import Iterable, Optional, Sequence

import numpy as np

from .layout import HEADER_WORDS, candidate_header, filled_cells
from .row_kinds import KeptColumns, row_columns, row_kinds

__all__ = ["table_starts", "ranges", "MAX_TABLES"]

MAX_TABLES = 50
_HEADER_SHARE = 0.5
_STRONG_SHARE = 0.8
_BATCH_ROWS = 1 << 15


def _separator(cells: list[str]) -> bool:
    """A blank row, a title (one value, perhaps merged across the row) or key-value notes (单位：元)."""
    return len(set(cells)) <= 1 or all("：" in cell or ":" in cell for cell in cells)


def _header_share(cells: list[str]) -> float:
    return sum(1 for cell in cells if HEADER_WORDS.search(cell)) / max(len(cells), 1)


class _Search:
    """The search's state from one row to the next."""

    def __init__(self, first_header: Optional[int]) -> None:
        self.first_header = -1 if first_header is None else first_header
        self.starts: list[int] = [0]
        self.current: Optional[list[str]] = None
        self.separated_from: Optional[int] = None

    def row(self, index: int, row: Sequence[str]) -> bool:
        """Take one row; False when the sheet holds more than MAX_TABLES tables."""
        cells = filled_cells(row)
        if index <= self.first_header:
            self.current = cells if index == self.first_header else self.current
            return True
        if _separator(cells):
            self.separated_from = index if self.separated_from is None else self.separated_from
            return True
        if cells != self.current and len(cells) >= 2 and candidate_header(row, 0):
            share = _header_share(cells)
            if share >= _STRONG_SHARE or (self.separated_from is not None and share >= _HEADER_SHARE):
                self.starts.append(index if self.separated_from is None else self.separated_from)
                self.current = cells
                if len(self.starts) > MAX_TABLES:
                    return False
        self.separated_from = None
        return True


def table_starts(rows: Iterable[Sequence[str]], first_header: Optional[int],
                 kept: Optional[KeptColumns] = None) -> Optional[list[int]]:
    """Indexes of the first row of each stacked table ([0] for a sheet of one table); None when the
    sheet holds more than MAX_TABLES of them (the structure cannot be told). With `kept`, the
    columns read are kept there."""
    search, done, rows = _Search(first_header), 0, iter(rows)
    while batch := list(itertools.islice(rows, _BATCH_ROWS)):
        columns = row_columns(batch)
        if kept is not None:
            kept.keep(columns, batch)
        looked_at = row_kinds(columns, len(batch))  # separators and possible headers; any other row is data
        looked_at[:max(search.first_header + 1 - done, 0)] = True
        last = done - 1
        for position in np.flatnonzero(looked_at).tolist():
            index = done + position
            if index > last + 1:
                search.separated_from = None  # data rows since the last row looked at
            if not search.row(index, batch[position]):
                return None
            last = index
        if done + len(batch) - 1 > last:
            search.separated_from = None
        done += len(batch)
    return search.starts


def ranges(starts: list[int]) -> list[tuple[int, Optional[int]]]:
    """(first row, row after the last) of each table."""
    return list(zip(starts, [*starts[1:], None]))
