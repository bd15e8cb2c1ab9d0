"""A loaded table downloaded in every format (第十四条 格式转换): CSV with a BOM, XLSX, JSON, XML and
TSV open in Python's own parsers with the same rows (Chinese text, dates, numbers, codes with a
leading zero), named after the entry in Chinese."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

import openpyxl
import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.data import downloads

from ..privacy.publishing import publish
from .conftest import HEADER, ROWS, run_jobs, search, upload

TITLE = "哈尔滨市企业登记信息"
# a column whose name starts with a digit: not a valid XML element name as it is; a note with
# characters that XML (and so XLSX) cannot hold
NOTE = "冰城\x0b科技\uffff"
HEADER_2 = [*HEADER, "2025年纳税额", "备注"]
ROWS_2 = [[*row, tax, note] for row, tax, note in zip(ROWS, ["12.5", "-3", "0"], [NOTE, "无", "无"])]
TYPES_2 = ["numeric", "text", "text", "numeric", "timestamp", "text", "numeric", "text"]
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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
    return _NOT_XML.sub("", str(value))  # checked apart below


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
def test_every_format_gives_the_same_rows_under_the_entrys_chinese_name(people, app, monkeypatch):
    monkeypatch.setattr(downloads, "_PAGE", 2)  # three rows: two pages, the second after the first's last _id
    entry = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry, "title": TITLE})
    resource = upload(entry, people.editor, _table(), "qiye.csv", "CSV")
    publish(people, entry)
    run_jobs()
    expected = [[_cell(value, kind) for value, kind in zip(row, TYPES_2)] for row in ROWS_2]
    searches: list[int] = []
    monkeypatch.setattr(downloads, "_search", lambda *args, **kwargs: searches.append(1) or search_page(*args, **kwargs))
    for fmt in ("csv", "xlsx", "json", "xml", "tsv"):
        searches.clear()
        response = app.get(tk.h.url_for("harbin_data.download", resource_id=resource["id"], format=fmt))
        assert response.status_code == 200, fmt
        disposition = response.headers["Content-Disposition"]
        assert f"filename*=UTF-8''{quote(TITLE + '.' + fmt)}" in disposition, fmt
        assert f'filename="{people.entry["name"]}.{fmt}"' in disposition, fmt  # the slug, not "____"
        header, rows = _rows(fmt, response.get_data())
        # rows with their _id: a query per page, none after a short page; csv/tsv text: and the page's last _id
        assert len(searches) == (4 if fmt in ("csv", "tsv") else 2), (fmt, len(searches))
        assert header == HEADER_2, fmt
        assert [[_cell(value, kind) for value, kind in zip(row, TYPES_2)] for row in rows] == expected, fmt
        assert rows[0][5] == "0451", fmt  # a code stays text in every format
        assert rows[0][7] == ("冰城科技" if fmt in ("xml", "xlsx") else NOTE), fmt
    sheet = openpyxl.load_workbook(io.BytesIO(app.get(tk.h.url_for(
        "harbin_data.download", resource_id=resource["id"], format="xlsx")).get_data())).worksheets[0]
    assert isinstance(sheet["D2"].value, float) and isinstance(sheet["E2"].value, dt.datetime)  # typed cells
    assert app.get(tk.h.url_for("harbin_data.download", resource_id=resource["id"], format="pdf")).status_code == 400
    for asked in ({"filters": "{bad"}, {"sort": "nonexist"}, {"limit": "abc"}, {"offset": "-5"}):
        refused = app.get(tk.h.url_for("harbin_data.download", resource_id=resource["id"], format="csv", **asked))
        assert refused.status_code == 400 and next(iter(asked)) in refused.get_data(as_text=True)  # not the whole table
    page = app.get(tk.h.url_for("resource.read", id=entry, resource_id=resource["id"])).body
    assert tk.h.url_for("harbin_data.download", resource_id=resource["id"], format="xlsx").replace("&", "&amp;") in page
    _keyset(people, app, resource["id"])


search_page = downloads._search


def _keyset(people, app, resource_id: str) -> None:
    """Paging by _id (filters {"_id_after": N}) in datastore_search, for anyone; a bad N is a 409
    that names it; datastore_records_delete honours it rather than deleting every row."""
    assert [row["_id"] for row in search("", resource_id, filters={"_id_after": 1})["records"]] == [2, 3]
    response = app.get("/api/3/action/datastore_search", query_string={
        "resource_id": resource_id, "filters": '{"_id_after": "x"}'})
    assert response.status_code == 409 and "_id_after" in response.body
    tk.get_action("datastore_records_delete")({"user": people.sysadmin}, {
        "resource_id": resource_id, "filters": {"_id_after": 2}, "force": True})
    assert [row["_id"] for row in search("", resource_id)["records"]] == [1, 2]
