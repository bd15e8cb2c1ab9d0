"""Correction requests the platform opens itself (目录与数据一致): when a check of an entry's loaded
table against its declared 数据项 finds a mismatch no open request covers yet, a correction request
goes to the entry's agency with the usual working-day deadline (feedback.correction_days), listing
the findings; when a later check finds the table consistent, the platform's open requests about it
are closed with that answer. The findings come from the data area (harbin_feedback_data_check)."""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import workdays
from .model import FeedbackEvent, FeedbackRequest
from .service import email_agency, move
from .states import SUBMITTED

__all__ = ["ORIGIN", "FINDING_KINDS", "record_check", "finding_key"]

ORIGIN = "data_check"
# a declared item without a column, a column no item declares, a column of another type, one empty
FINDING_KINDS = ["missing", "extra", "type", "empty"]


def finding_key(finding: dict[str, Any]) -> str:
    """What makes a finding the same one in a later check: its kind, name and types."""
    return "|".join(str(finding.get(part) or "") for part in ("kind", "name", "declared", "loaded"))


def _open_requests(resource_id: str) -> list[FeedbackRequest]:
    return (model.Session.query(FeedbackRequest)
            .filter(FeedbackRequest.origin == ORIGIN, FeedbackRequest.resource_id == resource_id,
                    FeedbackRequest.closed_at.is_(None))
            .order_by(FeedbackRequest.created_at).all())


def _site_user() -> model.User:
    return model.User.get(tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"])


def record_check(package: model.Package, resource: model.Resource, findings: list[dict[str, Any]],
                 texts: list[str]) -> dict[str, Any]:
    """Act on one check of the resource's table: open a request when a finding is new, close the
    platform's open requests when there is none. `texts` say the findings in the site's language.
    Returns {"opened": request id or None, "closed": [request ids]}. The caller commits.
    Two checks of the same file at once (two data workers) take turns: the second sees the first's
    request (a transaction-scoped lock on the file, released by the caller's commit)."""
    model.Session.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                          {"key": f"harbin_feedback_data_check:{resource.id}"})
    open_requests = _open_requests(resource.id)
    if not findings:
        closed = []
        for request in open_requests:
            move(request, "resolve", _site_user(),
                 tk._("Checked again after the data was updated: the table now matches the data items."))
            closed.append(request.id)
        return {"opened": None, "closed": closed}
    covered = {finding_key(found) for request in open_requests for found in request.details or []}
    if all(finding_key(found) in covered for found in findings):
        return {"opened": None, "closed": []}
    return {"opened": _open(package, resource, findings, texts).id, "closed": []}


def _open(package: model.Package, resource: model.Resource, findings: list[dict[str, Any]],
          texts: list[str]) -> FeedbackRequest:
    name = resource.name or resource.id
    request = FeedbackRequest(
        id=str(uuid.uuid4()), kind="correction", state=SUBMITTED, origin=ORIGIN, details=findings,
        title=tk._("The data of “{name}” does not match its catalog entry").format(name=name)[:200],
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

