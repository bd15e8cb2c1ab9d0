"""Catalog against data: the entry's declared data items against its loaded table's columns,
shown to the reviewer on the review page (missing, undeclared, wrong type, empty), not silently."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.data.consistency import entry_mismatches

from .conftest import company_csv, run_jobs, upload

ITEMS = [{"name": "序号", "type": "integer"},
         {"name": "企业名称", "type": "string"},
         {"name": "所属区县", "type": "number"},  # text in the file
         {"name": "注册资本（万元）", "type": "number", "unit": "万元"},
         {"name": "成立日期", "type": "date"},
         {"name": "法定代表人", "type": "string"}]  # no such column; 区县代码 is not declared


@pytest.mark.usefixtures("storage")
def test_the_reviewer_sees_where_data_and_catalog_differ(people, app):
    entry = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry, "data_items": ITEMS})
    resource = upload(entry, people.editor, company_csv("gbk", "哈尔滨市企业登记表"), "企业登记.csv", "CSV")
    run_jobs()
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": entry})
    package = tk.get_action("package_show")({"user": people.reviewer}, {"id": entry})
    [table] = entry_mismatches(package)
    assert table["mismatches"] == [
        {"kind": "type", "name": "所属区县", "declared": "number", "loaded": "text"},  # no cell: see the page
        {"kind": "missing", "name": "法定代表人"},
        {"kind": "extra", "name": "区县代码"}]

    page = app.get(f"/dataset/{people.entry['name']}/review", extra_environ={"REMOTE_USER": people.reviewer}).body
    assert "数据与声明的数据项不一致" in page
    assert "数据项“所属区县”声明为数值型，但数据表中该列含文本，如“道里区”。" in page
    assert "数据项“法定代表人”在数据表中没有对应的列。" in page and "列“区县代码”未在数据项中声明。" in page
    english = app.get(f"/en/dataset/{people.entry['name']}/review", extra_environ={"REMOTE_USER": people.editor}).body
    assert "Data item “所属区县” is declared as Number, but its column holds text such as “道里区”." in english

    tk.get_action("package_patch")({"user": people.sysadmin}, {"id": entry, "data_items": [
        *(item for item in ITEMS if item["name"] not in ("所属区县", "法定代表人")),
        {"name": "所属区县", "type": "string"}, {"name": "区县代码", "type": "string"}]})
    fixed = tk.get_action("package_show")({"user": people.reviewer}, {"id": entry})
    assert entry_mismatches(fixed) == []
    page = app.get(f"/dataset/{people.entry['name']}/review", extra_environ={"REMOTE_USER": people.reviewer}).body
    assert "harbin-data-mismatch" not in page

    # a column without a single value (a table as another loader could leave it)
    tk.get_action("datastore_delete")({"user": people.sysadmin}, {"resource_id": resource["id"], "force": True})
    tk.get_action("datastore_create")({"user": people.sysadmin}, {
        "resource_id": resource["id"], "force": True,
        "fields": [{"id": "企业名称", "type": "text"}, {"id": "区县代码", "type": "text"}],
        "records": [{"企业名称": "哈尔滨冰城科技有限公司", "区县代码": None}]})
    assert {"kind": "empty", "name": "区县代码"} in entry_mismatches(fixed)[0]["mismatches"]
