"""Unlabelled names in an entry's, an agency's and a group's texts (issue 16, probe F9/F13: a title
王建国等10户低保名单, notes 王建国、李秀英等…, a tag 王建国, a resource called 李秀英.xlsx, a data item's
description, an agency's duties naming its staff) are refused with the field named, in the user's
language; catalog words shaped like names (王岗镇, 金融, 李家屯, 公积金) are saved. Texts stored
before rules 3 are checked again by b3e9d6a2f7c4's upgrade: a published entry holding them is withdrawn."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import CatalogEntry

from .publishing import publish
from .test_metadata_agencies import LANGUAGES, _api
from .test_stored_texts_fail_closed import checked_again_by_the_upgrade

NOTES = "王建国、李秀英等12户家庭获得2025年临时救助补助，发放金额见附件。"


@pytest.mark.parametrize("prefix, words", LANGUAGES)
@pytest.mark.parametrize("field, value", [("title", "王建国等10户低保名单"), ("notes", NOTES), ("tag_string", "低保,王建国")])
def test_names_in_an_entrys_texts_are_refused(app, people, prefix, words, field, value):
    publish(people, people.entry["id"])
    error = _api(app, prefix, people.editor, "package_patch", {"id": people.entry["id"], field: value})["error"]
    assert field in error and words in str(error[field]), error
    assert "王建国" not in str(tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]}))


@pytest.mark.parametrize("key, item", [
    ("resources", {"url": "https://data.harbin.gov.cn/files/db.xlsx", "name": "李秀英.xlsx", "format": "XLSX"}),
    ("resources", {"url": "https://data.harbin.gov.cn/files/db.csv", "name": "低保名单", "description": "附件为王桂兰、李凤芝、孙玉珍三户的审批表"}),
    ("data_items", {"name": "申请人", "type": "文本", "description": "申请人姓名，如王建国、李秀英"}),
])
def test_names_in_resources_and_data_items_are_refused(app, people, key, item):
    error = _api(app, "", people.editor, "package_patch", {"id": people.entry["id"], key: [item]})["error"]
    assert key in error and "目录信息中不得公开个人信息" in str(error[key]), error


@pytest.mark.parametrize("prefix, words", LANGUAGES)
@pytest.mark.parametrize("action", ["organization_patch", "group_patch"])
def test_names_in_an_agencys_or_a_groups_description_are_refused(app, people, prefix, words, action):
    target = people.agency["id"] if action == "organization_patch" else factories.Group()["id"]
    duties = "局长主持全面工作；副局长王丽娟、陈志强分管业务科室。"
    error = _api(app, prefix, people.sysadmin, action, {"id": target, "description": duties})["error"]
    assert set(error) == {"__type", "description"} and words in error["description"][0], error


def test_catalog_words_shaped_like_names_are_saved(people):
    saved = tk.get_action("package_patch")({"user": people.editor}, {
        "id": people.entry["id"], "title": "哈尔滨市王岗镇农村低保对象统计信息", "tag_string": "金融,公安,李家屯,公积金,常住人口",
        "notes": "本数据集包含王岗镇、张庄村、李家屯等地的低保户数，城镇居民等1200户；涉及金融、石油化工、文明城市等领域。"})
    assert {tag["name"] for tag in saved["tags"]} == {"金融", "公安", "李家屯", "公积金", "常住人口"}


def test_texts_clean_by_rules_2_are_checked_again_by_rules_3(app, people, clean_index):
    entry = CatalogEntry(owner_org=people.agency["id"], name="hrb-relief")
    findings = checked_again_by_the_upgrade(app, entry, NOTES, 2, "f6b2d8a4c1e9")
    assert findings == [{"field": "notes", "kinds": ["person_name"]}]
