"""The stacked-table search looks at whole Arrow columns first and at the rows they point to one by
one (common/tabular/row_kinds.py): it must find the same tables as the rules applied to every row
(the oracle below, the rules of stacked.py row by row), also across batch boundaries, with Python's
whitespace (全角空格, NBSP, \\x1c), Python's case folds (İD) and merged titles."""
from __future__ import annotations

import random
import sys
from typing import Optional

import pytest

from ckanext.harbin_opendata.common.tabular import stacked
from ckanext.harbin_opendata.common.tabular.columnar import _row_batches
from ckanext.harbin_opendata.common.tabular.layout import candidate_header, filled_cells
from ckanext.harbin_opendata.common.tabular.row_kinds import WHITESPACE, KeptColumns

_CELLS = ["", " ", "\u3000", "\xa0", "\x1c", "序号", "姓名", " 姓名 ", "\u3000身份证号\u3000", "联系电话", "表二：补贴发放",
          "单位：元", "王伟", "男", "南岗区中山路街道", "230102199412219449", "13812345678", "合计", "1", "2025-01-01",
          "ID", "İD", "ıd", "paid", "Name", "备注", "x:y", "地址\u3000", "填表人：李娜"]


def _row_by_row(rows: list[list[str]], first_header: Optional[int]) -> Optional[list[int]]:
    starts, current, separated_from = [0], None, None
    for index, row in enumerate(rows):
        cells = filled_cells(row)
        if first_header is not None and index <= first_header:
            current = cells if index == first_header else current
            continue
        if len(set(cells)) <= 1 or all("：" in cell or ":" in cell for cell in cells):
            separated_from = index if separated_from is None else separated_from
            continue
        if cells != current and len(cells) >= 2 and candidate_header(row, 0):
            share = sum(1 for cell in cells if stacked.HEADER_WORDS.search(cell)) / len(cells)
            if share >= 0.8 or (separated_from is not None and share >= 0.5):
                starts.append(index if separated_from is None else separated_from)
                current = cells
                if len(starts) > stacked.MAX_TABLES:
                    return None
        separated_from = None
    return starts


def test_whitespace_is_what_python_strips():
    assert set(WHITESPACE) == {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}


@pytest.mark.parametrize("seed", range(4))
def test_same_tables_as_row_by_row(seed, monkeypatch):
    rng = random.Random(seed)
    monkeypatch.setattr(stacked, "_BATCH_ROWS", rng.choice([1, 3, 7]))
    several = 0
    for _ in range(120):  # (400 took 60-130 s per seed under CI load, for the same cases)
        rows = [[rng.choice(_CELLS[:12] if rng.random() < 0.3 else _CELLS) for _ in range(rng.choice([0, 1, 2, 3, 4, 6]))]
                for _ in range(rng.randrange(40))]
        for first in (None, 0, 2, 50):
            expected = _row_by_row(rows, first)
            assert stacked.table_starts(rows, first) == expected, (rows, first)
            several += expected is not None and len(expected) > 1
    assert several > 30  # the rows do make stacked tables


@pytest.mark.parametrize("seed", range(3))
def test_kept_columns_are_the_rows_batches(seed, monkeypatch):
    """The scan reads a sheet's kept columns (as the search read them) in the batches it would have
    made of its rows: same width (ragged rows, trailing empty cells), same cells, same boundaries."""
    rng = random.Random(seed)
    monkeypatch.setattr(stacked, "_BATCH_ROWS", rng.choice([2, 5, 16]))
    rows = [[rng.choice(_CELLS) for _ in range(rng.choice([0, 1, 3, 4, 7]))] for _ in range(rng.randrange(30, 90))]
    kept = KeptColumns()
    stacked.table_starts(rows, 0, kept)
    for start, size in ((0, 7), (1, 16), (3, 1000)):
        expected = [[column.to_pylist() for column in batch]
                    for batch in _row_batches_of(rows[start:], size)]
        assert [[column.to_pylist() for column in batch] for batch in kept.windows(start, size)] == expected


def _row_batches_of(rows: list[list[str]], size: int):
    import ckanext.harbin_opendata.common.tabular.columnar as columnar

    saved, columnar._ROWS_PER_BATCH = columnar._ROWS_PER_BATCH, size
    try:
        return list(_row_batches(iter(rows)))
    finally:
        columnar._ROWS_PER_BATCH = saved
