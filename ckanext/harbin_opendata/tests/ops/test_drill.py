"""The fault drill on the production deployment (tests/ops/drill.py): afterwards every write the
portal acknowledged is in PostgreSQL and found by search, every job and harvest object finished,
supervisord restarted every killed process, and the error rate of each kill window is reported;
after recovery no request fails."""
from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
import requests
from redis import Redis
from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry

import ckan.plugins.toolkit as tk

from traffic import figures

from . import drill as drill_steps
from .stack import SEARCH_CHECK_GRACE, Stack, wait

KILL_WINDOW_TARGET = 0.01  # at most 1 % of the requests made while a process is down fail


def _harvest_finished(admin: Any, job: dict[str, Any]) -> bool:
    admin.call("harvest_jobs_run", {"source_id": job["source_id"]})
    return admin.call("harvest_job_show", {"id": job["id"]})[1]["status"] == "Finished"


def _queues(stack: Stack) -> list[str]:
    return [f"ckan:{stack.site_id}:harbin_opendata:{name}" for name in ("privacy", "privacy_large", "default", "assessment")]


def _settle(stack: Stack, result: dict[str, Any], report) -> None:
    """Let the deployment finish what was started: harvest jobs, then the next harvest of each
    source (as its schedule would start it), privacy scans, retried jobs."""
    admin, started = result["admin"], time.monotonic()

    def step(what: str) -> None:
        report(f"  {time.monotonic() - started:6.1f} s  {what}")

    for job in result["jobs"]:
        wait("harvest job finished", 300, lambda: _harvest_finished(admin, job), every=3)
    failed = stack.sql("SELECT count(*) FROM harvest_object WHERE harvest_job_id = ANY(:jobs) AND state = 'ERROR'",
                       jobs=[job["id"] for job in result["jobs"]])[0][0]
    step(f"harvest jobs finished; objects that failed during the drill: {failed}; the next harvest of each source follows")
    result["next_jobs"] = [admin.call("harvest_job_create", {"source_id": job["source_id"], "run": True})[1]
                           for job in result["jobs"]]
    for job in result["next_jobs"]:
        wait("next harvest job finished", 300, lambda: _harvest_finished(admin, job), every=3)
    step("next harvests finished")
    wait("every privacy scan finished", 300, lambda: not stack.sql(
        "SELECT 1 FROM harbin_privacy_scan WHERE state IN ('queued', 'running')"), every=2)
    step("privacy scans finished")
    redis = Redis.from_url(tk.config["ckan.redis.url"])
    wait("retried jobs run", 900, lambda: not any(
        registry(name, connection=redis).get_job_ids()
        for name in _queues(stack) for registry in (StartedJobRegistry, ScheduledJobRegistry)), every=5)
    step("no job running or scheduled")
    for server in result["servers"]:
        server.shutdown()


@pytest.fixture(scope="module")
def drill(stack: Stack, report) -> dict[str, Any]:
    since = time.time()
    result = drill_steps.run(stack, report)
    _settle(stack, result, report)
    recorder, lines, failures = result["recorder"], [], []
    drill_start = min(start for start, _end in result["windows"].values())
    for name, (start, end) in result["windows"].items():
        calls = recorder.between(start, end)
        row = figures(calls, end - start)
        row["failures"] = [f"{call.at - drill_start:.1f} s {call}" for call in calls if call.failed]
        result.setdefault("figures", {})[name] = row
        failures += [f"  {name}: {failure}" for failure in row["failures"]]
        lines.append(f"{name:<34}{end - start:>6.1f} s{row['requests']:>7}{row['failed']:>7}{row['error_rate']:>8.2%}"
                     f"{row['rps']:>8.1f}{row['p95']:>9.0f}")
    report("\nfault drill through nginx     window   requests failed   rate   req/s   p95 ms")
    for line in lines:
        report("  " + line)
    for crash in result["crashes"]:
        report(f"  {crash['program']}: pid {crash['old_pid']} killed, {crash['new_pid']} serving after {crash['down_s']:.1f} s")
    report("  failed calls (seconds into the drill when answered):" if failures else "  no call failed")
    for line in failures:
        report(line)
    result["web_errors"] = stack.web_errors(since)
    report(f"  errors the web nodes logged: {len(result['web_errors'])}")
    for line in result["web_errors"][:20]:
        report("  " + line)
    return result


def _search_names(stack: Stack, names: list[str], token: str = "") -> set[str]:
    query = {"fq": "name:(" + " OR ".join(f'"{name}"' for name in names) + ")", "rows": 1000,
             "include_private": bool(token), "fl": "id,name"}
    answer = requests.post(f"{stack.base}/api/3/action/package_search", json=query,
                           headers={"Authorization": token} if token else {}, timeout=60).json()
    return {item["name"] for item in answer["result"]["results"]}


def test_every_acknowledged_write_is_in_the_database_and_found(drill, stack):
    written = drill["editor"].written
    created = [name for name, record in written.items() if record.get("created")]
    assert len(created) >= 10, "the editor hardly wrote anything"
    rows = {name: (state, private) for name, state, private in
            stack.sql("SELECT name, state, private FROM package WHERE name = ANY(:names)", names=created)}
    assert {name: rows.get(name, ("missing",))[0] for name in created} == dict.fromkeys(created, "active")
    assert _search_names(stack, created, stack.token) == set(created)
    published = [name for name in created if written[name].get("published")]
    assert published, "nothing was published during the drill"
    assert [name for name in published if rows[name][1]] == []
    assert _search_names(stack, published) == set(published)  # anonymous search


def test_every_acknowledged_file_is_stored_as_uploaded(drill, stack):
    uploads = [record["file"] for record in drill["editor"].written.values() if record.get("file")]
    assert len(uploads) >= 10
    for upload in uploads:
        resource = drill["admin"].call("resource_show", {"id": upload["resource_id"]})[1]
        body = requests.get(resource["url"], headers={"Authorization": stack.token}, timeout=60).content
        assert body == upload["bytes"], resource["url"]


def test_no_job_or_harvest_object_is_lost(drill, stack):
    uploads = [record["file"]["resource_id"] for record in drill["editor"].written.values() if record.get("file")]
    scans = dict(stack.sql("SELECT state, count(*) FROM harbin_privacy_scan WHERE resource_id = ANY(:ids) GROUP BY state",
                           ids=uploads))
    assert scans == {"done": len(uploads)}  # every uploaded file scanned, the large one after its worker died
    big = stack.sql("SELECT state, rows_done FROM harbin_privacy_scan WHERE resource_id = :r", r=drill["big_resource"]["id"])
    assert [tuple(row) for row in big] == [("done", 150_000)]
    unfinished = stack.sql("SELECT count(*) FROM harbin_privacy_scan WHERE state NOT IN ('done', 'failed')")
    assert unfinished == [(0,)]  # harvested links to data.harbin.invalid fail: unreachable, which is an answer
    for first, job, records in zip(drill["jobs"], drill["next_jobs"], drill_steps.HARVEST_RECORDS):
        states = dict(stack.sql("SELECT state, count(*) FROM harvest_object WHERE harvest_job_id = ANY(:j) GROUP BY state",
                                j=[first["id"], job["id"]]))
        assert set(states) <= {"COMPLETE", "ERROR"}, states  # every object finished
        harvested = [row[0] for row in stack.sql(
            "SELECT p.name FROM harvest_object o JOIN package p ON p.id = o.package_id "
            "WHERE o.harvest_source_id = :s AND o.current AND p.state = 'active' AND NOT p.private", s=job["source_id"])]
        assert len(harvested) == records and _search_names(stack, harvested) == set(harvested)
    redis = Redis.from_url(tk.config["ckan.redis.url"])
    for name in _queues(stack):
        assert FailedJobRegistry(name, connection=redis).get_job_ids() == [], name
    assert redis.keys(f"{stack.site_id}:harvest_*:*") == []  # no message half-consumed


def test_supervisord_restarted_every_killed_process(drill):
    crashed = {crash["program"]: crash for crash in drill["crashes"]}
    assert len(crashed) == 4
    assert all(crash["new_pid"] != crash["old_pid"] for crash in crashed.values())


def test_search_index_matches_the_database(drill, stack):
    """A web node killed between CKAN's Solr add and the commit leaves a document of an entry the
    database never kept: the scheduler's search check (every minute here) removes it. One such
    document is written here as CKAN would have, a while ago; the drill may have left others."""
    ghost = str(uuid.uuid4())
    written_before = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - SEARCH_CHECK_GRACE - 60))
    requests.post(f"http://127.0.0.1:{stack.solr_lb}/solr/ckan/update?commit=true", timeout=30, json=[{
        "index_id": f"{stack.site_id}-{ghost}", "id": ghost, "name": f"killed-{ghost[:8]}", "site_id": stack.site_id,
        "entity_type": "package", "dataset_type": "dataset", "state": "active", "capacity": "public",
        "title": "提交前进程被终止的目录条目", "metadata_modified": written_before, "indexed_ts": written_before}]).raise_for_status()

    def compare() -> tuple[set[str], set[str]]:
        in_database = {row[0] for row in stack.sql("SELECT id FROM package WHERE state = 'active'")}  # harvest sources too
        answer = stack.solr(f"ckan/select?q=*:*&fq=site_id:{stack.site_id}&fl=id&rows=100000&wt=json")
        return {doc["id"] for doc in answer["response"]["docs"]}, in_database

    assert ghost in compare()[0]
    try:
        wait("search index matches the database", SEARCH_CHECK_GRACE + 180, lambda: not set.symmetric_difference(*compare()), every=5)
    except AssertionError:
        in_index, in_database = compare()
        assert in_index == in_database


def test_no_request_fails_after_recovery_and_few_while_killed(drill):
    rows = drill["figures"]
    assert rows["after recovery"]["requests"] > 0 and rows["after recovery"]["failed"] == 0, rows["after recovery"]
    assert rows["baseline"]["failed"] == 0, (rows["baseline"]["failures"], drill["web_errors"])
    for name in ("web node killed", "Solr leader node killed", "worker and fetch consumer killed"):
        assert rows[name]["error_rate"] < KILL_WINDOW_TARGET, (name, rows[name])
