"""Tests of a whole string column at once, read from its UTF-8 bytes: whether any cell may hold a
match of a pattern (one search over all the cells' bytes instead of one per cell: a pattern's fixed
cost per cell was most of its time over short cells), and where the one run of digits of each cell
is."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["any_holds", "lone_runs"]


def _offsets_and_data(column: pa.Array) -> tuple[np.ndarray, pa.Buffer]:
    offsets = np.frombuffer(column.buffers()[1], dtype=np.int32, count=len(column) + 1, offset=column.offset * 4)
    return offsets, column.buffers()[2]


def any_holds(column: pa.Array, pattern: str) -> bool:
    """Whether the column's cells (a string array), their text joined without a separator, hold a
    match of the pattern (one without anchors). False: no cell holds one. True: some cell holds one
    when the pattern matches one character (a character class), else perhaps only across a border
    between two cells: the caller then tests cell by cell."""
    offsets, data = _offsets_and_data(column)
    first, last = int(offsets[0]), int(offsets[-1])
    if last == first:
        return False
    whole = pa.StringArray.from_buffers(1, pa.py_buffer(np.array([0, last - first], dtype=np.int32)),
                                        data.slice(first, last - first))
    return bool(pc.match_substring_regex(whole, pattern)[0].as_py())


def lone_runs(column: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For cells (a string array) whose ASCII digits are each one run of digits, and followed by an
    X or x only when it is 17 digits long (vectorized._LONE_RUN matches such cells): the data bytes,
    each cell's run start in them and the run's length (digits, and the X)."""
    offsets, buffer = _offsets_and_data(column)
    data = np.frombuffer(buffer, dtype=np.uint8) if buffer is not None else np.zeros(0, dtype=np.uint8)
    first, last = int(offsets[0]), int(offsets[-1])
    digit = (data[first:last] >= ord("0")) & (data[first:last] <= ord("9"))
    borders = offsets - first
    begins, ends = digit.copy(), digit.copy()
    begins[1:] &= ~digit[:-1]
    ends[:-1] &= ~digit[1:]
    begins[borders[:-1][borders[:-1] < len(digit)]] = digit[borders[:-1][borders[:-1] < len(digit)]]
    ends[borders[1:][borders[1:] > 0] - 1] = digit[borders[1:][borders[1:] > 0] - 1]
    starts, stops = np.flatnonzero(begins), np.flatnonzero(ends) + 1
    if len(starts) != len(column):
        raise ValueError("a cell without exactly one run of digits")
    lengths = stops - starts
    x_after = (lengths == 17) & (stops < borders[1:])
    x_after[x_after] = np.isin(data[first + stops[x_after]], (ord("X"), ord("x")))
    return data, starts + first, lengths + x_after
