"""Filing and handling requests through the action API: auth, routing, deadlines, bad input, privacy."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry

ROLES = ["anonymous", "requester", "agency_editor", "other_editor", "sysadmin"]


@pytest.fixture
def world(with_plugins, clean_db, clean_index, clean_redis):
    editor, other_editor = factories.User(name="agency_editor"), factories.User(name="other_editor")
    agency = Agency(name="hrb-qxj", users=[{"name": editor["name"], "capacity": "editor"}])
    other = Agency(name="hrb-jtj", users=[{"name": other_editor["name"], "capacity": "editor"}])
    entry = CatalogEntry(owner_org=agency["id"], name="hrb-snow", resources=[{"url": "http://example.org/snow.csv"}])
    return SimpleNamespace(agency=agency, other=other, entry=entry, anonymous="", agency_editor=editor["name"],
                           other_editor=other_editor["name"], requester=factories.User(name="citizen")["name"],
                           sysadmin=factories.Sysadmin(name="site_admin")["name"])


def _file(user: str, **fields) -> dict:
    data = {"kind": "correction", "dataset": "hrb-snow", "title": "积雪深度数值有误",
            "description": "2025-12-01 哈尔滨站积雪深度应为 12 厘米。", "location": "第 3 行, 积雪深度",
            "proposed_value": "12", "requester_name": "王先生", "requester_contact": "13945678901"}
    data.update(fields)
    return tk.get_action("harbin_feedback_create")({"user": user}, data)


def test_correction_is_routed_to_the_entry_agency_with_a_deadline(world):
    request = _file(world.requester)
    assert request["organization_id"] == world.agency["id"] and request["state"] == "submitted"
    assert request["due_date"] > request["created_at"][:10]


def test_data_request_routed_to_the_suggested_agency_or_left_for_the_platform(world):
    suggested = _file("", kind="data_request", dataset="", organization="hrb-jtj", title="公交实时到站数据",
                      description="希望开放公交车辆实时位置。")
    unrouted = _file("", kind="data_request", dataset="", title="停车场空余泊位", description="希望开放实时空余泊位。")
    assert suggested["organization_id"] == world.other["id"] and unrouted["organization_id"] is None


@pytest.mark.parametrize("action, allowed", [
    ("harbin_feedback_accept", {"agency_editor", "sysadmin"}),
    ("harbin_feedback_resolve", {"agency_editor", "sysadmin"}),
    ("harbin_feedback_reject", {"agency_editor", "sysadmin"}),
    ("harbin_feedback_reassign", {"agency_editor", "sysadmin"}),
    ("harbin_feedback_show", set(ROLES)),
    ("harbin_feedback_list", set(ROLES)),
    ("harbin_feedback_stats", set(ROLES)),
    ("harbin_feedback_create", set(ROLES)),
])
@pytest.mark.parametrize("role", ROLES)
def test_auth(world, action, allowed, role):
    request = _file(world.requester)
    try:
        tk.check_access(action, {"user": getattr(world, role)}, {"id": request["id"]})
        outcome = True
    except tk.NotAuthorized:
        outcome = False
    assert outcome is (role in allowed)


def test_anonymous_filing_can_be_switched_off(world, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.feedback.allow_anonymous", False)
    with pytest.raises(tk.NotAuthorized):
        tk.check_access("harbin_feedback_create", {"user": ""}, {})


def test_handling_cycle_and_reasons(world):
    request = _file(world.requester)
    act = lambda action, **extra: tk.get_action(f"harbin_feedback_{action}")(  # noqa: E731
        {"user": world.agency_editor}, {"id": request["id"], **extra})
    assert act("accept")["state"] == "accepted"
    with pytest.raises(tk.ValidationError) as raised:
        act("reject", comment="")
    assert "comment" in raised.value.error_dict
    resolved = act("resolve", comment="已核实并更正，感谢指正。")
    assert resolved["state"] == "resolved" and resolved["reply"] == "已核实并更正，感谢指正。"
    with pytest.raises(tk.ValidationError):
        act("accept")


def test_reassignment_moves_the_request_to_the_other_inbox(world):
    request = _file(world.requester)
    tk.get_action("harbin_feedback_reassign")({"user": world.agency_editor}, {"id": request["id"], "organization": "hrb-jtj"})
    inbox = lambda user: [r["id"] for r in tk.get_action("harbin_feedback_list")({"user": user}, {"inbox": True})["results"]]  # noqa: E731
    assert inbox(world.other_editor) == [request["id"]] and inbox(world.agency_editor) == []
    with pytest.raises(tk.NotAuthorized):
        tk.check_access("harbin_feedback_accept", {"user": world.agency_editor}, {"id": request["id"]})


def test_requester_personal_data_is_never_public(world, app):
    request = _file("", requester_name="王先生", requester_contact="wang@example.org")
    public = tk.get_action("harbin_feedback_show")({"user": ""}, {"id": request["id"]})
    assert "requester_contact" not in public and "requester_name" not in public
    listed = tk.get_action("harbin_feedback_list")({"user": world.other_editor}, {})["results"][0]
    assert "requester_contact" not in listed
    handler_view = tk.get_action("harbin_feedback_show")({"user": world.agency_editor}, {"id": request["id"]})
    assert handler_view["requester_contact"] == "wang@example.org"
    for page in (f"/feedback/{request['id']}", "/feedback", "/api/3/action/harbin_feedback_list"):
        body = app.get(page).body
        assert "wang@example.org" not in body and "王先生" not in body


@pytest.mark.parametrize("fields, error_key", [
    ({"title": "", "description": ""}, "title"),
    ({"description": "数据" * 600_000}, "description"),   # over 1 MB of text
    ({"dataset": "no-such-entry"}, "dataset"),
    ({"kind": "complaint"}, "kind"),
    ({"website": "http://spam.example"}, "website"),
    ({"resource_id": "not-a-file-of-it"}, "resource_id"),
])
def test_bad_input_is_refused_clearly(world, fields, error_key):
    with pytest.raises(tk.ValidationError) as raised:
        _file(world.requester, **fields)
    assert error_key in raised.value.error_dict


def test_anonymous_requests_need_a_contact(world):
    with pytest.raises(tk.ValidationError) as raised:
        _file("", requester_contact="")
    assert "requester_contact" in raised.value.error_dict


def test_unpublished_entries_cannot_be_corrected(world):
    CatalogEntry(owner_org=world.agency["id"], name="hrb-draft", published=False)
    with pytest.raises(tk.ValidationError):
        _file(world.requester, dataset="hrb-draft")


def test_rate_limit_per_user_in_redis(world, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.feedback.rate_limit", 2)
    _file(world.requester)
    _file(world.requester)
    with pytest.raises(tk.ValidationError) as raised:
        _file(world.requester)
    assert "__before" in raised.value.error_dict
    _file(world.agency_editor)  # others are not held back


def test_stats_per_agency(world):
    first, second = _file(world.requester), _file(world.requester)
    tk.get_action("harbin_feedback_resolve")({"user": world.agency_editor}, {"id": first["id"], "comment": "已更正"})
    stats = {row["organization_id"]: row for row in tk.get_action("harbin_feedback_stats")({"user": ""}, {})}
    row = stats[world.agency["id"]]
    assert (row["total"], row["resolved"], row["submitted"], row["closed_on_time"], row["overdue"]) == (2, 1, 1, 1, 0)
    assert row["mean_days_to_close"] is not None and second["id"]
