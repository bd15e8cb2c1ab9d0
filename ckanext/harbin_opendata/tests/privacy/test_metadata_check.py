"""Personal data typed into an entry's own texts (the outside probe: an editor's resource_patch of a
published entry's file description, package_patch of tags, a view's title, a data item's example
holding an ID number or a mobile were public at once, at creation too). They are refused, the field
named, whoever saves them; the contact phone may be a mobile; look-alikes stay allowed."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.privacy import metadata_check

from .conftest import upload
from .jobs import run_scans
from .publishing import publish

ID_NUMBER, MOBILE, CARD = "11010519491231002X", "13812345678", "4111111111111111"


def _refused(action: str, user: str, data: dict) -> dict:
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action(action)({"user": user}, data)
    return refused.value.error_dict


def test_personal_data_in_an_entrys_texts_is_refused_with_the_field_named(people):
    entry_id, editor = people.entry["id"], people.editor
    errors = _refused("package_patch", editor, {"id": entry_id, "notes": f"经办人身份证{ID_NUMBER}"})
    assert list(errors) == ["notes"] and "resident ID number" in errors["notes"][0]
    assert list(_refused("package_patch", editor, {"id": entry_id, "tag_string": f"低保,{MOBILE}"})) == ["tag_string"]
    items = [{"name": "卡号", "type": "文本", "description": "发放账户", "example": CARD}]
    errors = _refused("package_patch", editor, {"id": entry_id, "data_items": items})
    assert errors["data_items"] == [{"example": [errors["data_items"][0]["example"][0]]}]
    assert "bank card number" in errors["data_items"][0]["example"][0]


@pytest.mark.usefixtures("storage")
def test_a_published_entrys_files_and_views_refuse_personal_data(people):
    entry_id, editor = people.entry["id"], people.editor
    resource = upload(entry_id, editor, "区,人数\r\n道里区,3\r\n".encode(), "人数.csv", "CSV")
    run_scans(entry_id)
    publish(people, entry_id)
    errors = _refused("resource_patch", editor, {"id": resource["id"], "description": f"联系 {MOBILE}"})
    assert list(errors) == ["description"]
    errors = _refused("resource_create", editor, {"package_id": entry_id, "url": "https://data.example.cn/a.csv",
                                                  "name": f"名单{ID_NUMBER}", "format": "CSV"})
    assert list(errors) == ["name"]
    errors = _refused("resource_view_create", editor, {"resource_id": resource["id"], "view_type": "image_view",
                                                       "title": f"张伟 {MOBILE}"})
    assert list(errors) == ["title"]
    shown = str(tk.get_action("package_show")({"user": ""}, {"id": entry_id}))
    assert MOBILE not in shown and ID_NUMBER not in shown


def test_contact_phones_and_look_alikes_are_kept(people):
    saved = tk.get_action("package_patch")({"user": people.editor}, {
        "id": people.entry["id"], "contact_phone": MOBILE,
        "notes": "统一社会信用代码 11230100MB1234567X；咨询电话 0451-86300000；统计截至 2025-12-31，金额 1234567890123 元；"
                 "订单号 20251231000123456789。"})
    assert saved["contact_phone"] == MOBILE and "0451-86300000" in saved["notes"]


@pytest.mark.parametrize("field, text, kind", [
    ("notes", "联系人：李秀梅，负责数据更新。", "person's name"),
    ("notes", "本数据负责人 王伟", "person's name"),
    ("notes", "如有疑问请发邮件至 zhangjj@163.com", "e-mail address"),
    ("notes", "外籍人员护照号码：E98765432", "passport number"),
    ("data_items", "联系人：李秀梅", "person's name"),
])
def test_names_personal_emails_and_passports_are_refused_on_a_published_entry(people, field, text, kind):
    publish(people, people.entry["id"])
    value = [{"name": "经办人", "type": "文本", "description": text}] if field == "data_items" else text
    errors = _refused("package_patch", people.editor, {"id": people.entry["id"], field: value})
    message = errors[field][0]["description"][0] if field == "data_items" else errors[field][0]
    assert list(errors) == [field] and kind in message
    shown = str(tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]}))
    assert text not in shown


def test_an_agencys_ordinary_contact_data_is_kept(people):
    tk.get_action("organization_patch")({"user": people.sysadmin}, {"id": people.agency["id"],
                                                                     "contact_email": "hrbsjj@163.com"})
    contact = {"contact_name": "数据资源管理处 李秀梅", "contact_phone": "0451-86300000",
               "contact_email": "sjzx@harbin.gov.cn", "title_en": "Snow depth (contact: sjzx@harbin.gov.cn)",
               "notes": "联系人：数据资源管理处；咨询电话 0451-86300000；邮箱 opendata@hlj.gov.cn 或 hrbsjj@163.com。"}
    saved = tk.get_action("package_patch")({"user": people.editor}, {"id": people.entry["id"], **contact})
    assert {key: saved[key] for key in contact} == contact


def test_the_agency_is_read_only_for_an_email_on_no_official_domain(people, monkeypatch):
    """The agency's own address is read for the check only when a text holds an e-mail address no
    official domain covers (issue 20: every save read the organization for it), and still keeps it."""
    reads = []
    real = metadata_check._agency_addresses
    monkeypatch.setattr(metadata_check, "_agency_addresses", lambda owner_org: reads.append(owner_org) or real(owner_org))
    tk.get_action("organization_patch")({"user": people.sysadmin}, {"id": people.agency["id"],
                                                                     "contact_email": "hrbsjj@163.com"})
    patch = tk.get_action("package_patch")
    patch({"user": people.editor}, {"id": people.entry["id"], "notes": "邮箱 opendata@hlj.gov.cn，电话 0451-86300000。"})
    assert reads == []
    patch({"user": people.editor}, {"id": people.entry["id"], "notes": "邮箱 hrbsjj@163.com 或 sjzx@harbin.gov.cn。"})
    assert reads == [people.agency["id"]]  # once for the save, however many texts it checks
    errors = _refused("package_patch", people.editor, {"id": people.entry["id"], "notes": "邮箱 zhangjj@163.com"})
    assert "e-mail address" in errors["notes"][0]
