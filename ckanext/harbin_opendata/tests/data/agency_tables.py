"""A register as an agency sends it: a title and a subtitle above the header (in the workbook a merged
title and a two-level merged header), 40 drivers with names, ID numbers and mobiles, issue dates
written the Chinese way, and footer lines under the data (制表人/审核人, 填表日期, 注：)."""
from __future__ import annotations

from typing import Any

from ..privacy.samples import resident_id_with
from ..workbooks import workbook_bytes

__all__ = ["DRIVERS_HEADER", "DRIVERS", "DRIVER_ITEMS", "drivers_csv", "drivers_xlsx"]

DRIVERS_HEADER = ["序号", "驾驶员姓名", "性别", "身份证号码", "手机号码", "从业资格证号", "所属企业", "发证日期"]
_NAMES = ["王芳", "李娜", "刘洋", "陈杰", "杨静", "赵磊", "黄敏", "周强", "吴刚", "张伟"]
DRIVERS = [[str(n), _NAMES[n % 10], "男" if n % 2 else "女", resident_id_with("230102", f"19{80 + n % 10}0{n % 9 + 1}1{n % 9}", f"{100 + n}"),
            f"1{3 + n % 6}0000000{n:02d}", f"2301000000{n:02d}", f"哈尔滨市第{n % 5 + 1}出租汽车公司",
            f"20{19 + n % 5}年{n % 12 + 1}月{n % 28 + 1}日"] for n in range(1, 41)]
DRIVER_ITEMS = [{"name": name, "type": kind} for name, kind in zip(
    DRIVERS_HEADER, ["integer", "string", "string", "string", "string", "string", "string", "date"])]
_TITLE, _SUBTITLE = "哈尔滨市交通运输局出租汽车驾驶员从业资格信息表", "统计截止日期：2024年12月31日        单位：人"
_FOOTER = "制表人：王某某,审核人：李某某"


def drivers_csv(footer: str = _FOOTER) -> bytes:
    """The register as Excel saves it in GBK: title lines, a blank line, the rows, a blank line and the footer."""
    lines = [_TITLE, _SUBTITLE, "", ",".join(DRIVERS_HEADER), *(",".join(row) for row in DRIVERS), "", footer]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def _merged(sheet: Any, row: int, first: int, last: int, value: str, down: int = 0) -> None:
    sheet.cell(row, first, value)
    sheet.merge_cells(start_row=row, start_column=first, end_row=row + down, end_column=last)


def drivers_xlsx() -> bytes:
    """The register as a workbook: a merged title, a two-level header (序号 merged over both levels,
    驾驶员信息 and 从业信息 over their columns), issue dates written 2019.5.13, footers under the rows."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "驾驶员"
    width = len(DRIVERS_HEADER)
    _merged(sheet, 1, 1, width, _TITLE)
    _merged(sheet, 2, 1, 1, "序号", down=1)
    _merged(sheet, 2, 2, 5, "驾驶员信息")
    _merged(sheet, 2, 6, width, "从业信息")
    for column, name in enumerate(DRIVERS_HEADER[1:], 2):
        sheet.cell(3, column, name)
    for row in DRIVERS:
        year, rest = row[7].split("年")
        month, day = rest.rstrip("日").split("月")
        sheet.append([int(row[0]), *row[1:7], f"{year}.{month}.{day}"])
    sheet.append([])
    sheet.append(["制表人：王某某", None, None, "审核人：李某某", None, None, "填表日期：2025年1月6日"])
    last = sheet.max_row + 1
    _merged(sheet, last, 1, width, "注：本表数据截至2024年12月31日，驾驶员信息以从业资格证为准。")
    return workbook_bytes(workbook)
