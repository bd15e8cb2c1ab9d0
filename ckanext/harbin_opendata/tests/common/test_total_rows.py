"""Rows of sums under a statistics table (合计, 全市合计, spaced 合  计, 小计, 其中：…, the label merged
over the first columns) are read with its footer: no data rows, whether the rows are read one by one
or as batches cut anywhere. A row of that shape with data after it (a 小计 between groups) and a
cell that merely contains 合计 stay data."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.common.tabular.totals import total_label, total_line

from .test_footers import _both

DISTRICTS = [[str(n), name, str(100 + n), f"{(100 + n) * 655}.00"]
             for n, name in enumerate(["道里区", "南岗区", "道外区", "香坊区", "平房区", "松北区"], 1)]
SUBTOTAL = ["", "市辖区小计", "621", "406,755.00"]
COUNTIES = [["7", "五常市", "310", "203,050.00"], ["8", "尚志市", "280", "183,400.00"]]


@pytest.mark.parametrize("closing", [
    [["合计", "", "1211", "793,205.00"]],
    [["", "全市合计", "1211", "793,205.00"]],
    [["合  计", "合  计", "1211", "793,205.00"], ["", "其中：城镇", "901", "—"]],  # merged over two columns
    [["", "县（市）小计", "590", "386,450.00"], ["总计", "总计", "1211", "793,205.00"], ["", "", "", ""],
     ["制表人：王某某", "", "审核人：李某某", ""]],  # sums, a blank line, the signers
    [["共计：", "", "1211", ""], ["注：金额单位为元。", "", "", ""]],
    [["合计", "", "1211户", "79.32万元"], ["", "其中：城镇", "901 户", "59.01万元"]],  # sums with their units
])
def test_rows_of_sums_at_the_end_are_no_data(closing):
    rows = DISTRICTS + [SUBTOTAL] + COUNTIES + closing
    for data, lines in _both(rows):
        assert data == DISTRICTS + [SUBTOTAL] + COUNTIES  # the 小计 between the groups stays a row
        assert lines == [row for row in closing if any(row)]


@pytest.mark.parametrize("rows", [
    DISTRICTS + [["7", "合计金额核对", "1", "2.00"]],  # a name that contains 合计
    DISTRICTS[:3] + [["", "合计", "306", "200,430.00"]] + DISTRICTS[3:],  # data after it
    [["合计", "", "1211", "793,205.00"]],  # a table of nothing else: its data
    DISTRICTS + [["合计", "张三", "1211", ""]],  # text beside the label
    DISTRICTS + [["", "", "", "合计"]],  # not in the first columns
])
def test_rows_that_only_look_like_sums_stay_data(rows):
    for data, lines in _both(rows):
        assert data == rows
        assert lines == []


@pytest.mark.parametrize("row, expected", [
    (["合计", "", "1", "2"], True), (["", "全市合计：", "1", "—"], True), (["", "其中", "1", "/"], True),
    (["", "小  计", "12%", ""], True), (["合计", "", "1211户", "9017.39万元"], True), (["", "合计", "3.5万人次", "元"], False),
    (["", "合计金额核对", "1", "2"], False), (["", "累计发放", "1", "2"], False),
    (["", "", "", ""], False)])
def test_total_lines(row, expected):
    assert total_line(row) is expected


@pytest.mark.parametrize("cell, label", [
    ("合计", "合计"), ("合  计", "合  计"), ("全市合计：", "全市合计："), ("县（市）小计", "县（市）小计"), ("其中：城镇", "其中："),
    ("王建国户小计", None), ("张三合计", None), ("道里区", None), ("合计金额核对", None)])
def test_total_labels_a_masked_copy_keeps(cell, label):
    assert total_label(cell) == label
