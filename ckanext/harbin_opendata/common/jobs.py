"""What every background job of the suite may ask about its own run: whether it ran before (taken
over after its worker died, or tried again after it failed), and the retry schedule of jobs that
may run twice. `ckan harbin worker` (ops) takes over and retries; any area's job may use this."""
from __future__ import annotations

from typing import Any

import rq

__all__ = ["RECOVERED", "RETRY_INTERVALS", "retry", "is_repeat", "run_queued_jobs"]

# The job meta key counting the times a job was taken over from a dead worker (ops/recovery.py).
RECOVERED = "harbin_recovered"

# Seconds before a failed job is tried again (a Solr node failing over, PostgreSQL restarting): three
# more tries, the last one 12 minutes after the first failure. `ckan harbin worker` runs them.
RETRY_INTERVALS = [30, 120, 600]


def retry() -> Any:
    """RQ's retry for a job that may run twice (rq_kwargs["retry"])."""
    return rq.Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS)


def is_repeat() -> bool:
    """Whether the job running now ran before: taken over after its worker died in the middle of it,
    or tried again after it failed. Work it recorded as started or done may be unfinished: redo what
    is safe to redo instead of skipping it."""
    job = rq.get_current_job()
    if job is None:
        return False
    retried = job.retries_left is not None and job.retries_left < len(RETRY_INTERVALS)
    return bool(job.meta.get(RECOVERED)) or retried


def run_queued_jobs() -> int:
    """Run every job waiting on the site's queues now, in this process, until none is left (the
    demo loader needs the personal-data checks done before it publishes); returns how many ran."""
    from ckan.lib.jobs import get_all_queues

    queues = get_all_queues()
    if not queues:
        return 0
    waiting = sum(len(queue) for queue in queues)
    rq.SimpleWorker(queues, connection=queues[0].connection).work(burst=True)
    return waiting
