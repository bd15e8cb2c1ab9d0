"""Realistic sources: catalog lists (目录清单) of Harbin agencies as XLSX, CSV, JSON API pages, a CKAN
API and a DCAT catalog."""
from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any

from ..workbooks import titled_sheet, workbook_bytes

__all__ = ["AGENCIES", "ROWS", "HEADER", "xlsx", "csv_bytes", "json_pages", "ckan_package", "rows_for"]

# key: (name, title, 统一社会信用代码)
AGENCIES = {
    "scjg": ("hrb-scjgj", "哈尔滨市市场监督管理局", "11230100MB1950364P"),
    "wjw": ("hrb-wjw", "哈尔滨市卫生健康委员会", "11230100000000010U"),
    "jtj": ("hrb-jtj", "哈尔滨市交通运输局", "91230100MA0NP0DX7X"),
}

HEADER = ["序号", "资源名称", "资源代码", "资源摘要", "数据领域", "更新周期", "数据格式", "数据项", "下载地址",
          "提供单位", "统一社会信用代码", "开放类型", "开放条件"]

ROWS: list[list[Any]] = [
    [1, "哈尔滨市企业登记信息", "301001/000001", "全市各类市场主体的登记注册信息。", "市场监管", "每周", "CSV、XLSX",
     "企业名称、统一社会信用代码、法定代表人、注册资本(数值型)、成立日期(日期型)",
     "https://data.harbin.invalid/files/qydj.csv", "哈尔滨市市场监督管理局", "11230100MB1950364P", "无条件开放", ""],
    [2, "哈尔滨市食品经营许可信息", "301001/000002", "食品经营许可证的发放与注销信息。", "行政许可", "每月", "CSV",
     "许可证编号、经营者名称、经营场所、有效期至(日期型)", "https://data.harbin.invalid/files/spjy.csv",
     "哈尔滨市市场监督管理局", "11230100MB1950364P", "无条件开放", ""],
    [3, "哈尔滨市医疗机构名录", "301002/000001", "全市医疗机构名称、地址、类别和床位数。", "卫生健康", "每季度", "XLSX",
     "机构名称、机构类别、地址、床位数(整数型)", "https://data.harbin.invalid/files/yljg.xlsx",
     "哈尔滨市卫生健康委员会", "11230100000000010U", "无条件开放", ""],
    [4, "哈尔滨市公交线路站点信息", "301003/000001", "公交线路、站点名称与经纬度。", "交通", "每月", "CSV、JSON",
     "线路名称、站点名称、经度(数值型)、纬度(数值型)", "https://data.harbin.invalid/files/gjzd.csv",
     "哈尔滨市交通运输局", "91230100MA0NP0DX7X", "有条件开放", "须注册实名账号并签署数据使用协议。"],
]


def rows_for(rows: list[list[Any]]) -> list[dict[str, Any]]:
    """The rows as dicts keyed by header."""
    return [dict(zip(HEADER, row)) for row in rows]


def xlsx(rows: list[list[Any]] = ROWS, merge_agency: bool = True) -> bytes:
    """A catalog workbook as agencies make them: a merged title row, the header, a blank row, the
    agency and its credit code merged down over the entries of the same agency."""
    workbook, sheet = titled_sheet("开放目录", "哈尔滨市公共数据开放目录（2025年版）", HEADER)
    sheet.append([])
    start = sheet.max_row + 1
    for row in rows:
        sheet.append(row)
    if merge_agency:
        agency_col, code_col = HEADER.index("提供单位") + 1, HEADER.index("统一社会信用代码") + 1
        first = start
        for number in range(start + 1, start + len(rows) + 1):
            previous = sheet.cell(first, agency_col).value
            if number == start + len(rows) or sheet.cell(number, agency_col).value != previous:
                if number - 1 > first:
                    for offset in range(first + 1, number):
                        sheet.cell(offset, agency_col).value = None
                        sheet.cell(offset, code_col).value = None
                    sheet.merge_cells(start_row=first, start_column=agency_col, end_row=number - 1, end_column=agency_col)
                    sheet.merge_cells(start_row=first, start_column=code_col, end_row=number - 1, end_column=code_col)
                first = number
    return workbook_bytes(workbook)


def csv_bytes(rows: list[list[Any]] = ROWS, encoding: str = "utf-8-sig", header: list[str] = HEADER) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        writer.writerow([])  # blank lines, as exported from spreadsheets with gaps
    return text.getvalue().encode(encoding)


# A JSON API as agency portals build them: pinyin keys, a page envelope, items as objects.
JSON_FIELDS = {"title": "zymc", "resource_code": "zydm", "notes": "zyzy", "data_domain": "sjly",
               "update_frequency": "gxzq", "data_formats": "sjgs", "data_items": "sjx[*].mc",
               "agency": "tgdw.mc", "credit_code": "tgdw.tyshxydm", "open_type": "kflx",
               "download_url": "xzdz"}


def _json_item(row: dict[str, Any]) -> dict[str, Any]:
    return {"zymc": row["资源名称"], "zydm": row["资源代码"], "zyzy": row["资源摘要"], "sjly": row["数据领域"],
            "gxzq": row["更新周期"], "sjgs": row["数据格式"].split("、"),
            "sjx": [{"mc": name} for name in row["数据项"].split("、")],
            "tgdw": {"mc": row["提供单位"], "tyshxydm": row["统一社会信用代码"]},
            "kflx": row["开放类型"], "kftj": row["开放条件"], "xzdz": row["下载地址"]}


def json_pages(rows: list[list[Any]] = ROWS, size: int = 2) -> list[bytes]:
    items = [_json_item(row) for row in rows_for(rows) if row["开放类型"] == "无条件开放"]
    pages = [items[i:i + size] for i in range(0, len(items), size)] + [[]]
    return [json.dumps({"code": 200, "msg": "成功", "data": {"total": len(items), "pageNo": n + 1, "list": page}},
                       ensure_ascii=False).encode("utf-8") for n, page in enumerate(pages)]


def ckan_package(row: dict[str, Any], org: dict[str, Any]) -> dict[str, Any]:
    """A remote Harbin-schema CKAN dataset as package_search returns it."""
    return copy.deepcopy({
        "id": f"remote-{row['资源代码'].replace('/', '-')}", "name": f"remote-{row['资源代码'].replace('/', '-')}",
        "type": "dataset", "title": row["资源名称"], "notes": row["资源摘要"], "resource_code": row["资源代码"],
        "data_domain": row["数据领域"], "update_frequency": row["更新周期"],
        "data_formats": row["数据格式"].split("、"), "open_type": row["开放类型"],
        "open_conditions": row["开放条件"], "desensitization_status": "not_required",
        "data_items": [{"name": name, "type": "string"} for name in row["数据项"].split("、")],
        "owner_org": "remote-org-id", "organization": org, "tags": [{"name": "开放数据"}],
        "resources": [{"id": "r1", "url": row["下载地址"], "name": row["资源名称"], "format": "CSV",
                       "url_type": None}],
        "extras": [], "metadata_modified": "2025-03-01T00:00:00",
    })
