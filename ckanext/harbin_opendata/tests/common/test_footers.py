"""Footers under a table's data (制表人：…, 审核人：…, 填表日期：…, 注：…) are told from its rows, the same
whether the rows are read one by one or as Arrow batches cut anywhere; a line of that shape with data
after it, or a table made only of such lines, stays data."""
from __future__ import annotations

import pyarrow as pa
import pytest

from ckanext.harbin_opendata.common.tabular.footer import MAX_ROWS, Footer, footer_label, footer_line

DATA = [[str(n), f"张{n}", "2019年5月13日"] for n in range(1, 8)]


@pytest.mark.parametrize("cell, label", [
    ("审核人：李某某", "审核人："), ("制表人:王某某", "制表人:"), ("填表日期：2025年1月6日", "填表日期："), ("统计截止日期：2024年12月31日", "统计截止日期："),
    ("注：本表数据截至2024年12月31日", "注："), ("注1：单位为人", "注1："), ("数据来源：市交通运输局", "数据来源："),
    ("填报单位（盖章）：哈尔滨市交通运输局", "填报单位（盖章）："), ("单位负责人：", "单位负责人："), ("制表人 王某某", "制表人"), ("单位（盖章）", "单位（盖章）"),
    ("制表：张三  审核：李四", "制表："), ("会计：王五", "会计："), ("出纳:赵六", "出纳:"), ("记账：", "记账："), ("主管：周敏", "主管："),
    ("制  表：张三", "制  表："), ("出　纳：赵六", "出　纳："), ("审 核 人：李四", "审 核 人："), ("财务负责人：孙丽萍", "财务负责人："),
    ("会计科目", None), ("出纳 张三", None), ("张 三", None),
    ("张三（签字）", None), ("王五审核人：李某", None), ("姓名：张三", None), ("张三", None), ("2019年5月13日", None), ("合计", None), ("备用金", None)])
def test_footer_labels(cell, label):
    assert footer_label(cell) == label


def _batches(rows: list[list[str]], cuts: list[int]) -> list[list[pa.Array]]:
    width = max(map(len, rows))
    padded = [row + [""] * (width - len(row)) for row in rows]
    bounds = [0, *cuts, len(rows)]
    return [[pa.array(column, pa.string()) for column in zip(*padded[begin:end])] or []
            for begin, end in zip(bounds, bounds[1:]) if end > begin]


def _both(rows: list[list[str]]) -> list[tuple[list[list[str]], list[list[str]]]]:
    """(data, footer lines) read row by row, and read as batches cut at every place."""
    footer = Footer()
    results = [(list(footer.rows(iter(rows))), footer.lines)]
    for cut in range(1, len(rows)):
        footer = Footer()
        batches = list(footer.batches(iter(_batches(rows, [cut]))))
        data = [list(row) for batch in batches for row in zip(*(column.to_pylist() for column in batch))]
        results.append(([row for row in data if any(row)], footer.lines))
    return results


@pytest.mark.parametrize("footer", [
    [["制表人：王某某", "审核人：李某某", ""]],
    [["制表人：", "审核人：", "单位（盖章）"]],  # a form's signature line, not filled in
    [["制表：王某某", "审核：李某某", "会计：赵某某"], ["出  纳：孙某某", "", ""]],  # signed by roles, spaced labels
    [["", "", ""], ["制表人：王某某", "", "审核人：李某某"], ["填表日期：2025年1月6日", "", ""],
     ["注：本表数据截至2024年12月31日。"] * 3],  # the note merged across the row
])
def test_a_footer_is_no_data_row(footer):
    for data, lines in _both(DATA + footer):
        assert data == DATA
        assert lines == [row for row in footer if any(row)]


@pytest.mark.parametrize("rows", [
    DATA[:3] + [["备注：退休返聘", "", ""]] + DATA[3:],  # data after it: a row of the table
    [["备注：甲", "说明：乙", ""], ["备注：丙", "说明：丁", ""]],  # nothing but such lines: the table's data
    DATA + [["", "", ""]],  # blank rows alone are no footer
    DATA + [["制表人：王某某", "", ""]] * (MAX_ROWS + 1),  # too long to be a footer
])
def test_data_shaped_like_a_footer_stays_data(rows):
    for data, lines in _both(rows):
        assert data == [row for row in rows if any(row)] or data == rows
        assert lines == []


def test_footer_lines():
    assert footer_line(["制表人：王某某", "", "审核人：李某某"]) and not footer_line(["制表人：王某某", "40", ""])
    assert not footer_line(["", ""])
