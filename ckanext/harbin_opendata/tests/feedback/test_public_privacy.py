"""Personal data typed into a request's public fields (the outside probe: an anonymous request whose
description, location and evidence held an ID, a mobile, a card number and an e-mail was shown on
its status page and by harbin_feedback_show/_list). New requests and answers are refused with the
field named, on the form (re-shown with the text kept, zh and en) and the API (409); requests
stored before the check show it masked to all but the agency handling them and the reviewers."""
from __future__ import annotations

import datetime as dt
import json

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.feedback.model import FeedbackEvent, FeedbackRequest
from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.web import csrf_token, logged_in_client

ID_NUMBER, MOBILE, CARD, EMAIL = "230102198503121005", "13912345678", "6222026281948219936", "zhangjj@163.com"
REVIEWER = "centre_reviewer"  # named in the test ini's review.reviewers


@pytest.fixture
def entry(with_plugins, clean_db, clean_index, clean_redis):
    editor, other = factories.User(name="agency_editor"), factories.User(name="other_editor")
    agency = Agency(name="hrb-qxj", title="哈尔滨市气象局", users=[{"name": editor["name"], "capacity": "editor"}])
    Agency(name="hrb-jtj", users=[{"name": other["name"], "capacity": "editor"}])
    factories.User(name="citizen"), factories.User(name=REVIEWER), factories.Sysadmin(name="site_admin")
    return CatalogEntry(owner_org=agency["id"], name="hrb-snow", title="哈尔滨市积雪深度观测数据")


def _request(**fields) -> dict:
    return {"kind": "correction", "dataset": "hrb-snow", "title": "积雪深度数值有误",
            "description": "第3行积雪深度应为12厘米", "location": "第 3 行", "evidence": "气象站记录",
            "requester_contact": MOBILE, **fields}


@pytest.mark.parametrize("user", ["", "citizen"])
@pytest.mark.parametrize("field, text", [
    ("description", f"我的电话{MOBILE}，请回电"), ("location", f"身份证号 {ID_NUMBER} 那一行"),
    ("evidence", f"退款请打到卡号 {CARD}"), ("title", f"请回复 {EMAIL}"), ("wanted_fields", "联系人：李秀梅"),
])
def test_personal_data_in_a_public_field_is_refused_with_the_field_named(entry, user, field, text):
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action("harbin_feedback_create")({"user": user}, _request(**{field: text}))
    assert list(refused.value.error_dict) == [field]
    assert tk.get_action("harbin_feedback_list")({"user": ""}, {})["count"] == 0


def test_the_api_answers_409_naming_the_field_and_keeps_the_private_contact(entry, app):
    body = _request(description=f"我的电话{MOBILE}", evidence=f"{ID_NUMBER} {CARD} {EMAIL}")
    refused = app.post("/api/3/action/harbin_feedback_create", json=body, status=409).json
    assert set(refused["error"]) >= {"description", "evidence"} and "__type" in refused["error"]
    created = app.post("/api/3/action/harbin_feedback_create", json=_request(), status=200).json["result"]
    shown = app.get("/api/3/action/harbin_feedback_show", query_string={"id": created["id"]}).json["result"]
    assert MOBILE not in json.dumps(shown) and "requester_contact" not in shown


@pytest.mark.parametrize("prefix, message", [
    ("", "请勿在公开内容中填写身份证号、手机号、银行卡号、电子邮箱或姓名"),
    ("/en", "Do not write ID numbers, mobile numbers, bank card numbers, e-mail addresses or names in public text"),
])
@pytest.mark.parametrize("login", [False, True])
def test_the_form_is_shown_again_with_the_text_kept_and_the_error(entry, app, prefix, message, login):
    client = logged_in_client(app, "citizen") if login else app.test_client()
    page = client.get(f"{prefix}/feedback/new?kind=correction&dataset=hrb-snow").body
    typed = f"第3行有误，我的手机{MOBILE}"
    response = client.post(f"{prefix}/feedback/new", data={**_request(description=typed), "website": "",
                                                             "_csrf_token": csrf_token(page)})
    assert response.status_code == 400
    assert message in response.body and typed in response.body
    assert tk.get_action("harbin_feedback_list")({"user": ""}, {})["count"] == 0


def _stored_before_the_check(entry) -> str:
    """A request saved as the portal saved them before the check (straight into its table)."""
    request = FeedbackRequest(id="old-request", kind="correction", state="submitted", title=f"数值有误 {MOBILE}",
                              description=f"我的电话{MOBILE}，身份证{ID_NUMBER}", location=f"卡号{CARD}",
                              evidence=f"邮箱 {EMAIL}", organization_id=entry["owner_org"], package_id=entry["id"],
                              requester_contact=MOBILE, due_date=dt.date.today())
    model.Session.add(request)
    model.Session.add(FeedbackEvent(request_id=request.id, event="accept", comment=f"已回电 {MOBILE}",
                                    to_state="accepted"))
    model.repo.commit()
    return request.id


def test_a_request_stored_before_the_check_is_shown_masked(entry, app):
    request_id = _stored_before_the_check(entry)
    for user in ("", "citizen", "other_editor"):
        shown = json.dumps(tk.get_action("harbin_feedback_show")({"user": user}, {"id": request_id}), ensure_ascii=False)
        listed = json.dumps(tk.get_action("harbin_feedback_list")({"user": user}, {}), ensure_ascii=False)
        for value in (MOBILE, ID_NUMBER, CARD, "zhangjj@"):
            assert value not in shown and value not in listed, (user, value)
        assert "139****5678" in shown
    for page in (app.get(f"/feedback/{request_id}").body, app.get(f"/en/feedback/{request_id}").body,
                 app.get("/feedback").body, logged_in_client(app, "citizen").get(f"/feedback/{request_id}").body):
        assert MOBILE not in page and ID_NUMBER not in page and CARD not in page and EMAIL not in page
    for handler in ("agency_editor", "site_admin", REVIEWER):
        shown = tk.get_action("harbin_feedback_show")({"user": handler}, {"id": request_id})
        assert MOBILE in shown["description"] and CARD in shown["location"], handler
    assert EMAIL in logged_in_client(app, "agency_editor").get(f"/feedback/{request_id}").body


def test_an_agencys_public_answer_is_refused_with_personal_data(entry, app):
    created = tk.get_action("harbin_feedback_create")({"user": ""}, _request())
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action("harbin_feedback_resolve")({"user": "agency_editor"}, {"id": created["id"],
                                                                             "comment": f"已更正，请致电{MOBILE}"})
    assert list(refused.value.error_dict) == ["comment"]
    editor = logged_in_client(app, "agency_editor")
    page = editor.get(f"/feedback/{created['id']}").body
    answered = editor.post(f"/feedback/{created['id']}/resolve", data={
        "_csrf_token": csrf_token(page), "comment": f"已更正，请致电{MOBILE}"}, follow_redirects=True)
    assert answered.status_code == 200 and "公开答复中不得填写个人信息" in answered.body
    assert tk.get_action("harbin_feedback_show")({"user": ""}, {"id": created["id"]})["state"] == "submitted"
