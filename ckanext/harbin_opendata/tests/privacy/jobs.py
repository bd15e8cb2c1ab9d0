"""Running the privacy area's background jobs in a test, as a worker would: every job waiting on
the site's queues in Redis runs here, in this process (rq's SimpleWorker, burst)."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.common.jobs import run_queued_jobs
from ckanext.harbin_opendata.privacy.model import QUEUED, Scan, Withheld

__all__ = ["run_scans", "mask_now"]


def run_scans(package_id: str) -> list[Scan]:
    """Run the queued jobs; returns the entry's scans that were waiting, done now."""
    waiting = [scan.id for scan in model.Session.query(Scan).filter(Scan.package_id == package_id,
                                                                      Scan.state == QUEUED)]
    run_queued_jobs()
    model.Session.expire_all()
    return [model.Session.get(Scan, scan_id) for scan_id in waiting]


def mask_now(user: str, resource_id: str, rules: Optional[dict[str, Any]] = None) -> str:
    """Ask for a masked copy and let the worker write it (and scan it); returns the copy's id."""
    data = {"resource_id": resource_id, **({"rules": rules} if rules is not None else {})}
    tk.get_action("harbin_privacy_mask")({"user": user}, data)
    run_queued_jobs()
    run_queued_jobs()  # the copy's own scan, queued by the masking job
    model.Session.expire_all()
    return model.Session.get(Withheld, resource_id).masked_resource_id
