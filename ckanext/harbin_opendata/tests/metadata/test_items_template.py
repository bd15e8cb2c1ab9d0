"""The data items' Excel template: downloaded (数据项名称, 类型, 单位, 说明, 示例, a list of the types),
filled as an agency clerk does (Chinese type labels, an English one, a unit), imported into the form's
items (merged by name, nothing overwritten); a bad type or a nameless row is refused with its row."""
from __future__ import annotations

import io

import openpyxl
import pytest
from werkzeug.datastructures import FileStorage

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.web import csrf_token, logged_in_client

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def editor():
    name = factories.User()["name"]
    agency = Agency(users=[{"name": name, "capacity": "editor"}])
    return name, CatalogEntry(owner_org=agency["id"], published=False, name="hrb-parking")


def _filled(template: bytes, rows: list[list[str]]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(template))
    for row in rows:
        book["数据项"].append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(user: str, data: bytes, **given) -> dict:
    return tk.get_action("harbin_metadata_import_items")({"user": user}, dict(
        given, upload=FileStorage(stream=io.BytesIO(data), filename="数据项.xlsx")))


def test_the_template_round_trip(app, editor):
    user, entry = editor
    answer = app.get("/data-items/template.xlsx")
    assert answer.status_code == 200 and "spreadsheetml" in answer.headers["Content-Type"]
    book = openpyxl.load_workbook(io.BytesIO(answer.data))
    assert [cell.value for cell in book["数据项"][1]] == ["数据项名称", "类型", "单位", "说明", "示例"]
    assert "整数型" in [cell.value for cell in book["类型"]["A"]]
    assert str(book["数据项"].data_validations.dataValidation[0].sqref).startswith("B2")
    filled = _filled(answer.data, [["停车场名称", "字符型", "", "登记名称", "中央大街停车场"],
                                   ["", "", "", "", ""],
                                   ["泊位数", "整数型", "个", "", "320"],
                                   ["收费标准", "Number", "元/小时", "白天", "5"]])
    current = [{"name": "泊位数", "type": "integer", "description": "含充电车位", "unit": "", "example": ""}]
    imported = _import(user, filled, id=entry["id"], items=current)
    assert imported["items"] == [
        {"name": "泊位数", "type": "integer", "unit": "个", "description": "含充电车位", "example": "320"},
        {"name": "停车场名称", "type": "string", "unit": "", "description": "登记名称", "example": "中央大街停车场"},
        {"name": "收费标准", "type": "number", "unit": "元/小时", "description": "白天", "example": "5"}]
    assert imported["added"] == ["停车场名称", "收费标准"] and imported["completed"] == ["泊位数"]


def test_bad_rows_are_refused_with_their_row_numbers(app, editor):
    user, entry = editor
    template = app.get("/data-items/template.xlsx").data
    bad = _filled(template, [["停车场名称", "字符型"], ["泊位数", "文本"], ["", "整数型", "个"], ["地址", ""]])
    with pytest.raises(tk.ValidationError) as refused:
        _import(user, bad, id=entry["id"])
    messages = refused.value.error_dict["upload"]
    assert len(messages) == 3 and "Row 3" in messages[0] and "“文本”" in messages[0] and "整数型" in messages[0]
    assert "Row 4" in messages[1] and "no name" in messages[1] and "Row 5" in messages[2]
    with pytest.raises(tk.ValidationError, match="header row"):
        _import(user, "名称,备注\r\n甲,乙\r\n".encode("gbk"), id=entry["id"])
    with pytest.raises(tk.NotAuthorized):
        _import(factories.User()["name"], template, id=entry["id"])

    client = logged_in_client(app, user)
    token = csrf_token(client.get(f"/dataset/edit/{entry['name']}").body)
    answer = client.post("/data-items/import", data={"id": entry["id"], "upload": (io.BytesIO(bad), "a.xlsx")},
                         headers={"X-CSRFToken": token})
    assert answer.status_code == 400 and "“文本”" in answer.json["error"] and len(answer.json["errors"]["upload"]) == 3
    good = _filled(template, [["停车场名称", "字符型"]])
    answer = client.post("/en/data-items/import", data={"id": entry["id"], "upload": (io.BytesIO(good), "a.xlsx")},
                         headers={"X-CSRFToken": token})
    assert answer.status_code == 200 and answer.json["items"] == [
        {"name": "停车场名称", "type": "string", "unit": "", "description": "", "example": ""}]
    assert client.post("/data-items/import", data={"upload": (io.BytesIO(good), "a.xlsx")}).status_code == 400  # no token
