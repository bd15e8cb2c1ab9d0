"""Who may draft or import an entry's data items: anonymous, a citizen, another agency's editor,
the agency's editor, a reviewer, a sysadmin; for an entry not created yet (no id), whoever may
create entries."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ..review.conftest import people  # noqa: F401 - the shared cast of the review tests

ROLES = ["anonymous", "citizen", "other_editor", "editor", "reviewer", "sysadmin"]
MATRIX = {
    "harbin_metadata_draft_items": {"editor", "sysadmin"},
    "harbin_metadata_import_items": {"editor", "sysadmin"},
}
NEW_ENTRY = {"other_editor", "editor", "sysadmin"}  # may create entries in their own agency


def _allowed(people, role: str, action: str, data: dict) -> bool:
    user = "" if role == "anonymous" else getattr(people, role)
    try:
        tk.check_access(action, {"user": user, "ignore_auth": False}, data)
        return True
    except tk.NotAuthorized:
        return False


@pytest.fixture
def cast(people):
    people.citizen = factories.User(name="citizen")["name"]
    return people


@pytest.mark.parametrize("action", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_auth_matrix(cast, action, role):
    assert _allowed(cast, role, action, {"id": cast.entry["id"]}) is (role in MATRIX[action]), f"{role} × {action}"
    assert _allowed(cast, role, action, {}) is (role in NEW_ENTRY), f"{role} × {action} (new entry)"
