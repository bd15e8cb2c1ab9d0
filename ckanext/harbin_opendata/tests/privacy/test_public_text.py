"""The check of text the public reads (catalog texts, feedback): names after a label with or without
a colon but not offices, passports after their label, personal e-mail addresses but not official
ones; and the masking of what it finds."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.privacy.public_text import PUBLIC_KINDS, found_kinds, masked

pytestmark = pytest.mark.usefixtures("with_plugins")


@pytest.mark.parametrize("text, kinds", [
    ("联系人：李秀梅", ["person_name"]),
    ("联系人：李秀梅，电话见下", ["person_name"]),
    ("负责人 王伟", ["person_name"]),
    ("联系人：Zhang Wei", ["person_name"]),
    ("本数据负责人　王伟。", ["person_name"]),  # an ideographic space
    ("护照号码：E98765432", ["passport"]),
    ("Passport No. G12345678", ["passport"]),
    ("来信请寄 zhangjj@163.com", ["email"]),
    ("身份证 230102198503121005，手机 13912345678", ["mobile", "resident_id"]),
    ("卡号 6222026281948219936", ["bank_card"]),
    ("家里电话 0451-82345678", ["landline"]),
])
def test_personal_shapes_are_found(text, kinds):
    assert found_kinds(text) == kinds


@pytest.mark.parametrize("text", [
    "联系人：数据资源管理处", "联系人：市大数据中心", "负责人 负责审核", "咨询邮箱 sjzx@harbin.gov.cn",
    "邮箱 opendata@hlj.gov.cn", "护照办理数量 12345678 件", "第 3 行, 积雪深度", "2025-12-01 积雪深度应为 12 厘米",
])
def test_public_contact_data_and_ordinary_text_are_not_personal(text):
    assert found_kinds(text, PUBLIC_KINDS - {"landline"}) == []


def test_configured_agency_domains_and_the_agencys_own_address_are_official(ckan_config, monkeypatch):
    assert found_kinds("水务 service@hrbwater.com.cn") == ["email"]
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.privacy.official_email_domains", ["hrbwater.com.cn"])
    assert found_kinds("水务 service@hrbwater.com.cn") == []
    assert found_kinds("来信 hrbsjj@163.com", official=["hrbsjj@163.com"]) == []


def test_found_data_is_masked_in_place():
    text = "我的电话13912345678，身份证230102198503121005，邮箱zhangjj@163.com，联系人：李秀梅，护照号码：E98765432"
    shown = masked(text)
    for value in ("13912345678", "230102198503121005", "zhangjj@", "李秀梅", "E98765432"):
        assert value not in shown
    assert shown.startswith("我的电话139****5678") and "@163.com" in shown and "李**" in shown
