"""Correction requests the platform opens itself (目录与数据一致): when a check of an entry's loaded
table against its declared 数据项 finds a mismatch no open request covers yet, a correction request
goes to the entry's agency with the usual working-day deadline (feedback.correction_days), listing
the findings; when a later check finds the table consistent, the platform's open requests about it
are closed with that answer. The findings come from the data area (harbin_feedback_data_check)."""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import workdays
from .model import FeedbackEvent, FeedbackRequest
from .service import check_title, email_agency, move
from .states import REJECTED, SUBMITTED

__all__ = ["ORIGIN", "FINDING_KINDS", "record_check", "finding_key"]

ORIGIN = "data_check"
# a declared item without a column, a column no item declares, a column of another type, one empty
FINDING_KINDS = ["missing", "extra", "type", "empty"]


def finding_key(finding: dict[str, Any]) -> str:
    """What makes a finding the same one in a later check: its kind, name and types."""
    return "|".join(str(finding.get(part) or "") for part in ("kind", "name", "declared", "loaded"))


def _requests(resource_id: str, closed: bool = False) -> list[FeedbackRequest]:
    query = model.Session.query(FeedbackRequest).filter(FeedbackRequest.origin == ORIGIN,
                                                        FeedbackRequest.resource_id == resource_id)
    if closed:  # those the agency rejected: it explained the finding away
        return query.filter(FeedbackRequest.state == REJECTED).all()
    return query.filter(FeedbackRequest.closed_at.is_(None)).order_by(FeedbackRequest.created_at).all()


def record_check(package: model.Package, resource: model.Resource, findings: Optional[list[dict[str, Any]]],
                 texts: list[str], actor: model.User) -> dict[str, Any]:
    """Act on one check of the resource's table: open a request when a finding is new (neither in an
    open request nor in one the agency rejected with its reason), close the platform's open requests
    when there is none, or when `findings` is None (the file or its entry is no longer public, or has
    no table). `texts` say the findings in the site's language. Returns {"opened": request id or
    None, "closed": [request ids]}. The caller commits.
    Two checks of the same file at once (two data workers) take turns: the second sees the first's
    request (a transaction-scoped lock on the file, released by the caller's commit)."""
    model.Session.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                          {"key": f"harbin_feedback_data_check:{resource.id}"})
    open_requests = _requests(resource.id)
    if not findings:
        reply = (tk._("Checked again after the data was updated: the table now matches the data items.")
                 if findings is not None else
                 tk._("The file or its catalog entry is no longer published, or has no table: closed by the platform."))
        for request in open_requests:
            move(request, "resolve", actor, reply)
        return {"opened": None, "closed": [request.id for request in open_requests]}
    covered = {finding_key(found) for request in open_requests + _requests(resource.id, closed=True)
               for found in request.details or []}
    if all(finding_key(found) in covered for found in findings):
        return {"opened": None, "closed": []}
    return {"opened": _open(package, resource, findings, texts).id, "closed": []}


def _open(package: model.Package, resource: model.Resource, findings: list[dict[str, Any]],
          texts: list[str]) -> FeedbackRequest:
    name = resource.name or resource.id
    request = FeedbackRequest(
        id=str(uuid.uuid4()), kind="correction", state=SUBMITTED, origin=ORIGIN, details=findings,
        title=check_title(name),
        description="\n".join([tk._("The platform checked the table loaded from this file against the entry’s "
                                    "data items (数据项) and found:")] + [f"· {text}" for text in texts]
                              + [tk._("Correct the data items or the file, then answer this request.")]),
        organization_id=package.owner_org, package_id=package.id, resource_id=resource.id,
        requester_name=tk._("Catalog-against-data check"),
        due_date=workdays.add_workdays(dt.date.today(), tk.config["ckanext.harbin_opendata.feedback.correction_days"]),
    )
    model.Session.add(request)
    model.Session.add(FeedbackEvent(request_id=request.id, event="filed", to_state=SUBMITTED,
                                    organization_id=package.owner_org))  # by nobody: the page says who opened it
    email_agency(request)
    return request

