"""A date merged over several rows reads as Excel shows it in every row of the range, not only in its
top-left cell (the one the sheet's XML holds): a licence register lists each licensed item on a row
of its own and merges the licence's 有效期至 and 发证日期 over the licence's rows."""
from __future__ import annotations

import datetime as dt

from ckanext.harbin_opendata.common.tabular import Limits, tables_as_scanned

from ..workbooks import titled_sheet, workbook_bytes

_HEADER = ["序号", "许可证编号", "经营项目", "发证日期", "有效期至"]
_END = dt.timedelta(hours=23, minutes=59, seconds=59, microseconds=999999)


def test_every_cell_of_a_merged_date_reads_as_excel_shows_it(tmp_path):
    workbook, sheet = titled_sheet("许可信息", "哈尔滨市食品经营许可证信息", _HEADER)
    sheet.append([1, "JY12301020000123", "预包装食品销售", 0, dt.datetime(2025, 12, 31) + _END])
    sheet.append([2, "JY12301020000123", "散装食品销售", None, None])
    sheet.append([3, "JY12301020000123", "热食类食品制售", None, None])
    sheet.append([4, "JY12301020000456", "糕点类食品制售", dt.date(2024, 7, 1), dt.datetime(2029, 6, 30) + _END])
    sheet.merge_cells("D3:D5")
    sheet.merge_cells("E3:E5")
    for cells in sheet.iter_rows(min_row=3):
        cells[3].number_format, cells[4].number_format = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
    path = tmp_path / "许可信息.xlsx"
    path.write_bytes(workbook_bytes(workbook))
    table = next(iter(tables_as_scanned(str(path), Limits(max_unpacked_bytes=10_000_000))))
    assert [row[3:] for row in table.rows()] == [["1900-01-00", "2025-12-31 23:59:59.999999"]] * 3 + [
        ["2024-07-01", "2029-06-30 23:59:59.999999"]]
