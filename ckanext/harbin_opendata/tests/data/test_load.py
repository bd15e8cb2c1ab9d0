"""Tables reach the DataStore as the personal-data scan read them: GBK and UTF-8 text with title
rows above the header, and a workbook with a merged title; column types from every cell."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ..privacy.publishing import publish
from .conftest import HEADER, ROWS, TYPES, company_csv, company_xlsx, run_jobs, search, upload


@pytest.mark.usefixtures("storage")
def test_gbk_utf8_and_xlsx_load_with_the_scanned_header_and_types(people):
    entry = people.entry["id"]
    files = {"gbk": upload(entry, people.editor, company_csv("gbk", "哈尔滨市2025年度企业登记统计表"), "企业登记.csv", "CSV"),
             "utf8": upload(entry, people.editor, company_csv("utf-8", "企业登记（UTF-8）"), "企业登记u.csv", "CSV"),
             "xlsx": upload(entry, people.editor, company_xlsx(), "企业登记.xlsx", "XLSX")}
    publish(people, entry)
    run_jobs()
    status = tk.get_action("harbin_privacy_status")({"user": people.editor}, {"id": entry})
    scanned = {res["id"]: res["scan"]["tables"][0]["header"] for res in status["resources"]}
    for kind, resource in files.items():
        found = search("", resource["id"], sort="_id")
        fields = [field for field in found["fields"] if field["id"] != "_id"]
        assert [field["id"] for field in fields] == HEADER == scanned[resource["id"]], kind
        assert [field["type"] for field in fields] == TYPES, kind
        records = found["records"]
        assert [record["企业名称"] for record in records] == [row[1] for row in ROWS], kind
        assert [record["区县代码"] for record in records] == ["0451", "0452", "0453"], kind
        assert records[0]["成立日期"].startswith("2025-01-05") and records[2]["注册资本（万元）"] is None, kind
        assert float(records[0]["注册资本（万元）"]) == 100.5, kind
        assert tk.get_action("resource_show")({"user": ""}, {"id": resource["id"]})["datastore_active"] is True


@pytest.mark.usefixtures("storage")
def test_full_text_and_filters_find_chinese_rows(people):
    resource = upload(people.entry["id"], people.editor, company_csv("gbk", "登记表"), "企业.csv", "CSV")
    publish(people, people.entry["id"])
    run_jobs()
    assert [r["序号"] for r in search("", resource["id"], filters={"所属区县": "南岗区"})["records"]] == [2]
    assert search("", resource["id"], q="道外区")["total"] == 1
