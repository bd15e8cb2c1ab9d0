"""A loaded table downloaded in every format (第十四条 格式转换): CSV with a BOM, XLSX, JSON, XML and
TSV open in Python's own parsers with the same rows (Chinese text, dates, numbers, codes with a
leading zero), named after the entry in Chinese."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

import openpyxl
import pytest

import ckan.plugins.toolkit as tk

from ..privacy.publishing import publish
from .conftest import HEADER, ROWS, company_csv, run_jobs, upload

TITLE = "哈尔滨市企业登记信息"
# a column whose name starts with a digit: not a valid XML element name as it is
HEADER_2 = [*HEADER, "2025年纳税额"]
ROWS_2 = [[*row, tax] for row, tax in zip(ROWS, ["12.5", "-3", "0"])]
TYPES_2 = ["numeric", "text", "text", "numeric", "timestamp", "text", "numeric"]


def _table() -> bytes:
    lines = ["哈尔滨市2025年度企业登记统计表", ",".join(HEADER_2), *(",".join(row) for row in ROWS_2)]
    return ("\r\n".join(lines) + "\r\n").encode("gb18030")


def _cell(value: Any, kind: str) -> Any:
    """One cell as every format must agree on it."""
    if value is None or value == "":
        return None
    if kind == "numeric":
        return Decimal(str(value)).normalize()
    if kind == "timestamp":
        if isinstance(value, dt.datetime):
            return value
        year, month, day = str(value)[:10].replace("/", "-").split("-")[:3]  # the file's 2023/7/1 too
        return dt.datetime(int(year), int(month), int(day[:2]))
    return str(value)


def _rows(fmt: str, body: bytes) -> tuple[list[str], list[list[Any]]]:
    if fmt in ("csv", "tsv"):
        assert body.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
        lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), dialect="excel-tab" if fmt == "tsv" else "excel"))
        return lines[0], lines[1:]
    if fmt == "json":
        data = json.loads(body)
        return [field["id"] for field in data["fields"]], data["records"]
    if fmt == "xml":
        rows = ElementTree.fromstring(body).findall("row")
        header = [child.get("name") or child.tag for child in rows[0]]
        return header, [[None if child.get("{http://www.w3.org/2001/XMLSchema-instance}nil") else child.text
                          for child in row] for row in rows]
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    return values[0], values[1:]


@pytest.mark.usefixtures("storage")
def test_every_format_gives_the_same_rows_under_the_entrys_chinese_name(people, app):
    entry = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry, "title": TITLE})
    resource = upload(entry, people.editor, _table(), "qiye.csv", "CSV")
    publish(people, entry)
    run_jobs()
    expected = [[_cell(value, kind) for value, kind in zip(row, TYPES_2)] for row in ROWS_2]
    for fmt in ("csv", "xlsx", "json", "xml", "tsv"):
        response = app.get(tk.h.url_for("harbin_data.download", resource_id=resource["id"], format=fmt))
        assert response.status_code == 200, fmt
        disposition = response.headers["Content-Disposition"]
        assert f"filename*=UTF-8''{quote(TITLE + '.' + fmt)}" in disposition and 'filename="' in disposition, fmt
        header, rows = _rows(fmt, response.get_data())
        assert header == HEADER_2, fmt
        assert [[_cell(value, kind) for value, kind in zip(row, TYPES_2)] for row in rows] == expected, fmt
        assert rows[0][5] == "0451", fmt  # a code stays text in every format
    sheet = openpyxl.load_workbook(io.BytesIO(app.get(tk.h.url_for(
        "harbin_data.download", resource_id=resource["id"], format="xlsx")).get_data())).worksheets[0]
    assert isinstance(sheet["D2"].value, float) and isinstance(sheet["E2"].value, dt.datetime)  # typed cells
    assert app.get(tk.h.url_for("harbin_data.download", resource_id=resource["id"], format="pdf")).status_code == 400
    page = app.get(tk.h.url_for("resource.read", id=entry, resource_id=resource["id"])).body
    assert tk.h.url_for("harbin_data.download", resource_id=resource["id"], format="xlsx").replace("&", "&amp;") in page
