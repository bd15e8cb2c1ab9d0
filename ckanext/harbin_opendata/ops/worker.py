"""`ckan harbin worker`: CKAN's job worker whose work horse (the child process RQ forks for each job)
dies with it. RQ puts the horse in a session of its own, so a worker killed by a crash, the OOM
killer or `kill -9` would leave its horse running the job unsupervised while the job is queued
again by ops/recovery.py. With the kernel's parent-death signal the horse is killed at once: a job
runs in at most one process."""
from __future__ import annotations

import ctypes
import ctypes.util
import signal
from typing import Any

from ckan.lib.jobs import Worker

from .recovery import requeue_abandoned
from .solr_failover import install

__all__ = ["HorseBoundWorker", "run"]

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")


class HorseBoundWorker(Worker):
    def main_work_horse(self, job: Any, queue: Any) -> Any:
        _die_with_parent()
        return super().main_work_horse(job, queue)


def run(queues: list[str], burst: bool = False) -> None:
    """Queue again the jobs of dead workers, then work on `queues` until stopped (or, with `burst`,
    until they are empty)."""
    install()
    requeue_abandoned()
    # with_scheduler: this worker also queues the jobs due to be tried again (jobs.RETRY_INTERVALS)
    HorseBoundWorker(queues).work(burst=burst, with_scheduler=True)
