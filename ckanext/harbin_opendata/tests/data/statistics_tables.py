"""A statistics table as a civil-affairs bureau sends it: a title and a subtitle above the header,
the districts' sums, a 小计 row between the city districts and the counties, then a 合计 row (in
the workbook merged over 序号 and 区县), a 其中 breakdown, a blank line and the signers."""
from __future__ import annotations

import datetime as dt

from ..workbooks import titled_sheet, workbook_bytes

__all__ = ["ALLOWANCE_HEADER", "ALLOWANCE_ROWS", "ALLOWANCE_ITEMS", "CLOSING_LINES", "SUBTOTAL", "allowance_csv", "allowance_xlsx"]

ALLOWANCE_HEADER = ["序号", "区县", "保障户数", "保障人数", "发放金额（元）", "发放日期"]
_TITLE, _SUBTITLE = "哈尔滨市2024年12月城乡居民最低生活保障金发放情况统计表", "填报单位：哈尔滨市民政局        单位：户、人、元"
_DISTRICTS = ["道里区", "南岗区", "道外区", "香坊区", "平房区", "松北区", "呼兰区", "阿城区", "双城区"]
_COUNTIES = ["五常市", "尚志市", "宾县", "巴彦县"]


def _district(number: int, name: str) -> list[str]:
    homes = 800 + 37 * number
    return [str(number), name, str(homes), str(homes * 2), f"{homes * 655}.00", f"2024年12月{10 + number}日"]


_CITY = [_district(n, name) for n, name in enumerate(_DISTRICTS, 1)]
_COUNTY = [_district(n, name) for n, name in enumerate(_COUNTIES, len(_DISTRICTS) + 1)]


def _sums(rows: list[list[str]], label: str, first: str = "") -> list[str]:
    homes = sum(int(row[2]) for row in rows)
    return [first, label, str(homes), str(homes * 2), f"{homes * 655}.00", ""]


SUBTOTAL = _sums(_CITY, "市辖区小计")  # between the groups: a data row (common/tabular/totals.py)
ALLOWANCE_ROWS = _CITY + [SUBTOTAL] + _COUNTY
ALLOWANCE_ITEMS = [{"name": name, "type": kind} for name, kind in zip(
    ALLOWANCE_HEADER, ["integer", "string", "integer", "integer", "number", "date"])]
_TOTAL = _sums(_CITY + _COUNTY, "", "合计")
_TOTAL[5] = "—"
_URBAN = _sums(_CITY, "其中：城镇")
CLOSING_LINES = 4  # 合计, 其中, the signers, the note


def allowance_csv() -> bytes:
    """The table as Excel saves it in GBK: title lines, the rows, the sums, a blank line, the footer."""
    rows = [*ALLOWANCE_ROWS, _TOTAL, _URBAN, [""] * 6, ["制表人：王某某", "", "审核人：李某某", "", "", ""],
            ["注：发放金额含临时价格补贴。", "", "", "", "", ""]]
    lines = [_TITLE, _SUBTITLE, ",".join(ALLOWANCE_HEADER), *(",".join(row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def _cells(row: list[str]) -> list[object]:
    number = int(row[0]) if row[0].isdigit() else row[0] or None
    day = dt.datetime.strptime(row[5], "%Y年%m月%d日") if row[5].endswith("日") else row[5] or None
    return [number, row[1] or None, int(row[2]), int(row[3]), float(row[4]), day]


def allowance_xlsx() -> bytes:
    """The table as a workbook: a merged title, real numbers and dates, 合  计 merged over 序号 and 区县."""
    workbook, sheet = titled_sheet("低保发放", _TITLE, ALLOWANCE_HEADER)
    for row in ALLOWANCE_ROWS:
        sheet.append(_cells(row))
    total = sheet.max_row + 1
    sheet.append(_cells(["合  计", "", *_TOTAL[2:]]))
    sheet.merge_cells(start_row=total, start_column=1, end_row=total, end_column=2)
    sheet.append(_cells(_URBAN))
    sheet.append([])
    sheet.append(["制表人：王某某", None, "审核人：李某某"])
    sheet.append(["注：发放金额含临时价格补贴。"])
    return workbook_bytes(workbook)
