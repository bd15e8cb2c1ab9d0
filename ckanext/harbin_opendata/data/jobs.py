"""The DataStore's background work: after every change of what the personal-data area says of an
entry (a scan settled, a copy masked, a file replaced), one job brings the entry's tables in line:
tables of resources no longer public are dropped first, then clean uploads not loaded yet (or
loaded from an older version of the file) are loaded. Each step commits on its own."""
from __future__ import annotations

import logging
from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.downloads import FileError
from ..common.indexing import reindex_as_committed
from ..common.jobs import retry
from ..common.tabular import TableError
from .consistency_check import check_entry
from .failures import clear_failure, record_failure
from .load import LoadError, drop_table, load_table, loaded_scan
from .plan import plan_for
from .table_view import add_table_views, remove_table_views

__all__ = ["enqueue_sync", "sync_entry", "load_planned", "enqueue_check", "check_job"]

log = logging.getLogger(__name__)


def enqueue_sync(package_id: str) -> None:
    """Queue the entry's sync (it reads the committed state when it runs). Redis away: logged, not
    raised (a scan or a deletion must not fail for it); the tables stay locked by the auth rules
    until the next sync."""
    try:
        tk.enqueue_job(sync_entry, [package_id], title=f"DataStore sync {package_id}",
                       queue=tk.config["ckanext.harbin_opendata.data.queue"],
                       rq_kwargs={"timeout": tk.config["ckanext.harbin_opendata.data.job_timeout"], "retry": retry()})
    except Exception:  # noqa: BLE001 - see above
        log.exception("Could not queue the DataStore sync of %s", package_id)


def enqueue_check(package_id: str) -> None:
    """Queue a check of the entry's tables against its data items (they were edited). Redis away:
    logged; the next sync checks."""
    try:
        tk.enqueue_job(check_job, [package_id], title=f"DataStore check {package_id}",
                       queue=tk.config["ckanext.harbin_opendata.data.queue"], rq_kwargs={"retry": retry()})
    except Exception:  # noqa: BLE001 - see above
        log.exception("Could not queue the data check of %s", package_id)


def check_job(package_id: str) -> dict[str, list[dict[str, str]]]:
    try:
        return check_entry(package_id)
    finally:
        model.Session.remove()


def _still_planned(package_id: str, resource_id: str, scan_id: str) -> bool:
    """The load of the resource's file as the scan `scan_id` read it is still what the entry, as
    committed now, wants."""
    model.Session.expire_all()  # the rows as committed now, not as this job first read them
    return (plan_for(package_id).load.get(resource_id) or {}).get("id") == scan_id


def load_planned(package_id: str, resource_id: str, scan: dict[str, Any]) -> Optional[str]:
    """Load one resource's table as planned: "loaded", "failed" (recorded for the agency), or None
    when the plan no longer holds once the load may start."""
    try:
        rows = load_table(model.Resource.get(resource_id), scan,
                          lambda: _still_planned(package_id, resource_id, scan["id"]))
    except (LoadError, TableError, FileError) as error:
        log.warning("DataStore load of resource %s failed: %r", resource_id, error)
        record_failure(resource_id, error.stored())
        return "failed"
    if rows is None:
        log.info("DataStore: the load of resource %s was no longer planned when it could start", resource_id)
        return None
    clear_failure(resource_id)
    add_table_views(resource_id)
    log.info("DataStore: %s rows of resource %s loaded", rows, resource_id)
    return "loaded"


def sync_entry(package_id: str) -> dict[str, list[str]]:
    """The job: drop the tables of resources the public may not see, load the clean ones; returns
    what it did (resource ids under "dropped", "loaded", "failed")."""
    done: dict[str, list[str]] = {"dropped": [], "loaded": [], "failed": []}
    plan = plan_for(package_id)
    for resource_id in sorted(plan.drop):
        drop_table(resource_id)
        remove_table_views(resource_id)
        clear_failure(resource_id)
        done["dropped"].append(resource_id)
    for resource_id, scan in plan.load.items():
        if loaded_scan(resource_id) != scan["id"]:
            outcome = load_planned(package_id, resource_id, scan)
            if outcome:
                done[outcome].append(resource_id)
    if done["dropped"] or done["loaded"]:
        # The DataStore reindexed the entry from a read taken while a publication may have been
        # committing (the sync is queued by the scan that cleared it): index it again as committed.
        # Found by the fault drill: published entries missing from anonymous search.
        reindex_as_committed(package_id)
    # every sync checks the entry's tables against its data items again (a new file, a changed table);
    # the tables are loaded whatever the check meets (the next sync checks again)
    try:
        check_entry(package_id)
    except Exception:  # noqa: BLE001 - see above
        model.Session.rollback()
        log.exception("Could not check the tables of %s against its data items", package_id)
    model.Session.remove()
    return done
