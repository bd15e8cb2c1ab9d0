"""Auth matrix of the harbin_feedback actions (check_access with real users): anonymous, the citizen
who filed the request, another agency's editor, the editor of the agency it is routed to, the
big-data centre's reviewer and a sysadmin; for a routed correction and an unrouted data request."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

from .matrix import assert_roles

ROLES = ["anonymous", "citizen", "other_editor", "editor", "reviewer", "sysadmin"]
EVERYONE = set(ROLES)
HANDLERS = {"editor", "sysadmin"}  # of a request routed to the editor's agency
# action -> roles allowed, on the request routed to agency A (Measures 第十条, 第十五条)
MATRIX = {
    "harbin_feedback_create": EVERYONE,  # anonymous too: feedback.allow_anonymous defaults to true
    "harbin_feedback_show": EVERYONE,  # the public status page
    "harbin_feedback_list": EVERYONE,
    "harbin_feedback_stats": EVERYONE,
    "harbin_feedback_accept": HANDLERS,
    "harbin_feedback_resolve": HANDLERS,
    "harbin_feedback_reject": HANDLERS,
    "harbin_feedback_reassign": HANDLERS,
    "harbin_feedback_data_check": {"sysadmin"},  # the data area's check, run as the site user
}
# The same questions in other circumstances: (action, variant) -> roles allowed.
VARIANTS = {
    ("harbin_feedback_list", "inbox"): EVERYONE - {"anonymous"},
    ("harbin_feedback_create", "anonymous_off"): EVERYONE - {"anonymous"},
    # A data request naming no agency goes to the platform's reviewers, who pass it on.
    **{(action, "unrouted"): {"reviewer", "sysadmin"} for action in
       ("harbin_feedback_accept", "harbin_feedback_resolve", "harbin_feedback_reject", "harbin_feedback_reassign")},
}
# Who reads the requester's name and contact in harbin_feedback_show (the requester and its handlers).
PERSONAL = {"citizen", "editor", "sysadmin"}
TRIED: list[bool] = []


@pytest.fixture
def cast(with_plugins, clean_db, clean_index, clean_redis):
    editor, other_editor = factories.User(name="agency_editor"), factories.User(name="other_editor")
    agency = Agency(name="hrb-agency-a", users=[{"name": editor["name"], "capacity": "editor"}])
    Agency(name="hrb-agency-b", users=[{"name": other_editor["name"], "capacity": "editor"}])
    entry = CatalogEntry(owner_org=agency["id"], name="hrb-open")
    people = SimpleNamespace(anonymous="", citizen=factories.User(name="citizen")["name"], editor=editor["name"],
                             other_editor=other_editor["name"], reviewer=factories.User(name="centre_reviewer")["name"],
                             sysadmin=factories.Sysadmin(name="site_admin")["name"])
    create = tk.get_action("harbin_feedback_create")
    people.routed = create({"user": people.citizen}, {
        "kind": "correction", "dataset": entry["name"], "title": "数值有误", "description": "第3行应为12",
        "requester_contact": "13945678901"})["id"]
    people.unrouted = create({"user": ""}, {
        "kind": "data_request", "title": "希望开放公交线路数据", "description": "线路与站点",
        "requester_contact": "wang@example.org"})["id"]
    return people


def _data(cast: SimpleNamespace, action: str, variant: str) -> dict:
    if action == "harbin_feedback_list":
        return {"inbox": True} if variant == "inbox" else {}
    if action == "harbin_feedback_create":
        return {}
    return {"id": cast.unrouted if variant == "unrouted" else cast.routed}


CASES = [(action, "") for action in sorted(MATRIX)] + sorted(VARIANTS)


@pytest.mark.parametrize("action,variant", CASES)
def test_auth_matrix(cast, ckan_config, monkeypatch, capsys, action, variant):
    if variant == "anonymous_off":
        monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.feedback.allow_anonymous", False)
    expected = VARIANTS[(action, variant)] if variant else MATRIX[action]
    assert_roles("feedback", cast, ROLES, expected, action, _data(cast, action, variant), TRIED, capsys,
                 f"{action} {variant}")


def test_personal_data_only_for_requester_and_handlers(cast):
    for role in ROLES:
        shown = tk.get_action("harbin_feedback_show")({"user": getattr(cast, role), "ignore_auth": False},
                                                      {"id": cast.routed})
        assert ("requester_contact" in shown) is (role in PERSONAL), role
        # a correction's title is the citizen's words: theirs and its handlers' (reviewers too) only
        assert (shown["title"] == "数值有误") is (role in PERSONAL | {"reviewer"}), (role, shown["title"])


def test_reviewers_inbox_holds_the_requests_naming_no_agency(cast):
    def inbox(role: str) -> set[str]:
        result = tk.get_action("harbin_feedback_list")({"user": getattr(cast, role)}, {"inbox": True})
        return {request["id"] for request in result["results"]}

    assert inbox("reviewer") == {cast.unrouted}
    assert inbox("editor") == {cast.routed}
    assert inbox("other_editor") == set() and inbox("citizen") == set()
    assert inbox("sysadmin") == {cast.routed, cast.unrouted}
    tk.get_action("harbin_feedback_reassign")({"user": cast.reviewer}, {"id": cast.unrouted, "organization": "hrb-agency-b"})
    assert inbox("reviewer") == set() and inbox("other_editor") == {cast.unrouted}
