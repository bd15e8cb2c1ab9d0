"""The work a harvest does per record, counted (not timed): SQL statements, documents sent to the
search index, search-index commits. Speed itself is measured by benchmarks/harvest.py."""
from __future__ import annotations

import contextlib
import json
import re
import urllib.request
from typing import Iterator

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import samples
from ..http_server import Route

RECORDS = 12
# counted in this process: its records imported by this process alone (test_parallel_import.py has two)
pytestmark = pytest.mark.ckan_config("ckanext.harbin_opendata.harvest.workers", "1")


def _catalog(server) -> str:
    rows = [[n + 1, f"哈尔滨市停车场信息{n:02d}", f"301001/{n + 100:06d}", *samples.ROWS[0][3:]] for n in range(RECORDS)]
    server.routes["/catalog.csv"] = Route(samples.csv_bytes(rows), content_type="text/csv")
    return server.url + "/catalog.csv"


def _solr_updates() -> dict[str, int]:
    url = tk.config["solr_url"].rstrip("/") + "/admin/mbeans?stats=true&cat=UPDATE&wt=json"
    beans = json.load(urllib.request.urlopen(url))["solr-mbeans"]
    stats = dict(zip(beans[::2], beans[1::2]))["UPDATE"]["updateHandler"]["stats"]
    requests = dict(zip(beans[::2], beans[1::2]))["UPDATE"]["/update"]["stats"]["UPDATE./update.requests"]
    return {"adds": stats["UPDATE.updateHandler.cumulativeAdds.count"], "requests": requests,
            "commits": stats["UPDATE.updateHandler.commits.count"] - stats["UPDATE.updateHandler.autoCommits"]}


# statements of the kinds a harvest used to repeat per entry (by what they read)
KINDS = {"user": re.compile(r'FROM "user"'), "tracking": re.compile("tracking_summary"),
         "package_row": re.compile(r"^SELECT package\.id AS package_id, package\.name AS package_name"),
         # an entry read whole (CKAN's package_dictize reads its relationships as subject and as object)
         "entry_reads": re.compile(r"FROM package_relationship"),
         # harbin_review's list of the reviewers to notify of a submitted entry
         "reviewers": re.compile(r'FROM "user".*"user"\.sysadmin IS true', re.S),
         # an entry's harvest objects counted to tell "added" from "updated"
         "object_count": re.compile(r"SELECT count\(\*\).*FROM harvest_object\s+WHERE harvest_object\.package_id", re.S),
         # the last object of a record's guid, and an object's extras read on their own
         "previous_object": re.compile(r"FROM harvest_object\s+WHERE .*ORDER BY harvest_object\.current DESC", re.S),
         "object_extras": re.compile(r"^SELECT harvest_object_extra\.id AS harvest_object_extra_id"),
         # a new entry's object made current: the constraint deferred, the record's other objects reset
         "deferred": re.compile(r"^SET CONSTRAINTS"),
         "current_reset": re.compile(r"^UPDATE harvest_object SET current=\S+ WHERE harvest_object\.harvest_source_id"),
         # read as each entry is indexed, for the privacy gate and the access rules: the resources'
         # privacy states, the entry's extras loaded on its row
         "privacy_states": re.compile("FROM harbin_privacy_states"),
         "extras_loaded": re.compile(r"^SELECT package_extra\.\w+ AS package_extra_\w+\b.*FROM package_extra\b", re.S),
         # the entry's agency read by CKAN's save (model.Group.get: owner_org_validator, the owner update)
         "agency_get": re.compile(r'^SELECT "group"\.id AS group_id.*FROM "group"\s+WHERE "group"\.id = ', re.S),
         # the newest scan of each file of an entry (privacy's latest_scans)
         "latest_scans": re.compile(r"DISTINCT ON \(harbin_privacy_scan\.resource_id\)"),
         # a record's harvest object written (its times, its outcome)
         "object_updates": re.compile(r"^UPDATE harvest_object SET")}


@contextlib.contextmanager
def _counted() -> Iterator[dict[str, int]]:
    """SQL statements sent (in all and of each of KINDS), Solr documents added, update requests
    sent and commits asked for within the block."""
    engine = model.Session.get_bind()
    counts = dict.fromkeys(["sql", "db_commits", *KINDS], 0)

    def committed(conn) -> None:
        counts["db_commits"] += 1

    def count(conn, cursor, statement: str, *args) -> None:
        counts["sql"] += 1
        for kind, pattern in KINDS.items():
            counts[kind] += bool(pattern.search(statement))

    before = _solr_updates()
    sa.event.listen(engine, "before_cursor_execute", count)
    sa.event.listen(engine, "commit", committed)
    try:
        yield counts
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
        sa.event.remove(engine, "commit", committed)
        after = _solr_updates()
        counts.update({key: after[key] - before[key] for key in after})


def test_first_harvest_indexes_each_entry_once_and_commits_once(harbin, server):
    source = harbin.source("bench-like", _catalog(server), "harbin_spreadsheet",
                           json.dumps({"defaults": {"desensitization_status": "not_required"}}))
    with _counted() as first:
        assert harbin.run(source["id"])["counts"] == {"created": RECORDS}
    print("first harvest:", first)
    # each entry once (CKAN alone indexes a new entry twice in its commit), and the harvest source's
    # own search record as ckanext-harvest finishes its job
    assert first["adds"] == RECORDS + 1
    assert first["commits"] <= 3  # the entries' one; the source's record is committed by ckanext-harvest
    # the new entries in one add (runner.INDEX_BATCH of them at most), not a request per entry
    assert first["requests"] <= 2 + first["commits"]
    # the harvest's user once per job, not six times per entry (left: ckanext-activity's converter and
    # harbin_review's list of reviewers to notify); view counts once, as the entry is indexed; the
    # entry's row loaded by CKAN's create and by the activity's show, not also for the source's agency
    # guard or the search index's bookkeeping
    assert first["user"] <= RECORDS + 10
    # what the index hooks read, once per batch of entries, not once per entry (the batch's view
    # counts, privacy states and extras; the extras also once per entry as CKAN saves them)
    assert first["tracking"] <= 3
    assert first["privacy_states"] <= 3
    assert first["extras_loaded"] <= RECORDS + 4
    assert first["agency_get"] <= 3  # the source's agency once per job, not twice per entry
    assert first["object_updates"] <= RECORDS + 2  # each object once, its times with its outcome
    assert first["package_row"] <= 3 * RECORDS + 8  # the rows of a batch read in one statement to be indexed
    # each new entry read whole once, by ckanext-activity's show as it is saved: its search document
    # is made from that read (common/saved_dicts.py), not from a second one
    assert first["entry_reads"] <= 2 * RECORDS + 2
    # per job, not per entry: the reviewers to notify (each entry is submitted: its files are not
    # checked yet), whether an entry was added or updated (the import knows), which records have a
    # previous object (none, the first time), the objects' extras (read with the object)
    assert first["reviewers"] == 1
    assert (first["object_count"], first["previous_object"]) == (0, 0)
    assert first["object_extras"] <= 2
    assert (first["deferred"], first["current_reset"]) == (0, 0)
    # one database commit per record (its entry, its object made current and the object's outcome),
    # and a few per job
    assert first["db_commits"] <= RECORDS + 12
    found = tk.get_action("package_search")({"user": harbin.sysadmin}, {
        "q": "停车场", "include_private": True, "include_drafts": True, "rows": 100})
    assert found["count"] == RECORDS
    assert _notified_reviewers(found["results"]) == {harbin.sysadmin}
    _each_entry_has_its_activity_and_audit_event([entry["id"] for entry in found["results"]])
    with _counted() as again:
        assert harbin.run(source["id"])["counts"] == {"unchanged": RECORDS}
    print("unchanged harvest:", again)
    assert again["adds"] == 1  # the source's record only
    assert again["previous_object"] == RECORDS  # each record's last import read, to compare


def test_a_trusted_first_harvest_reads_no_scan_of_files_not_scanned(harbin, server, ckan_config, monkeypatch):
    """A trusted source's entry is published as it is saved when the publication gate lets it: the
    gate reads the files' states, and the scans only to explain findings or failures, which a
    file never scanned has none of (the scan queued as the entry is saved reads them once)."""
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.review.trusted_harvest_sources", ["trusted-bench"])
    source = harbin.source("trusted-bench", _catalog(server), "harbin_spreadsheet",
                           json.dumps({"defaults": {"desensitization_status": "not_required"}}))
    with _counted() as first:
        assert harbin.run(source["id"])["counts"] == {"created": RECORDS}
    print("trusted first harvest:", first)
    assert first["privacy_states"] <= RECORDS + 3  # the gate's, as each entry is saved, and the index's
    assert first["latest_scans"] <= RECORDS + 2  # the scans queued, not also the gate
    assert first["agency_get"] <= 3
    held = model.Session.execute(sa.text(
        "SELECT count(*) FROM harbin_review_entry r JOIN harvest_object o ON o.package_id = r.package_id "
        "WHERE o.harvest_source_id = :source AND o.current AND r.state = 'published'"), {"source": source["id"]}).scalar()
    assert held == 0  # files not scanned yet: nothing published before its scan


def _notified_reviewers(entries: list[dict]) -> set[str]:
    """The names of the users told of every entry's submission (each entry's notifications)."""
    rows = model.Session.execute(sa.text(
        'SELECT n.package_id, u.name FROM harbin_review_notification n JOIN "user" u ON u.id = n.user_id '
        "WHERE n.package_id = ANY(:ids) AND n.event = 'submit'"), {"ids": [entry["id"] for entry in entries]}).all()
    by_entry: dict[str, set[str]] = {}
    for row in rows:
        by_entry.setdefault(row.package_id, set()).add(row.name)
    assert set(by_entry) == {entry["id"] for entry in entries}
    return set.intersection(*by_entry.values())


def _each_entry_has_its_activity_and_audit_event(package_ids: list[str]) -> None:
    """What the saves cut short must still leave: the activity (by the harvest's user, its copy of
    the entry without view counts) and harbin_review's audit event of every entry."""
    site_user = model.User.get(tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"])
    activities = model.Session.execute(sa.text(
        "SELECT object_id, user_id, data FROM activity WHERE object_id = ANY(:ids) AND activity_type = 'new package'"),
        {"ids": package_ids}).all()
    assert sorted(row.object_id for row in activities) == sorted(package_ids)
    assert {row.user_id for row in activities} == {site_user.id}
    assert all("tracking_summary" not in json.loads(row.data)["package"] if isinstance(row.data, str)
               else "tracking_summary" not in row.data["package"] for row in activities)
    audited = model.Session.execute(sa.text(
        "SELECT package_id, actor_name FROM harbin_review_audit_log WHERE package_id = ANY(:ids)"),
        {"ids": package_ids}).all()
    assert sorted(row.package_id for row in audited) == sorted(package_ids)
    assert {row.actor_name for row in audited} == {site_user.name}


def test_the_harvest_user_is_remembered_for_itself_only(harbin):
    """Within acting_as(user), lookups of that user cost no query; any other user is read as always."""
    from ckanext.harbin_opendata.harvest.acting_user import acting_as

    harvester = model.User.get(tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"])
    with acting_as(harvester), _counted() as remembered:
        assert model.User.get(harvester.name) is harvester and model.User.by_name(harvester.name) is harvester
        assert model.User.get(harvester.id) is harvester
    assert remembered["user"] == 0
    with acting_as(harvester), _counted() as others:
        assert model.User.get(harbin.sysadmin).name == harbin.sysadmin
        assert model.User.by_name("nobody-of-that-name") is None
    assert others["user"] == 2
    with _counted() as outside:
        assert model.User.get(harvester.name).id == harvester.id
    assert outside["user"] == 1


def test_an_entry_made_with_resources_and_tags_is_indexed_once(harbin):
    from ckanext.harbin_opendata.tests.factories import CatalogEntry

    with _counted() as created:
        entry = CatalogEntry(owner_org=harbin.agencies["scjg"]["id"], published=False,
                             tags=[{"name": "停车"}, {"name": "交通"}],
                             resources=[{"url": "https://data.harbin.invalid/a.csv", "format": "CSV"},
                                        {"url": "https://data.harbin.invalid/b.json", "format": "JSON"}])
    assert created["adds"] == 1
    with _counted() as updated:
        tk.get_action("package_patch")({"user": harbin.sysadmin}, {"id": entry["id"], "notes": "更新后的摘要。"})
    assert updated["adds"] == 1
    found = tk.get_action("package_search")({"user": harbin.sysadmin}, {
        "fq": f'id:"{entry["id"]}"', "include_private": True, "include_drafts": True})["results"]
    assert [(r["notes"], sorted(t["name"] for t in r["tags"])) for r in found] == [("更新后的摘要。", ["交通", "停车"])]


def test_one_current_object_per_record_and_added_or_updated(harbin, server):
    """Each record has one current object, its last import's, whether the entry was created, updated
    or left unchanged; the job report tells added from updated (the import knows, nothing counted)."""
    source = harbin.source("current-objects", _catalog(server), "harbin_spreadsheet",
                           json.dumps({"defaults": {"desensitization_status": "not_required"}}))
    assert harbin.run(source["id"])["counts"] == {"created": RECORDS}
    rows = [[n + 1, f"哈尔滨市停车场信息{n:02d}", f"301001/{n + 100:06d}", *samples.ROWS[0][3:]] for n in range(RECORDS)]
    rows[0][3] = "停车场名称、位置和泊位数，每月更新。"  # the source changed one record's summary
    server.routes["/catalog.csv"] = Route(samples.csv_bytes(rows), content_type="text/csv")
    assert harbin.run(source["id"])["counts"] == {"updated": 1, "unchanged": RECORDS - 1}
    assert harbin.run(source["id"])["counts"] == {"unchanged": RECORDS}
    statuses = model.Session.execute(sa.text(
        "SELECT o.report_status, count(*) FROM harvest_object o JOIN harvest_job j ON j.id = o.harvest_job_id "
        "WHERE o.harvest_source_id = :source GROUP BY j.created, o.report_status ORDER BY j.created, o.report_status"),
        {"source": source["id"]}).all()
    assert [tuple(row) for row in statuses] == [("added", RECORDS), ("not modified", RECORDS - 1), ("updated", 1),
                                               ("not modified", RECORDS)]
    current = model.Session.execute(sa.text(
        "SELECT guid, count(*) FILTER (WHERE current), min(report_status) FILTER (WHERE current) "
        "FROM harvest_object WHERE harvest_source_id = :source GROUP BY guid"), {"source": source["id"]}).all()
    assert len(current) == RECORDS and {count for _, count, _ in current} == {1}
    assert sorted(status for _, _, status in current) == ["added"] * (RECORDS - 1) + ["updated"]
