"""ckanext-harvest's harvest objects as the Harbin harvesters use them: what a gather stores, the
extras that say what an object is for and how its import ended, the last import of a record."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest.model import HarvestGatherError, HarvestJob, HarvestObject, HarvestObjectExtra

__all__ = ["HASH_KEY", "STATUS_KEY", "OUTCOME_KEY", "WITHDRAW", "DUPLICATE", "HELD", "DRAFT",
           "new_object", "object_extra", "set_extra", "current_guids", "previous_object", "gather_error",
           "finish_job", "site_user", "source_name"]

HASH_KEY, STATUS_KEY, OUTCOME_KEY = "harbin_hash", "status", "harbin_outcome"
WITHDRAW = "withdraw"  # STATUS_KEY of an object that withdraws the entry of a record gone from the source
DUPLICATE, HELD, DRAFT = "duplicate", "held", "draft"  # OUTCOME_KEY values the job report counts


def site_user() -> str:
    return tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]


def source_name(harvest_object_or_job: Any) -> str:
    """The harvest source's name: what harbin_review's trusted_harvest_sources lists."""
    package = model.Package.get(harvest_object_or_job.source.id)
    return package.name if package else harvest_object_or_job.source.id


def gather_error(job: HarvestJob, message: str) -> None:
    HarvestGatherError(message=message, job=job).save()


def finish_job(job: HarvestJob, message: Optional[str] = None) -> None:
    """Mark the job finished now (with a gather error saying why): it must never stay "Running"."""
    if message:
        model.Session.add(HarvestGatherError(message=message, job=job))
    job.status, job.finished = "Finished", dt.datetime.utcnow()
    model.Session.add(job)
    model.Session.commit()


def new_object(job: HarvestJob, guid: str, content: Optional[str], package_id: Optional[str] = None,
               **extras: str) -> HarvestObject:
    obj = HarvestObject(guid=guid, job=job, content=content, package_id=package_id,
                        extras=[HarvestObjectExtra(key=k, value=v) for k, v in extras.items()])
    model.Session.add(obj)
    return obj


def object_extra(harvest_object: HarvestObject, key: str) -> Optional[str]:
    return next((extra.value for extra in harvest_object.extras if extra.key == key), None)


def set_extra(harvest_object: HarvestObject, key: str, value: str) -> None:
    for extra in harvest_object.extras:
        if extra.key == key:
            extra.value = value
            return
    harvest_object.extras.append(HarvestObjectExtra(key=key, value=value))


def current_guids(source_id: str) -> dict[str, str]:
    """guid → entry id of the records this source imported last time."""
    rows = (model.Session.query(HarvestObject.guid, HarvestObject.package_id)
            .filter(HarvestObject.harvest_source_id == source_id, HarvestObject.current.is_(True),
                    HarvestObject.package_id.isnot(None)))
    return dict(rows)


def previous_object(harvest_object: HarvestObject) -> Optional[HarvestObject]:
    """The last object of this source and guid that was imported into an entry (current or not,
    so a record that comes back after being withdrawn finds its entry again)."""
    return (model.Session.query(HarvestObject)
            .filter(HarvestObject.harvest_source_id == harvest_object.source.id,
                    HarvestObject.guid == harvest_object.guid,
                    HarvestObject.package_id.isnot(None),
                    HarvestObject.id != harvest_object.id)
            .order_by(HarvestObject.current.desc(), HarvestObject.import_finished.desc().nullslast(),
                      HarvestObject.gathered.desc())
            .first())
