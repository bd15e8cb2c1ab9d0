"""ID numbers split over two adjacent columns (证件号码(前6位) | 证件号码(后12位): 230103 | 198503121239). A pair
of columns whose cells joined are valid 18-character IDs (region, birth date, check character) in
most rows holds one ID a row: chance makes a joined pair valid far less than one time in ten (a region
code beside a dated serial fits the check character one time in eleven), never in most rows."""
from __future__ import annotations

from typing import Iterator

import pyarrow as pa
import pyarrow.compute as pc

from .vectorized import valid_ids18

__all__ = ["split_ids"]

_SHARE = 0.5  # of the rows where both cells are filled
_SAMPLE = 100  # the first rows of a batch: most pairs of columns are ruled out by them


def _joined_ids(left: pa.Array, right: pa.Array) -> tuple[int, pa.Array]:
    """How many rows have both cells filled, and the joined cells that are valid IDs."""
    filled = pc.and_(pc.greater(pc.binary_length(left), 0), pc.greater(pc.binary_length(right), 0))
    joined = pc.binary_join_element_wise(left, right, "")
    shaped = pc.filter(joined, pc.and_(filled, pc.match_substring_regex(joined, r"^[0-9]{17}[0-9Xx]$")))
    return int(pc.sum(filled).as_py() or 0), pc.filter(shaped, pa.array(valid_ids18(shaped)))


def split_ids(batch: list[pa.Array]) -> Iterator[tuple[int, pa.Array]]:
    """(left column, the joined IDs) for each pair of adjacent columns of the batch that holds IDs
    split in two in most rows."""
    for left in range(len(batch) - 1):
        pair = batch[left], batch[left + 1]
        filled, ids = _joined_ids(*(column.slice(0, _SAMPLE) for column in pair))
        if not filled or len(ids) < _SHARE * filled:
            continue
        filled, ids = _joined_ids(*pair)
        if len(ids) >= _SHARE * filled:
            yield left, ids
