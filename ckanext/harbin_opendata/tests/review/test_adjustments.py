"""Catalog adjustments (第九条): due 15 days after the change, overdue afterwards, fed to assessment."""
from __future__ import annotations

import datetime as dt

import pytest

import ckan.plugins.toolkit as tk
from ckan.cli.cli import ckan

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
    trigger = (dt.date.today() - dt.timedelta(days=days_ago)).isoformat()
    assert _open(people, trigger)["status"] == status


def test_completion_in_time_and_late(people):
    in_time = _open(people, dt.date.today().isoformat())
    late = _open(people, (dt.date.today() - dt.timedelta(days=20)).isoformat())
    for adjustment in (in_time, late):
        tk.get_action("harbin_review_adjustment_complete")({"user": people.editor}, {"id": adjustment["id"]})
    statuses = {a["id"]: a["status"] for a in
                tk.get_action("harbin_review_adjustment_list")({"user": people.reviewer}, {})}
    assert statuses == {in_time["id"]: "done", late["id"]: "late"}
    with pytest.raises(tk.ValidationError):
        tk.get_action("harbin_review_adjustment_complete")({"user": people.editor}, {"id": late["id"]})


def test_overdue_list_for_the_assessment(people):
    _open(people, (dt.date.today() - dt.timedelta(days=30)).isoformat())
    _open(people, dt.date.today().isoformat())
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
    _open(people, (dt.date.today() - dt.timedelta(days=30)).isoformat())
    result = cli.invoke(ckan, ["harbin", "review", "overdue-adjustments"])
    assert result.exit_code == 1 and "机构职能调整" in result.output and "1 overdue" in result.output
