"""Who may do what with personal-data findings: anonymous, another agency's editor, the agency's
editor, a reviewer, a sysadmin × every harbin_privacy action (entry submitted by its editor)."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from .jobs import run_scans

from .conftest import csv_bytes, upload

ROLES = ["anonymous", "other_editor", "editor", "reviewer", "sysadmin"]
MATRIX = {
    "harbin_privacy_status": {"editor", "reviewer", "sysadmin"},
    "harbin_privacy_scan": {"editor", "reviewer", "sysadmin"},
    "harbin_privacy_mask": {"editor", "reviewer", "sysadmin"},
    "harbin_privacy_exempt": {"reviewer", "sysadmin"},  # not the editor who submitted it
    "harbin_privacy_confirm_layout": {"editor", "reviewer", "sysadmin"},
    "harbin_privacy_check_columns": {"editor", "reviewer", "sysadmin"},  # columns of the resource's file
}


@pytest.fixture
def scanned(people, storage):
    people.resource = upload(people.entry["id"], people.editor, csv_bytes(30), "a.csv", "CSV")
    [people.scan] = run_scans(people.entry["id"])
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": people.entry["id"]})
    return people


def _data(people, action: str) -> dict:
    return {"harbin_privacy_mask": {"resource_id": people.resource["id"]},
            "harbin_privacy_confirm_layout": {"resource_id": people.resource["id"], "header_rows": {"": 1}},
            "harbin_privacy_check_columns": {"resource_id": people.resource["id"], "columns": []},
            "harbin_privacy_exempt": {"scan_id": people.scan.id}}.get(action, {"id": people.entry["id"]})


@pytest.mark.parametrize("action", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_auth_matrix(scanned, action, role):
    context = {"user": "" if role == "anonymous" else getattr(scanned, role), "ignore_auth": False}
    try:
        tk.check_access(action, context, _data(scanned, action))
        outcome = True
    except tk.NotAuthorized:
        outcome = False
    assert outcome is (role in MATRIX[action]), f"{role} × {action}"


def test_bad_masking_rules_are_refused_with_a_message(scanned):
    mask = tk.get_action("harbin_privacy_mask")
    with pytest.raises(tk.ValidationError, match="Unknown columns"):
        mask({"user": scanned.editor}, {"resource_id": scanned.resource["id"], "rules": {"x:99": "mask"}})
    with pytest.raises(tk.ValidationError) as error:
        mask({"user": scanned.editor}, {"resource_id": scanned.resource["id"], "rules": {":2": "shred"}})
    assert "rules" in error.value.error_dict


def test_columns_without_a_resource_are_checked_for_the_platforms_staff_only(people):
    """The entry form of an entry not created yet: any agency's editor, never a citizen."""
    citizen = factories.User()["name"]
    for user, allowed in [("", False), (citizen, False), (people.other_editor, True), (people.reviewer, True)]:
        context = {"user": user, "ignore_auth": False}
        try:
            tk.check_access("harbin_privacy_check_columns", context, {"columns": []})
            outcome = True
        except tk.NotAuthorized:
            outcome = False
        assert outcome is allowed, user
