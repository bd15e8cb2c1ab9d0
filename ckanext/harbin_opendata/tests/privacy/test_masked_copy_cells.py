"""The masked XLSX copy of an agency workbook keeps what a downloader computes with: amounts stay
numbers (a sum over the column works), dates stay dates, 是/否 flags written as booleans stay
booleans; a title merged across the table stays one merged cell (its text once, not repeated in
every cell of the range). The person's data is masked as before."""
from __future__ import annotations

import datetime as dt

import openpyxl

from .agency_workbooks import agency_sheet, footer, scan_and_mask

HEADER = ["序号", "姓名", "公民身份号码", "发放金额（元）", "发放日期", "是否首次发放", "所属街道"]
ROWS = [
    [1, "王建国", "230102195803124517", 1250.5, dt.datetime(2025, 3, 5), True, "新阳路街道"],
    [2, "李秀英", "230102196211203028", 980, dt.datetime(2025, 3, 5), False, "新阳路街道"],
    [3, "张桂兰", "23010219490817302X", 1130.25, dt.datetime(2025, 3, 6), False, "安静街道"],
]


def _allowance_workbook(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "发放明细", HEADER)
    for row in ROWS:
        sheet.append(row)
        sheet.cell(sheet.max_row, 5).number_format = "yyyy-mm-dd"
    sheet.merge_cells(start_row=4, start_column=7, end_row=5, end_column=7)  # one 街道 over two families
    footer(sheet)
    path = tmp_path / "道里区低保发放明细.xlsx"
    workbook.save(path)
    return path


def test_numbers_dates_and_flags_stay_typed_in_the_masked_copy(tmp_path):
    _, target = scan_and_mask(_allowance_workbook(tmp_path), tmp_path)
    rows = [[cell.value for cell in row] for row in openpyxl.load_workbook(target).active.iter_rows(min_row=4, max_row=6)]
    assert [row[3] for row in rows] == [1250.5, 980, 1130.25]
    assert sum(row[3] for row in rows) == 3360.75
    assert [row[0] for row in rows] == [1, 2, 3]
    assert rows[0][4] == dt.datetime(2025, 3, 5)
    assert [row[5] for row in rows] == [True, False, False]
    assert rows[0][1] != "王建国" and "*" in rows[0][1] and "230102195803124517" not in rows[0][2]


def test_merged_ranges_stay_merged_in_the_masked_copy(tmp_path):
    _, target = scan_and_mask(_allowance_workbook(tmp_path), tmp_path)
    sheet = openpyxl.load_workbook(target).active
    assert {str(merged) for merged in sheet.merged_cells.ranges} == {"A1:G1", "G4:G5"}
    assert sheet["A1"].value == "哈尔滨市道里区2025年度困难群众生活补贴发放明细表"
    assert [sheet.cell(1, column).value for column in range(2, 8)] == [None] * 6
    assert (sheet["G4"].value, sheet["G5"].value, sheet["G6"].value) == ("新阳路街道", None, "安静街道")
