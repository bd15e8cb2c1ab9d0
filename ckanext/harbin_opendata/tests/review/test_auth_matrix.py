"""Who may do what: anonymous, another agency's editor, the agency's editor, a reviewer, a sysadmin
× every harbin_review action."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

ROLES = ["anonymous", "other_editor", "editor", "reviewer", "sysadmin"]
# action -> roles allowed, for an entry of agency A submitted by its editor
MATRIX = {
    "harbin_review_submit": {"editor", "sysadmin"},
    "harbin_review_publish": {"reviewer", "sysadmin"},
    "harbin_review_return": {"reviewer", "sysadmin"},
    "harbin_review_withdraw": {"editor", "reviewer", "sysadmin"},
    "harbin_review_history": {"editor", "reviewer", "sysadmin"},
    "harbin_review_list": {"other_editor", "editor", "reviewer", "sysadmin"},
    "harbin_review_notification_list": {"other_editor", "editor", "reviewer", "sysadmin"},
    "harbin_review_adjustment_create": {"editor", "reviewer", "sysadmin"},
    "harbin_review_adjustment_complete": {"editor", "reviewer", "sysadmin"},
    "harbin_review_adjustment_list": {"other_editor", "editor", "reviewer", "sysadmin"},
    "package_show": {"editor", "reviewer", "sysadmin"},  # of the unpublished entry
    "harbin_review_record_event": set(),  # the suite's own code only, with ignore_auth
    "harbin_review_audit_list": {"sysadmin"},  # the portal-wide audit log: the security administrators
}


def _user(people, role: str) -> str:
    return "" if role == "anonymous" else getattr(people, role)


def _data(people, action: str) -> dict:
    if action == "harbin_review_adjustment_create":
        return {"organization": people.agency["name"]}
    if action == "harbin_review_adjustment_complete":
        return {"id": people.adjustment}
    return {"id": people.entry["id"]}


@pytest.fixture
def submitted(people):
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": people.entry["id"]})
    people.adjustment = tk.get_action("harbin_review_adjustment_create")({"user": people.reviewer}, {
        "organization": people.agency["name"], "trigger_kind": "law", "description": "新法规施行",
        "trigger_date": "2026-11-01"})["id"]
    return people


@pytest.mark.parametrize("action", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_auth_matrix(submitted, action, role):
    context = {"user": _user(submitted, role), "ignore_auth": False}
    allowed = role in MATRIX[action]
    try:
        tk.check_access(action, context, _data(submitted, action))
        outcome = True
    except (tk.NotAuthorized, tk.ObjectNotFound):  # an entry one may not read answers as a missing one
        outcome = False
    assert outcome is allowed, f"{role} {'should' if allowed else 'should not'} be allowed {action}"


def test_nobody_reviews_their_own_submission(people):
    # The sysadmin edits agency A's entry and submits it: another reviewer must publish it.
    tk.get_action("harbin_review_submit")({"user": people.sysadmin}, {"id": people.entry["id"]})
    for action in ("harbin_review_publish", "harbin_review_return"):
        with pytest.raises(tk.NotAuthorized):
            tk.check_access(action, {"user": people.sysadmin}, {"id": people.entry["id"]})
    published = tk.get_action("harbin_review_publish")({"user": people.reviewer}, {"id": people.entry["id"]})
    assert published["state"] == "published"
