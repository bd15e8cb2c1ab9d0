"""Running one harvest source now, in this process: for `ckan harbin harvest run`, tests and the
benchmark. At scale the same stages run in `ckan harvester gather-consumer` / `fetch-consumer`.

A job of the source left behind is dealt with first: one that never reached its gather is run;
one whose gather ended is finished; one without progress for longer than `harvest.job_timeout`
(its consumer died) is finished with a message. A job younger than that is left to its consumers.
The run itself stops at the timeout, and whatever happens the job ends "Finished" with the reason.
Entries updated are indexed as they are saved; new entries are sent to the search index together,
`INDEX_BATCH` at a time (one Solr add each, each document made from the entry's read as it was saved,
common/saved_dicts.py), and one search-index commit ends the run. An entry the
index does not take stays saved: its object fails saying why, and the next run saves and indexes it.
The records are imported by `harvest.workers` processes at once (workers.py), the withdrawals after
them by this process; a process that dies or a timeout finishes the job with its objects left as errors.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import time
from typing import Any, Callable, Iterator, Optional

from sqlalchemy.orm import joinedload

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search
from ckanext.harvest import queue
from ckanext.harvest.model import HarvestJob, HarvestObject, HarvestObjectError

from ckanext.harbin_opendata.common.indexing import batched_new_entries, index_entries, unindexed

from . import codes, importer, sourceconfig, workers
from .mapping import record_tags
from .objects import HASH_KEY, finish_job, set_extra, site_user
from .report import job_summary
from .values import ValueMaps

__all__ = ["run_source", "job_summary", "JobRunning", "recover"]

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]
INDEX_BATCH = 100  # new entries sent to the search index in one add


class JobRunning(Exception):
    """A job of the source is in progress elsewhere (queue consumers); the message says since when."""


def _context() -> dict[str, Any]:
    return {"user": site_user(), "ignore_auth": True, "model": model, "session": model.Session}


def _timeout() -> dt.timedelta:
    return dt.timedelta(minutes=tk.config["ckanext.harbin_opendata.harvest.job_timeout"])


def _stop(job: HarvestJob, message: str) -> None:
    """Finish a job now: its unfinished objects become errors, the reason a gather error."""
    for obj in HarvestObject.filter(harvest_job_id=job.id).filter(~HarvestObject.state.in_(["COMPLETE", "ERROR"])):
        obj.state, obj.report_status = "ERROR", "errored"
        model.Session.add(HarvestObjectError(message=message, object=obj, stage="Import"))
    finish_job(job, message)


def recover(source_id: str) -> Optional[HarvestJob]:
    """Deal with the source's unfinished jobs; the one to run now, if one never started."""
    tk.get_action("harvest_jobs_run")(_context(), {"source_id": source_id})  # finishes completed jobs
    model.Session.expire_all()
    _index_lost(source_id)
    for job in HarvestJob.filter(source_id=source_id).filter(HarvestJob.status.in_(["New", "Running"])):
        if job.status == "New" or job.gather_started is None:
            return job  # created while the queue was down: never gathered
        idle = dt.datetime.utcnow() - job.get_last_action_time()
        if idle > _timeout():
            _stop(job, tk._("Job stopped: no progress for {minutes} minutes (since {time} UTC); finished by "
                            "“ckan harbin harvest run”.").format(minutes=int(idle.total_seconds() // 60),
                                                                 time=job.get_last_action_time().isoformat(" ", "seconds")))
        else:
            raise JobRunning(tk._("A harvest of this source is running (last progress {time} UTC); it is taken as "
                                  "stalled after {minutes} minutes without progress.").format(
                time=job.get_last_action_time().isoformat(" ", "seconds"),
                minutes=int(_timeout().total_seconds() // 60)))
    return None


def _index_lost(source_id: str) -> None:
    """Index the source's entries a run saved but never sent to the search index: it died (killed,
    out of memory, the database gone) before sending their batch; their content hashes are stored,
    so without this the next runs would skip them as unchanged, absent from search for good."""
    current = [row[0] for row in model.Session.query(HarvestObject.package_id).filter(
        HarvestObject.harvest_source_id == source_id, HarvestObject.current.is_(True),
        HarvestObject.package_id.isnot(None)).distinct()]
    lost = unindexed(current)
    if lost:
        log.warning("Harvest source %s: %d entries saved but not in the search index, indexed now", source_id, len(lost))
        failed = index_entries(lost)
        if failed:
            log.error("Harvest source %s: %d entries still not in the search index: %s", source_id, len(failed),
                      "; ".join(f"{key}: {value}" for key, value in list(failed.items())[:5]))


@contextlib.contextmanager
def _one_index_commit() -> Iterator[None]:
    """Entries are sent to the search index as they are saved, committed once at the end."""
    committing = tk.config.get("ckan.search.solr_commit")
    tk.config["ckan.search.solr_commit"] = False
    try:
        yield
    finally:
        tk.config["ckan.search.solr_commit"] = committing
        if committing:
            search.commit()


def _index_batch(job_id: str, batch: list[str]) -> None:
    """Send the batch's new entries to the search index. The object of an entry the index did not
    take fails with the reason and loses its content hash: the next run saves the entry again
    (an update, indexed as it is saved) instead of skipping it as unchanged."""
    try:
        failed = index_entries(batch)
    except Exception as error:  # the database or the index gave out: none of the batch is sure
        log.exception("Indexing the entries of harvest job %s failed", job_id)
        model.Session.rollback()
        failed = dict.fromkeys(batch, f"{type(error).__name__}: {error}")
    batch.clear()
    if not failed:
        return
    for obj in HarvestObject.filter(harvest_job_id=job_id).filter(HarvestObject.package_id.in_(list(failed))):
        obj.state, obj.report_status = "ERROR", "errored"
        set_extra(obj, HASH_KEY, "")
        model.Session.add(HarvestObjectError(object=obj, stage="Import", message=tk._(
            "Saved but not in the search index: {error}. The next harvest of this source indexes it.").format(
            error=failed[obj.package_id])))
    model.Session.commit()


def _object(object_id: str) -> Optional[HarvestObject]:
    """The object with its extras, in one statement (the fetch and import read them first thing)."""
    return model.Session.query(HarvestObject).options(joinedload(HarvestObject.extras)) \
        .filter(HarvestObject.id == object_id).one_or_none()


def _process(harvester: Any, obj: HarvestObject) -> None:
    """Fetch and import one object with one commit (ckanext-harvest's own loop commits 4 times)
    and one update of the object: its times are set with its outcome, not before the import
    (where the import's first query would flush them in an update of their own)."""
    fetch_started, fetch_finished = dt.datetime.utcnow(), None
    try:
        fetched = harvester.fetch_stage(obj)
        fetch_finished = dt.datetime.utcnow()
        result = harvester.import_stage(obj) if fetched is True else False
    except Exception as error:  # the harvesters report their own; this is the last net
        log.exception("Harvest of object %s failed", obj.id)
        model.Session.rollback()
        model.Session.add(HarvestObjectError(message=f"{type(error).__name__}: {error}", object=obj, stage="Import"))
        result = False
    obj.fetch_started, obj.import_finished = fetch_started, dt.datetime.utcnow()
    if fetch_finished is not None:
        obj.fetch_finished = obj.import_started = fetch_finished
    obj.state = "COMPLETE" if result else "ERROR"
    if result == "unchanged":
        obj.report_status = "not modified"
    elif not result:
        obj.report_status = "errored"
    elif obj.current is False:
        obj.report_status = "deleted"
    elif result in ("added", "updated"):  # import_record knows: no count of the entry's objects
        obj.report_status = result
    else:
        obj.report_status = "updated" if HarvestObject.filter(package_id=obj.package_id).limit(2).count() == 2 \
            else "added"
    model.Session.add(obj)
    model.Session.commit()


def _workers(records: int) -> int:
    return max(1, min(int(tk.config["ckanext.harbin_opendata.harvest.workers"]), records))


def _new_tags(job: HarvestJob) -> Callable[[dict], list[str]]:
    """The tags of a record that are not saved yet (workers.split keeps records sharing one together)."""
    maps = ValueMaps(sourceconfig.load(job.source.config).get("value_maps"))
    saved = {name for (name,) in model.Session.query(model.Tag.name).filter(model.Tag.vocabulary_id.is_(None))}
    return lambda record: [f"tag:{name}" for name in record_tags(record, maps) if name not in saved]


def _contents(object_ids: list[str]) -> dict[str, Optional[str]]:
    return dict(model.Session.query(HarvestObject.id, HarvestObject.content).filter(HarvestObject.id.in_(object_ids)))


class _Import:
    """Fetch and import a part of a job's objects, sending its new entries to the search index in
    batches; stops at the job's deadline. The records done and a timeout are counted for all parts;
    only the process that runs the job tells `progress` (a forked one would draw over its output)."""

    def __init__(self, harvester: Any, job_id: str, total: int, deadline: float, progress: Optional[Progress]):
        self.harvester, self.job_id, self.total, self.deadline, self.progress = harvester, job_id, total, deadline, progress
        self.done, self.timed_out = workers.shared_counter(), workers.shared_counter()
        self.reporter = os.getpid()

    def __call__(self, object_ids: list[str]) -> None:
        importer.forget_job()  # a forked process reads the job with its own connection
        with batched_new_entries(unread=(HarvestObject,)) as batch:  # made current with its entry
            try:
                for object_id in object_ids:
                    if time.monotonic() > self.deadline:
                        self.timed_out.add()
                        break
                    _process(self.harvester, _object(object_id))
                    if len(batch) >= INDEX_BATCH:
                        _index_batch(self.job_id, batch)
                    done = self.done.add()
                    if self.progress and os.getpid() == self.reporter:
                        self.progress("import", done, self.total)
            finally:
                _index_batch(self.job_id, batch)


def _import_all(harvester: Any, job: HarvestJob, object_ids: list[str], deadline: float,
                progress: Optional[Progress]) -> None:
    """The records in parallel processes, then the other objects (withdrawals) here; the job is
    stopped when a process died or the deadline passed."""
    job_id = job.id
    parts, rest = workers.split(object_ids, _contents(object_ids), _workers(len(object_ids)), _new_tags(job))
    work = _Import(harvester, job_id, len(object_ids), deadline, progress)
    codes.share(sourceconfig.load(job.source.config).get("resource_code_prefix") if len(parts) > 1 else None)
    try:
        failures = workers.in_processes(parts, work)
    finally:
        codes.share(None)
    if failures:
        _stop(HarvestJob.get(job_id), tk._("A process importing this job's records ended unexpectedly ({failure}): "
                                           "its records not imported are errors, nothing was withdrawn; the next "
                                           "harvest imports them.").format(failure="; ".join(failures)))
        return
    if not work.timed_out.value:
        work(rest)
    if work.timed_out.value:
        _stop(HarvestJob.get(job_id), tk._("Job stopped after {minutes} minutes (harvest.job_timeout).")
              .format(minutes=int(_timeout().total_seconds() // 60)))


def run_source(source_id: str, progress: Optional[Progress] = None) -> dict[str, Any]:
    """Run a job of the source now: gather, then fetch and import each object, then finish the
    job. `progress(stage, done, total)` is told how far it got (by any of the importing processes).
    Returns job_summary()."""
    source = model.Package.get(source_id)
    source_id = source.id if source else source_id
    job = recover(source_id) or HarvestJob.get(
        tk.get_action("harvest_job_create")(_context(), {"source_id": source_id, "run": False})["id"])
    job_id = job.id
    job.status = "Running"
    job.save()
    deadline = time.monotonic() + _timeout().total_seconds()
    try:
        harvester = queue.get_harvester(job.source.type)
        if harvester is None:
            raise tk.ObjectNotFound(f"no harvester of type {job.source.type}")
        if progress:
            progress("gather", 0, 0)
        object_ids = queue.gather_stage(harvester, job)
        object_ids = object_ids if isinstance(object_ids, list) else []
        model.Session.commit()
        with _one_index_commit():
            _import_all(harvester, HarvestJob.get(job_id), object_ids, deadline, progress)
    except Exception as error:
        log.exception("Harvest job %s failed", job_id)
        model.Session.rollback()
        _stop(HarvestJob.get(job_id), tk._("The harvest failed: {error}").format(error=f"{type(error).__name__}: {error}"))
    tk.get_action("harvest_jobs_run")(_context(), {"source_id": source_id})
    return job_summary(job_id)
