"""Background jobs of the suite, run by `ckan harbin worker harbin_opendata:default` through Redis."""
from __future__ import annotations

from typing import Any, Callable, Optional

import rq

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search

__all__ = ["enqueue", "reindex_datasets", "all_dataset_ids", "is_repeat", "RETRY_INTERVALS"]

# Seconds before a failed job is tried again (a Solr node failing over, PostgreSQL restarting): three
# more tries, the last one 12 minutes after the first failure. `ckan harbin worker` runs them.
RETRY_INTERVALS = [30, 120, 600]


def enqueue(fn: Callable[..., Any], args: list[Any], title: str, queue: Optional[str] = None,
            timeout: Optional[int] = None, retry: bool = True, job_id: Optional[str] = None) -> Any:
    """Queue `fn(*args)` (on the suite's queue unless another is named); returns the RQ job. With
    `retry`, a failure is tried again after RETRY_INTERVALS: only for jobs that may run twice."""
    rq_kwargs: dict[str, Any] = {"job_id": job_id} if job_id else {}
    if timeout:
        rq_kwargs["timeout"] = timeout
    if retry:
        rq_kwargs["retry"] = rq.Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS)
    return tk.enqueue_job(fn, args, title=title, queue=queue or tk.config["ckanext.harbin_opendata.jobs.queue"],
                          rq_kwargs=rq_kwargs)


def is_repeat() -> bool:
    """Whether the job running now ran before: taken over after its worker died in the middle of it
    (ops/recovery.py), or tried again after it failed. Work it recorded as started or done may be
    unfinished: redo what is safe to redo instead of skipping it."""
    from .ops.recovery import RECOVERED

    job = rq.get_current_job()
    if job is None:
        return False
    retried = job.retries_left is not None and job.retries_left < len(RETRY_INTERVALS)
    return bool(job.meta.get(RECOVERED)) or retried


def all_dataset_ids() -> list[str]:
    """Ids of every active dataset, public or private."""
    query = model.Session.query(model.Package.id).filter(model.Package.state == "active")
    return [row.id for row in query]


def reindex_datasets(ids: list[str], progress: Optional[Callable[[int], None]] = None) -> int:
    """Reindex the given datasets one by one, committing to Solr at the end; returns the count."""
    for dataset_id in ids:
        search.rebuild(package_ids=[dataset_id], defer_commit=True)
        if progress:
            progress(1)
    search.commit()
    return len(ids)
