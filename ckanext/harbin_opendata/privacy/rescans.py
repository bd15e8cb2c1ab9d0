"""A rescan someone asks for (harbin_privacy_scan), file by file:

- a file whose scan is queued or running gets no second one: the answer names that scan (repeated
  requests cannot fill the shared queue);
- an uploaded file whose latest scan is clean, by the current reader, of the same bytes (SHA-256)
  with the same detector settings (scan_inputs.py) is not scanned again: the result cannot differ,
  and a new scan would hide the published file until it ends. The answer says the scan is current;
- any other file is scanned again and hidden meanwhile (fail closed): its scan found something or
  failed, the reader or settings changed, or it is a link whose server may answer otherwise now."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.downloads import FileError
from ..common.scanned_links import digests_of
from . import jobs
from .model import DONE, QUEUED, READER, RUNNING, Scan, fingerprint, latest_scans
from .scan_inputs import detector_settings, strict_for

__all__ = ["Rescans", "request_rescans"]


@dataclasses.dataclass
class Rescans:
    scans: list[Scan] = dataclasses.field(default_factory=list)  # new, queued
    queued: list[Scan] = dataclasses.field(default_factory=list)  # already queued or running
    current: list[str] = dataclasses.field(default_factory=list)  # resource ids: a new scan cannot differ


def _in_progress(scan: Scan, resource: model.Resource) -> bool:
    """Queued or running on the current file; a scan running longer than a job may is dead."""
    if scan.fingerprint != fingerprint(resource) or scan.state not in (QUEUED, RUNNING):
        return False
    limit = dt.timedelta(seconds=tk.config["ckanext.harbin_opendata.privacy.job_timeout"])
    return scan.state == QUEUED or scan.started_at is None or \
        scan.started_at > dt.datetime.now(dt.timezone.utc) - limit


def _upload_digest(resource: model.Resource) -> Optional[str]:
    if resource.url_type != "upload":
        return None  # a link's bytes are known only by fetching it again: scanning it is that
    try:
        with jobs.file_of(resource) as path:
            return digests_of(path, 0)["digest"]
    except FileError:
        return None


def _current(scan: Scan, resource: model.Resource) -> bool:
    """A clean scan whose file, reader and settings are the resource's now."""
    clean = scan.state == DONE and scan.personal is False and scan.confident is True
    return clean and scan.reader == READER and scan.fingerprint == fingerprint(resource) and \
        scan.settings == detector_settings(resource, strict_for(resource)) and \
        scan.digest is not None and scan.digest == _upload_digest(resource)


def request_rescans(package: model.Package, requested_by: Optional[str], resource_id: Optional[str]) -> Rescans:
    """New scans for the entry's files (all, or `resource_id`) that need one; the caller commits,
    then queues them (jobs.enqueue_after_commit)."""
    latest, found = latest_scans(package.id), Rescans()
    for resource in package.resources:
        if resource.id != (resource_id or resource.id) or resource.state != "active" or not resource.url:
            continue
        scan = latest.get(resource.id)
        if scan is not None and _in_progress(scan, resource):
            found.queued.append(scan)
        elif scan is not None and _current(scan, resource):
            found.current.append(resource.id)
        else:
            found.scans.extend(jobs.scan_package(package, requested_by, force=True, resource_id=resource.id))
    return found
