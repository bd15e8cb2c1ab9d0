"""Forms laid out label | value across a row, as 登记表 and 申请表 are (姓名 | 王建国 | 性别 | 男, one
block of rows per person; a CSV of 申请人,王建国 lines under 项目,内容): the column holding the names is
headed by nothing that says so, and its other cells (男, 厨师, 650) keep it from looking like a
name column. A cell that is a person label (the name headers of names.py: 姓名, 申请人, 户主, 法定代表人,
with or without a colon) makes the cell to its right a name when it is a person's (names.a_persons_name: shaped like
one or pinyin of one, 王某 nobody's); a label merged over two cells (the reader repeats it or leaves the second cell empty)
makes the next cell after it so."""
from __future__ import annotations

import functools
import re
from typing import Iterator

import pyarrow as pa
import pyarrow.compute as pc

from .names import NAME_HEADER, a_persons_name, is_name_header

__all__ = ["form_names", "form_name_cells"]

_COLON = re.compile(r"[:：]+$")
_REACH = 2  # the value's cell: the next one, or the one after a label merged over two cells
_LONGEST_LABEL = 12
# What Python's str.strip() removes, and the colons a label may end with: trimmed from both ends,
# a cell is never longer than the text _is_label measures, so the length test keeps every label.
# (Written out: working them out from all of Unicode cost 80 ms of every scan process's start.)
_TRIMMED = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
            "\u2009\u200a\u2028\u2029\u202f\u205f\u3000:：")
# Cells of ASCII and CJK unified ideographs only are their own NFKC form, and their whitespace is
# ASCII: the header test reads them as they are. Without NAME_HEADER's anchors and look-behind, its
# RE2 twin matches whenever the exact test could (a label's words hold no colon or space).
_PLAIN_CELL = r"^[\x{4e00}-\x{9fff}\x{20}-\x{7e}\t\n\r\f\v]*$"
_ASCII_SPACE = r"[ \t\n\r\f\v]+"
_LABEL_WORDS = "(?i)" + NAME_HEADER.pattern.replace("(?<!个)", "").replace("^", "").replace("$", "")


@functools.lru_cache(maxsize=4096)
def _is_label(cell: str) -> bool:
    text = _COLON.sub("", cell.strip())
    return 0 < len(text) <= 12 and is_name_header(text)


def _labels(column: pa.Array) -> pa.Array | None:
    """Which of the column's cells are person labels; None when none is."""
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        return None
    distinct = pc.unique(column.drop_null())
    found = [value for value in _candidates(distinct) if _is_label(value)]
    return pc.is_in(column, value_set=pa.array(found, column.type)) if found else None


def _candidates(cells: pa.Array) -> list[str]:
    """The cells _is_label may take: the others (mobiles, IDs, amounts, names, long text) are
    dropped in Arrow, so that a column's thousands of distinct values are not each read in Python."""
    cells = cells.filter(pc.less_equal(pc.utf8_length(pc.utf8_trim(cells, characters=_TRIMMED)), _LONGEST_LABEL))
    plain = pc.match_substring_regex(cells, _PLAIN_CELL)
    worded = pc.match_substring_regex(pc.replace_substring_regex(cells, _ASCII_SPACE, ""), _LABEL_WORDS)
    return cells.filter(pc.or_(pc.invert(plain), worded)).to_pylist()


def _named_step(label: str, after: list[str]) -> int:
    """How many cells right of `label` its value is when the value is a name (0: it is not)."""
    for step, cell in enumerate(after[:_REACH], start=1):
        value = (cell or "").strip()
        if not value or value == label.strip():  # the label merged over this cell too
            continue
        return step if a_persons_name(value) else 0
    return 0


def form_name_cells(row: list[str]) -> list[int]:
    """The indexes of the row's cells that are names right of a person label (a title or footer
    line, a row above the header: 姓名： | 王建国)."""
    return [index + step for index, cell in enumerate(row)
            if cell and _is_label(cell) and (step := _named_step(cell, row[index + 1:]))]


def form_names(batch: list[pa.Array]) -> Iterator[tuple[int, pa.Array]]:
    """(column, the names found in it) for each column of the batch holding names to the right of
    person labels."""
    found: dict[int, list[str]] = {}
    for left in range(len(batch) - 1):
        labelled = _labels(batch[left])
        if labelled is None:
            continue
        labels = pc.filter(batch[left], labelled).to_pylist()
        rights = [pc.filter(batch[column], labelled).cast(pa.string()).to_pylist()
                  for column in range(left + 1, min(left + 1 + _REACH, len(batch)))]
        for row, label in enumerate(labels):
            if step := _named_step(label, [cells[row] for cells in rights]):
                found.setdefault(left + step, []).append(rights[step - 1][row].strip())
    for column, names in sorted(found.items()):
        yield column, pa.array(names, pa.string())
