"""Background jobs of the suite, run by `ckan jobs worker harbin_opendata:default` through Redis."""
from __future__ import annotations

from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search

__all__ = ["enqueue", "reindex_datasets", "all_dataset_ids", "run_queued_jobs"]


def enqueue(fn: Callable[..., Any], args: list[Any], title: str) -> Any:
    """Queue `fn(*args)` on the suite's job queue; returns the RQ job."""
    return tk.enqueue_job(fn, args, title=title, queue=tk.config["ckanext.harbin_opendata.jobs.queue"])


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


def run_queued_jobs() -> int:
    """Run every job waiting on the site's queues now, in this process, until none is left (the
    demo loader needs the personal-data checks done before it publishes); returns how many ran."""
    import rq

    from ckan.lib.jobs import get_all_queues

    queues = get_all_queues()
    if not queues:
        return 0
    waiting = sum(len(queue) for queue in queues)
    rq.SimpleWorker(queues, connection=queues[0].connection).work(burst=True)
    return waiting
