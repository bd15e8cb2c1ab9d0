"""An agency's page and the relationships between entries (the outside probe: an agency's duties
naming a person with a mobile, a relationship comment with an ID number were public). Its contact
phone and e-mail are published by design (an office's line or duty mobile, its mailbox); its title
and duties are refused as an entry's notes are. Refused with a 409 in the user's language."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import CatalogEntry

from ..web import form_fields, logged_in_client

PERSONAL_ZH, PERSONAL_EN = "目录信息中不得公开个人信息", "may not be published in the catalog"
LANGUAGES = [("", PERSONAL_ZH), ("/en", PERSONAL_EN)]
ID_NUMBER, MOBILE = "11010519491231002X", "13812345678"


def _api(app, prefix: str, user: str, action: str, data: dict, status: int = 409) -> dict:
    token = factories.APIToken(user=user)["token"]
    return app.post(f"{prefix}/api/3/action/{action}", headers={"Authorization": token}, json=data,
                    status=status).json


@pytest.mark.parametrize("prefix, words", LANGUAGES)
@pytest.mark.parametrize("field, text", [("description", f"负责全市数据开放。联系人：王建国，手机 {MOBILE}"),
                                         ("title_en", f"Harbin Bureau (ID {ID_NUMBER})"),
                                         ("contact_phone", ID_NUMBER)])
def test_personal_data_on_an_agencys_page_is_refused(app, people, prefix, words, field, text):
    error = _api(app, prefix, people.sysadmin, "organization_patch", {"id": people.agency["id"], field: text})["error"]
    assert set(error) == {"__type", field} and words in error[field][0], error
    shown = tk.get_action("organization_show")({"user": ""}, {"id": people.agency["id"]})
    assert text not in str(shown)


@pytest.mark.parametrize("prefix, words", LANGUAGES)
def test_the_agency_edit_form_shows_the_refusal(app, people, prefix, words):
    client = logged_in_client(app, people.sysadmin)
    page = f"{prefix}/organization/edit/{people.agency['name']}"
    duties = f"负责全市数据开放。联系人：王建国，手机 {MOBILE}"
    response = client.post(page, data={**form_fields(client.get(page).body), "description": duties, "save": ""},
                           follow_redirects=False)
    assert response.status_code == 200 and words in response.body  # the form again, with the error
    shown = tk.get_action("organization_show")({"user": ""}, {"id": people.agency["id"]})
    assert shown["description"] == people.agency["description"]


def test_an_agencys_public_contact_data_is_kept(app, people):
    page = {"contact_phone": MOBILE, "contact_email": "hrbsjj@163.com",
            "description": "负责全市政务数据开放。统一社会信用代码 11230100MB1234567X；咨询电话 0451-86300000；"
                           "邮箱 hrbsjj@163.com 或 sjzx@harbin.gov.cn；联系人：数据资源管理处。"}
    saved = _api(app, "", people.sysadmin, "organization_patch", {"id": people.agency["id"], **page}, status=200)
    shown = {**{extra["key"]: extra["value"] for extra in saved["result"]["extras"]}, **saved["result"]}
    assert {key: shown.get(key) for key in page} == page
    again = _api(app, "", people.sysadmin, "organization_patch", {"id": people.agency["id"], "description": "负责全市政务数据开放。"},
                 status=200)  # saved again with its duty mobile stored
    assert again["result"]["description"] == "负责全市政务数据开放。"


@pytest.mark.parametrize("prefix, words", LANGUAGES)
def test_a_relationship_comment_with_personal_data_is_refused(app, people, prefix, words):
    other = CatalogEntry(owner_org=people.agency["id"], published=False, name="hrb-entry-2")
    link = {"subject": people.entry["id"], "object": other["id"], "type": "links_to"}
    error = _api(app, prefix, people.editor, "package_relationship_create",
                 {**link, "comment": f"依据申请人 王建国（身份证 {ID_NUMBER}）的申请"})["error"]
    assert set(error) == {"__type", "comment"} and words in error["comment"][0], error
    made = _api(app, prefix, people.editor, "package_relationship_create",
                {**link, "comment": "2025年度汇总，见文号 哈数发〔2025〕12号"}, status=200)
    assert made["result"]["comment"].startswith("2025年度汇总")
    error = _api(app, prefix, people.editor, "package_relationship_update", {**link, "comment": f"经办人 {MOBILE}"})["error"]
    assert set(error) == {"__type", "comment"} and words in error["comment"][0], error
