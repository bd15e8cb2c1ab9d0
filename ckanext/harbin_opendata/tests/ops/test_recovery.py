"""Work a crashed process left unfinished is taken over: a job whose worker is killed (real worker
processes of `ckan harbin worker`, real Redis) runs again, once at a time; a job that kills its
worker again and again is failed; a privacy scan marked running by a dead worker is done again;
a harvest message a dead consumer held goes back to the head of its queue."""
from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import uuid

import pytest
import sqlalchemy as sa
from rq.job import Job
from rq.registry import FailedJobRegistry

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import jobs as ckan_jobs
from ckan.lib.redis import connect_to_redis

from ckanext.harbin_opendata.ops import consumers, recovery
from ckanext.harbin_opendata.ops.worker import HorseBoundWorker
from ckanext.harbin_opendata.privacy.model import Scan

from ..privacy.conftest import csv_bytes, upload
from ..review.conftest import people  # noqa: F401 - fixture
from .stack import VENV_BIN, wait

# By name: pytest imports this folder under another package name than the workers do.
HOLD = "ckanext.harbin_opendata.tests.ops.sample_jobs.hold"


def _worker(ini: str, queue: str, *options: str) -> subprocess.Popen:
    return subprocess.Popen([str(VENV_BIN / "ckan"), "-c", ini, "harbin", "worker", *options, queue],
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return pathlib.Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


@pytest.fixture
def queue():
    """A queue of its own for the test; emptied afterwards, with any job a killed worker left."""
    name = f"harbin_test_{uuid.uuid4().hex[:8]}"
    yield name
    recovery.requeue_abandoned()
    ckan_jobs.get_queue(name).delete(delete_jobs=True)


def _killed_mid_job(request, queue: str, tmp_path: pathlib.Path, **rq_kwargs) -> tuple[Job, pathlib.Path]:
    """A job started by a worker process, which is then killed with its process group."""
    ini, marker = request.config.getoption("ckan_ini"), tmp_path / "job"
    job = tk.enqueue_job(HOLD, [str(marker), 30], queue=queue, rq_kwargs=rq_kwargs)
    worker = _worker(ini, queue)
    horse = int(wait("the job started", 120, lambda: marker.with_suffix(".pid").read_text().split()[-1]))
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(30)
    wait("the job's process gone with its worker", 10, lambda: not _alive(horse))
    return job, marker


def test_a_job_whose_worker_died_runs_again_in_the_next_worker(request, queue, tmp_path):
    job, marker = _killed_mid_job(request, queue, tmp_path)
    assert not marker.exists()
    job.refresh()
    assert job.get_status() == "started"  # what RQ believes until the worker's heartbeat expires

    _worker(request.config.getoption("ckan_ini"), queue, "--burst").wait(120)

    job.refresh()
    assert (job.get_status(), job.meta[recovery.RECOVERED], marker.read_text()) == ("finished", 1, "done")
    assert len(marker.with_suffix(".pid").read_text().split()) == 2  # ran twice, never at once


def test_a_job_that_killed_its_worker_too_often_fails_with_the_reason(request, queue, tmp_path):
    job, _marker = _killed_mid_job(request, queue, tmp_path, meta={recovery.RECOVERED: recovery.MAX_RECOVERIES})

    assert job.id not in recovery.requeue_abandoned()

    job.refresh()
    assert job.get_status() == "failed" and "died 3 times" in job.exc_info
    assert job.id in FailedJobRegistry(ckan_jobs.get_queue(queue).name, connection=connect_to_redis()).get_job_ids()


def test_a_live_workers_job_is_left_alone(request, queue, tmp_path):
    ini, marker = request.config.getoption("ckan_ini"), tmp_path / "job"
    tk.enqueue_job(HOLD, [str(marker), 30], queue=queue)
    worker = _worker(ini, queue)
    try:
        wait("the job started", 120, lambda: marker.with_suffix(".pid").exists())
        assert recovery.requeue_abandoned() == []
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(30)


@pytest.mark.usefixtures("clean_queues")
@pytest.mark.parametrize("taken_over", [True, False])
def test_a_scan_left_running_by_a_dead_worker_is_done_again(people, ckan_config, monkeypatch, tmp_path, taken_over):
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    resource = upload(people.entry["id"], people.editor, csv_bytes(40), "subsidy.csv", "CSV")
    scan = model.Session.query(Scan).filter(Scan.resource_id == resource["id"]).one()
    scan.state = "running"  # as its first worker left it
    model.Session.commit()
    [job] = ckan_jobs.get_queue("harbin_opendata:privacy").jobs
    if taken_over:
        job.meta[recovery.RECOVERED] = 1
        job.save_meta()

    HorseBoundWorker(["harbin_opendata:privacy"]).work(burst=True)

    model.Session.expire_all()
    assert model.Session.get(Scan, scan.id).state == ("done" if taken_over else "running")


def test_a_harvest_message_of_a_dead_consumer_goes_back_to_the_head_of_its_queue():
    from ckanext.harvest.queue import RedisConsumer

    redis, routing_key = connect_to_redis(), f"harbin_test_{uuid.uuid4().hex[:8]}:harvest_object_id"
    consumer = RedisConsumer(redis, routing_key)  # keeps a key per message being worked on
    held, waiting = (json.dumps({"harvest_object_id": name}) for name in ("held", "waiting"))
    key = consumers.inflight_key("fetch", f"test-{uuid.uuid4().hex[:6]}")
    redis.rpush(routing_key, waiting)
    redis.set(key, held), redis.set(consumer.persistance_key(held), "2026-01-01 00:00:00.0")
    try:
        consumers._give_back(redis, key, routing_key, consumer)
        assert [item.decode() for item in redis.lrange(routing_key, 0, -1)] == [held, waiting]
        assert not redis.exists(key) and not redis.exists(consumer.persistance_key(held))
        consumers._give_back(redis, key, routing_key, consumer)  # nothing held: nothing changes
        assert redis.llen(routing_key) == 2
    finally:
        redis.delete(routing_key, key)


def test_a_consumer_remembers_its_message_until_the_callback_returns():
    redis, key = connect_to_redis(), consumers.inflight_key("fetch", f"test-{uuid.uuid4().hex[:6]}")
    seen = []
    for _method, _header, body in consumers._remembered(iter([(None, None, "one"), (None, None, "two")]), redis, key):
        seen.append((body, redis.get(key).decode()))
    assert seen == [("one", "one"), ("two", "two")] and not redis.exists(key)


@pytest.mark.usefixtures("clean_queues")
def test_a_scan_whose_job_was_lost_is_queued_again_and_one_of_a_removed_file_ends(people, ckan_config, monkeypatch,
                                                                                   tmp_path):
    from ckanext.harbin_opendata.privacy import jobs as scanning

    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    kept = upload(people.entry["id"], people.editor, csv_bytes(20), "kept.csv", "CSV")
    removed = upload(people.entry["id"], people.editor, csv_bytes(20), "removed.csv", "CSV")
    tk.get_action("resource_delete")({"user": people.editor}, {"id": removed["id"]})
    queue = ckan_jobs.get_queue("harbin_opendata:privacy")
    queue.empty()  # the jobs are lost (as when Redis was away while the uploads were saved)
    model.Session.execute(sa.text("UPDATE harbin_privacy_scan SET created_at = created_at - interval '3 minutes'"))
    model.Session.commit()
    [orphan] = model.Session.query(Scan).filter(Scan.resource_id == kept["id"]).all()

    assert scanning.requeue_orphans() == [orphan.id]  # the removed file's scan is not queued
    assert scanning.requeue_orphans() == []  # its job is waiting now

    queue.enqueue_call(func=scanning.run_scan, args=[model.Session.query(Scan).filter(
        Scan.resource_id == removed["id"]).one().id])  # a job for it all the same, as before the removal
    HorseBoundWorker(["harbin_opendata:privacy"]).work(burst=True)
    model.Session.expire_all()
    states = {scan.resource_id: (scan.state, scan.error) for scan in model.Session.query(Scan)}
    assert states == {kept["id"]: ("done", None), removed["id"]: ("failed", "resource_gone")}
