"""Withdrawing the entries of records gone from a source, safely.

Nothing is withdrawn after an incomplete listing. When more than a configured share of a
source's entries would be withdrawn at once (a source that half-broke rather than a catalog
that changed), the withdrawals are held: stored with the job, not applied, until a sysadmin
confirms them (`ckan harbin harvest confirm-withdrawals`, action harbin_harvest_withdrawals_confirm)."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest.model import HarvestJob, HarvestObject, HarvestObjectExtra

from . import importer
from .listing import Listing
from .objects import (HELD, OUTCOME_KEY, STATUS_KEY, WITHDRAW, current_guids, gather_error, new_object, set_extra,
                      source_name)

__all__ = ["plan", "held_objects", "confirm"]


def _hold_percent() -> float:
    return float(tk.config["ckanext.harbin_opendata.harvest.withdraw_hold_percent"])


def plan(job: HarvestJob, guids_in_source: set[str], listing: Listing) -> list[str]:
    """Ids of the objects withdrawing the entries whose records the listing no longer has, or []
    when nothing may be withdrawn now (the reason is saved as a gather error)."""
    current = current_guids(job.source.id)
    gone = {guid: package_id for guid, package_id in current.items() if guid not in guids_in_source}
    if not gone:
        return []
    if not listing.complete:
        gather_error(job, tk._("The listing was incomplete ({why}): none of the {count} entries it did not "
                               "list was withdrawn.").format(why=listing.why_incomplete, count=len(gone)))
        return []
    share = 100.0 * len(gone) / len(current)
    held = share > _hold_percent()
    objects = [new_object(job, guid, None, package_id=gone[guid], **{STATUS_KEY: WITHDRAW})
               for guid in sorted(gone)]
    if held:
        for obj in objects:  # complete without an import: the job can finish
            obj.state, obj.report_status = "COMPLETE", HELD
            obj.extras.append(HarvestObjectExtra(key=OUTCOME_KEY, value=HELD))
        gather_error(job, tk._(
            "{count} of the {total} entries of this source ({share:.0f}%) are no longer listed, more than "
            "{limit:g}%: their withdrawal is held until a sysadmin confirms it with “ckan harbin harvest "
            "confirm-withdrawals {source}”.").format(count=len(gone), total=len(current), share=share,
                                                      limit=_hold_percent(), source=source_name(job)))
    model.Session.commit()
    return [] if held else [obj.id for obj in objects]


def held_objects(job_id: str) -> list[HarvestObject]:
    return (model.Session.query(HarvestObject).join(HarvestObjectExtra)
            .filter(HarvestObject.harvest_job_id == job_id, HarvestObject.report_status == HELD,
                    HarvestObjectExtra.key == OUTCOME_KEY, HarvestObjectExtra.value == HELD).all())


def confirm(source_id: str) -> dict[str, Any]:
    """Apply the withdrawals held by the source's last job. Refused when a later job ran (the
    source may have recovered since)."""
    job = (model.Session.query(HarvestJob).filter(HarvestJob.source_id == source_id)
           .order_by(HarvestJob.created.desc()).first())
    held = held_objects(job.id) if job is not None else []
    if not held:
        raise tk.ValidationError({"id": [tk._("The last harvest of this source holds no withdrawals.")]})
    if job.status != "Finished":
        raise tk.ValidationError({"id": [tk._("The last harvest of this source is still running.")]})
    for obj in held:
        importer.withdraw(obj)
        obj.report_status = "deleted"
        set_extra(obj, OUTCOME_KEY, "confirmed")
        model.Session.add(obj)
    model.Session.commit()
    return {"job_id": job.id, "withdrawn": len(held)}
