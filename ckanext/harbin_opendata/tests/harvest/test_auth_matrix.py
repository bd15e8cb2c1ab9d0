"""Who may use harbin_harvest's actions: anonymous, an agency's editor, a reviewer of the big-data
centre, a sysadmin × every harbin_harvest action (sources and their reports are the operators')."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency

ROLES = ["anonymous", "editor", "reviewer", "sysadmin"]
MATRIX = {
    "harbin_harvest_job_report": {"sysadmin"},
    "harbin_harvest_withdrawals_confirm": {"sysadmin"},
}
REVIEWER = "centre_reviewer"  # named in test.ini's ckanext.harbin_opendata.review.reviewers


@pytest.fixture
def people(with_plugins, clean_db):
    editor = factories.User()["name"]
    Agency(users=[{"name": editor, "capacity": "editor"}])
    return {"anonymous": "", "editor": editor, "reviewer": factories.User(name=REVIEWER)["name"],
            "sysadmin": factories.Sysadmin()["name"]}


@pytest.mark.parametrize("action", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_harvest_auth_matrix(people, action, role):
    allowed = role in MATRIX[action]
    try:
        tk.check_access(action, {"user": people[role], "ignore_auth": False}, {"id": "any-source"})
        outcome = True
    except tk.NotAuthorized:
        outcome = False
    assert outcome is allowed, f"{role} {'should' if allowed else 'should not'} be allowed {action}"
