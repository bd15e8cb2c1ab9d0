"""Auth matrix of the harbin_assessment actions (check_access level): anonymous, a plain user, an
agency editor, the centre reviewer (named in test.ini) and a sysadmin."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency

ROLES = ["anonymous", "plain", "editor", "reviewer", "sysadmin"]
MATRIX = {
    "harbin_assessment_show": set(ROLES),
    "harbin_assessment_agency_show": set(ROLES),
    "harbin_assessment_problems": {"editor", "reviewer", "sysadmin"},
    "harbin_assessment_compute": {"sysadmin"},
    "harbin_assessment_link_check": {"sysadmin"},
}
TRIED: list[bool] = []


@pytest.fixture
def roles(with_plugins, clean_db, clean_index):
    editor = factories.User()
    Agency(users=[{"name": editor["name"], "capacity": "editor"}])
    return SimpleNamespace(anonymous="", plain=factories.User()["name"], editor=editor["name"],
                           reviewer=factories.User(name="centre_reviewer")["name"],
                           sysadmin=factories.Sysadmin()["name"])


@pytest.mark.parametrize("action", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_assessment_auth_matrix(roles, action, role):
    context = {"user": getattr(roles, role), "ignore_auth": False}
    try:
        tk.check_access(action, context, {})
        allowed = True
    except tk.NotAuthorized:
        allowed = False
    TRIED.append(allowed == (role in MATRIX[action]))
    print(f"[security] auth matrix: {len(TRIED)} cases tried, {TRIED.count(False)} failures")
    assert allowed == (role in MATRIX[action]), (action, role)
