"""Actions of harbin_feedback: filing, reading and handling data requests and correction requests."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

import ckan.authz as authz
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ...common.roles import acting_user as _user
from ...common.actions import commit_unless_deferred as _commit
from ...common.actions import id_schema as _id_schema
from ...common.actions import validated as _validated
from ...common import roles
from .. import data_check, service
from ..model import FeedbackEvent, FeedbackRequest
from ..states import ACCEPTED, SUBMITTED
from . import schema

__all__ = ["harbin_feedback_create", "harbin_feedback_show", "harbin_feedback_list", "harbin_feedback_accept",
           "harbin_feedback_resolve", "harbin_feedback_reject", "harbin_feedback_reassign", "harbin_feedback_stats",
           "harbin_feedback_data_check"]


def _client_address() -> str:
    try:
        return tk.request.remote_addr or "unknown"
    except (RuntimeError, AttributeError):  # outside a web request: the command line
        return "local"


def harbin_feedback_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """File a data request (kind=data_request) or a correction request (kind=correction).

    :param kind: data_request or correction
    :param title: short summary
    :param description: what is wanted, or what is wrong
    :param dataset: the catalog entry (id or name; required for corrections)
    :param resource_id: the file of the entry (corrections, optional)
    :param location: row / field reference (corrections)
    :param proposed_value: the correct value (corrections)
    :param evidence: evidence (corrections)
    :param organization: suggested agency (data requests, optional)
    :param data_domain: wanted domain (data requests), wanted_fields: wanted data items
    :param requester_name: name (never shown publicly)
    :param requester_contact: telephone or e-mail (required when not logged in; never shown publicly)
    :param website: leave empty (a spam trap)
    :returns: the request as the public sees it, with its id and due date
    """
    tk.check_access("harbin_feedback_create", context, data_dict)
    data = _validated(context, data_dict, schema.create_schema)
    user = _user(context)
    service.check_rate(f"user:{user.id}" if user else f"ip:{_client_address()}")
    request = service.file_request(data, user)
    _commit(context)
    return service.public_dict(request, user, with_personal=True, unmasked=service.sees_unmasked(user, request))


def _get(data: DataDict) -> FeedbackRequest:
    request = model.Session.get(FeedbackRequest, data["id"])
    if request is None:
        raise tk.ObjectNotFound(tk._("Request not found"))
    return request


@tk.side_effect_free
def harbin_feedback_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One request with its history. The requester's name and contact are shown only to the
    requester and to those who handle it.

    :param id: the request id
    """
    tk.check_access("harbin_feedback_show", context, data_dict)
    request = _get(_validated(context, data_dict, _id_schema))
    user = _user(context)
    personal = service.can_handle(user, request) or (user is not None and user.id == request.requester_id)
    unmasked = service.sees_unmasked(user, request)
    # the status page of an anonymous requester's own request, in the browser session that filed it (views.py)
    author = bool(context.get("filed_in_session"))
    result = service.public_dict(request, user, with_personal=personal, unmasked=unmasked, author=author)
    events = model.Session.query(FeedbackEvent).filter(FeedbackEvent.request_id == request.id).order_by(FeedbackEvent.id)
    result["events"] = [{"event": e.event, "to_state": e.to_state, "comment": service.public_comment(e.comment, unmasked),
                         "created_at": e.created_at.isoformat()} for e in events]
    return result


@tk.side_effect_free
def harbin_feedback_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Requests, newest first, without personal data. With inbox=true: those routed to the agencies
    the user edits for (all for sysadmins), with the requesters' contacts.

    :param kind: data_request or correction
    :param state: submitted, accepted, resolved or rejected
    :param organization: agency id or name
    :param dataset: catalog entry id or name
    :param inbox: the user's agency inbox
    :param mine: the requests the user filed while logged in (none for an anonymous caller)
    :param open: only those still to answer (received or being handled)
    :param order: newest (default) or due: the earliest answer due first
    :param limit: default 20; offset
    """
    tk.check_access("harbin_feedback_list", context, data_dict)
    data = _validated(context, data_dict, schema.list_schema)
    query = model.Session.query(FeedbackRequest)
    user = _user(context)
    if data.get("inbox"):
        if not user.sysadmin:
            agencies = [o.id for o in user.get_groups("organization") if
                        authz.has_user_permission_for_group_or_org(o.id, user.name, "update_dataset")]
            mine = FeedbackRequest.organization_id.in_(agencies)
            if roles.named_reviewer(user):  # they route the requests that name no agency
                mine = sa.or_(mine, FeedbackRequest.organization_id.is_(None))
            query = query.filter(mine)
    if data.get("mine"):  # an anonymous caller has none (requester_id IS NULL: every anonymous one)
        query = query.filter(FeedbackRequest.requester_id == user.id) if user else query.filter(sa.false())
    for key, column in (("kind", FeedbackRequest.kind), ("state", FeedbackRequest.state)):
        if data.get(key):
            query = query.filter(column == data[key])
    if data.get("organization"):
        organization = model.Group.get(data["organization"])
        query = query.filter(FeedbackRequest.organization_id == (organization.id if organization else None))
    if data.get("dataset"):
        package = model.Package.get(data["dataset"])
        query = query.filter(FeedbackRequest.package_id == (package.id if package else None))
    if data.get("open"):
        query = query.filter(FeedbackRequest.state.in_([SUBMITTED, ACCEPTED]))
    count = query.count()
    order = [FeedbackRequest.due_date.asc(), FeedbackRequest.created_at.asc()] if data.get("order") == "due" \
        else [FeedbackRequest.created_at.desc()]
    rows = query.order_by(*order).offset(data.get("offset", 0)).limit(data.get("limit", 20))
    inbox = bool(data.get("inbox"))  # only requests the user handles
    return {"count": count, "results": [service.public_dict(r, user, with_personal=inbox, unmasked=inbox) for r in rows]}


def _handle(action: str, context: Context, data_dict: DataDict) -> dict[str, Any]:
    tk.check_access(f"harbin_feedback_{action}", context, data_dict)
    data = _validated(context, data_dict, schema.handle_schema)
    request = _get(data)
    organization = model.Group.get(data["organization"]) if data.get("organization") else None
    user = _user(context)
    service.move(request, action, user, data.get("comment"), organization)
    _commit(context)
    return service.public_dict(request, user, with_personal=True, unmasked=True)


def harbin_feedback_accept(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The agency takes the request on. :param id: :param comment: optional"""
    return _handle("accept", context, data_dict)


def harbin_feedback_resolve(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Answer and close the request. :param id: :param comment: the answer (required, public)"""
    return _handle("resolve", context, data_dict)


def harbin_feedback_reject(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Refuse the request. :param id: :param comment: the reason (required, public)"""
    return _handle("reject", context, data_dict)


def harbin_feedback_reassign(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Pass the request to another agency. :param id: :param organization: the agency :param comment:"""
    return _handle("reassign", context, data_dict)


@tk.side_effect_free
def harbin_feedback_stats(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """Per agency: total, by state, overdue, closed, closed on time, mean days to close."""
    tk.check_access("harbin_feedback_stats", context, data_dict)
    return service.agency_stats()


def harbin_feedback_data_check(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The result of checking one loaded table against its entry's data items (the data area's
    job, as the site user): a new mismatch on a published entry opens a correction request to the
    entry's agency; none, or `gone`, closes the platform's open requests about the file.
    Sysadmins only.

    :param resource_id: the checked file
    :param findings: list of {"kind": missing|extra|type|empty, "name", "declared", "loaded"}
    :param texts: the findings said in the site's language, in the same order
    :param gone: true when the file or its entry is no longer public, or the file has no table
    :returns: {"opened": request id or None, "closed": [request ids]}
    """
    tk.check_access("harbin_feedback_data_check", context, data_dict)
    data = _validated(context, data_dict, schema.data_check_schema)
    resource = model.Resource.get(data["resource_id"])
    if resource is None or resource.package is None:
        raise tk.ObjectNotFound(tk._("Resource not found"))
    findings, texts = (None if data.get("gone") else data.get("findings") or []), data.get("texts") or []
    if findings and len(findings) != len(texts):
        raise tk.ValidationError({"texts": [tk._("Give one text for each finding.")]})
    package = resource.package
    if findings and (resource.state != "active" or package.state != "active" or package.private):
        raise tk.ValidationError({"resource_id": [tk._("Requests are opened only about files of published entries.")]})
    result = data_check.record_check(package, resource, findings, texts, _user(context))
    _commit(context)
    return result
