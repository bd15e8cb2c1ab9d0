"""The scheduled re-fetch of linked files (`ckan harbin privacy links`): each active link is fetched
again as the scan fetches it and compared, by SHA-256, with the bytes its current scan read. The
public gets the checked copy meanwhile (common/link_copies.py), so a change leaks nothing; what the
re-fetch adds is freshness and a person's attention: a link whose server now serves other bytes, or
one whose scan kept none (it failed: unreachable, too large — exempted or not), is scanned again,
hidden until the new scan ends. A link that cannot be fetched now keeps its checked copy."""
from __future__ import annotations

import dataclasses
import logging
from typing import Iterable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.downloads import FileError
from ..common.scanned_links import digests_of
from . import jobs
from .model import QUEUED, RUNNING, fingerprint, latest_scans

__all__ = ["Refetched", "refetch_links"]

log = logging.getLogger(__name__)


@dataclasses.dataclass
class Refetched:
    same: list[str] = dataclasses.field(default_factory=list)  # resource ids
    changed: list[str] = dataclasses.field(default_factory=list)  # scanned again
    unreachable: list[str] = dataclasses.field(default_factory=list)


def _links(package_ids: Optional[Iterable[str]]) -> list[model.Resource]:
    query = (model.Session.query(model.Resource).join(model.Package, model.Package.id == model.Resource.package_id)
             .filter(model.Resource.state == "active", model.Package.state == "active",
                     model.Resource.url != "", model.Resource.url.isnot(None),
                     model.Resource.url_type.is_distinct_from("upload")))
    if package_ids is not None:
        query = query.filter(model.Resource.package_id.in_(list(package_ids)))
    return query.order_by(model.Resource.package_id, model.Resource.position).all()


def _fetched_digest(resource: model.Resource) -> Optional[str]:
    try:
        with jobs.file_of(resource) as path:
            return digests_of(path, 0)["digest"]
    except FileError as error:
        log.info("Link of resource %s not fetched again: %s", resource.id, error.stored())
        return None


def refetch_links(package_ids: Optional[Iterable[str]] = None) -> Refetched:
    """Fetch every active link (of the given entries) again; queue a scan of each that changed.
    Commits."""
    done = Refetched()
    for resource in _links(package_ids):
        scan = latest_scans(resource.package_id).get(resource.id)
        if scan is None or scan.fingerprint != fingerprint(resource) or scan.state in (QUEUED, RUNNING):
            continue  # a scan of its current address is coming anyway
        fetched = _fetched_digest(resource)
        if fetched is None:  # the public keeps the checked copy, or nothing when there is none
            done.unreachable.append(resource.id)
        elif fetched == scan.digest:
            done.same.append(resource.id)
        else:  # other bytes, or the first the scan could read (it kept none): hidden until checked
            tk.get_action("harbin_privacy_scan")({"ignore_auth": True, "user": ""},
                                                 {"id": resource.package_id, "resource_id": resource.id})
            done.changed.append(resource.id)
    model.Session.rollback()
    return done
