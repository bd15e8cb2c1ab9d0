"""Catalog adjustments (第九条): after a change in law or duties, the agency's catalog entries
must be adjusted within a fixed number of days (15 by default)."""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Optional
from zoneinfo import ZoneInfo

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import audit
from .model import Adjustment

__all__ = ["TRIGGER_KINDS", "trigger_kind_labels", "beijing_today", "trigger_date_refusal", "changed_entries_refusal",
           "open_adjustment", "complete", "status", "as_dict", "query"]

TRIGGER_KINDS = ("law", "duty", "other")
# a change recorded later than a year after it happened is no 15-day adjustment any more (its due
# date long past): the agency corrects its catalog through ordinary edits and review
OLDEST_TRIGGER_DAYS = 365
_BEIJING = ZoneInfo("Asia/Shanghai")


def trigger_kind_labels() -> dict[str, str]:
    return {"law": tk._("Change of laws or regulations"), "duty": tk._("Change of duties"), "other": tk._("Other")}


def _beijing_day(moment: dt.datetime) -> dt.date:
    """The day (Beijing time) of a stored moment (CKAN's are naive UTC)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).astimezone(_BEIJING).date()


def beijing_today() -> dt.date:
    """Today in Harbin: the day deadlines are counted in, whatever the server's clock zone."""
    return dt.datetime.now(_BEIJING).date()


def trigger_date_refusal(trigger_date: dt.date) -> Optional[str]:
    """Why a change cannot have happened on this day: not yet (the agency would move its own
    deadline), or more than a year ago (OLDEST_TRIGGER_DAYS)."""
    today = beijing_today()
    earliest = today - dt.timedelta(days=OLDEST_TRIGGER_DAYS)
    if earliest <= trigger_date <= today:
        return None
    return tk._("The day of the change must be between {earliest} and today ({today}).").format(
        earliest=earliest.isoformat(), today=today.isoformat())


def changed_entries_refusal(adjustment: Adjustment, packages: list[Optional[model.Package]],
                            refs: list[str]) -> Optional[str]:
    """Why an agency may not mark the adjustment done with these entries: it names the entries it
    changed, each of the adjustment's agency and changed on or after the day of the change."""
    if not refs:
        return tk._("Name the catalog entries you changed for this adjustment.")
    foreign = [ref for ref, package in zip(refs, packages)
               if package is None or package.state == "deleted" or package.owner_org != adjustment.organization_id]
    if foreign:
        return tk._("Not entries of this agency: {refs}").format(refs=", ".join(foreign))
    unchanged = [ref for ref, package in zip(refs, packages)
                 if package is not None and _beijing_day(package.metadata_modified) < adjustment.trigger_date]
    if unchanged:
        return tk._("Not changed since {day}: {refs}").format(day=adjustment.trigger_date.isoformat(),
                                                               refs=", ".join(unchanged))
    return None


def open_adjustment(organization: model.Group, trigger_kind: str, description: str,
                    trigger_date: dt.date, package_ids: list[str], actor: model.User) -> Adjustment:
    days = tk.config["ckanext.harbin_opendata.review.adjustment_days"]
    adjustment = Adjustment(
        id=str(uuid.uuid4()), organization_id=organization.id, trigger_kind=trigger_kind,
        description=description, trigger_date=trigger_date, due_date=trigger_date + dt.timedelta(days=days),
        package_ids=package_ids, created_by=actor.id)
    model.Session.add(adjustment)
    audit.record("adjustment_opened", actor, organization_id=organization.id, comment=description,
                 details={"adjustment_id": adjustment.id, "trigger_kind": trigger_kind,
                          "trigger_date": trigger_date.isoformat(), "package_ids": package_ids})
    return adjustment


def complete(adjustment: Adjustment, actor: model.User, package_ids: Optional[list[str]] = None,
             today: Optional[dt.datetime] = None) -> None:
    """Mark it done by `actor`; the entries changed (package_ids) join those it names."""
    adjustment.completed_by, adjustment.completed_at = actor.id, today or dt.datetime.now(dt.timezone.utc)
    changed = package_ids or []
    adjustment.package_ids = list(dict.fromkeys([*adjustment.package_ids, *changed]))
    audit.record("adjustment_completed", actor, organization_id=adjustment.organization_id,
                 details={"adjustment_id": adjustment.id, "late": status(adjustment) == "late",
                          **({"package_ids": changed} if changed else {})})


def status(adjustment: Adjustment, today: Optional[dt.date] = None) -> str:
    """open, overdue (open past its due date), done (in time) or late (done after the due date)."""
    if adjustment.completed_at:
        return "late" if _beijing_day(adjustment.completed_at) > adjustment.due_date else "done"
    return "overdue" if (today or beijing_today()) > adjustment.due_date else "open"


def as_dict(adjustment: Adjustment) -> dict[str, Any]:
    return {
        "id": adjustment.id, "organization_id": adjustment.organization_id,
        "trigger_kind": adjustment.trigger_kind, "description": adjustment.description,
        "trigger_date": adjustment.trigger_date.isoformat(), "due_date": adjustment.due_date.isoformat(),
        "package_ids": adjustment.package_ids, "created_by": adjustment.created_by,
        "created_at": adjustment.created_at.isoformat() if adjustment.created_at else None,
        "completed_by": adjustment.completed_by,
        "completed_at": adjustment.completed_at.isoformat() if adjustment.completed_at else None,
        "status": status(adjustment),
    }


def query(organization_ids: Optional[list[str]] = None) -> Any:
    rows = model.Session.query(Adjustment).order_by(Adjustment.due_date, Adjustment.created_at)
    return rows if organization_ids is None else rows.filter(Adjustment.organization_id.in_(organization_ids))
