"""A data request's (数据需求) title is the citizen's own text (issue 16): names without a label in it
(申请公开王建国、李秀英两户的低保审批材料) are refused when filed; one stored before that rule is shown to
the public as "数据需求", to the requester (masked, as the rest of their texts), the handlers and the
reviewers."""
from __future__ import annotations

import json

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.feedback.model import FeedbackRequest
from ckanext.harbin_opendata.tests.web import logged_in_client

from .test_public_privacy import REVIEWER, entry  # noqa: F401 (the fixture)

NAMED = "申请公开王建国、李秀英两户的低保审批材料"


def _data_request(user: str, title: str = "希望开放低保审批结果统计") -> dict:
    return tk.get_action("harbin_feedback_create")({"user": user}, {
        "kind": "data_request", "title": title, "description": "想做一个低保政策解读的小程序", "wanted_fields": "审批结果、户数", "requester_contact": "13912345678"})


def test_names_in_a_data_requests_title_are_refused_when_filed(entry):
    with pytest.raises(tk.ValidationError) as refused:
        _data_request("citizen", NAMED)
    assert list(refused.value.error_dict) == ["title"]


def test_a_stored_title_with_names_is_shown_only_to_who_may_read_it(entry, app):
    created = _data_request("citizen")
    model.Session.get(FeedbackRequest, created["id"]).title = NAMED  # stored before the rule
    model.repo.commit()
    public = [tk.get_action("harbin_feedback_show")({"user": user}, {"id": created["id"]}) for user in ("", "other_editor")]
    public += tk.get_action("harbin_feedback_list")({"user": ""}, {})["results"]
    pages = [app.get(f"/feedback/{created['id']}").body, app.get("/feedback").body, app.get("/en/feedback").body]
    seen = json.dumps(public, ensure_ascii=False) + "".join(pages)
    assert "王建国" not in seen and "王**" not in seen and public[0]["title"] == "Data request"
    assert "<h1>数据需求</h1>" in pages[0] and "Data request" in pages[2]
    # the requester reads it masked, as the rest of their texts; the reviewers as typed
    assert tk.get_action("harbin_feedback_show")({"user": "citizen"}, {"id": created["id"]})["title"] == \
        "申请公开王**、李**两户的低保审批材料"
    assert "王**、李**两户" in logged_in_client(app, "citizen").get(f"/feedback/{created['id']}").body
    assert tk.get_action("harbin_feedback_show")({"user": REVIEWER}, {"id": created["id"]})["title"] == NAMED
