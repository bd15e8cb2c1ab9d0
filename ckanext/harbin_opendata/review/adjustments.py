"""Catalog adjustments (第九条): after a change in law or duties, the agency's catalog entries
must be adjusted within a fixed number of days (15 by default)."""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import audit
from .model import Adjustment

__all__ = ["open_adjustment", "complete", "status", "as_dict", "query"]


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


def complete(adjustment: Adjustment, actor: model.User, today: Optional[dt.datetime] = None) -> None:
    adjustment.completed_by, adjustment.completed_at = actor.id, today or dt.datetime.now(dt.timezone.utc)
    audit.record("adjustment_completed", actor, organization_id=adjustment.organization_id,
                 details={"adjustment_id": adjustment.id, "late": status(adjustment) == "late"})


def status(adjustment: Adjustment, today: Optional[dt.date] = None) -> str:
    """open, overdue (open past its due date), done (in time) or late (done after the due date)."""
    if adjustment.completed_at:
        return "late" if adjustment.completed_at.date() > adjustment.due_date else "done"
    return "overdue" if (today or dt.date.today()) > adjustment.due_date else "open"


def as_dict(adjustment: Adjustment) -> dict[str, Any]:
    return {
        "id": adjustment.id, "organization_id": adjustment.organization_id,
        "trigger_kind": adjustment.trigger_kind, "description": adjustment.description,
        "trigger_date": adjustment.trigger_date.isoformat(), "due_date": adjustment.due_date.isoformat(),
        "package_ids": adjustment.package_ids, "created_by": adjustment.created_by,
        "created_at": adjustment.created_at.isoformat() if adjustment.created_at else None,
        "completed_at": adjustment.completed_at.isoformat() if adjustment.completed_at else None,
        "status": status(adjustment),
    }


def query(organization_ids: Optional[list[str]] = None) -> Any:
    rows = model.Session.query(Adjustment).order_by(Adjustment.due_date, Adjustment.created_at)
    return rows if organization_ids is None else rows.filter(Adjustment.organization_id.in_(organization_ids))
