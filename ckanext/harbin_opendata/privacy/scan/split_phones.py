"""Phone numbers split over adjacent columns, as forms print them: 区号 | 号码 (0451 | 86123456), a
mobile as 3 | 8 digits (138 | 00138000) or 3 | 4 | 4 (138 | 1234 | 5678). Phone numbers have no check
rule, so chance is ruled out by the columns' shapes in most rows (a code 1[3-9]x, an area code 0xx(x))
and by what such columns would be otherwise: a year (2025), a date (20261130) or the same few
numbers again (codes beside counts) are no phone number."""
from __future__ import annotations

from typing import Iterator

import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["split_phones"]

_SHARE = 0.5  # of the rows where every cell of the group is filled
_DISTINCT = 0.5  # of the joined numbers
_SAMPLE = 100  # the first rows of a batch: most groups of columns are ruled out by them
_DATE = r"^(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])$"
_YEAR = r"^(?:19|20)[0-9]{2}$"
# (kind, the shape of each column, the shape no column may have in most rows)
_GROUPS = (
    ("mobile", (r"^1[3-9][0-9]$", r"^[0-9]{8}$"), _DATE),
    ("landline", (r"^0[1-9][0-9]{1,2}$", r"^[2-9][0-9]{6,7}$"), None),
    ("mobile", (r"^1[3-9][0-9]$", r"^[0-9]{4}$", r"^[0-9]{4}$"), _YEAR),
)


def _joined(columns: list[pa.Array], shapes: tuple[str, ...], unlike: str | None) -> tuple[int, pa.Array]:
    """How many rows have every cell filled, and the joined numbers of the rows shaped so."""
    trimmed = [pc.utf8_trim_whitespace(column) for column in columns]
    filled = trimmed[0].is_valid()
    shaped = filled
    for column, shape in zip(trimmed, shapes):
        filled = pc.and_(filled, pc.greater(pc.binary_length(column), 0))
        shaped = pc.and_(shaped, pc.match_substring_regex(column, shape))
    if unlike is not None:
        shaped = pc.and_(shaped, pc.invert(pc.match_substring_regex(trimmed[1], unlike)))
    return int(pc.sum(filled).as_py() or 0), pc.filter(pc.binary_join_element_wise(*trimmed, ""), shaped)


def _holds(columns: list[pa.Array], shapes: tuple[str, ...], unlike: str | None) -> pa.Array | None:
    filled, numbers = _joined(columns, shapes, unlike)
    if not filled or len(numbers) < _SHARE * filled or len(pc.unique(numbers)) < _DISTINCT * len(numbers):
        return None
    return numbers


def split_phones(batch: list[pa.Array]) -> Iterator[tuple[int, int, str, pa.Array]]:
    """(first column, number of columns, kind, the joined numbers) for each group of adjacent
    columns of the batch that holds phone numbers split up in most rows. 区号 | 号码 columns mixing
    area codes and mobile prefixes (0451 | 86123456, 176 | 60189555) count the rows of both."""
    for left in range(len(batch) - 1):
        found = []
        for kind, shapes, unlike in _GROUPS:
            columns = batch[left:left + len(shapes)]
            if len(columns) < len(shapes):
                continue
            if len(_joined([column.slice(0, _SAMPLE) for column in columns], shapes, unlike)[1]):
                found.append((kind, shapes, unlike))
        pairs = [group for group in found if len(group[1]) == 2]
        if len(pairs) == 2:  # 区号 | 号码 with mobiles among landlines: judged together
            results = [(kind, _joined(batch[left:left + 2], shapes, unlike)) for kind, shapes, unlike in pairs]
            filled, joined = results[0][1][0], pa.concat_arrays([numbers for _, (_, numbers) in results])
            if filled and len(joined) >= _SHARE * filled and len(pc.unique(joined)) >= _DISTINCT * len(joined):
                for kind, (_, numbers) in results:
                    if len(numbers):
                        yield left, 2, kind, numbers
                continue
        for kind, shapes, unlike in found:
            if (numbers := _holds(batch[left:left + len(shapes)], shapes, unlike)) is not None:
                yield left, len(shapes), kind, numbers
