"""The privacy area's background work: which resources need a scan, queueing scans (small files
on their own queue, so they never wait behind a large workbook), the scan job, and what follows a
scan (findings recorded and announced, the entry's desensitization status, the search index).
Each job commits its own work."""
from __future__ import annotations

import datetime as dt
import logging
import os
import time
import uuid
from typing import Any, Callable, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ..common.downloads import FileError, local_copy
from ..common.link_copies import forget_copies, keep_copy
from ..common.scanned_links import digests_of
from ..common.indexing import reindex_as_committed
from ..common.interfaces import IPublicationGateChanged
from ..common.jobs import is_repeat, retry
from ..common.tabular import Limits, TableError
from .desensitization import settle_desensitization
from .events import record_event
from .kept_exemptions import keep_exemption
from .model import DONE, FAILED, QUEUED, READER, RUNNING, Scan, fingerprint, latest_scans
from .scan.files import scan_file
from .scan_inputs import detector_settings, strict_for

__all__ = ["needs_scan", "scan_package", "enqueue", "enqueue_after_commit", "listen_for_commits", "run_scan",
           "run_queued", "requeue_orphans", "limits", "file_of", "reindex"]

log = logging.getLogger(__name__)
_PROGRESS_SECONDS = 2.0
_PENDING = "harbin_privacy_pending_scans"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def limits() -> Limits:
    return Limits(max_unpacked_bytes=tk.config["ckanext.harbin_opendata.privacy.max_unpacked_bytes"])


def scan_processes() -> int:
    return max(1, min(tk.config["ckanext.harbin_opendata.privacy.scan_processes"], os.cpu_count() or 1))


def file_of(resource: model.Resource) -> Any:
    """The resource's file as a local path (context manager), within the scan's size and time limits."""
    return local_copy(resource, tk.config["ckanext.harbin_opendata.privacy.max_bytes"],
                      tk.config["ckanext.harbin_opendata.privacy.download_timeout"])


def needs_scan(resource: model.Resource, latest: Optional[Scan]) -> bool:
    """An active resource with a file whose current version has no scan (scans made by an older
    reader do not count: model.READER)."""
    return resource.state == "active" and bool(resource.url) and (
        latest is None or latest.fingerprint != fingerprint(resource) or latest.old_reader)


def scan_package(package: model.Package, requested_by: Optional[str], force: bool = False,
                 resource_id: Optional[str] = None) -> list[Scan]:
    """New scans for the entry's resources whose current file has none (with force: every resource
    with a file; with resource_id: only that one). The caller commits, then queues or runs them."""
    latest = latest_scans(package.id)
    scans = []
    for resource in package.resources:
        wanted = resource.id == (resource_id or resource.id) and resource.state == "active" and bool(resource.url)
        if wanted and (force or needs_scan(resource, latest.get(resource.id))):
            scan = Scan(id=str(uuid.uuid4()), package_id=resource.package_id, resource_id=resource.id,
                        fingerprint=fingerprint(resource), state=QUEUED, requested_by=requested_by,
                        bytes_done=0, rows_done=0, strict=strict_for(resource))
            model.Session.add(scan)
            scans.append(scan)
    return scans


def _queue(resource: Optional[model.Resource]) -> str:
    """Small uploads on the privacy queue; large or linked files (size unknown) on the large one."""
    small = resource is not None and resource.url_type == "upload" and resource.size is not None and \
        resource.size <= tk.config["ckanext.harbin_opendata.privacy.small_file_bytes"]
    return tk.config["ckanext.harbin_opendata.privacy.queue" if small else "ckanext.harbin_opendata.privacy.large_queue"]


def enqueue(fn: Callable[..., Any], args: list[Any], title: str, resource: Optional[model.Resource] = None,
            job_id: Optional[str] = None, retried: bool = False) -> Any:
    """Queue a privacy job (scan or masking) with the privacy time limit; `retried`: tried again
    after a failure (jobs that may run twice only)."""
    rq_kwargs: dict[str, Any] = {"timeout": tk.config["ckanext.harbin_opendata.privacy.job_timeout"]}
    if job_id:
        rq_kwargs["job_id"] = job_id
    if retried:
        rq_kwargs["retry"] = retry()
    return tk.enqueue_job(fn, args, title=title, queue=_queue(resource), rq_kwargs=rq_kwargs)


def _job_id(scan_id: str) -> str:
    return f"harbin-privacy-scan-{scan_id}"  # one per scan: requeue_orphans sees whether it has its job


def _enqueue_scan(scan_id: str, resource: Optional[model.Resource]) -> None:
    enqueue(run_scan, [scan_id], f"privacy scan {scan_id}", resource, job_id=_job_id(scan_id), retried=True)


def requeue_orphans(minutes: int = 2) -> list[str]:
    """Queue again the scans of active resources still queued after `minutes` whose job is gone or
    ended: Redis was away when they were saved, or the job ended without taking them. Run by
    `ckan harbin scheduler`; returns their ids."""
    from ckan.lib.redis import connect_to_redis
    from rq.job import Job

    redis, orphans = connect_to_redis(), []
    waiting = (model.Session.query(Scan.id, Scan.resource_id).join(model.Resource, model.Resource.id == Scan.resource_id)
               .filter(Scan.state == QUEUED, Scan.created_at < _now() - dt.timedelta(minutes=minutes),
                       model.Resource.state == "active"))
    for scan_id, resource_id in waiting.all():
        job_id = _job_id(scan_id)
        status = Job.fetch(job_id, connection=redis).get_status() if Job.exists(job_id, redis) else None
        if status in (None, "finished", "failed", "stopped", "canceled"):
            _enqueue_scan(scan_id, model.Resource.get(resource_id))
            orphans.append(scan_id)
    model.Session.rollback()
    return orphans


def enqueue_after_commit(scans: list[Scan]) -> None:
    """Queue the jobs once the transaction that created the scans is committed (not before: the
    worker would not find them; not at all when it is rolled back)."""
    model.Session.info.setdefault(_PENDING, []).extend((scan.id, scan.resource_id) for scan in scans)


def _enqueue_pending(session: Any) -> None:
    for scan_id, resource_id in session.info.pop(_PENDING, []):
        try:
            _enqueue_scan(scan_id, model.Resource.get(resource_id))
        except Exception:  # noqa: BLE001 - Redis down: the scan stays queued (hidden); requeue_orphans retries
            log.exception("Could not queue privacy scan %s", scan_id)


def _forget_pending(session: Any, *args: Any) -> None:
    session.info.pop(_PENDING, None)


def listen_for_commits() -> None:
    if not sa.event.contains(model.Session, "after_commit", _enqueue_pending):
        sa.event.listen(model.Session, "after_commit", _enqueue_pending)
        sa.event.listen(model.Session, "after_rollback", _forget_pending)


class _Recorder:
    """Writes progress to the scan row now and then (a commit per update, so pages see it)."""

    def __init__(self, scan: Scan, progress: Optional[Callable[[int], None]]) -> None:
        self.scan, self.progress, self.last, self.rows = scan, progress, 0.0, 0

    def __call__(self, rows_done: int) -> None:
        self.rows = rows_done
        if self.progress:
            self.progress(rows_done)
        if time.monotonic() - self.last >= _PROGRESS_SECONDS:
            self.last = time.monotonic()
            self.scan.rows_done = rows_done
            model.Session.commit()


def _fail(scan: Scan, code: str) -> None:
    scan.state, scan.error, scan.finished_at = FAILED, code, _now()


def _scan(scan: Scan, resource: model.Resource, recorder: _Recorder) -> None:
    optional = tk.config["ckanext.harbin_opendata.privacy.optional_kinds"]
    scan.settings = detector_settings(resource, scan.strict)  # a rescan with the same is not needed (rescans.py)
    with file_of(resource) as path:
        scan.bytes_total = os.path.getsize(path)
        # what the platform may show of a link (common/scanned_links.py); an upload's bytes (rescans.py)
        digests = digests_of(path, tk.config.get("ckanext.harbin_opendata.preview.max_bytes") or 0)
        scan.digest, scan.head_digest = digests["digest"], digests["head_digest"]
        if resource.url_type != "upload":  # the link's download serves these bytes only (common/link_copies.py)
            keep_copy(resource.id, path, scan.digest)
        else:  # a link replaced by an upload: its copies are no longer served
            forget_copies(resource.id)
        result = scan_file(path, limits(), strict=scan.strict, confirmed=scan.settings["layout"],
                           optional_kinds=optional, progress=recorder, processes=scan_processes())
    scan.columns, scan.tables, scan.personal = result.columns, result.tables, result.personal
    scan.confident = result.confident
    scan.state, scan.finished_at = DONE, _now()
    scan.bytes_done, scan.rows_done = scan.bytes_total, result.rows


def run_scan(scan_id: str, progress: Optional[Callable[[int], None]] = None) -> Optional[str]:
    """The job: scan the file, store the findings; returns the final state."""
    scan = model.Session.get(Scan, scan_id)
    resource = model.Resource.get(scan.resource_id) if scan else None
    if scan is None or resource is None or resource.state != "active":
        log.warning("Privacy scan %s: scan or resource gone", scan_id)
        if scan is not None and scan.state in (QUEUED, RUNNING):  # nothing left to scan: not waiting for ever
            _fail(scan, "resource_gone")
            model.Session.commit()
        return None
    repeat = is_repeat()  # taken over from a dead worker, or tried again after a failure
    if scan.state != QUEUED and not (scan.state == RUNNING and repeat):
        if repeat and scan.state in (DONE, FAILED):  # stored, then failed after (Solr away while reindexing)
            _settle(scan.package_id)
        return scan.state  # already run, by the CLI or an earlier job
    scan.state, scan.started_at, scan.reader = RUNNING, _now(), READER
    model.Session.commit()
    try:
        _scan(scan, resource, _Recorder(scan, progress))
    except (FileError, TableError) as error:
        _fail(scan, error.stored())
    except Exception:  # noqa: BLE001 - the scan must not stay "running" for ever
        log.exception("Privacy scan %s failed", scan_id)
        model.Session.rollback()
        scan = model.Session.get(Scan, scan_id)
        _fail(scan, "internal")
    _keep_exemption(scan)
    model.Session.commit()
    _after_scan(scan)
    return scan.state


def _keep_exemption(scan: Scan) -> None:
    """A reviewer's exemption of the same file's scan by an older reader, when it covers this one
    (kept_exemptions.py); audited as granted anew, naming the scan it comes from."""
    kept = keep_exemption(scan)
    if kept is not None:
        record_event("privacy_exemption", scan.package_id, None, comment=kept.reason,
                     details={"resource_id": scan.resource_id, "scan_id": scan.id, "kept_from_scan_id": kept.scan_id,
                              "granted_by": kept.granted_by})


def run_queued(package_id: str, progress: Optional[Callable[[int], None]] = None) -> list[Scan]:
    """Run the entry's queued scans now, in this process (the CLI)."""
    scans = model.Session.query(Scan).filter(Scan.package_id == package_id, Scan.state == QUEUED).all()
    model.Session.info.pop(_PENDING, None)
    for scan in scans:
        run_scan(scan.id, progress)
    return scans


def _after_scan(scan: Scan) -> None:
    if scan.personal or scan.state == FAILED or scan.confident is False:
        columns = [column["header"] or "#{}".format(column["column"] + 1) for column in scan.personal_columns]
        record_event("privacy_findings", scan.package_id, None, comment="、".join(columns) or scan.error,
                     details={"resource_id": scan.resource_id, "scan_id": scan.id, "columns": columns,
                              "error": scan.error, "confident": scan.confident}, announce=True)
        model.Session.commit()
    _settle(scan.package_id)


def _settle(package_id: str) -> None:
    """What follows a scan: the entry's desensitization status, the areas that wait for the
    publication gate (review publishes a trusted harvest held by it), the search index."""
    settle_desensitization(package_id)
    package = model.Package.get(package_id)
    if package is not None:
        for plugin in p.PluginImplementations(IPublicationGateChanged):
            plugin.publication_blockers_changed(package)
        model.Session.commit()
    reindex(package_id)  # what the public may see of the entry may have changed


def reindex(package_id: str) -> None:
    """Index the entry as committed (common/indexing.py). Commits."""
    reindex_as_committed(package_id)
