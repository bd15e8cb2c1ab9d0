"""Transitions, edits of published entries, harvested entries, the audit log and notifications."""
from __future__ import annotations

import csv
import email
import io

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.cli.cli import ckan

from ckanext.harbin_opendata.review.model import AuditEvent, Notification
from ckanext.harbin_opendata.tests.factories import CatalogEntry


def _act(action: str, user: str, entry_id: str, comment: str = "") -> dict:
    return tk.get_action(f"harbin_review_{action}")({"user": user}, {"id": entry_id, "comment": comment})


def _state(people) -> str:
    return tk.get_action("harbin_review_history")({"user": people.sysadmin}, {"id": people.entry["id"]})["entry"]["state"]


def test_full_cycle_with_return_and_resubmission(people):
    entry_id = people.entry["id"]
    assert _state(people) == "draft"
    _act("submit", people.editor, entry_id, "请审核")
    with pytest.raises(tk.ValidationError) as raised:
        _act("return", people.reviewer, entry_id, "  ")
    assert "comment" in raised.value.error_dict
    returned = _act("return", people.reviewer, entry_id, "数据项缺少计量单位")
    assert returned["state"] == "returned" and returned["comment"] == "数据项缺少计量单位"
    _act("submit", people.editor, entry_id)
    assert _act("publish", people.reviewer, entry_id)["state"] == "published"
    events = tk.get_action("harbin_review_history")({"user": people.editor}, {"id": entry_id})["events"]
    assert [(e["event"], e["actor"], e["to_state"]) for e in events][1:] == [
        ("submit", people.editor, "submitted"), ("return", people.reviewer, "returned"),
        ("submit", people.editor, "submitted"), ("publish", people.reviewer, "published"),
    ]
    assert (events[0]["event"], events[0]["to_state"]) == ("created", "draft")


@pytest.mark.parametrize("action", ["publish", "return", "withdraw"])
def test_a_draft_cannot_skip_submission(people, action):
    with pytest.raises(tk.ValidationError) as raised:
        _act(action, people.reviewer, people.entry["id"], "理由")
    assert "state" in raised.value.error_dict


def _published(people) -> str:
    _act("submit", people.editor, people.entry["id"])
    _act("publish", people.reviewer, people.entry["id"])
    return people.entry["id"]


def test_minor_edits_of_a_published_entry_need_no_review(people):
    entry_id = _published(people)
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry_id, "last_updated": "2026-11-20",
                                                            "contact_name": "李处长"})
    assert _state(people) == "published"
    assert tk.get_action("package_search")({}, {"q": f"id:{entry_id}"})["count"] == 1


def test_an_edit_reads_the_review_row_once(people):
    """An agency editor's package_patch checks its permission three times and the review area's hooks
    look at the entry's review row after the save: one read of the row (the session forgot it
    between lookups: 5 reads); after the commit, the next lookup reads the database again."""
    entry_id = _published(people)
    model.Session.remove()
    reads: list[str] = []

    def record(conn, cursor, statement, *args):  # noqa: ANN001 - SQLAlchemy's event signature
        if "FROM harbin_review_entry" in statement:
            reads.append(statement)

    sa.event.listen(model.meta.engine, "before_cursor_execute", record)
    try:
        tk.get_action("package_patch")({"user": people.editor}, {"id": entry_id, "contact_name": "李处长"})
        assert len(reads) == 1, reads
        model.Session.execute(sa.text("UPDATE harbin_review_entry SET state = 'submitted' WHERE package_id = :id"),
                              {"id": entry_id})  # (another process's change, committed)
        model.Session.commit()
        with pytest.raises(tk.NotAuthorized, match="Only a reviewer publishes"):  # the change is seen
            tk.get_action("package_patch")({"user": people.editor}, {"id": entry_id, "private": False})
        assert len(reads) == 2, reads
    finally:
        sa.event.remove(model.meta.engine, "before_cursor_execute", record)


def test_catalog_field_edits_of_a_published_entry_are_refused(people):
    entry_id = _published(people)
    with pytest.raises(tk.ValidationError) as raised:
        tk.get_action("package_patch")({"user": people.editor}, {"id": entry_id, "title": "改过的名称",
                                                                "data_domain": "transport"})
    assert set(raised.value.error_dict) == {"title", "data_domain"}
    shown = tk.get_action("package_show")({"user": people.editor}, {"id": entry_id})
    assert shown["title"] != "改过的名称" and shown["data_domain"] == "market_regulation"


def test_reviewers_edits_of_catalog_fields_count_as_reviewed(people):
    entry_id = _published(people)
    tk.get_action("package_patch")({"user": people.sysadmin}, {"id": entry_id, "title": "审核员修正的名称"})
    assert _state(people) == "published"
    # and the corrected value is now the reviewed one: the editor's minor edit passes
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry_id, "contact_name": "王科长"})


def test_rereview_mode_sends_the_entry_back(people, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.review.published_edits", "rereview")
    entry_id = _published(people)
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry_id, "title": "调整后的名称"})
    assert _state(people) == "submitted"
    assert tk.get_action("package_search")({}, {"q": f"id:{entry_id}"})["count"] == 0
    assert _act("publish", people.reviewer, entry_id)["state"] == "published"


@pytest.mark.parametrize("source, state, private", [("trusted-ckan", "published", False),
                                                    ("unknown-portal", "submitted", True)])
def test_harvested_entries(people, ckan_config, monkeypatch, source, state, private):
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.review.trusted_harvest_sources", ["trusted-ckan"])
    data = CatalogEntry.stub(owner_org=people.agency["id"]).__dict__
    data.pop("published", None)
    created = tk.get_action("package_create")({"user": people.sysadmin, "harbin_harvest_source": source}, data)
    history = tk.get_action("harbin_review_history")({"user": people.reviewer}, {"id": created["id"]})
    assert history["entry"]["state"] == state and history["entry"]["private"] is private
    assert history["events"][0]["details"] == {"harvest_source": source}


@pytest.mark.parametrize("source, state, event", [("trusted-ckan", "published", "updated"),
                                                  ("unknown-portal", "submitted", "resubmitted_by_edit"),
                                                  (None, "published", "updated")])
def test_harvest_updates_follow_the_review_policy(people, ckan_config, monkeypatch, source, state, event):
    """A source that is not trusted cannot change a published entry's reviewed fields without a
    reviewer, though the harvest user is a sysadmin (whose own edits count as reviewed)."""
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.review.trusted_harvest_sources", ["trusted-ckan"])
    entry_id = _published(people)
    context = {"user": people.sysadmin, **({"harbin_harvest_source": source} if source else {})}
    tk.get_action("package_patch")(context, {"id": entry_id, "update_frequency": "daily"})
    history = tk.get_action("harbin_review_history")({"user": people.reviewer}, {"id": entry_id})
    assert history["entry"]["state"] == state
    assert history["events"][-1]["event"] == "updated" and event in [e["event"] for e in history["events"][-2:]]
    if source == "unknown-portal":
        assert history["events"][-2]["details"] == {"fields": ["update_frequency"], "harvest_source": source}


def test_a_withdrawn_entry_back_at_its_source_goes_to_review(people):
    entry_id = _published(people)
    _act("withdraw", people.reviewer, entry_id, "不再提供")
    tk.get_action("package_patch")({"user": people.sysadmin, "harbin_harvest_source": "old-portal"},
                                   {"id": entry_id, "notes": "重新出现在旧平台。"})
    history = tk.get_action("harbin_review_history")({"user": people.reviewer}, {"id": entry_id})
    assert history["entry"]["state"] == "submitted" and history["entry"]["private"] is True
    assert [e["event"] for e in history["events"][-2:]] == ["back_at_harvest_source", "updated"]


def test_audit_log_is_append_only(people):
    _act("submit", people.editor, people.entry["id"])
    # the entry's creation and submission, beside the agency's creation and member changes
    events = [(event.event, event.comment) for event in model.Session.query(AuditEvent).order_by(AuditEvent.id)]
    assert [event for event, _ in events if event in ("created", "submit")] == ["created", "submit"]
    for statement in ("UPDATE harbin_review_audit_log SET comment = 'x'", "DELETE FROM harbin_review_audit_log"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            model.Session.execute(sa.text(statement))
        model.Session.rollback()
    assert [(event.event, event.comment) for event in model.Session.query(AuditEvent).order_by(AuditEvent.id)] == events


def test_updates_and_deletions_are_audited(people):
    entry_id = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry_id, "notes": "修改后的摘要"})
    tk.get_action("package_delete")({"user": people.editor}, {"id": entry_id})
    events = model.Session.query(AuditEvent).filter(AuditEvent.package_id == entry_id).order_by(AuditEvent.id)
    assert [(e.event, e.actor_name) for e in events][1:] == [("updated", people.editor), ("deleted", people.editor)]


def test_notifications(people):
    _act("submit", people.editor, people.entry["id"])
    reviewer_inbox = tk.get_action("harbin_review_notification_list")({"user": people.reviewer}, {"mark_read": True})
    assert [(n["event"], n["actor"], n["read"]) for n in reviewer_inbox] == [("submit", people.editor, False)]
    assert tk.get_action("harbin_review_notification_list")({"user": people.reviewer}, {})[0]["read"] is True
    _act("return", people.reviewer, people.entry["id"], "请补充数据项")
    editor_inbox = tk.get_action("harbin_review_notification_list")({"user": people.editor}, {})
    assert [(n["event"], n["comment"]) for n in editor_inbox] == [("return", "请补充数据项")]
    assert model.Session.query(Notification).filter(Notification.user_id == people.other_editor).count() == 0


def test_audit_export_cli(people, cli):
    _act("submit", people.editor, people.entry["id"], "请审核")
    result = cli.invoke(ckan, ["harbin", "review", "audit-export"])
    assert result.exit_code == 0, result.output
    text = result.output[result.output.index("id,"):]
    rows = [row for row in csv.DictReader(io.StringIO(text)) if row["event"]]  # the count line is stderr
    assert [(r["event"], r["actor_name"], r["comment"]) for r in rows][-1] == ("submit", people.editor, "请审核")


def test_email_notification(people, mail_server):
    addresses = {name: model.User.get(name).email for name in (people.editor, people.reviewer, people.sysadmin)}
    _act("submit", people.editor, people.entry["id"])
    _act("return", people.reviewer, people.entry["id"], "请补充数据项")
    sent = [(m[2], email.message_from_string(m[3])) for m in mail_server.get_smtp_messages()]
    recipients = [to for to, _message in sent]
    # submission: every reviewer (the configured one and the sysadmin); return: the submitter
    assert sorted(recipients[:2]) == sorted([[addresses[people.reviewer]], [addresses[people.sysadmin]]])
    assert recipients[2:] == [[addresses[people.editor]]]
    body = sent[2][1].get_payload(decode=True).decode("utf-8")
    assert "请补充数据项" in body and "/dataset/hrb-entry/review" in body


def test_harvest_sources_are_not_catalog_entries(people):
    from ckanext.harbin_opendata.review.model import ReviewEntry

    source = tk.get_action("harvest_source_create")({"user": people.sysadmin}, {
        "name": "hrb-legacy-portal", "title": "原区县开放平台", "url": "http://127.0.0.1:9/api/3",
        "source_type": "ckan", "owner_org": people.agency["id"]})
    assert model.Session.get(ReviewEntry, source["id"]) is None
    assert not model.Package.get(source["id"]).private
    assert model.Session.query(AuditEvent).filter(AuditEvent.package_id == source["id"]).count() == 0
