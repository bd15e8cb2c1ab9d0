"""Background jobs a worker was running when it died are queued again, at the front of their queue.

RQ itself notices an abandoned job only after the worker's heartbeat has expired (90 seconds or
more) and then fails it. Here a job is abandoned as soon as its worker is known dead: a worker of
this host whose process is gone (checked when a worker starts, so a worker restarted by supervisord
takes over its predecessor's job at once, and by the scheduler every minute), or a worker of any
host whose registration expired. A job that has killed its worker three times (say, a file that
exhausts memory) is failed instead, with the reason.
"""
from __future__ import annotations

import logging
import os
import socket
from typing import Optional

from rq import Queue, Worker
from rq.job import Job, JobStatus
from rq.registry import FailedJobRegistry, StartedJobRegistry
from rq.worker_registration import unregister

from ckan.lib import jobs as ckan_jobs

from ..common.jobs import RECOVERED

__all__ = ["requeue_abandoned", "MAX_RECOVERIES", "RECOVERED"]

log = logging.getLogger(__name__)
MAX_RECOVERIES = 3


def _process_alive(pid: Optional[int]) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _dead(worker: Optional[Worker], host: str) -> bool:
    """Gone (registration expired) or a worker of this host whose process is not running."""
    return worker is None or (worker.hostname == host and not _process_alive(worker.pid))


def _bury(worker: Worker) -> None:
    """Forget a dead worker's registration (it never got to do so itself)."""
    unregister(worker)
    worker.connection.delete(worker.key)


def _take_over(job: Job, queue: Queue, registry: StartedJobRegistry) -> bool:
    registry.remove(job, delete_job=False)
    recoveries = int(job.meta.get(RECOVERED, 0)) + 1
    if recoveries > MAX_RECOVERIES:
        job.set_status(JobStatus.FAILED)
        job._exc_info = f"Its worker died {MAX_RECOVERIES} times while running it; not queued again."  # type: ignore[assignment]
        job.save(include_meta=False)
        FailedJobRegistry(queue=queue).add(job, job.failure_ttl)
        log.error("Job %s (%s) failed: its worker died %s times", job.id, job.meta.get("title"), MAX_RECOVERIES)
        return False
    job.meta[RECOVERED] = recoveries
    job.save_meta()
    queue.enqueue_job(job, at_front=True)
    log.warning("Job %s (%s) queued again: its worker %s died", job.id, job.meta.get("title"), job.worker_name)
    return True


def requeue_abandoned() -> list[str]:
    """Queue again the jobs of dead workers on this site's queues; returns their ids."""
    host, requeued, buried = socket.gethostname(), [], set()
    for queue in ckan_jobs.get_all_queues():
        registry = StartedJobRegistry(queue=queue)
        for job_id in registry.get_job_ids():
            job = Job.fetch(job_id, connection=queue.connection) if Job.exists(job_id, queue.connection) else None
            if job is None or not job.worker_name:
                continue
            worker = Worker.find_by_key(Worker.redis_worker_namespace_prefix + job.worker_name,
                                        connection=queue.connection)
            if not _dead(worker, host):
                continue
            if worker is not None and worker.name not in buried:
                _bury(worker)
                buried.add(worker.name)
            if _take_over(job, queue, registry):
                requeued.append(job.id)
    return requeued
