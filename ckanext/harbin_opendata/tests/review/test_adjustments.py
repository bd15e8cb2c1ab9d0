"""Catalog adjustments (第九条): due 15 days after the change, overdue afterwards, fed to assessment."""
from __future__ import annotations

import datetime as dt

import pytest

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.cli.cli import ckan

from ckanext.harbin_opendata.review.adjustments import beijing_today
from ckanext.harbin_opendata.tests.factories import CatalogEntry


def _open(people, trigger_date: str, **extra) -> dict:
    data = {"organization": people.agency["name"], "trigger_kind": "duty", "description": "机构职能调整",
            "trigger_date": trigger_date}
    return tk.get_action("harbin_review_adjustment_create")({"user": people.editor}, {**data, **extra})


def test_due_fifteen_days_after_the_change(people):
    adjustment = _open(people, "2026-11-01", package_ids=[people.entry["name"]])
    assert adjustment["due_date"] == "2026-11-16"
    assert adjustment["package_ids"] == [people.entry["id"]]


@pytest.mark.parametrize("days_ago, status", [(0, "open"), (15, "open"), (16, "overdue"), (40, "overdue")])
def test_status_by_age(people, days_ago, status):
    trigger = (beijing_today() - dt.timedelta(days=days_ago)).isoformat()
    assert _open(people, trigger)["status"] == status


def test_completion_in_time_and_late(people):
    in_time = _open(people, beijing_today().isoformat())
    late = _open(people, (beijing_today() - dt.timedelta(days=20)).isoformat())
    for adjustment in (in_time, late):
        tk.get_action("harbin_review_adjustment_complete")({"user": people.editor}, {
            "id": adjustment["id"], "package_ids": [people.entry["name"]]})
    statuses = {a["id"]: a["status"] for a in
                tk.get_action("harbin_review_adjustment_list")({"user": people.reviewer}, {})}
    assert statuses == {in_time["id"]: "done", late["id"]: "late"}
    with pytest.raises(tk.ValidationError):
        tk.get_action("harbin_review_adjustment_complete")({"user": people.editor}, {
            "id": late["id"], "package_ids": [people.entry["name"]]})


def test_overdue_list_for_the_assessment(people):
    _open(people, (beijing_today() - dt.timedelta(days=30)).isoformat())
    _open(people, beijing_today().isoformat())
    overdue = tk.get_action("harbin_review_adjustment_list")({"user": people.reviewer}, {"overdue_only": True})
    assert [a["organization_id"] for a in overdue] == [people.agency["id"]]
    # another agency's editor sees none of agency A's adjustments
    assert tk.get_action("harbin_review_adjustment_list")({"user": people.other_editor}, {}) == []


def test_entries_must_belong_to_the_agency(people):
    foreign = CatalogEntry(owner_org=people.other["id"])
    with pytest.raises(tk.ValidationError) as raised:
        _open(people, "2026-11-01", package_ids=[foreign["name"]])
    assert foreign["name"] in raised.value.error_dict["package_ids"][0]


@pytest.mark.parametrize("field, value", [("trigger_kind", "weather"), ("trigger_date", "not a date"),
                                          ("description", "")])
def test_bad_input(people, field, value):
    with pytest.raises(tk.ValidationError) as raised:
        _open(people, "2026-11-01", **{field: value}) if field != "trigger_date" else _open(people, value)
    assert field in raised.value.error_dict


def test_overdue_cli(people, cli):
    _open(people, (beijing_today() - dt.timedelta(days=30)).isoformat())
    result = cli.invoke(ckan, ["harbin", "review", "overdue-adjustments"])
    assert result.exit_code == 1 and "机构职能调整" in result.output and "1 overdue" in result.output


def _days_ago(days: int) -> str:
    return (beijing_today() - dt.timedelta(days=days)).isoformat()


@pytest.mark.parametrize("trigger_date", [_days_ago(-1), "2030-01-01", _days_ago(366), "1900-01-01"])
def test_the_day_of_the_change_is_not_in_the_future_nor_over_a_year_back(people, trigger_date):
    with pytest.raises(tk.ValidationError) as raised:
        _open(people, trigger_date)
    assert "must be between" in raised.value.error_dict["trigger_date"][0]
    assert _open(people, _days_ago(365))["status"] == "overdue"  # a year back still counts


def test_a_bad_kind_of_change_is_answered_in_chinese(people, app):
    token = tk.get_action("api_token_create")({"user": people.editor}, {"user": people.editor, "name": "t"})["token"]
    response = app.post("/api/3/action/harbin_review_adjustment_create", headers={"Authorization": token}, json={
        "organization": people.agency["name"], "trigger_kind": "weather", "description": "机构职能调整",
        "trigger_date": _days_ago(3)}, status=409)
    message = response.json["error"]["trigger_kind"][0]
    assert "law (法律法规变化)" in message and "duty (单位职责变化)" in message and "other (其他)" in message, message
    assert "Value must be one of" not in message


def _centre_opened(people, entry_changed_days_ago: int) -> dict:
    """An adjustment the centre's reviewer opened 5 days after the change; the agency's entry was
    last changed `entry_changed_days_ago` days ago."""
    model.Session.execute(sa.text("UPDATE package SET metadata_modified = now() at time zone 'utc' - make_interval("
                                  "days => :days) WHERE id = :id"), {"days": entry_changed_days_ago,
                                                                    "id": people.entry["id"]})
    model.Session.commit()
    data = {"organization": people.agency["name"], "trigger_kind": "law", "trigger_date": _days_ago(5),
            "description": "《哈尔滨市公共数据管理办法》修订"}
    return tk.get_action("harbin_review_adjustment_create")({"user": people.reviewer}, data)


def _complete(user: str, adjustment: dict, package_ids: list[str]) -> dict:
    return tk.get_action("harbin_review_adjustment_complete")({"user": user}, {"id": adjustment["id"],
                                                                              "package_ids": package_ids})


def test_an_agency_completes_only_by_naming_the_entries_it_changed(people):
    adjustment = _centre_opened(people, entry_changed_days_ago=10)
    foreign = CatalogEntry(owner_org=people.other["id"])
    for package_ids, message in (([], "Name the catalog entries"), ([foreign["name"]], "Not entries of this agency"),
                                 ([people.entry["name"]], "Not changed since")):
        with pytest.raises(tk.ValidationError) as raised:
            _complete(people.editor, adjustment, package_ids)
        assert message in raised.value.error_dict["package_ids"][0]
    tk.get_action("package_patch")({"user": people.editor}, {"id": people.entry["id"], "notes": "按新办法调整数据摘要。"})
    done = _complete(people.editor, adjustment, [people.entry["name"]])
    editor_id = model.User.get(people.editor).id
    assert (done["status"], done["completed_by"], done["package_ids"]) == ("done", editor_id, [people.entry["id"]])
    listed = tk.get_action("harbin_review_adjustment_list")({"user": people.reviewer}, {})
    assert listed[0]["completed_by"] == editor_id


def test_a_reviewer_confirms_an_adjustment_that_changed_nothing(people):
    adjustment = _centre_opened(people, entry_changed_days_ago=10)
    done = _complete(people.reviewer, adjustment, [])
    assert done["completed_by"] == model.User.get(people.reviewer).id and done["package_ids"] == []
