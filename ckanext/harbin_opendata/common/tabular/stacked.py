"""Tables stacked in one sheet. Agencies fill one sheet with 表一 (title, header, rows, 合计), a blank
line, 表二 with its own title and a header of other columns, its rows, and a footer (填表人：…). Each
such table is a table of its own here, with its own header: a column that held 性别 in 表一 holds
names in 表二, and judging the two as one column loses the names.

A table starts at a header row — a row of distinct column names, at least half of them common
column words (姓名, 身份证号码, 联系电话, …) — that follows a separator (blank rows, a title such as
表二：临时救助对象 or 单位：元, also merged across the row) or that is a strong header (four in five
cells column words). The separator rows before it are its title rows. A row repeating the current
header (printed pages) starts nothing. Past MAX_TABLES the structure is not trusted: one table,
not confident until a person confirms its header row (then read under that header: tables.py)."""
from __future__ import annotations

from typing import Iterable, Optional, Sequence

from .layout import HEADER_WORDS, candidate_header, filled_cells

__all__ = ["table_starts", "ranges", "MAX_TABLES"]

MAX_TABLES = 50
_HEADER_SHARE = 0.5
_STRONG_SHARE = 0.8


def _separator(cells: list[str]) -> bool:
    """A blank row, a title (one value, perhaps merged across the row) or key-value notes (单位：元)."""
    return len(set(cells)) <= 1 or all("：" in cell or ":" in cell for cell in cells)


def _header_share(cells: list[str]) -> float:
    return sum(1 for cell in cells if HEADER_WORDS.search(cell)) / max(len(cells), 1)


def table_starts(rows: Iterable[Sequence[str]], first_header: Optional[int]) -> Optional[list[int]]:
    """Indexes of the first row of each stacked table ([0] for a sheet of one table); None when the
    sheet holds more than MAX_TABLES of them (the structure cannot be told)."""
    starts, current, separated_from = [0], None, None
    for index, row in enumerate(rows):
        cells = filled_cells(row)
        if first_header is not None and index <= first_header:
            current = cells if index == first_header else current
            continue
        if _separator(cells):
            separated_from = index if separated_from is None else separated_from
            continue
        if cells != current and len(cells) >= 2 and candidate_header(row, 0):
            share = _header_share(cells)
            if share >= _STRONG_SHARE or (separated_from is not None and share >= _HEADER_SHARE):
                starts.append(index if separated_from is None else separated_from)
                current = cells
                if len(starts) > MAX_TABLES:
                    return None
        separated_from = None
    return starts


def ranges(starts: list[int]) -> list[tuple[int, Optional[int]]]:
    """(first row, row after the last) of each table."""
    return list(zip(starts, [*starts[1:], None]))
