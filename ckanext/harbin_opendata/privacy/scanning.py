"""Scans of resources: which need one, queueing them on the privacy queue, and the job itself
(progress recorded on the scan row while it runs)."""
from __future__ import annotations

import datetime as dt
import logging
import os
import time
import uuid
from typing import Any, Optional

import sqlalchemy as sa
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search

from .. import jobs
from .model import DONE, FAILED, QUEUED, RUNNING, Scan
from .reader import UnreadableTable
from .source import SourceError, declared_kind, is_tabular, local_copy
from .tables import scan_file

__all__ = ["fingerprint", "latest_scans", "needs_scan", "create_scan", "run_scan", "requeue_orphans",
           "scan_package", "enqueue", "enqueue_after_commit", "listen_for_commits", "run_queued"]

log = logging.getLogger(__name__)
_PROGRESS_SECONDS = 2.0


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def fingerprint(resource: model.Resource) -> str:
    """What identifies one version of the resource's file (a new upload or link changes it)."""
    return "|".join(str(part or "") for part in (resource.url_type, resource.url, resource.last_modified,
                                                   resource.size))


def latest_scans(package_id: str) -> dict[str, Scan]:
    """The newest scan of each resource of an entry."""
    scans = (model.Session.query(Scan).filter(Scan.package_id == package_id)
             .order_by(Scan.resource_id, Scan.created_at.desc())
             .distinct(Scan.resource_id))
    return {scan.resource_id: scan for scan in scans}


def needs_scan(resource: model.Resource, latest: Optional[Scan]) -> bool:
    return resource.state == "active" and is_tabular(resource) and (
        latest is None or latest.fingerprint != fingerprint(resource))


def create_scan(resource: model.Resource, requested_by: Optional[str]) -> Scan:
    scan = Scan(id=str(uuid.uuid4()), package_id=resource.package_id, resource_id=resource.id,
                fingerprint=fingerprint(resource), state=QUEUED, requested_by=requested_by,
                bytes_done=0, rows_done=0)
    model.Session.add(scan)
    return scan


_PENDING = "harbin_privacy_pending_scans"


def enqueue(fn: Any, args: list[Any], title: str, retry: bool = False, job_id: Optional[str] = None) -> Any:
    """Queue a privacy job (scan or masking) on the privacy queue with its time limit."""
    return jobs.enqueue(fn, args, title, queue=tk.config["ckanext.harbin_opendata.privacy.queue"],
                        timeout=tk.config["ckanext.harbin_opendata.privacy.job_timeout"], retry=retry, job_id=job_id)


def _enqueue_scan(scan_id: str) -> None:
    # One job id per scan: requeue_orphans can tell whether a queued scan still has its job.
    enqueue(run_scan, [scan_id], f"privacy scan {scan_id}", retry=True, job_id=f"harbin-privacy-scan-{scan_id}")


def requeue_orphans(minutes: int = 2) -> list[str]:
    """Queue again the scans still queued after `minutes` whose job is gone or ended: Redis was away
    when they were saved, or the job ended without taking them. Run by `ckan harbin scheduler`."""
    from rq.job import Job
    from ckan.lib.redis import connect_to_redis

    redis, orphans = connect_to_redis(), []
    cutoff = _now() - dt.timedelta(minutes=minutes)
    waiting = (model.Session.query(Scan.id).join(model.Resource, model.Resource.id == Scan.resource_id)
               .filter(Scan.state == QUEUED, Scan.created_at < cutoff, model.Resource.state == "active"))
    for (scan_id,) in waiting:
        job_id = f"harbin-privacy-scan-{scan_id}"
        status = Job.fetch(job_id, connection=redis).get_status() if Job.exists(job_id, redis) else None
        if status in (None, "finished", "failed", "stopped", "canceled"):
            _enqueue_scan(scan_id)
            orphans.append(scan_id)
    model.Session.rollback()
    return orphans


def enqueue_after_commit(scans: list[Scan]) -> None:
    """Queue the jobs once the transaction that created the scans is committed (not before: the
    worker would not find them; not at all when it is rolled back)."""
    model.Session.info.setdefault(_PENDING, []).extend(scan.id for scan in scans)


def _enqueue_pending(session: Any) -> None:
    for scan_id in session.info.pop(_PENDING, []):
        try:
            _enqueue_scan(scan_id)
        except Exception:  # noqa: BLE001 - Redis down: the scan stays queued, requeue_orphans retries
            log.exception("Could not queue privacy scan %s", scan_id)


def _forget_pending(session: Any, *args: Any) -> None:
    session.info.pop(_PENDING, None)


def listen_for_commits() -> None:
    if not sa.event.contains(model.Session, "after_commit", _enqueue_pending):
        sa.event.listen(model.Session, "after_commit", _enqueue_pending)
        sa.event.listen(model.Session, "after_rollback", _forget_pending)


def run_queued(package_id: str, progress: Optional[Any] = None) -> list[Scan]:
    """Run the entry's queued scans now, in this process (CLI, demo loading)."""
    scans = model.Session.query(Scan).filter(Scan.package_id == package_id, Scan.state == QUEUED).all()
    model.Session.info.pop(_PENDING, None)
    for scan in scans:
        run_scan(scan.id, progress)
    return scans


def scan_package(package: model.Package, requested_by: Optional[str], force: bool = False,
                 resource_id: Optional[str] = None) -> list[Scan]:
    """Create scans for the entry's tabular resources that have none for their current file
    (with force: every tabular resource; with resource_id: only that one). The caller commits,
    then queues or runs them."""
    latest = latest_scans(package.id)
    return [create_scan(resource, requested_by) for resource in package.resources
            if resource.id == (resource_id or resource.id) and resource.state == "active" and is_tabular(resource)
            and (force or needs_scan(resource, latest.get(resource.id)))]


class _Recorder:
    """Writes progress to the scan row now and then (a commit per update, so pages see it)."""

    def __init__(self, scan: Scan) -> None:
        self.scan, self.last = scan, 0.0

    def __call__(self, bytes_done: Optional[int], rows_done: int) -> None:
        if time.monotonic() - self.last < _PROGRESS_SECONDS:
            return
        self.last = time.monotonic()
        self.scan.bytes_done, self.scan.rows_done = bytes_done or self.scan.bytes_done, rows_done
        model.Session.commit()


def _fail(scan: Scan, code: str) -> None:
    scan.state, scan.error, scan.finished_at = FAILED, code, _now()


def run_scan(scan_id: str, progress: Optional[Any] = None) -> Optional[str]:
    """The job: scan the file, store the findings; returns the final state. `progress(bytes, rows)`
    is called besides the row updates (the CLI prints it)."""
    scan = model.Session.get(Scan, scan_id)
    resource = model.Resource.get(scan.resource_id) if scan else None
    if scan is None or resource is None or resource.state != "active":
        log.warning("Privacy scan %s: scan or resource gone", scan_id)
        if scan is not None and scan.state in (QUEUED, RUNNING):  # nothing left to scan: not waiting for ever
            _fail(scan, "resource_gone")
            model.Session.commit()
        return None
    if scan.state != QUEUED and not (scan.state == RUNNING and jobs.is_repeat()):
        if jobs.is_repeat():  # the last attempt stored the scan, then failed (Solr away while reindexing)
            _publish_result(scan)
        return scan.state  # already run, by the CLI or an earlier job
    scan.state, scan.started_at = RUNNING, _now()
    model.Session.commit()
    recorder, seen = _Recorder(scan), {"rows": 0}

    def report(bytes_done: Optional[int], rows_done: int) -> None:
        seen["rows"] = rows_done
        recorder(bytes_done, rows_done)
        if progress:
            progress(bytes_done, rows_done)

    try:
        with local_copy(resource) as path:
            scan.bytes_total = os.path.getsize(path)
            columns = scan_file(path, declared_kind(resource), report)
    except SourceError as error:
        _fail(scan, ":".join([error.code, *map(str, error.params.values())]))
    except UnreadableTable as error:
        _fail(scan, f"unreadable:{error.args[0]}")
    except Exception:  # noqa: BLE001 - the scan must not stay "running" for ever
        log.exception("Privacy scan %s failed", scan_id)
        model.Session.rollback()
        scan = model.Session.get(Scan, scan_id)
        _fail(scan, "internal")
    else:
        scan.columns, scan.personal = columns, any(column["kinds"] for column in columns)
        scan.state, scan.finished_at = DONE, _now()
        scan.bytes_done, scan.rows_done = scan.bytes_total, seen["rows"]
    model.Session.commit()
    _after_scan(scan)
    return scan.state


def _after_scan(scan: Scan) -> None:
    from . import notices

    notices.scan_finished(scan)
    _publish_result(scan)


def _publish_result(scan: Scan) -> None:
    from .status import settle_desensitization

    settle_desensitization(scan.package_id)  # a masked copy's clean scan completes the masking
    # What the public may see of the entry can have changed: reindex it.
    search.rebuild(scan.package_id)
