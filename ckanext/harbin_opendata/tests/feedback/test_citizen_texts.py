"""A citizen's own words in a request (outside probe F10, F12): people write their own and their
family's names (我是王建国，我家的低保金额不对; a correction's title 王建国的低保金额错误; the correct
value of a 姓名 column), which no detector tells from words. The public reads a request's subject,
state and answer; the description, location, correct value and evidence (and a correction's own
title) are shown only to the requester, the agency handling it and the reviewers. An ID with a
wrong check character is refused in the public fields like a valid one; the 6th request within the
hour is answered 429 with Retry-After (API and form), not 409."""
from __future__ import annotations

import json

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.web import csrf_token, logged_in_client

from .test_public_privacy import REVIEWER, _request, entry  # noqa: F401 (the fixture)

NAMES = ("王建国", "刘淑芬", "张伟")
ALTERED_ID = "23010219650616105X"  # 230102196506161050 with its check character changed


def _citizens_correction(user: str) -> dict:
    return tk.get_action("harbin_feedback_create")({"user": user}, _request(
        title="王建国的低保金额错误", description="我是王建国，我家的低保金额不对。", location="第3行 姓名列",
        proposed_value=f"刘淑芬 {ALTERED_ID}", evidence="本人张伟的户口本"))


@pytest.mark.parametrize("author", ["", "citizen"])
def test_the_public_never_reads_a_citizens_own_words(entry, app, author):
    created = _citizens_correction(author)
    public = [tk.get_action("harbin_feedback_show")({"user": user}, {"id": created["id"]}) for user in ("", "other_editor")]
    public += tk.get_action("harbin_feedback_list")({"user": ""}, {})["results"]
    pages = [app.get(f"/feedback/{created['id']}").body, app.get("/feedback").body,
             app.get(f"/en/feedback/{created['id']}").body]
    seen = json.dumps(public, ensure_ascii=False) + "".join(pages)
    assert not [name for name in (*NAMES, ALTERED_ID[:12]) if name in seen]
    assert "纠错：哈尔滨市积雪深度观测数据" in pages[0] and "哈尔滨市积雪深度观测数据" in public[0]["title"]
    assert public[0]["texts_withheld"] and public[0]["description"] is None
    assert "仅向提出人及办理单位显示" in pages[0] and "shown only to the requester" in pages[2]
    for handler in ("agency_editor", REVIEWER):  # those who handle it read it as typed
        shown = tk.get_action("harbin_feedback_show")({"user": handler}, {"id": created["id"]})
        assert shown["description"] == "我是王建国，我家的低保金额不对。" and ALTERED_ID in shown["proposed_value"]
    if author:  # the requester reads what they wrote
        own = logged_in_client(app, author).get(f"/feedback/{created['id']}").body
        assert "我是王建国" in own and "王建国的低保金额错误" in own


def test_a_data_requests_summary_stays_public_and_its_description_does_not(entry):
    created = tk.get_action("harbin_feedback_create")({"user": ""}, {
        "kind": "data_request", "title": "希望开放公交线路站点数据", "description": "我是王建国，想做一个公交查询小程序",
        "wanted_fields": "线路名称、站点名称、经纬度", "requester_contact": "13912345678"})
    shown = tk.get_action("harbin_feedback_show")({"user": ""}, {"id": created["id"]})
    assert shown["title"] == "希望开放公交线路站点数据" and shown["wanted_fields"] == "线路名称、站点名称、经纬度"
    assert shown["description"] is None


@pytest.mark.parametrize("field", ["description", "location", "evidence", "title"])
def test_an_id_with_a_wrong_check_character_is_refused_in_a_public_field(entry, field):
    with pytest.raises(tk.ValidationError) as refused:
        tk.get_action("harbin_feedback_create")({"user": ""}, _request(**{field: f"第3行身份证号写错了，应为{ALTERED_ID}"}))
    assert list(refused.value.error_dict) == [field]


@pytest.mark.ckan_config("ckanext.harbin_opendata.feedback.rate_limit", "2")
def test_past_the_hourly_limit_the_api_and_the_form_answer_429_with_retry_after(entry, app):
    for _ in range(2):
        app.post("/api/3/action/harbin_feedback_create", json=_request(), status=200)
    refused = app.post("/api/3/action/harbin_feedback_create", json=_request(), status=429)
    assert 3000 < int(refused.headers["Retry-After"]) <= 3600 and "一小时内" in refused.json["error"]["message"]
    client = logged_in_client(app, "citizen")
    for _ in range(2):
        tk.get_action("harbin_feedback_create")({"user": "citizen"}, _request())
    page = client.get("/feedback/new?kind=correction&dataset=hrb-snow").body
    response = client.post("/feedback/new", data={**_request(), "website": "", "_csrf_token": csrf_token(page)})
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert "一小时内" in response.body and "积雪深度数值有误" in response.body  # the text kept to send later
