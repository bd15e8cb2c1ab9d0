"""The fault drill's steps: bounded traffic through nginx (benchmarks/traffic.py: readers, an editor
creating, submitting and publishing entries, harvests), then one crash at a time — a web node, the
Solr node holding the shard leader, the privacy worker in the middle of a scan together with the
fetch consumer in the middle of a harvest — each SIGKILLed with its process group and brought back
by supervisord; then a quiet spell after recovery. Returns what happened, for the tests to check."""
from __future__ import annotations

import threading
import time
import uuid
from typing import Any, Callable

import requests

from traffic import Api, Editor, Reader, Recorder, _table, reader_paths, setup_actors, start_harvest

from .stack import LARGE_SCANS, Stack, wait

PAUSE = 3  # seconds of ordinary load between two crashes
HARVEST_RECORDS = (10, 20)  # enough to be mid-harvest when the fetch consumer is killed


def _answers(port: int) -> bool:
    return requests.get(f"http://127.0.0.1:{port}/api/3/action/status_show", timeout=5).status_code == 200


def _replicas(stack: Stack) -> list[dict[str, Any]]:
    status = stack.solr("admin/collections?action=CLUSTERSTATUS&collection=ckan&wt=json")
    live = set(status["cluster"]["live_nodes"])
    shards = status["cluster"]["collections"]["ckan"]["shards"].values()
    return [dict(replica, live=replica["node_name"] in live) for shard in shards for replica in shard["replicas"].values()]


def _leader_port(stack: Stack) -> int:
    leader = next(replica for replica in _replicas(stack) if replica.get("leader") == "true")
    return int(leader["node_name"].split(":")[1].split("_")[0])


def _all_active(stack: Stack) -> bool:
    replicas = _replicas(stack)
    return len(replicas) == len(stack.solr_nodes) and all(r["live"] and r["state"] == "active" for r in replicas)


def _crash_and_wait(stack: Stack, program: str, back: Callable[[], bool], seconds: float) -> dict[str, Any]:
    old = stack.crash(program)
    killed = time.monotonic()
    wait(f"{program} restarted by supervisord", seconds, lambda: stack.restarted(program, old) and back())
    return {"program": program, "old_pid": old, "new_pid": stack.pid(program), "down_s": time.monotonic() - killed}


def _big_scan(stack: Stack, editor: Editor) -> dict[str, Any]:
    """An entry with a large CSV, whose scan is running when the large-file worker is killed."""
    entry = editor.entry(10_000)
    ok, package = editor.editor.call("package_create", entry)
    assert ok, package
    body = _table(150_000, 7)
    ok, resource = editor.editor.call("resource_create", {"package_id": package["id"], "name": "大文件", "format": "CSV"},
                                      files={"upload": ("big.csv", body)})
    assert ok, resource
    editor.written[entry["name"]] = {"id": package["id"], "created": True, "file": {"resource_id": resource["id"], "bytes": body}}
    wait("the large file's scan running", 300, lambda: stack.sql(
        "SELECT 1 FROM harbin_privacy_scan WHERE resource_id = :r AND state = 'running'", r=resource["id"]), every=0.2)
    return resource


def _harvest_in_flight(stack: Stack, job_id: str) -> bool:
    """Some objects imported, some still to fetch: the fetch consumer is busy."""
    states = dict(stack.sql("SELECT state, count(*) FROM harvest_object WHERE harvest_job_id = :j GROUP BY state", j=job_id))
    return states.get("COMPLETE", 0) > 0 and states.get("WAITING", 0) + states.get("FETCH", 0) + states.get("IMPORT", 0) > 0


def run(stack: Stack, report: Callable[[str], None]) -> dict[str, Any]:
    recorder = Recorder()
    admin = Api(stack.base, stack.token, recorder)
    org, editor_token = setup_actors(admin, uuid.uuid4().hex[:6])
    stop = threading.Event()
    editor = Editor(Api(stack.base, editor_token, recorder), Api(stack.base, stack.token, recorder), org, stop, pause=0.3)
    published: list[str] = []
    readers = [Reader(stack.base, lambda: reader_paths(stack.base, published[-20:]), recorder, stop, seed) for seed in range(4)]
    servers, jobs, windows, crashes = [], [], {}, []
    server, job = start_harvest(admin, org, HARVEST_RECORDS[0], "drill-harvest")
    servers.append(server), jobs.append(job)
    start = time.monotonic()

    def step(what: str) -> None:
        report(f"  {time.monotonic() - start:6.1f} s  {what}")

    for thread in [editor, *readers]:
        thread.start()
    try:
        time.sleep(6)
        published += [name for name, record in editor.written.items() if record.get("published")]
        windows["baseline"] = (start, time.monotonic())
        step("killing a web node")
        moment = time.monotonic()
        crashes.append(_crash_and_wait(stack, f"web:web-{stack.web[0]}", lambda: _answers(stack.web[0]), 300))
        time.sleep(2)
        windows["web node killed"] = (moment, time.monotonic())
        step("web node back; killing the Solr node of the shard leader")
        time.sleep(PAUSE)
        moment = time.monotonic()
        crashes.append(_crash_and_wait(stack, f"solr:solr-{_leader_port(stack)}", lambda: _all_active(stack), 300))
        time.sleep(2)
        windows["Solr leader node killed"] = (moment, time.monotonic())
        step("Solr node back; a second harvest and a large file to scan")
        time.sleep(PAUSE)
        server, job = start_harvest(admin, org, HARVEST_RECORDS[1], "drill-harvest-2")
        servers.append(server), jobs.append(job)
        wait("the second harvest importing", 300, lambda: _harvest_in_flight(stack, job["id"]), every=0.1)
        step("killing the fetch consumer mid-harvest, then the privacy worker mid-scan")
        moment = time.monotonic()
        fetch = "jobs:harvest-fetch-1", stack.crash("jobs:harvest-fetch-1"), time.monotonic()
        big = _big_scan(stack, editor)
        privacy = LARGE_SCANS, stack.crash(LARGE_SCANS), time.monotonic()
        for program, old, killed in (fetch, privacy):
            wait(f"{program} restarted by supervisord", 300, lambda: stack.restarted(program, old))
            crashes.append({"program": program, "old_pid": old, "new_pid": stack.pid(program),
                            "down_s": time.monotonic() - killed})
        time.sleep(2)
        windows["worker and fetch consumer killed"] = (moment, time.monotonic())
        published += [name for name, record in editor.written.items() if record.get("published")]
        moment = time.monotonic()
        time.sleep(8)
        windows["after recovery"] = (moment, time.monotonic())
        step("done")
    finally:
        stop.set()
        for thread in [editor, *readers]:
            thread.join(120)
    return {"recorder": recorder, "windows": windows, "crashes": crashes, "editor": editor, "jobs": jobs,
            "big_resource": big, "admin": admin, "org": org, "servers": servers}
