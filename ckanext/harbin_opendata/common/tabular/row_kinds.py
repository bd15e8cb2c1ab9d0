"""Which rows of a batch can be a separator or a header row (stacked.py), from whole Arrow columns:
a separator has at most one distinct value or only "key：value" cells; a header has at least two
cells and at least half of them hold a column word. Every other row is data, and is not looked at
one by one. Cells are stripped as Python strips them (str.strip: the same whitespace characters);
column words are matched loosely (no word boundaries, Python's extra case folds), so no row the
exact rules would take is left out. The columns built for the search can be kept (KeptColumns) for
the scan that reads the same sheet next, instead of reading its rows again."""
from __future__ import annotations

import re
from typing import Iterator, Optional, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .layout import COLUMN_WORDS

__all__ = ["row_kinds", "row_columns", "KeptColumns", "WHITESPACE"]

# Every character str.isspace() accepts (tests/common/test_stacked_rows.py checks the list).
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200b))) + \
    "\u2028\u2029\u202f\u205f\u3000"
# Letters Python's re.IGNORECASE also matches (İ ı for i, ſ for s, K for k).
_FOLDS = {"i": "iIİı", "s": "sSſ", "k": "kKK"}
_KEEP_BYTES = 256 << 20  # a sheet whose columns take more is read again by the scan


def _loose(word: str) -> str:
    return "".join(f"[{_FOLDS.get(char.lower(), char.lower() + char.upper())}]" if char.isascii() and char.isalpha()
                   else re.escape(char) for char in word)


_WORDS_RE2 = "|".join(map(_loose, COLUMN_WORDS))


def row_columns(rows: Sequence[Sequence[str]]) -> list[pa.Array]:
    """The rows as string columns, as wide as the widest row (shorter rows padded with "")."""
    width = max(map(len, rows), default=0)
    padded = [row if len(row) == width else [*row, *[""] * (width - len(row))] for row in rows]
    return [pa.array(column, type=pa.string()) for column in zip(*padded)]


def row_kinds(columns: list[pa.Array], count: int) -> np.ndarray:
    """A mask over `count` rows given as `columns`: True for each row that may be a separator or a
    header row."""
    if not columns:
        return np.ones(count, dtype=bool)
    stripped = [pc.utf8_trim(pc.fill_null(column, ""), characters=WHITESPACE) for column in columns]
    filled = [pc.greater(pc.binary_length(column), 0) for column in stripped]
    first = pc.coalesce(*[pc.if_else(mask, column, pa.scalar(None, pa.string()))
                          for mask, column in zip(filled, stripped)])
    cells = np.zeros(count, dtype=np.int32)
    same = np.ones(count, dtype=bool)
    keyed = np.zeros(count, dtype=np.int32)
    worded = np.zeros(count, dtype=np.int32)
    for mask, column in zip(filled, stripped):
        is_filled = mask.to_numpy(zero_copy_only=False)
        cells += is_filled
        same &= ~is_filled | pc.fill_null(pc.equal(column, first), True).to_numpy(zero_copy_only=False)
        keyed += is_filled & pc.match_substring_regex(column, "[：:]").to_numpy(zero_copy_only=False)
        worded += is_filled & pc.match_substring_regex(column, _WORDS_RE2).to_numpy(zero_copy_only=False)
    return same | (keyed == cells) | ((cells >= 2) & (2 * worded >= cells))


class KeptColumns:
    """A sheet's rows as the search read them: batches of columns and each row's length."""

    def __init__(self) -> None:
        self.batches: Optional[list[tuple[list[pa.Array], np.ndarray]]] = []
        self.size = 0

    def keep(self, columns: list[pa.Array], rows: Sequence[Sequence[str]]) -> None:
        if self.batches is None:
            return
        self.size += sum(column.nbytes for column in columns)
        if self.size > _KEEP_BYTES:
            self.batches = None  # too large to hold: read again
            return
        self.batches.append((columns, np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))))

    def windows(self, start: int, rows: int) -> Iterator[list[pa.Array]]:
        """Batches of `rows` rows from row `start`, each as wide as its widest row (the columns
        columnar._row_batches makes of the same rows)."""
        assert self.batches is not None
        offsets = np.cumsum([0, *(len(lengths) for _, lengths in self.batches)])
        lengths = np.concatenate([lengths for _, lengths in self.batches]) if self.batches else np.zeros(0, np.int64)
        for begin in range(start, int(offsets[-1]), rows):
            end = min(begin + rows, int(offsets[-1]))
            width = int(lengths[begin:end].max())
            yield [self._column(index, begin, end, offsets) for index in range(width)]

    def _column(self, index: int, begin: int, end: int, offsets: np.ndarray) -> pa.Array:
        pieces = []
        for number, (columns, _) in enumerate(self.batches or []):
            low, high = max(begin, int(offsets[number])), min(end, int(offsets[number + 1]))
            if low >= high:
                continue
            if index < len(columns):
                pieces.append(columns[index].slice(low - int(offsets[number]), high - low))
            else:
                pieces.append(pa.array([""] * (high - low), type=pa.string()))
        return pieces[0] if len(pieces) == 1 else pa.concat_arrays(pieces)
