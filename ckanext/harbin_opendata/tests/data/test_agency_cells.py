"""Cells of real agency files that PostgreSQL refuses as their column's type, or that a type guess
would change: the load never fails on them, and the API and every download give them back as the
file wrote them (a column that cannot hold a cell as its type is text; placeholders such as '-' or
暂无 are kept as written, never made NULL)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from xml.etree import ElementTree

import openpyxl
import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.data_items import items_from_file
from ckanext.harbin_opendata.common import cell_types
from ckanext.harbin_opendata.data.consistency import describe, entry_mismatches

from ..privacy.publishing import publish
from ..workbooks import titled_sheet, workbook_bytes
from .conftest import run_jobs, search, upload

# (column, its cells, the type it loads as); the first row's cells are ordinary ones
ODD_COLUMNS = [
    ("成立日期", ["2019-05-13", "0000-01-01"], "text"),  # a placeholder year PostgreSQL refuses
    ("注销日期", ["2019-05-13", "0001-01-01"], "timestamp"),  # a real (if unlikely) day
    ("变更日期", ["2025-02-28", "2025-02-30"], "text"),
    ("登记日期", ["1900-01-01", "1900-01-00"], "text"),  # Excel's zero date
    ("办结时间", ["2019-05-13 08:30", "2019-05-13 24:00"], "text"),  # PostgreSQL: the next day's 00:00
    ("受理时间", ["2019-05-13 08:30", "2019-05-13 25:00"], "text"),
    ("录入时间", ["2019-05-13 08:30:15.5", "2019-05-13 08:30:15.1234567"], "text"),  # rounded to 6 digits
    ("填报日期", ["45290", "45291"], "numeric"),  # Excel serial days in a CSV: numbers as written
    ("营业收入", ["100", "1,234.50"], "text"),
    ("从业人数", ["12", "１２３"], "text"),
    ("投资额", ["8", "12.5万"], "text"),
    ("增长率", ["3.5", "12.5%"], "text"),
    ("床位数", ["12", "-"], "text"),
    ("车位数", ["12", "—"], "text"),
    ("窗口数", ["12", "/"], "text"),
    ("分支机构数", ["12", "无"], "text"),
    ("网点数", ["12", "暂无"], "text"),
    ("统一编码", ["1", "12345678901234567890"], "text"),
    ("指标甲", ["1.5", "NaN"], "text"),
    ("指标乙", ["1.5", "inf"], "text"),
    ("指标丙", ["1.5", "1e400"], "text"),  # 401 digits as a number
    ("指标丁", ["0.10", "1e5"], "numeric"),  # the same numbers (0.1, 100000)
    ("指标戊", ["1.5", "1234567890.123456789"], "text"),  # more digits than a float keeps
]


def _gbk_csv() -> bytes:
    header = [name for name, _, _ in ODD_COLUMNS]
    rows = [[str(index), *(cells[index - 1] for _, cells, _ in ODD_COLUMNS)] for index in (1, 2)]
    lines = ["哈尔滨市2025年度市场主体登记统计表", "填报单位：（盖章）", ",".join(["序号", *header]),
             *(",".join(f'"{cell}"' if "," in cell else cell for cell in row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def _loaded(people, body: bytes, name: str, fmt: str) -> str:
    resource = upload(people.entry["id"], people.editor, body, name, fmt)
    publish(people, people.entry["id"])
    run_jobs()
    return resource["id"]


def _as_written(value, kind: str) -> str:
    if kind == "timestamp":
        return str(value).replace("T", " ").removesuffix(" 00:00:00")[:10]
    return str(value)


@pytest.mark.usefixtures("storage")
def test_odd_cells_load_and_read_back_as_written(people, app):
    resource_id = _loaded(people, _gbk_csv(), "登记.csv", "CSV")
    found = search("", resource_id, sort="_id")
    types = {field["id"]: field["type"] for field in found["fields"]}
    assert {name: types[name] for name, _, _ in ODD_COLUMNS} == {name: kind for name, _, kind in ODD_COLUMNS}
    for name, cells, kind in ODD_COLUMNS:
        if kind == "numeric":
            assert [Decimal(str(record[name])) for record in found["records"]] == [Decimal(cell) for cell in cells]
            continue
        got = [_as_written(record[name], kind) for record in found["records"]]
        assert got == (cells if kind != "timestamp" else [cell[:10] for cell in cells]), name
    body = app.get(tk.h.url_for("harbin_data.download", resource_id=resource_id, format="json")).get_data()
    data = json.loads(body)
    at = [field["id"] for field in data["fields"]]
    for name, cells, kind in ODD_COLUMNS:
        if kind == "text":
            assert [record[at.index(name)] for record in data["records"]] == cells, name
    text = app.get(tk.h.url_for("harbin_data.download", resource_id=resource_id, format="csv")).get_data().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    for name, cells, kind in ODD_COLUMNS:
        if kind == "text":
            assert [line[lines[0].index(name)] for line in lines[1:]] == cells, name
    rows = ElementTree.fromstring(app.get(tk.h.url_for(
        "harbin_data.download", resource_id=resource_id, format="xml")).get_data()).findall("row")
    for name, cells, kind in ODD_COLUMNS:
        if kind == "text":
            assert [row.find(name).text for row in rows] == cells, name
    sheet = openpyxl.load_workbook(io.BytesIO(app.get(tk.h.url_for(
        "harbin_data.download", resource_id=resource_id, format="xlsx")).get_data())).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    for name, cells, kind in ODD_COLUMNS:
        if kind == "text":
            assert [sheet.cell(row, header.index(name) + 1).value for row in (2, 3)] == cells, name
    founded = header.index("注销日期") + 1  # no Excel day before 1900: the API's text
    assert [sheet.cell(row, founded).value for row in (2, 3)] == [dt.datetime(2019, 5, 13), "0001-01-01T00:00:00"]


@pytest.mark.usefixtures("storage")
def test_the_catalog_check_names_the_cell_that_made_a_column_text(people):
    items = [{"name": "成立日期", "type": "date"}, {"name": "注销日期", "type": "date"},
             {"name": "办结时间", "type": "datetime"}, {"name": "网点数", "type": "integer"},
             {"name": "投资额", "type": "number"}, {"name": "填报日期", "type": "date"}]
    tk.get_action("package_patch")({"user": people.editor}, {"id": people.entry["id"], "data_items": items})
    _loaded(people, _gbk_csv(), "登记.csv", "CSV")
    package = tk.get_action("package_show")({"user": people.editor}, {"id": people.entry["id"]})
    [table] = entry_mismatches(package, with_empty=False, with_cells=True)
    assert all("cell" not in found for found in entry_mismatches(package)[0]["mismatches"])  # a correction request's
    typed = {found["name"]: found for found in table["mismatches"] if found["kind"] == "type"}
    assert {name: found.get("cell") for name, found in typed.items()} == {
        "成立日期": "0000-01-01", "办结时间": "2019-05-13 24:00", "网点数": "暂无", "投资额": "12.5万",
        "填报日期": None}  # a numeric column: no text cell to show
    assert "column holds text such as “暂无”." in describe(typed["网点数"])


@pytest.mark.usefixtures("storage")
def test_items_drafted_from_the_file_agree_with_its_loaded_columns(people, tmp_path):
    """The entry form drafts data items from an uploaded file (common/data_items.py): a column the
    loader makes text for one odd cell is no drafted date or number, so the catalog check finds no
    type mismatch between a file and the items drafted from it."""
    path = tmp_path / "登记.csv"
    path.write_bytes(_gbk_csv())
    items = items_from_file(str(path), 10_000_000)
    confirmed = [dict(item, description=f"{item['name']}（已核对）") for item in items]  # the agency checked each
    tk.get_action("package_patch")({"user": people.editor}, {"id": people.entry["id"], "data_items": confirmed})
    _loaded(people, _gbk_csv(), "登记.csv", "CSV")
    package = tk.get_action("package_show")({"user": people.editor}, {"id": people.entry["id"]})
    assert entry_mismatches(package, with_empty=False) == []
    drafted = {item["name"]: item["type"] for item in items}
    assert (drafted["注销日期"], drafted["填报日期"], drafted["指标丁"]) == ("date", "integer", "number")


@pytest.mark.usefixtures("storage")
def test_typed_workbook_cells_and_a_text_year_0000_load(people):
    header = ["序号", "成立日期", "核准日期", "注册资本"]
    workbook, sheet = titled_sheet("登记", "哈尔滨市2025年度市场主体登记统计表", header)
    sheet.append([1, dt.datetime(2019, 5, 13), dt.datetime(2020, 1, 2, 8, 30), 100.5])
    sheet.append([2, "0000-00-00", dt.datetime(2021, 3, 4), 1e300])
    sheet.append([3, "0000-01-01", dt.datetime(2022, 5, 6), 12345678901234567890])
    records = search("", _loaded(people, workbook_bytes(workbook), "登记.xlsx", "XLSX"), sort="_id")
    types = {field["id"]: field["type"] for field in records["fields"]}
    assert types["成立日期"] == "text" and types["核准日期"] == "timestamp"
    assert [record["成立日期"] for record in records["records"]][1:] == ["0000-00-00", "0000-01-01"]
    assert [record["核准日期"][:10] for record in records["records"]] == ["2020-01-02", "2021-03-04", "2022-05-06"]
    # number cells beyond what the guess types (an exponent of 300; a double of 20 digits) keep the text the reader gives
    assert types["注册资本"] == "text"
    assert [record["注册资本"] for record in records["records"]] == ["100.5", "1e+300", "12345678901234570000"]


def _refused_table(fmt: str) -> bytes:
    rows = [["序号", "指标", "金额"], ["1", "1.5", "100"], ["2", "1e200000", "200"]]
    if fmt == "CSV":
        return ("\r\n".join(["哈尔滨市统计表", *(",".join(row) for row in rows)]) + "\r\n").encode("gbk")
    workbook, sheet = titled_sheet("统计", "哈尔滨市统计表", rows[0])
    for row in rows[1:]:
        sheet.append(row)  # text cells, as a workbook typed by hand holds them
    return workbook_bytes(workbook)


@pytest.mark.parametrize("fmt", ["CSV", "XLSX"])
@pytest.mark.usefixtures("storage")
def test_a_cell_the_type_guess_misses_loads_its_column_as_text(people, monkeypatch, fmt):
    """The loader's last guard: PostgreSQL refusing a cell (here a guess that takes any exponent,
    1e200000 overflows numeric) loads its column again as text, not a failed load; the file is read
    again (a workbook too)."""
    monkeypatch.setattr(cell_types, "_NUMBER", r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
    found = search("", _loaded(people, _refused_table(fmt), f"指标.{fmt.lower()}", fmt), sort="_id")
    assert {field["id"]: field["type"] for field in found["fields"]}["指标"] == "text"
    assert [record["指标"] for record in found["records"]] == ["1.5", "1e200000"]
    assert [str(record["金额"]) for record in found["records"]] == ["100", "200"]
