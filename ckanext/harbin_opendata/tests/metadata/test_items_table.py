"""The entry form's data items as one compact table that works without JavaScript: one row per item
(name, type, unit, description, example) under the names scheming reads, three blank rows to fill,
a row left blank dropped, an error shown in its cell; no inline script or style (the CSP)."""
from __future__ import annotations

import re

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.web import csrf_token, entry_form as _form, logged_in_client

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _table(html: str) -> str:
    return re.search(r'<table class="table table-sm harbin-items-table".*?</table>', html, re.S).group(0)


@pytest.fixture
def editing(app):
    editor = factories.User()["name"]
    agency = Agency(users=[{"name": editor, "capacity": "editor"}])
    entry = CatalogEntry(owner_org=agency["id"], published=False, name="hrb-parking", data_items=[
        {"name": "停车场名称", "type": "string", "description": "登记名称"},
        {"name": "泊位数", "type": "integer", "unit": "个", "example": "320"}])
    return logged_in_client(app, editor), entry


@pytest.mark.parametrize("prefix, words", [("", ["数据项名称", "数据类型", "计量单位", "说明", "示例值", "整数型"]),
                                           ("/en", ["Name", "Type", "Unit", "Description", "Example", "Integer"])])
def test_the_items_are_one_table_with_blank_rows_to_fill(editing, prefix, words):
    client, entry = editing
    html = client.get(f"{prefix}/dataset/edit/{entry['name']}").body
    table = _table(html)
    assert [w for w in words if w not in table] == []
    assert re.findall(r'name="data_items-(\d+)-name" id="field-data_items-\d+-name" value="([^"]*)"', table) == [
        ("0", "停车场名称"), ("1", "泊位数"), ("2", ""), ("3", ""), ("4", "")]
    assert re.search(r'name="data_items-1-type".*?<option value="integer" selected', table, re.S)
    assert 'value="个"' in table and 'value="320"' in table
    snippet = re.search(r'<div class="form-group control-full harbin-data-items".*?</template>', html, re.S).group(0)
    assert "<script" not in snippet and "style=" not in snippet and "javascript:" not in snippet
    assert "scheming-repeating-subfields" not in html  # the five stacked inputs of scheming's panels are gone


def test_the_table_posted_without_javascript_saves_its_rows_in_order(editing):
    client, entry = editing
    html = client.get(f"/dataset/edit/{entry['name']}").body
    form = dict(_form(html), **{"data_items-0-name": "", "data_items-0-type": "", "data_items-0-description": "",
                                "data_items-3-name": "地址", "data_items-3-type": "string"}, save="")
    form["data_formats"] = "CSV"
    client.post(f"/dataset/edit/{entry['name']}", data=form)
    items = tk.get_action("package_show")({"ignore_auth": True}, {"id": entry["id"]})["data_items"]
    assert [(item["name"], item["type"]) for item in items] == [("泊位数", "integer"), ("地址", "string")]

    refused = client.post(f"/dataset/edit/{entry['name']}", data=dict(form, **{"data_items-2-type": "integer"})).body
    cell = re.search(r'<td data-label="数据项名称" class="has-error">\s*<input[^>]*name="data_items-\d+-name".*?</td>',
                     _table(refused), re.S)
    assert cell and "缺少此项" in cell.group(0)
