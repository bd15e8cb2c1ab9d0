"""The report of a harvest job, as an operator reads it: how many entries were created, updated,
withdrawn, left unchanged, refused as duplicates, held or failed; the errors and warnings grouped
by cause with the titles of their records; the source values no code matched, with counts."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

import ckan.model as model
from ckanext.harvest.model import HarvestGatherError, HarvestJob, HarvestObject, HarvestObjectError, HarvestObjectExtra

from .tables import SOURCE_ROW
from .objects import DRAFT, DUPLICATE, OUTCOME_KEY
from .values import allowed_labels

__all__ = ["job_summary", "OUTCOMES"]

# ckanext-harvest's report_status → the report's names
OUTCOMES = {"added": "created", "updated": "updated", "deleted": "withdrawn", "not modified": "unchanged",
            "errored": "error", "held": "held"}
_UNMAPPED = "harbin_unmapped:"
_TITLES_SHOWN = 10


def _title(obj: HarvestObject) -> str:
    try:
        content = json.loads(obj.content or "{}")
    except ValueError:
        content = {}
    if isinstance(content, dict) and content.get("title"):
        return str(content["title"])
    if isinstance(content, dict) and content.get(SOURCE_ROW):  # a spreadsheet record without a title
        return str(content[SOURCE_ROW])
    package = model.Package.get(obj.package_id) if obj.package_id else None
    return package.title if package is not None else obj.guid


def _groups(job_id: str, stage_is_warning: bool) -> list[dict[str, Any]]:
    stage = HarvestObjectError.stage == "Warning"
    rows = (model.Session.query(HarvestObjectError.message, HarvestObject)
            .join(HarvestObject, HarvestObjectError.harvest_object_id == HarvestObject.id)
            .filter(HarvestObject.harvest_job_id == job_id, stage if stage_is_warning else ~stage))
    grouped: dict[str, list[str]] = defaultdict(list)
    for message, obj in rows:
        grouped[message].append(_title(obj))
    return sorted(({"cause": cause, "count": len(titles), "records": titles[:_TITLES_SHOWN]}
                   for cause, titles in grouped.items()), key=lambda group: -group["count"])


def _unmapped(job_id: str) -> dict[str, Any]:
    rows = (model.Session.query(HarvestObjectExtra.key, HarvestObjectExtra.value)
            .join(HarvestObject, HarvestObjectExtra.harvest_object_id == HarvestObject.id)
            .filter(HarvestObject.harvest_job_id == job_id, HarvestObjectExtra.key.like(_UNMAPPED + "%")))
    counts: dict[str, Counter] = defaultdict(Counter)
    for key, value in rows:
        counts[key[len(_UNMAPPED):]][value] += 1
    return {field: {"values": dict(found.most_common()), "allowed": allowed_labels(field)}
            for field, found in counts.items()}


def job_summary(job_id: str) -> dict[str, Any]:
    """Counts by outcome, source errors, grouped errors and warnings, unmapped values of a job."""
    job = model.Session.get(HarvestJob, job_id)
    counts: Counter = Counter()
    for status, outcome in (model.Session.query(HarvestObject.report_status, HarvestObjectExtra.value)
                            .outerjoin(HarvestObjectExtra, (HarvestObjectExtra.harvest_object_id == HarvestObject.id)
                                       & (HarvestObjectExtra.key == OUTCOME_KEY))
                            .filter(HarvestObject.harvest_job_id == job_id)):
        counts[outcome if outcome in (DUPLICATE, DRAFT) else OUTCOMES.get(status or "", status or "pending")] += 1
    object_errors: dict[str, list[str]] = defaultdict(list)
    for guid, message in (model.Session.query(HarvestObject.guid, HarvestObjectError.message)
                          .join(HarvestObjectError, HarvestObjectError.harvest_object_id == HarvestObject.id)
                          .filter(HarvestObject.harvest_job_id == job_id, HarvestObjectError.stage != "Warning")):
        object_errors[guid].append(message)
    gather = (model.Session.query(HarvestGatherError.message).filter(HarvestGatherError.harvest_job_id == job_id)
              .order_by(HarvestGatherError.created))
    return {"id": job_id, "status": job.status if job else None, "counts": dict(counts),
            "gather_errors": [message for (message,) in gather], "errors": _groups(job_id, False),
            "warnings": _groups(job_id, True), "unmapped": _unmapped(job_id), "object_errors": dict(object_errors)}
