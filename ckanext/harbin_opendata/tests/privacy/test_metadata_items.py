"""A resource's description and a data item's example, as an agency's data officer types them (the
outside probe: 联系人：王建国 in a file's description, 示例：王建国 as the example of a name item were
public). The description goes through the entry's own check; an item that names people may not show
a person's name as its example, while the same shape under another item is a word (高中, 党员)."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

NAME_ZH, NAME_EN = "目录信息中不得公开个人信息（姓名）", "Personal data (person's name) may not be published"
LANGUAGES = [("", NAME_ZH), ("/en", NAME_EN)]


def _api(app, prefix: str, user: str, action: str, data: dict, status: int = 409) -> dict:
    token = factories.APIToken(user=user)["token"]
    return app.post(f"{prefix}/api/3/action/{action}", headers={"Authorization": token}, json=data,
                    status=status).json


def _item(name: str, example: str) -> dict:
    return {"name": name, "type": "string", "description": "按户籍登记填写", "example": example}


@pytest.mark.parametrize("prefix, words", LANGUAGES)
def test_a_resources_description_with_a_labelled_name_is_refused(app, people, prefix, words):
    error = _api(app, prefix, people.editor, "resource_create", {
        "package_id": people.entry["id"], "name": "2025年低保人数", "format": "API",
        "url": "https://data.harbin.gov.cn/api/dibao", "description": "数据由民政局提供。联系人：王建国"})["error"]
    assert set(error) == {"__type", "description"} and words in error["description"][0], error
    kept = _api(app, prefix, people.editor, "resource_create", status=200, data={
        "package_id": people.entry["id"], "name": "2025年低保人数", "format": "API",
        "url": "https://data.harbin.gov.cn/api/dibao", "description": "联系人：数据资源管理处，咨询电话 0451-86300000。"})
    assert kept["result"]["description"].startswith("联系人：数据资源管理处")


@pytest.mark.parametrize("prefix, words", LANGUAGES)
@pytest.mark.parametrize("name, example", [("姓名", "王建国"), ("申请人", "示例：王建国"), ("户主姓名", "例：欧阳娜娜")])
def test_a_name_items_example_that_is_a_persons_name_is_refused(app, people, prefix, words, name, example):
    items = [_item("序号", "1"), _item(name, example)]
    error = _api(app, prefix, people.editor, "package_patch", {"id": people.entry["id"], "data_items": items})["error"]
    assert set(error) == {"__type", "data_items"} and error["data_items"][0] == {}, error
    assert list(error["data_items"][1]) == ["example"] and words in error["data_items"][1]["example"][0]


def test_placeholders_offices_and_words_shaped_like_names_are_kept(people):
    items = [_item("姓名", "王某"), _item("申请人", "张*"), _item("联系人", "数据资源管理处"), _item("学历", "高中"),
             _item("政治面貌", "党员"), _item("所属区县", "呼兰"), _item("单位名称", "哈尔滨市公安局")]
    saved = tk.get_action("package_patch")({"user": people.editor}, {"id": people.entry["id"], "data_items": items})
    assert [item["example"] for item in saved["data_items"]] == [item["example"] for item in items]
