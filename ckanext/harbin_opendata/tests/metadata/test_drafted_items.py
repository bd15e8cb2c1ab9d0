"""The entry form drafts the data items (数据项) from the uploaded table: the form's first step may
leave them empty, the upload of its second step gives them (header, types, 待确认, no example
value); a link drafts nothing and the entry cannot be finished without items (fail closed)."""
from __future__ import annotations

import json

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.privacy.conftest import storage, upload, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _draft(editor: str, agency_id: str) -> dict:
    """An entry saved at the form's first step (CKAN state draft) without data items."""
    return tk.get_action("package_create")({"user": editor, "allow_state_change": True}, {  # as the form does
        "notes": "惠民补贴发放明细。", "data_domain": "market_regulation", "update_frequency": "monthly",
        "open_type": "unconditional", "desensitization_status": "desensitized", "title": "哈尔滨市惠民补贴发放明细", "resource_code": "301001/000321", "owner_org": agency_id,
        "data_formats": ["XLSX"], "state": "draft"})


def test_a_workbook_uploaded_to_a_draft_gives_its_data_items_without_examples(storage):
    editor = factories.User()["name"]
    agency = Agency(users=[{"name": editor, "capacity": "editor"}])
    draft = _draft(editor, agency["id"])
    upload(draft["id"], editor, xlsx_bytes(5), "补贴.xlsx", "XLSX")
    items = tk.get_action("package_show")({"user": editor}, {"id": draft["id"]})["data_items"]
    assert [i["name"] for i in items][:4] == ["序号", "申请人姓名", "身份证号", "联系电话"]  # under the title row
    assert {i["name"]: i["type"] for i in items}["序号"] == "integer"
    assert all("待确认" in i["description"] and not i.get("example") for i in items)
    assert "2301" not in json.dumps(items)  # no ID number, phone or name leaks into the catalog

    finished = Agency(users=[{"name": editor, "capacity": "editor"}])  # items given: kept as they are
    entry = CatalogEntry(owner_org=finished["id"], published=False)
    upload(entry["id"], editor, xlsx_bytes(2), "补贴.xlsx", "XLSX")
    kept = tk.get_action("package_show")({"user": editor}, {"id": entry["id"]})["data_items"]
    assert [i["name"] for i in kept] == ["企业名称"]


def test_a_link_drafts_nothing_and_the_entry_cannot_be_finished(app, storage):
    editor = factories.User()["name"]
    agency = Agency(users=[{"name": editor, "capacity": "editor"}])
    draft = _draft(editor, agency["id"])
    tk.get_action("resource_create")({"user": editor}, {"package_id": draft["id"], "url": "https://data.example.cn/a.csv",
                                                        "format": "CSV", "name": "链接"})
    shown = tk.get_action("package_show")({"user": editor}, {"id": draft["id"]})
    assert not shown.get("data_items")
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action("package_update")({"user": editor, "allow_state_change": True}, dict(shown, state="active"))
    assert "data_items" in refused.value.error_dict
    assert model.Package.get(draft["id"]).state == "draft"


def test_a_table_without_a_certain_header_drafts_nothing(storage):
    """A roster without a header row: its first row looks like one (short distinct words) but is a
    person — drafted items are catalog metadata, public once the entry is."""
    editor = factories.User()["name"]
    agency = Agency(users=[{"name": editor, "capacity": "editor"}])
    draft = _draft(editor, agency["id"])
    roster = "张三丰,男,汉族,道里区\n李四光,女,满族,南岗区\n王五,男,汉族,香坊区\n".encode("utf-8")
    upload(draft["id"], editor, roster, "名单.csv", "CSV")
    assert not tk.get_action("package_show")({"user": editor}, {"id": draft["id"]}).get("data_items")
