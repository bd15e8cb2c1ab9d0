"""Auth matrix of the public harbin_showcase reads (managing cases has its matrix in the showcase
tests): the auth functions let everyone in and the actions hide unpublished cases, so the actions
themselves are called, as each role."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency

ROLES = ["anonymous", "citizen", "editor", "reviewer", "sysadmin"]
EVERYONE, MANAGERS = set(ROLES), {"reviewer", "sysadmin"}
# action -> {what is asked: roles allowed}
MATRIX = {
    "harbin_showcase_show": {"published": EVERYONE, "unpublished": MANAGERS},
    "harbin_showcase_list": {"published": EVERYONE, "unpublished": MANAGERS},  # include_unpublished
}
TRIED: list[bool] = []


@pytest.fixture
def cases(with_plugins, clean_db, clean_index):
    editor = factories.User()
    Agency(users=[{"name": editor["name"], "capacity": "editor"}])
    people = SimpleNamespace(anonymous="", citizen=factories.User()["name"], editor=editor["name"],
                             reviewer=factories.User(name="centre_reviewer")["name"],
                             sysadmin=factories.Sysadmin()["name"])
    create = tk.get_action("harbin_showcase_create")
    common = {"summary": "应用简介。", "unit": "哈工大", "kind": "app", "url": "https://example.org/x"}
    people.published = create({"user": people.sysadmin}, {**common, "title": "已发布案例", "published": True})["id"]
    people.unpublished = create({"user": people.sysadmin}, {**common, "title": "草稿案例", "published": False})["id"]
    return people


def _allowed(cases: SimpleNamespace, role: str, action: str, what: str) -> bool:
    context = {"user": getattr(cases, role), "ignore_auth": False}
    try:
        if action == "harbin_showcase_show":
            return tk.get_action(action)(context, {"id": getattr(cases, what)})["id"] == getattr(cases, what)
        listed = {c["id"] for c in tk.get_action(action)(context, {"include_unpublished": what == "unpublished"})}
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    assert cases.published in listed, role  # the published case is always listed
    return cases.unpublished in listed if what == "unpublished" else cases.unpublished not in listed


@pytest.mark.parametrize("action", sorted(MATRIX))
def test_auth_matrix(cases, capsys, action):
    wrong = []
    for what, allowed in MATRIX[action].items():
        for role in ROLES:
            outcome = _allowed(cases, role, action, what)
            TRIED.append(outcome is (role in allowed))
            if outcome is not (role in allowed):
                wrong.append(f"{role} × {what}: {'allowed' if outcome else 'refused'}")
    with capsys.disabled():
        print(f"\n[security] showcase auth matrix: {len(TRIED)} cases tried, {TRIED.count(False)} failures")
    assert not wrong, f"{action}: {wrong}"
