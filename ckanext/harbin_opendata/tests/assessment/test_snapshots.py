"""Dated snapshots: computed as of a day, replaced when recomputed, read back as trends; the
command line and the background job."""
from __future__ import annotations

import datetime as dt

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.cli.cli import ckan
from ckan.lib import jobs as ckan_jobs
from ckan.tests.helpers import call_action

from ckanext.harbin_opendata.assessment import service
from ckanext.harbin_opendata.assessment.model import DatasetScore, Run

from .conftest import TODAY

pytestmark = pytest.mark.usefixtures("with_request_context")


def _compute(portal, day: dt.date) -> dict:
    return tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {"date": day.isoformat()})


def test_snapshot_as_of_an_earlier_day(portal):
    earlier = TODAY - dt.timedelta(days=40)
    _compute(portal, earlier)
    _compute(portal, TODAY)
    old = tk.get_action("harbin_assessment_show")({}, {"date": (TODAY - dt.timedelta(days=20)).isoformat()})
    new = tk.get_action("harbin_assessment_show")({}, {})
    assert (old["snapshot_date"], new["snapshot_date"]) == (earlier.isoformat(), TODAY.isoformat())
    old_a = next(a for a in old["agencies"] if a["name"] == "hrb-a")
    new_a = next(a for a in new["agencies"] if a["name"] == "hrb-a")
    # 40 days ago the bare entry (due 23 days ago) was still on time; its 365-day usage window held
    # the 500 views of 400 days ago and not today's 30 views, 10 downloads and 4 logged accesses of
    # the conditional entry; nobody had asked anything (no application filed yet either).
    assert (old_a["values"]["timeliness"], new_a["values"]["timeliness"]) == (1.0, 0.5)
    assert (old_a["values"]["usage"], new_a["values"]["usage"]) == (250.0, 22.0)
    assert old_a["values"]["applications_on_time"] is None and old_a["figures"].get("applications", 0) == 0
    old_b = next(a for a in old["agencies"] if a["name"] == "hrb-b")
    assert old_b["values"]["feedback_on_time"] is None and old_b["figures"].get("requests", 0) == 0
    # Trends, oldest first.
    assert [p["date"] for p in new["trend"]] == [earlier.isoformat(), TODAY.isoformat()]
    assert [p["score"] for p in new["trend"]] == [old["score"], new["score"]]
    card = tk.get_action("harbin_assessment_agency_show")({}, {"organization": "hrb-a"})
    assert [p["score"] for p in card["trend"]] == [old_a["score"], new_a["score"]]
    assert card["run"]["snapshot_date"] == TODAY.isoformat() and card["rank"] == new_a["rank"]


def test_recomputing_a_day_replaces_its_snapshot(portal):
    first = _compute(portal, TODAY)
    tk.get_action("package_patch")({"user": portal.sysadmin}, {"id": "a-bare", "last_updated": TODAY.isoformat(),
                                                                "next_update_due": ""})
    second = _compute(portal, TODAY)
    assert first["id"] != second["id"]
    assert model.Session.query(Run).count() == 1
    assert model.Session.query(DatasetScore).count() == 3
    a = tk.get_action("harbin_assessment_agency_show")({}, {"organization": "hrb-a"})
    assert a["values"]["timeliness"] == 1.0  # the bare entry was updated today


def test_nothing_computed_yet(portal):
    with pytest.raises(tk.ObjectNotFound):
        tk.get_action("harbin_assessment_show")({}, {})
    assert service.find_run() is None


def test_only_sysadmins_compute(portal):
    for user in (portal.editor, portal.reviewer):
        with pytest.raises(tk.NotAuthorized):
            tk.get_action("harbin_assessment_compute")({"user": user, "ignore_auth": False}, {})
    with pytest.raises(tk.ValidationError):
        tk.get_action("harbin_assessment_compute")({"user": portal.sysadmin}, {"date": "31.12.2026"})


@pytest.mark.usefixtures("clean_queues")
def test_background_job_on_the_assessment_queue(portal):
    queued = call_action("harbin_assessment_compute", {"user": portal.sysadmin}, background=True, check_links=True)
    queue = ckan_jobs.get_queue("harbin_opendata:assessment")
    assert [j.id for j in queue.jobs] == [queued["job_id"]]
    ckan_jobs.Worker(["harbin_opendata:assessment"]).work(burst=True)
    job = queue.fetch_job(queued["job_id"])
    assert job.get_status(refresh=True) == "finished", job.exc_info
    assert job.result["entries"] == 3
    model.Session.remove()
    assert service.find_run().snapshot_date == TODAY


def test_assess_command(portal, cli):
    result = cli.invoke(ckan, ["harbin", "assess", "--check-links", "--date", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "3 addresses checked, 1 unreachable." in result.output
    assert f"Snapshot {TODAY.isoformat()}: 3 agencies, 3 entries" in result.output
    assert model.Session.query(Run).count() == 1


@pytest.mark.usefixtures("clean_queues")
def test_link_check_job(portal):
    queued = call_action("harbin_assessment_link_check", {"user": portal.sysadmin})
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("harbin_assessment_link_check")({"user": portal.reviewer, "ignore_auth": False}, {})
    ckan_jobs.Worker(["harbin_opendata:assessment"]).work(burst=True)
    job = ckan_jobs.get_queue("harbin_opendata:assessment").fetch_job(queued["job_id"])
    assert job.get_status(refresh=True) == "finished", job.exc_info
    assert job.result == {"checked": 3, "ok": 2, "broken": 1}
