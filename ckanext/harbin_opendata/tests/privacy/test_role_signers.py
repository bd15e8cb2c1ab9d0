"""A finance table signed by roles alone, as agencies' accounting forms are: 制表：张三  审核：李四
会计：王五  出纳：赵六 (one label per cell, or all in one cell merged across the row, or spaced to a
longer label's width: 制  表：). The reader takes such lines for the footer, not for data rows (the
DataStore, the preview and the drafted items read table.rows()); the scan finds the names in them;
the masked copy keeps the labels and hides the names."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from ckanext.harbin_opendata.common.tabular import open_tables

from .agency_workbooks import LIMITS, agency_sheet, copy_texts, scan_and_mask
from ..workbooks import workbook_bytes

_HEADER = ["序号", "乡镇（街道）", "救助人次", "拨付金额（元）", "拨付日期"]
_TOWNS = ["新发镇", "太平镇", "榆树镇", "群力街道", "新农镇", "巨源镇", "城乡路街道", "工程街道"]
_ROWS = [[str(n), town, str(40 + 7 * n), f"{12000 + 350 * n}.00", f"2025年3月{n + 10}日"] for n, town in enumerate(_TOWNS, 1)]
_SIGNERS = ["刘建华", "孙丽萍", "周敏", "赵德胜"]
# The signature lines of an accounting form, as written.
# The signature lines of an accounting form, as written and as the masked copy writes them.
_FOOTERS = {
    "a cell each": ([["制表：刘建华", "审核：孙丽萍", "", "会计：周敏", "出纳：赵德胜"]],
                    [["制表：刘**", "审核：孙**", "", "会计：周*", "出纳：赵**"]]),
    "one cell": ([["制表：刘建华  审核：孙丽萍  会计：周敏  出纳：赵德胜"]], [["制表：刘**  审核：孙**  会计：周*  出纳：赵**"]]),
    "spaced labels": ([["制  表：刘建华", "", "复  核：孙丽萍", "", ""], ["会　计：周敏", "", "出　纳：赵德胜", "", ""]],
                      [["制  表：刘**", "", "复  核：孙**", "", ""], ["会　计：周*", "", "出　纳：赵**", "", ""]]),
    "other roles": ([["单位负责人：刘建华", "财务负责人：孙丽萍", "", "记账：周敏", "经办：赵德胜"]],
                    [["单位负责人：刘**", "财务负责人：孙**", "", "记账：周*", "经办：赵**"]]),
}


def _gbk_csv(path, footer: list[list[str]]) -> str:
    """The table as Excel saves it in GBK: a title, the unit and date line, the rows, a blank line, the footer."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([
        ["哈尔滨市道里区2025年第一季度医疗救助资金拨付明细表", "", "", "", ""],
        ["填报单位：道里区医疗保障局", "", "", "单位：元", ""], _HEADER, *_ROWS, ["", "", "", "", ""], *footer])
    path.write_bytes(out.getvalue().encode("gbk"))
    return str(path)


@pytest.mark.parametrize("shape", _FOOTERS)
def test_a_gbk_table_signed_by_roles(tmp_path, shape):
    written, masked = _FOOTERS[shape]
    source = _gbk_csv(tmp_path / "拨付明细.csv", written)
    [table] = open_tables(source, LIMITS)
    assert table.text.encoding == "gb18030" and list(table.rows()) == _ROWS  # the footer is no data row

    result, target = scan_and_mask(source, tmp_path)  # one text table: a CSV copy
    assert result.personal and any("person_name" in column["kinds"] for column in result.columns), result.columns
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert rows[-len(masked):] == masked  # the labels as written, the names masked
    assert rows[3:3 + len(_ROWS)] == _ROWS  # the data untouched


def test_a_workbook_signed_by_roles_under_merged_cells(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "拨付明细", _HEADER)
    for row in _ROWS:
        sheet.append([int(row[0]), *row[1:3], float(row[3]), row[4]])
    sheet.append([])
    sheet.append(["制表：刘建华", None, "审核：孙丽萍", None, "会计：周敏"])
    last = sheet.max_row + 1
    sheet.cell(last, 1, "出纳：赵德胜    单位负责人：王建国")
    sheet.merge_cells(start_row=last, start_column=1, end_row=last, end_column=len(_HEADER))
    source = tmp_path / "拨付明细.xlsx"
    source.write_bytes(workbook_bytes(workbook))

    [table] = open_tables(str(source), LIMITS)
    assert [row[1] for row in table.rows()] == _TOWNS
    result, target = scan_and_mask(source, tmp_path)
    assert result.personal, result.columns
    assert not [name for name in [*_SIGNERS, "王建国"] if name in copy_texts(target)]
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[-2] == ("制表：刘**", None, "审核：孙**", None, "会计：周*")
    assert rows[-1][0] == "出纳：赵**    单位负责人：王**" and [row[1] for row in rows[3:-3]] == _TOWNS
