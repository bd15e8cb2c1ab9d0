"""Data items drafted from a record's own file when its source lists none (issue 20, item 4):
the header found below title rows, types from the values, 待确认 for the agency, never an example."""
from __future__ import annotations

import json

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.data_items import DRAFTED_NOTE, column_type, drafted_item
from ckanext.harbin_opendata.harvest import drafting

from . import samples
from ..http_server import Route
from .conftest import entries

# A GBK export as agencies publish them: a title row, a date row, then the header; an ID column.
STOPS_CSV = ("哈尔滨市公交站点信息表\r\n数据截止日期：2025年12月31日\r\n"
             "站点名称,线路编号,经度,纬度,启用日期,负责人身份证号,区号\r\n"
             "哈工大站,12,126.6318,45.7421,2019-05-01,230103199001011234,0451\r\n"
             "红博站,103,126.6525,45.7509,2020/7/15,23010319850315123X,0451\r\n").encode("gbk")


def _catalog(server, file_path: str) -> str:
    rows = [list(row) for row in samples.ROWS[3:4]]
    rows[0][7] = ""  # the catalog lists no data items
    rows[0][8] = server.url + file_path
    server.routes["/catalog.csv"] = Route(samples.csv_bytes(rows), content_type="text/csv")
    return server.url + "/catalog.csv"


def test_column_types_from_values():
    assert column_type(["12", "103", ""]) == "integer"
    assert column_type(["126.6318", "45"]) == "number"
    assert column_type(["2019-05-01", "2020/7/15", "2021年3月1日"]) == "date"
    assert column_type(["0451", "0451"]) == "string"  # codes with leading zeros stay text
    assert column_type(["230103199001011234"]) == "string"  # ID numbers are not numbers
    assert column_type(["是", "否"]) == "boolean" and column_type([]) == "string"


@pytest.mark.ckan_config("ckan.locale_default", "en")
def test_drafted_description_is_chinese_whatever_the_language(with_request_context):
    """Catalog text (a data item has no English description): Chinese even in an English process."""
    item = drafted_item("站点名称", ["哈工大站"])
    assert item["description"] == DRAFTED_NOTE and DRAFTED_NOTE.startswith("待确认")
    assert tk._("Description") == "Description"  # the process speaks English


def test_items_drafted_from_the_file_below_its_title_rows(harbin, server):
    server.routes["/files/stops.csv"] = Route(STOPS_CSV, content_type="text/csv")
    source = harbin.source("stops", _catalog(server, "/files/stops.csv"), "harbin_spreadsheet")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"created": 1}, summary
    entry = tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": entries()[0].id})
    assert [(item["name"], item["type"]) for item in entry["data_items"]] == [
        ("站点名称", "string"), ("线路编号", "integer"), ("经度", "number"), ("纬度", "number"),
        ("启用日期", "date"), ("负责人身份证号", "string"), ("区号", "string")]
    assert all("待确认" in item["description"] for item in entry["data_items"])
    assert not any(item.get("example") for item in entry["data_items"])  # never a personal-data example
    assert "230103199001011234" not in json.dumps(entry, ensure_ascii=False)
    assert any("待确认" in group["cause"] for group in summary["warnings"]), summary


def test_unchanged_file_is_not_downloaded_again_and_confirmed_items_are_kept(harbin, server):
    server.routes["/files/stops.csv"] = Route(STOPS_CSV, content_type="text/csv")
    source = harbin.source("stops", _catalog(server, "/files/stops.csv"), "harbin_spreadsheet")
    harbin.run(source["id"])
    entry_id = entries()[0].id
    confirmed = [{"name": "站点名称", "type": "string", "description": "公交站点的名称"}]
    tk.get_action("package_patch")({"user": harbin.sysadmin}, {"id": entry_id, "data_items": confirmed})
    server.requests.clear()
    assert harbin.run(source["id"])["counts"] == {"unchanged": 1}
    assert "/files/stops.csv" not in server.requests
    rows = [list(row) for row in samples.ROWS[3:4]]  # the source changes the abstract
    rows[0][3], rows[0][7], rows[0][8] = "公交站点的名称与位置。", "", server.url + "/files/stops.csv"
    server.routes["/catalog.csv"] = Route(samples.csv_bytes(rows), content_type="text/csv")
    assert harbin.run(source["id"])["counts"] == {"updated": 1}
    entry = tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": entry_id})
    assert entry["notes"] == "公交站点的名称与位置。"
    assert [item["description"] for item in entry["data_items"]] == ["公交站点的名称"]


def test_a_record_whose_file_cannot_be_read_says_why(harbin, server):
    server.routes["/files/gone.csv"] = Route(b"Not Found", status=404)
    source = harbin.source("stops", _catalog(server, "/files/gone.csv"), "harbin_spreadsheet")
    summary = harbin.run(source["id"])
    assert summary["counts"] == {"draft": 1}, summary  # kept as a draft: see test_incomplete_drafts
    assert any("数据项" in group["cause"] and "404" in group["cause"] for group in summary["warnings"]), summary


def test_drafting_can_be_turned_off(harbin, server):
    server.routes["/files/stops.csv"] = Route(STOPS_CSV, content_type="text/csv")
    source = harbin.source("stops", _catalog(server, "/files/stops.csv"), "harbin_spreadsheet",
                           json.dumps({"draft_data_items": False}))
    harbin.run(source["id"])
    assert "/files/stops.csv" not in server.requests
