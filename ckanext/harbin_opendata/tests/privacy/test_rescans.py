"""A rescan asked for by the agency (privacy/rescans.py): a published upload whose clean scan read
the same bytes with the same reader and settings stays public (the scan is current, no job); a file
whose result can differ (other settings, other bytes, a link) is hidden until its new scan ends; a
file has at most one queued or running scan, however often it is asked for."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import uploader
from ckan.lib.jobs import get_all_queues

from ckanext.harbin_opendata.privacy.model import RUNNING, Scan

from ..web import csrf_token, logged_in_client
from .conftest import upload
from .jobs import run_scans
from .publishing import publish

CLEAN = "区,人数\r\n道里区,3\r\n南岗区,5\r\n".encode()


def _rescan(people, resource_id: str) -> dict:
    return tk.get_action("harbin_privacy_scan")({"user": people.editor},
                                                {"id": people.entry["id"], "resource_id": resource_id})


def _public(people) -> set[str]:
    return {res["id"] for res in tk.get_action("package_show")({"user": ""}, {"id": people.entry["id"]})["resources"]}


def _jobs() -> int:
    """Scan jobs waiting in Redis (publishing queues other work too)."""
    return sum(job_id.startswith("harbin-privacy-scan-") for queue in get_all_queues() for job_id in queue.job_ids)


def _scans(resource_id: str) -> int:
    return model.Session.query(Scan).filter(Scan.resource_id == resource_id).count()


@pytest.fixture
def published(people, storage):
    resource = upload(people.entry["id"], people.editor, CLEAN, "人数.csv", "CSV")
    publish(people, people.entry["id"])
    assert _public(people) == {resource["id"]}
    return resource


def test_a_rescan_that_cannot_differ_keeps_the_file_public(people, published):
    answer = _rescan(people, published["id"])
    assert answer == {"scans": [], "queued": [], "current": [published["id"]]}
    assert _public(people) == {published["id"]} and _scans(published["id"]) == 1 and _jobs() == 0


def test_other_detector_settings_hide_the_file_until_its_new_scan_ends(people, published, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.privacy.optional_kinds", ["address"])
    answer = _rescan(people, published["id"])
    assert len(answer["scans"]) == 1 and answer["current"] == []
    assert _public(people) == set()  # fail closed: the new settings may find what the old did not
    run_scans(people.entry["id"])
    assert _public(people) == {published["id"]}
    assert _rescan(people, published["id"])["current"] == [published["id"]]  # clean with these settings


def test_other_bytes_under_the_same_record_are_scanned_again(people, published):
    """The file changed on disk without a new upload (restored from a backup, written by hand): its
    record (url, size, time) is the same, its SHA-256 is not."""
    stored = Path(uploader.get_resource_uploader({}).get_path(published["id"]))
    stored.write_bytes(CLEAN.replace(b"3", b"4"))
    assert len(_rescan(people, published["id"])["scans"]) == 1
    assert _public(people) == set()


def test_a_linked_file_is_scanned_again_and_hidden_meanwhile(people, http_files):
    resource = tk.get_action("resource_create")({"user": people.editor}, {
        "package_id": people.entry["id"], "name": "人数.csv", "format": "CSV", "url": http_files.add("/n.csv", CLEAN)})
    publish(people, people.entry["id"])
    assert _public(people) == {resource["id"]}
    assert len(_rescan(people, resource["id"])["scans"]) == 1  # its server may answer otherwise now
    assert _public(people) == set()


def test_a_second_request_while_one_is_queued_queues_nothing(people, published, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.privacy.optional_kinds", ["address"])
    [first] = _rescan(people, published["id"])["scans"]
    for _ in range(5):
        assert _rescan(people, published["id"]) == {"scans": [], "queued": [first], "current": []}
    assert _scans(published["id"]) == 2 and _jobs() == 1
    tk.get_action("harbin_privacy_scan")({"user": people.editor}, {"id": people.entry["id"]})  # every file
    assert _scans(published["id"]) == 2 and _jobs() == 1


def test_a_scan_running_longer_than_a_job_may_does_not_stop_a_new_one(people, published, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.privacy.optional_kinds", ["address"])
    [first] = _rescan(people, published["id"])["scans"]
    scan = model.Session.get(Scan, first)
    scan.state, scan.started_at = RUNNING, dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1)
    model.Session.commit()
    assert _rescan(people, published["id"])["queued"] == [first]  # running: still at work
    timeout = ckan_config["ckanext.harbin_opendata.privacy.job_timeout"]
    scan.started_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=timeout + 60)
    model.Session.commit()
    assert len(_rescan(people, published["id"])["scans"]) == 1  # its worker is gone: not waited on for ever


def test_the_page_says_the_scan_is_current(app, people, published):
    client = logged_in_client(app, people.editor)
    page = client.get(f"/dataset/{people.entry['name']}/privacy").body
    response = client.post(f"/dataset/{people.entry['name']}/privacy/scan",
                           data={"_csrf_token": csrf_token(page), "resource_id": published["id"]})
    assert "扫描结果仍然有效" in response.body and _scans(published["id"]) == 1
    assert _public(people) == {published["id"]}
