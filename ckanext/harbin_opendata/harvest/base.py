"""What the Harbin harvesters share on top of ckanext-harvest's gather/fetch/import contract.

Gather reads the whole source (so that records gone from it are known) and stores each record as
a harvest object; a source that fails or lists nothing creates no object at all, so it can never
withdraw entries. Fetch has nothing left to do. Import maps the record into the Harbin schema
(importer.import_record) or withdraws the entry of a record that is gone.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Iterable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest.model import (HarvestGatherError, HarvestJob, HarvestObject, HarvestObjectError,
                                   HarvestObjectExtra)

from . import importer, sourceconfig
from .download import Limits
from .mapping import record_guid

__all__ = ["HarbinHarvesterMixin", "gather_error"]

log = logging.getLogger(__name__)


def gather_error(job: HarvestJob, message: str) -> None:
    HarvestGatherError(message=message, job=job).save()


class HarbinHarvesterMixin:
    """Mixed into each Harbin harvester plugin (before ckanext-harvest's base classes)."""

    own_config_keys: set[str] = set()

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        # SingletonPlugin keeps its instance in a class attribute, which subclasses inherit: a
        # subclass of a loaded harvester (ckan_harvester) would otherwise get that plugin's instance.
        if "_instance" not in cls.__dict__:
            cls._instance = object.__new__(cls)
        return cls._instance

    # Sources name their own check of their own keys.
    def check_own_config(self, config: dict[str, Any]) -> None:
        pass

    def validate_config(self, config: Optional[str]) -> str:
        return sourceconfig.validate(config, self.own_config_keys, self.check_own_config)

    @staticmethod
    def source_config(job_or_object: Any) -> dict[str, Any]:
        return sourceconfig.load(job_or_object.source.config)

    @staticmethod
    def limits(config: dict[str, Any]) -> Limits:
        return Limits(config)

    # Gather: records → harvest objects, then withdrawals.
    def store_records(self, job: HarvestJob, records: Iterable[dict[str, Any]],
                      config: dict[str, Any]) -> list[str]:
        """One harvest object per record (the first of records sharing an identifier; the others are
        reported), then one withdrawal object per entry whose record is gone."""
        ids: list[str] = []
        seen: dict[str, int] = {}
        for number, record in enumerate(records, start=1):
            guid = record_guid(record, config.get("id_field"))
            if guid in seen:
                gather_error(job, tk._("Record {number} has the same identifier {guid} as record {first}: "
                                       "only the first is harvested.").format(number=number, guid=guid,
                                                                              first=seen[guid]))
                continue
            seen[guid] = number
            ids.append(self.new_object(job, guid, json.dumps(record, ensure_ascii=False, default=str)))
        if not ids and not config.get("allow_empty"):
            if self.current_guids(job):
                gather_error(job, tk._("The source lists no records: nothing was withdrawn. Set "
                                       "\"allow_empty\": true to withdraw every entry of this source."))
            else:
                gather_error(job, tk._("The source lists no records."))
            return []
        return ids + self.withdrawal_objects(job, set(seen))

    @staticmethod
    def new_object(job: HarvestJob, guid: str, content: Optional[str], **extras: str) -> str:
        obj = HarvestObject(guid=guid, job=job, content=content,
                            extras=[HarvestObjectExtra(key=k, value=v) for k, v in extras.items()])
        model.Session.add(obj)
        model.Session.flush()  # one commit per job, not per record (see commit_objects)
        return obj.id

    @staticmethod
    def current_guids(job: HarvestJob) -> dict[str, str]:
        """guid → entry id of the records this source imported last time."""
        rows = (model.Session.query(HarvestObject.guid, HarvestObject.package_id)
                .filter(HarvestObject.harvest_source_id == job.source.id, HarvestObject.current.is_(True),
                        HarvestObject.package_id.isnot(None)))
        return dict(rows)

    def withdrawal_objects(self, job: HarvestJob, guids_in_source: set[str]) -> list[str]:
        gone = {guid: package_id for guid, package_id in self.current_guids(job).items()
                if guid not in guids_in_source}
        ids = [self.new_object(job, guid, None, **{importer.STATUS_KEY: importer.WITHDRAW})
               for guid in sorted(gone)]
        for obj_id, guid in zip(ids, sorted(gone)):
            model.Session.get(HarvestObject, obj_id).package_id = gone[guid]
        model.Session.commit()
        return ids

    # Fetch: gather already holds each record.
    def fetch_stage(self, harvest_object: HarvestObject) -> bool:
        return True

    # Import
    def import_stage(self, harvest_object: HarvestObject) -> Any:
        if importer.object_extra(harvest_object, importer.STATUS_KEY) == importer.WITHDRAW:
            return importer.withdraw(harvest_object)
        try:
            record = json.loads(harvest_object.content or "")
        except ValueError:
            HarvestObjectError(message=tk._("The harvested content is not a record."),
                                        object=harvest_object, stage="Import").save()
            return False
        return self.import_safely(harvest_object, record)

    def import_safely(self, harvest_object: HarvestObject, record: dict[str, Any]) -> Any:
        """importer.import_record, with an unexpected failure reported on the record."""
        try:
            return importer.import_record(harvest_object, record, self.source_config(harvest_object))
        except Exception as error:  # one bad record must not stop the others
            log.exception("Harvest import of %s failed", harvest_object.guid)
            model.Session.rollback()
            HarvestObjectError(message=tk._("Record {guid} could not be imported: {error}").format(
                guid=harvest_object.guid, error=error), object=harvest_object, stage="Import").save()
            return False
