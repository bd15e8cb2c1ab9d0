"""Background jobs of the suite, run by `ckan harbin worker harbin_opendata:default` through Redis."""
from __future__ import annotations

from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search

from .common.jobs import RETRY_INTERVALS, is_repeat, retry as retry_policy

__all__ = ["enqueue", "reindex_datasets", "all_dataset_ids", "is_repeat", "RETRY_INTERVALS"]


def enqueue(fn: Callable[..., Any], args: list[Any], title: str, queue: Optional[str] = None,
            timeout: Optional[int] = None, retry: bool = True, job_id: Optional[str] = None) -> Any:
    """Queue `fn(*args)` (on the suite's queue unless another is named); returns the RQ job. With
    `retry`, a failure is tried again after RETRY_INTERVALS: only for jobs that may run twice."""
    rq_kwargs: dict[str, Any] = {"job_id": job_id} if job_id else {}
    if timeout:
        rq_kwargs["timeout"] = timeout
    if retry:
        rq_kwargs["retry"] = retry_policy()
    return tk.enqueue_job(fn, args, title=title, queue=queue or tk.config["ckanext.harbin_opendata.jobs.queue"],
                          rq_kwargs=rq_kwargs)


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
