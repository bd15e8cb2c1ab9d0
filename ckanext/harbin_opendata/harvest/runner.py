"""Running one harvest source now, in this process: for `ckan harbin harvest run`, tests and the
benchmark. At scale the same stages run in `ckan harvester gather-consumer` / `fetch-consumer`.

A job of the source left behind is dealt with first: one that never reached its gather is run;
one whose gather ended is finished; one without progress for longer than `harvest.job_timeout`
(its consumer died) is finished with a message. A job younger than that is left to its consumers.
The run itself stops at the timeout, and whatever happens the job ends "Finished" with the reason.
Entries updated are indexed as they are saved; new entries are sent to the search index together,
`INDEX_BATCH` at a time (one Solr add each), and one search-index commit ends the run. An entry the
index does not take stays saved: its object fails saying why, and the next run saves and indexes it.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from typing import Any, Callable, Iterator, Optional

from sqlalchemy.orm import joinedload

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search
from ckanext.harvest import queue
from ckanext.harvest.model import HarvestJob, HarvestObject, HarvestObjectError

from ckanext.harbin_opendata.common.indexing import batched_new_entries, index_entries, unindexed

from .objects import HASH_KEY, finish_job, set_extra, site_user
from .report import job_summary

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
    """Fetch and import one object with one commit (ckanext-harvest's own loop commits 4 times)."""
    obj.fetch_started = dt.datetime.utcnow()
    try:
        fetched = harvester.fetch_stage(obj)
        obj.fetch_finished = obj.import_started = dt.datetime.utcnow()
        result = harvester.import_stage(obj) if fetched is True else False
    except Exception as error:  # the harvesters report their own; this is the last net
        log.exception("Harvest of object %s failed", obj.id)
        model.Session.rollback()
        model.Session.add(HarvestObjectError(message=f"{type(error).__name__}: {error}", object=obj, stage="Import"))
        result = False
    obj.import_finished = dt.datetime.utcnow()
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


def run_source(source_id: str, progress: Optional[Progress] = None) -> dict[str, Any]:
    """Run a job of the source now: gather, then fetch and import each object, then finish the
    job. `progress(stage, done, total)` is told how far it got. Returns job_summary()."""
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
        with _one_index_commit(), batched_new_entries() as batch:
            try:
                for done, object_id in enumerate(object_ids, start=1):
                    if time.monotonic() > deadline:
                        _stop(HarvestJob.get(job_id), tk._("Job stopped after {minutes} minutes (harvest.job_timeout).")
                              .format(minutes=int(_timeout().total_seconds() // 60)))
                        break
                    _process(harvester, _object(object_id))
                    if len(batch) >= INDEX_BATCH:
                        _index_batch(job_id, batch)
                    if progress:
                        progress("import", done, len(object_ids))
            finally:
                _index_batch(job_id, batch)
    except Exception as error:
        log.exception("Harvest job %s failed", job_id)
        model.Session.rollback()
        _stop(HarvestJob.get(job_id), tk._("The harvest failed: {error}").format(error=f"{type(error).__name__}: {error}"))
    tk.get_action("harvest_jobs_run")(_context(), {"source_id": source_id})
    return job_summary(job_id)
