"""What the Harbin harvesters share on top of ckanext-harvest's gather/fetch/import contract.

Gather reads the whole source (`list_records`, one per harvester) into a Listing and stores each
record as a harvest object; withdrawals follow only a complete listing (withdrawals.py). Any
failure of a gather finishes the job with a message naming the address and the cause, so no job
stays "Running". Fetch completes a record (data items drafted, where a harvester can). Import maps
the record into the Harbin schema (importer.py) or withdraws the entry of a record that is gone.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest.model import HarvestJob, HarvestObject

from . import drafting, importer, sourceconfig, withdrawals
from .download import Limits, SourceError
from .listing import Listing
from .objects import STATUS_KEY, WITHDRAW, finish_job, gather_error, new_object, object_extra
from .mapping import Problem
from .records import record_guid

__all__ = ["HarbinHarvesterMixin", "gather_error"]

log = logging.getLogger(__name__)


def _failure(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


class HarbinHarvesterMixin:
    """Mixed into each Harbin harvester plugin (before ckanext-harvest's HarvesterBase)."""
    requires: tuple[str, ...] = ("harvest", "harbin_harvest")

    own_config_keys: set[str] = set()

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

    def list_records(self, job: HarvestJob, config: dict[str, Any]) -> Listing:
        """Every record of the source; SourceError when it cannot be read."""
        raise NotImplementedError

    # Gather
    def gather_stage(self, harvest_job: HarvestJob) -> Optional[list[str]]:
        url = harvest_job.source.url
        try:
            config = self.source_config(harvest_job)
            listing = self.list_records(harvest_job, config)
            return self.store_records(harvest_job, listing, config)
        except SourceError as error:
            message = str(error)
        except Exception as error:  # a parser's or a server's surprise must not leave the job running
            log.exception("Harvest gather of %s failed", url)
            message = tk._("Reading {url} failed: {error}").format(url=url, error=_failure(error))
        model.Session.rollback()
        model.Session.query(HarvestObject).filter(HarvestObject.harvest_job_id == harvest_job.id).delete()
        finish_job(harvest_job, message)
        return None

    def store_records(self, job: HarvestJob, listing: Listing, config: dict[str, Any]) -> Optional[list[str]]:
        """One harvest object per record (the first of records sharing an identifier; the others are
        reported), then the withdrawals the listing allows."""
        objects = []
        seen: dict[str, int] = {}
        for number, record in enumerate(listing.records, start=1):
            guid = record_guid(record, config.get("id_field"))
            if guid in seen:
                gather_error(job, tk._("Record {number} ({title}) has the same identifier {guid} as record {first}: "
                                       "only the first is harvested.").format(
                    number=number, title=record.get("title") or "?", guid=guid, first=seen[guid]))
                continue
            seen[guid] = number
            objects.append(new_object(job, guid, json.dumps(record, ensure_ascii=False, default=str)))
        if not objects and not config.get("allow_empty"):
            finish_job(job, tk._("{url} lists no records: nothing was imported or withdrawn (set \"allow_empty\": "
                                 "true if the source is empty on purpose).").format(url=job.source.url))
            return None
        model.Session.flush()
        ids = [obj.id for obj in objects]
        model.Session.commit()
        return ids + withdrawals.plan(job, set(seen), listing)

    # Fetch: gather already holds each record; one without data items gets them drafted here.
    def fetch_stage(self, harvest_object: HarvestObject) -> bool:
        try:
            drafting.complete(harvest_object, self.source_config(harvest_object))
        except Exception:  # the import still runs: it reports the record's missing items
            log.exception("Drafting the data items of %s failed", harvest_object.guid)
            model.Session.rollback()
        return True

    # Import
    def import_stage(self, harvest_object: HarvestObject) -> Any:
        try:
            if object_extra(harvest_object, STATUS_KEY) == WITHDRAW:
                return importer.withdraw(harvest_object)
            record = json.loads(harvest_object.content or "")
            if not isinstance(record, dict):
                raise ValueError(harvest_object.content)
            return importer.import_record(harvest_object, record)
        except Exception as error:  # one bad record must not stop the others
            log.exception("Harvest import of %s failed", harvest_object.guid)
            model.Session.rollback()
            importer.save_problems(harvest_object, [Problem("", tk._("Could not be imported: {error}").format(
                error=_failure(error)))])
            return False
