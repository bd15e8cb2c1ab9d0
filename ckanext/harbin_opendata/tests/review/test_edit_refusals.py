"""Refusals of the review workflow on CKAN's edit form are given with their reason, as the API
gives them, and reviewers move entries between agencies as the README says (probe 2, F14)."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.review.model import AuditEvent
from ckanext.harbin_opendata.tests.web import entry_form, logged_in_client


def test_publishing_through_the_edit_form_is_refused_with_the_reason(people, app):
    editor = logged_in_client(app, people.editor)
    form = entry_form(editor.get("/dataset/edit/hrb-entry").body)
    response = editor.post("/dataset/edit/hrb-entry", data=dict(form, private="False"), status=403)
    assert "目录条目只能由审核人员发布：请提交审核" in response.body and "没有权限读取" not in response.body
    assert tk.get_action("package_show")({"user": people.editor}, {"id": "hrb-entry"})["private"] is True


def test_editing_a_submitted_entry_on_the_form_says_to_withdraw_first(people, app):
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": "hrb-entry"})
    editor = logged_in_client(app, people.editor)
    form = entry_form(editor.get("/dataset/edit/hrb-entry").body)
    response = editor.post("/dataset/edit/hrb-entry", data=dict(form, title="审核中被改的标题"), status=409)
    assert "已提交审核，如需修改请先撤回提交" in response.body


def test_a_reviewer_moves_an_entry_to_another_agency_audited(people):
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": "hrb-entry"})
    tk.get_action("harbin_review_publish")({"user": people.reviewer}, {"id": "hrb-entry"})
    with pytest.raises(tk.NotAuthorized, match="Only a reviewer moves"):
        tk.get_action("package_owner_org_update")({"user": people.editor}, {
            "id": "hrb-entry", "organization_id": people.other["id"]})
    tk.get_action("package_owner_org_update")({"user": people.reviewer}, {
        "id": "hrb-entry", "organization_id": people.other["id"]})
    assert model.Package.get("hrb-entry").owner_org == people.other["id"]
    moved = model.Session.query(AuditEvent).filter(AuditEvent.package_id == people.entry["id"],
                                                   AuditEvent.event == "owner_changed").one()
    assert moved.actor_name == people.reviewer
    assert moved.details == {"owner_org": {"from": people.agency["id"], "to": people.other["id"]}}
