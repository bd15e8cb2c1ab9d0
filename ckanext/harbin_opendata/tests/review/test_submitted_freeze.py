"""A submitted entry is what its reviewer reads: frozen for its agency until it recalls the
submission (withdraw), published or returned only in the revision the reviewer read, and every
edit's audit row names the fields it changed (probe 2, F1)."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.review.model import AuditEvent
from ckanext.harbin_opendata.tests.web import csrf_token as _csrf
from ckanext.harbin_opendata.tests.web import logged_in_client, revision_in

FROZEN = "Submitted for review: to change it, withdraw the submission first."
STALE = "The entry has changed since you read it: review it again."
SALARY_FILE = "https://data.harbin.gov.cn/files/hrb-rsj/2026年第三季度最低工资标准.csv"


def _act(action: str, user: str, entry_id: str, **extra: str) -> dict:
    return tk.get_action(f"harbin_review_{action}")({"user": user}, {"id": entry_id, **extra})


def _history(people) -> dict:
    return tk.get_action("harbin_review_history")({"user": people.reviewer}, {"id": people.entry["id"]})


def _conditional_submitted(people, with_file: bool = False) -> str:
    """The agency's entry as submitted: 有条件开放 with its conditions (and a file: its scan then
    holds publication back)."""
    entry_id = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {
        "id": entry_id, "open_type": "conditional", "open_conditions": "仅向签订数据使用协议的单位开放"})
    if with_file:
        tk.get_action("resource_create")({"user": people.editor}, {
            "package_id": entry_id, "name": "最低工资标准", "url": SALARY_FILE, "format": "CSV"})
    _act("submit", people.editor, entry_id, comment="请审核")
    return entry_id


def _refused_as_frozen(call) -> None:
    with pytest.raises(tk.ValidationError) as raised:
        call()
    assert raised.value.error_dict == {"state": [FROZEN]}


def test_a_submitted_entry_is_frozen_for_its_agency(people):
    entry_id = _conditional_submitted(people, with_file=True)
    resource_id = tk.get_action("package_show")({"user": people.editor}, {"id": entry_id})["resources"][0]["id"]
    editor = {"user": people.editor}
    _refused_as_frozen(lambda: tk.get_action("package_patch")(dict(editor), {
        "id": entry_id, "title": "审核后偷换的标题", "open_type": "unconditional", "open_conditions": ""}))
    _refused_as_frozen(lambda: tk.get_action("resource_create")(dict(editor), {
        "package_id": entry_id, "name": "新增文件", "url": SALARY_FILE.replace("第三", "第四"), "format": "CSV"}))
    _refused_as_frozen(lambda: tk.get_action("resource_patch")(dict(editor), {"id": resource_id, "name": "改名"}))
    _refused_as_frozen(lambda: tk.get_action("resource_view_create")(dict(editor), {
        "resource_id": resource_id, "view_type": "image_view", "title": "图",
        "image_url": "https://data.harbin.gov.cn/logo.png"}))
    shown = tk.get_action("package_show")({"user": people.reviewer}, {"id": entry_id})
    assert (shown["open_type"], len(shown["resources"]), shown["resources"][0]["name"]) == \
        ("conditional", 1, "最低工资标准")
    # the recall step: withdrawn (audited), the agency changes it and submits it again
    assert _act("withdraw", people.editor, entry_id, comment="补充数据项说明")["state"] == "withdrawn"
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry_id, "title": "撤回后修改的标题"})
    assert _act("submit", people.editor, entry_id)["state"] == "submitted"
    assert [e["event"] for e in _history(people)["events"]][-4:] == ["submit", "withdraw", "updated", "submit"]


def test_the_frozen_message_is_in_chinese_over_the_api(people, app):
    entry_id = _conditional_submitted(people)
    token = tk.get_action("api_token_create")({"user": people.editor}, {"user": people.editor, "name": "t"})["token"]
    response = app.post("/api/3/action/package_patch", json={"id": entry_id, "title": "审核中被改的标题"},
                        headers={"Authorization": token}, status=409)
    assert response.json["error"]["state"] == ["已提交审核，如需修改请先撤回提交"]


def test_reviewers_sysadmins_and_the_portal_still_write_a_submitted_entry(people):
    entry_id = _conditional_submitted(people)
    tk.get_action("package_patch")({"user": people.sysadmin}, {"id": entry_id, "title": "审核员修正的名称"})
    tk.get_action("package_patch")({"user": people.editor, "ignore_auth": True},
                                   {"id": entry_id, "desensitization_status": "desensitized"})  # a job's write
    shown = tk.get_action("package_show")({"user": people.reviewer}, {"id": entry_id})
    assert (shown["title"], shown["desensitization_status"]) == ("审核员修正的名称", "desensitized")
    assert _history(people)["entry"]["state"] == "submitted"


def test_publication_is_bound_to_the_revision_read(people):
    entry_id = _conditional_submitted(people)
    read = _history(people)["entry"]["revision"]
    tk.get_action("package_patch")({"user": people.sysadmin}, {"id": entry_id, "open_type": "unconditional",
                                                              "open_conditions": ""})
    for action, extra in (("publish", {}), ("return", {"comment": "开放条件不清"})):
        with pytest.raises(tk.ValidationError) as raised:
            _act(action, people.reviewer, entry_id, revision=read, **extra)
        assert raised.value.error_dict == {"revision": [STALE]}
    assert _history(people)["entry"]["state"] == "submitted"
    now = _history(people)["entry"]["revision"]
    assert now != read
    assert _act("publish", people.reviewer, entry_id, revision=now)["state"] == "published"


def test_a_new_file_changes_the_revision(people):
    entry_id = _conditional_submitted(people, with_file=True)
    read = _history(people)["entry"]["revision"]
    tk.get_action("resource_create")({"user": people.sysadmin}, {
        "package_id": entry_id, "name": "补充文件", "url": SALARY_FILE.replace("第三", "第四"), "format": "CSV"})
    assert _history(people)["entry"]["revision"] != read


def test_the_review_page_sends_the_revision_it_shows(people, app):
    entry_id = _conditional_submitted(people)
    reviewer = logged_in_client(app, people.reviewer)
    page = reviewer.get("/en/dataset/hrb-entry/review").body
    assert f'name="revision" value="{_history(people)["entry"]["revision"]}"' in page
    tk.get_action("package_patch")({"user": people.sysadmin}, {"id": entry_id, "title": "页面打开后修改的标题"})
    result = reviewer.post("/en/dataset/hrb-entry/review/publish", data={
        "_csrf_token": _csrf(page), "comment": "通过",
        "revision": revision_in(page)}).body
    assert STALE in result and _history(people)["entry"]["state"] == "submitted"
    reviewer.post("/dataset/hrb-entry/review/publish", data={"_csrf_token": _csrf(page), "comment": "通过"})
    assert _history(people)["entry"]["state"] == "submitted"  # a form without the stamp publishes nothing
    page = reviewer.get("/dataset/hrb-entry/review").body
    reviewer.post("/dataset/hrb-entry/review/publish", data={"_csrf_token": _csrf(page), "revision": revision_in(page)})
    assert _history(people)["entry"]["state"] == "published"


def test_edits_name_the_changed_fields_in_the_audit_log(people):
    entry_id = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {
        "id": entry_id, "open_type": "conditional", "open_conditions": "仅向签订协议的单位开放",
        "contact_name": "张伟"})
    row = model.Session.query(AuditEvent).filter(AuditEvent.package_id == entry_id, AuditEvent.event == "updated") \
        .order_by(AuditEvent.id.desc()).first()
    assert row.details == {"fields": ["contact_name", "open_conditions", "open_type"],
                           "values": {"open_type": {"from": "unconditional", "to": "conditional"}}}
    assert "张伟" not in str(row.details)  # names of fields, never what a person is called


def test_a_harvest_update_of_a_submitted_entry_submits_it_again(people):
    """The harvest is the submitter of its records: its update of a submitted entry renews the
    submission (fields named, reviewers told); a reviewer who read the earlier record is refused."""
    entry_id = _conditional_submitted(people)
    read = _history(people)["entry"]["revision"]
    tk.get_action("package_patch")({"user": people.sysadmin, "harbin_harvest_source": "old-portal"},
                                   {"id": entry_id, "update_frequency": "daily"})
    history = _history(people)
    assert history["entry"]["state"] == "submitted"
    assert [(e["event"], e["details"]) for e in history["events"][-2:]] == [
        ("resubmitted_by_edit", {"fields": ["update_frequency"], "harvest_source": "old-portal"}),
        ("updated", {"fields": ["update_frequency"], "values": {"update_frequency": {"from": "monthly",
                                                                                       "to": "daily"}}})]
    with pytest.raises(tk.ValidationError):
        _act("publish", people.reviewer, entry_id, revision=read)
