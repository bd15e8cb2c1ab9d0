"""Auth matrix of the harbin_access actions (check_access with real users): anonymous, a
self-registered citizen, the citizen who applied, agency A's editor and admin (A owns the 有条件开放
entry), agency B's editor, the big-data centre's reviewer and a sysadmin; on agency A's published
entry and its application, and in other circumstances (a draft entry, agency B's entry, an entry's
applications)."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.access.conftest import AGREEMENT, application_form
from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

from .matrix import assert_roles

ROLES = ["anonymous", "citizen", "applicant", "editor", "admin", "other_editor", "reviewer", "sysadmin"]
EVERYONE = set(ROLES)
REGISTERED = EVERYONE - {"anonymous"}
AGENCY = {"editor", "admin", "sysadmin"}  # of the entry's agency (sysadmins act for every agency)
REVIEWER = "centre_reviewer"  # named in test.ini's ckanext.harbin_opendata.review.reviewers
# action -> roles allowed, on agency A's published conditional entry and the citizen's application to it
MATRIX = {
    "harbin_access_agreement_update": AGENCY,
    "harbin_access_agreement_show": EVERYONE,  # public, like the entry
    "harbin_access_apply": REGISTERED,
    "harbin_access_approve": AGENCY,
    "harbin_access_reject": AGENCY,
    "harbin_access_revoke": AGENCY,
    "harbin_access_application_show": AGENCY | {"applicant", "reviewer"},
    "harbin_access_application_list": REGISTERED,  # one's own applications
    "harbin_access_key_create": REGISTERED,  # one's own keys
    "harbin_access_key_list": REGISTERED,
    "harbin_access_key_revoke": REGISTERED,  # (the action finds only the caller's keys)
    "harbin_access_log_list": REGISTERED,  # one's own downloads and calls
    "harbin_access_identity_check": REGISTERED,  # one's own real name
    "harbin_access_identity_show": REGISTERED,
    "harbin_access_identity_attempt_list": {"sysadmin"},  # the audit trail of everyone's attempts
}
# The same questions in other circumstances: (action, variant) -> roles allowed.
SEES_DRAFTS = AGENCY | {"reviewer"}
VARIANTS = {
    # An unpublished entry: nobody outside its agency and the reviewers learns of it.
    ("harbin_access_agreement_show", "draft"): SEES_DRAFTS,
    ("harbin_access_apply", "draft"): SEES_DRAFTS,
    ("harbin_access_agreement_update", "draft"): AGENCY,
    # Agency B's entry is written for by B.
    ("harbin_access_agreement_update", "other_agency"): {"other_editor", "sysadmin"},
    # An entry's applications (who applied, for what): its agency and the reviewers.
    ("harbin_access_application_list", "entry"): AGENCY | {"reviewer"},
    # An agency's access log: its editors and admins, the reviewers and sysadmins.
    ("harbin_access_log_list", "agency"): AGENCY | {"reviewer"},
}
TRIED: list[bool] = []


def _entry(agency: dict[str, Any], name: str, published: bool = True) -> str:
    return CatalogEntry(owner_org=agency["id"], name=name, published=published, open_type="conditional",
                        open_conditions="须签署数据使用协议")["id"]


@pytest.fixture
def cast(with_plugins, clean_db, clean_index, clean_redis):
    editor, admin, other_editor = (factories.User(name=name) for name in ("agency_editor", "agency_admin", "other_editor"))
    agency = Agency(name="hrb-agency-a", users=[{"name": editor["name"], "capacity": "editor"},
                                                {"name": admin["name"], "capacity": "admin"}])
    other = Agency(name="hrb-agency-b", users=[{"name": other_editor["name"], "capacity": "editor"}])
    people = SimpleNamespace(
        anonymous="", citizen=factories.User(name="citizen")["name"], applicant=factories.User(name="applicant")["name"],
        editor=editor["name"], admin=admin["name"], other_editor=other_editor["name"],
        reviewer=factories.User(name=REVIEWER)["name"], sysadmin=factories.Sysadmin(name="site_admin")["name"],
        entry=_entry(agency, "hrb-conditional"), draft=_entry(agency, "hrb-conditional-draft", published=False),
        other_agency=_entry(other, "hrb-conditional-b"))
    tk.get_action("harbin_access_agreement_update")({"user": people.editor}, {"id": people.entry, "text": AGREEMENT})
    people.application = tk.get_action("harbin_access_apply")({"user": people.applicant},
                                                              application_form(people.entry))["id"]
    return people


def _data(cast: SimpleNamespace, action: str, variant: str) -> dict[str, Any]:
    if action in ("harbin_access_approve", "harbin_access_reject", "harbin_access_revoke",
                  "harbin_access_application_show"):
        return {"id": cast.application}
    if action == "harbin_access_log_list":
        return {"organization": model.Package.get(cast.entry).owner_org} if variant == "agency" else {}
    if action.startswith("harbin_access_key_"):
        return {"name": "脚本", "id": "no-such-key"}
    if action == "harbin_access_application_list":
        return {"id": cast.entry} if variant == "entry" else {}
    return {"id": getattr(cast, variant) if variant else cast.entry}


CASES = [(action, "") for action in sorted(MATRIX)] + sorted(VARIANTS)


@pytest.mark.parametrize("action,variant", CASES)
def test_auth_matrix(cast, capsys, action, variant):
    expected = VARIANTS[(action, variant)] if variant else MATRIX[action]
    assert_roles("access", cast, ROLES, expected, action, _data(cast, action, variant), TRIED, capsys,
                 f"{action} {variant}")


def test_the_actions_follow_their_auth(cast):
    """The matrix asks the auth functions; the actions themselves refuse the same people (a sample:
    the reads an outsider might try, and a decision by another agency)."""
    outsider = {"user": cast.citizen, "ignore_auth": False}
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("harbin_access_application_show")(outsider, {"id": cast.application})
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("harbin_access_application_list")(outsider, {"id": cast.entry})
    assert tk.get_action("harbin_access_application_list")(outsider, {}) == []
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("harbin_access_reject")({"user": cast.other_editor, "ignore_auth": False}, {
            "id": cast.application, "reason": "不予批准"})
    mine = tk.get_action("harbin_access_application_list")({"user": cast.applicant, "ignore_auth": False}, {})
    assert [application["id"] for application in mine] == [cast.application]
