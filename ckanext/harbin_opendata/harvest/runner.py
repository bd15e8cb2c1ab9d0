"""Running one harvest source synchronously (no queues): for the CLI, tests and the benchmark.
At scale the same stages run in `ckan harvester gather-consumer` and `fetch-consumer` processes."""
from __future__ import annotations

from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest import queue
from ckanext.harvest.model import HarvestJob, HarvestObject

__all__ = ["run_source", "job_summary"]


def _context() -> dict[str, Any]:
    return {"user": tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"],
            "ignore_auth": True, "model": model, "session": model.Session}


def _waiting_job(source_id: str) -> Optional[HarvestJob]:
    """A job that never reached its gather stage — created while Redis was down, it stays "New",
    or "Running" without a gather start (ckanext-harvest marks it running before queueing it).
    ckanext-harvest refuses to create another job while it exists, so this one is run."""
    source = model.Package.get(source_id)
    jobs = HarvestJob.filter(source_id=source.id if source else source_id)
    return jobs.filter((HarvestJob.status == "New") |
                       ((HarvestJob.status == "Running") & HarvestJob.gather_started.is_(None))).first()


def run_source(source_id: str, progress: Optional[Callable[[str, int, int], None]] = None) -> dict[str, Any]:
    """Run a job of the source now: gather, then fetch and import each object, then finish the
    job. `progress(stage, done, total)` is told how far it got. Returns job_summary()."""
    job = _waiting_job(source_id) or HarvestJob.get(
        tk.get_action("harvest_job_create")(_context(), {"source_id": source_id, "run": False})["id"])
    job.status = "Running"
    job.save()
    harvester = queue.get_harvester(job.source.type)
    if harvester is None:
        raise tk.ObjectNotFound(f"no harvester of type {job.source.type}")
    if progress:
        progress("gather", 0, 0)
    object_ids = queue.gather_stage(harvester, job)
    object_ids = object_ids if isinstance(object_ids, list) else []
    model.Session.commit()
    for done, object_id in enumerate(object_ids, start=1):
        queue.fetch_and_import_stages(harvester, HarvestObject.get(object_id))
        if progress:
            progress("import", done, len(object_ids))
    tk.get_action("harvest_jobs_run")(_context(), {"source_id": job.source.id})
    return job_summary(job.id)


def job_summary(job_id: str) -> dict[str, Any]:
    """Counts by outcome, gather errors and object errors of a job."""
    context = _context()
    job = tk.get_action("harvest_job_show")(context, {"id": job_id})
    report = tk.get_action("harvest_job_report")(context, {"id": job_id})
    counts: dict[str, int] = {}
    for (status,) in model.Session.query(HarvestObject.report_status).filter(HarvestObject.harvest_job_id == job_id):
        counts[status or "pending"] = counts.get(status or "pending", 0) + 1
    return {"id": job_id, "status": job["status"], "counts": counts,
            "gather_errors": [error["message"] for error in report["gather_errors"]],
            "object_errors": {value["guid"]: [e["message"] for e in value["errors"]]
                              for value in report["object_errors"].values()}}
