"""Actions of harbin_review: the transitions, the review list, history, notifications and
catalog adjustments."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ...common.actions import commit_unless_deferred as _commit
from ...common.actions import id_schema as _id_schema
from ...common.actions import validated as _validated
from ...common import roles
from .. import adjustments, audit, events, groups, resource_views, revision, security_audit, workflow
from ..model import Adjustment, Notification, ReviewEntry
from ..states import state_label
from . import filters, freeze, schema

__all__ = [
    "harbin_review_submit", "harbin_review_publish", "harbin_review_return", "harbin_review_withdraw",
    "harbin_review_list", "harbin_review_history", "harbin_review_notification_list",
    "harbin_review_adjustment_create", "harbin_review_adjustment_complete", "harbin_review_adjustment_list",
    "harbin_review_record_event", "harbin_review_audit_list",
]


def _entry_dict(entry: ReviewEntry, package: model.Package) -> dict[str, Any]:
    return {
        "id": package.id, "name": package.name, "title": package.title, "owner_org": package.owner_org,
        "state": entry.state, "state_label": state_label(entry.state), "private": package.private,
        "comment": entry.comment,
        "submitted_by": entry.submitted_by,
        "submitted_at": entry.submitted_at.isoformat() if entry.submitted_at else None,
        "reviewed_by": entry.reviewed_by,
        "reviewed_at": entry.reviewed_at.isoformat() if entry.reviewed_at else None,
    }


def _entry(ref: str) -> model.Package:
    """The catalog entry with this id or name (reviewers' auth does not look it up)."""
    package = model.Package.get(ref)
    if package is None or package.state == "deleted" or not workflow.is_catalog_entry(package):
        raise tk.ObjectNotFound(tk._("Catalog entry not found"))
    return package


def _transition(action: str, context: Context, data_dict: DataDict) -> dict[str, Any]:
    tk.check_access(f"harbin_review_{action}", context, data_dict)
    data = _validated(context, data_dict, schema.transition_schema)
    package = _entry(data["id"])
    if "revision" in data and data["revision"] != revision.stamp(package):
        raise tk.ValidationError({"revision": [tk._("The entry has changed since you read it: review it again.")]})
    entry = workflow.transition(package, action, roles.user_object(context["user"]), data.get("comment"))
    _commit(context)
    return _entry_dict(entry, package)


def harbin_review_submit(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Submit a draft, returned or withdrawn entry for review.

    :param id: id or name of the catalog entry
    :param comment: optional note to the reviewers
    """
    return _transition("submit", context, data_dict)


def harbin_review_publish(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Publish a submitted entry (reviewers; not the submitter). It becomes public.

    :param id: id or name of the catalog entry
    :param comment: optional review note
    :param revision: the entry's revision stamp as the reviewer read it (harbin_review_history's
        ``entry.revision``); when given and the entry has changed since: 409, nothing published
    """
    return _transition("publish", context, data_dict)


def harbin_review_return(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Return a submitted entry to its agency with the reasons (reviewers; not the submitter).

    :param id: id or name of the catalog entry
    :param comment: the reasons (required)
    :param revision: the revision stamp read, as for harbin_review_publish
    """
    return _transition("return", context, data_dict)


def harbin_review_withdraw(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Withdraw a submitted or published entry (its agency's editors, reviewers). It becomes private.

    :param id: id or name of the catalog entry
    :param comment: optional reason
    """
    return _transition("withdraw", context, data_dict)


@tk.side_effect_free
def harbin_review_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Entries with their review state: every agency's for reviewers, their own agencies' for editors.

    :param state: only entries in this state (draft, submitted, published, returned, withdrawn)
    :param organization: only this agency's entries (id or name)
    :param limit: at most this many (default 50)
    :param offset: skip this many
    :returns: ``{"count": n, "results": [entry, …]}``, oldest submission first
    """
    tk.check_access("harbin_review_list", context, data_dict)
    data = _validated(context, data_dict, schema.list_schema)
    user = roles.user_object(context["user"])
    query = (model.Session.query(ReviewEntry, model.Package)
             .join(model.Package, model.Package.id == ReviewEntry.package_id)
             .filter(model.Package.state != "deleted"))  # also entries submitted while still CKAN drafts
    if not roles.is_reviewer(user):
        query = query.filter(model.Package.owner_org.in_(roles.agency_ids(user)))
    if data.get("state"):
        query = query.filter(ReviewEntry.state == data["state"])
    if data.get("organization"):
        organization = model.Group.get(data["organization"])
        query = query.filter(model.Package.owner_org == (organization.id if organization else None))
    count = query.count()
    rows = (query.order_by(ReviewEntry.submitted_at.asc().nullslast(), model.Package.name)
            .offset(data.get("offset", 0)).limit(data.get("limit", 50)))
    rows = rows.all()
    agencies = {group.id: group for group in model.Session.query(model.Group).filter(
        model.Group.id.in_({package.owner_org for _, package in rows}))}
    return {"count": count, "results": [dict(_entry_dict(entry, package), **_agency(agencies.get(package.owner_org)))
                                        for entry, package in rows]}


def _agency(group: Optional[model.Group]) -> dict[str, Any]:
    return {"organization_name": group.name if group else None,
            "organization_title": group.display_name if group else None}


@tk.side_effect_free
def harbin_review_history(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The review state and every audited event of one entry, oldest first.

    :param id: id or name of the catalog entry
    """
    tk.check_access("harbin_review_history", context, data_dict)
    data = _validated(context, data_dict, _id_schema)
    package = _entry(data["id"])
    entry = workflow.entry_for(package)
    events = [{
        "id": event.id, "created_at": event.created_at.isoformat(), "actor": event.actor_name,
        "event": event.event, "from_state": event.from_state, "to_state": event.to_state,
        "comment": event.comment, "details": event.details,
    } for event in audit.history(package.id)]
    return {"entry": dict(_entry_dict(entry, package), revision=revision.stamp(package)), "events": events}


@tk.side_effect_free
def harbin_review_notification_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The current user's review notifications, newest first (at most 100).

    :param mark_read: mark them read (default false)
    """
    tk.check_access("harbin_review_notification_list", context, data_dict)
    user = roles.user_object(context["user"])
    rows = (model.Session.query(Notification).filter(Notification.user_id == user.id)
            .order_by(Notification.id.desc()).limit(100).all())
    result = [{
        "id": row.id, "event": row.event, "package_id": row.package_id, "actor": row.actor_name,
        "comment": row.comment, "created_at": row.created_at.isoformat(), "read": row.read_at is not None,
    } for row in rows]
    if tk.asbool(data_dict.get("mark_read")):
        now = dt.datetime.now(dt.timezone.utc)
        for row in rows:
            row.read_at = row.read_at or now
        _commit(context)
    return result


def harbin_review_adjustment_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Record a catalog adjustment: a change in law or duties the agency's entries must follow.

    :param organization: the agency (id or name)
    :param trigger_kind: law, duty or other
    :param description: what changed
    :param trigger_date: when it changed (YYYY-MM-DD, not after today nor more than a year before);
        the adjustment is due 15 days later
    :param package_ids: ids or names of the affected entries (optional)
    """
    tk.check_access("harbin_review_adjustment_create", context, data_dict)
    data = _validated(context, data_dict, schema.adjustment_create_schema)
    organization = model.Group.get(data["organization"])
    packages = [model.Package.get(ref) for ref in data.get("package_ids", [])]
    missing = [ref for ref, package in zip(data.get("package_ids", []), packages)
               if package is None or package.owner_org != organization.id]
    if missing:
        raise tk.ValidationError({"package_ids": [tk._("Not entries of this agency: {refs}").format(
            refs=", ".join(missing))]})
    trigger_date = data["trigger_date"].date() if isinstance(data["trigger_date"], dt.datetime) else data["trigger_date"]
    if refusal := adjustments.trigger_date_refusal(trigger_date):
        raise tk.ValidationError({"trigger_date": [refusal]})
    adjustment = adjustments.open_adjustment(organization, data["trigger_kind"], data["description"],
                                             trigger_date, [p.id for p in packages],
                                             roles.user_object(context["user"]))
    _commit(context)
    return adjustments.as_dict(adjustment)


def harbin_review_adjustment_complete(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Mark a catalog adjustment done (recorded with who did it). An agency's editor names the
    entries changed for it; a reviewer may confirm it without (nothing in the catalog had to change).

    :param id: the adjustment id
    :param package_ids: ids or names of the entries changed: of the adjustment's agency, each changed
        on or after the day of the change (required of agency editors)
    """
    tk.check_access("harbin_review_adjustment_complete", context, data_dict)
    data = _validated(context, data_dict, schema.adjustment_complete_schema)
    adjustment = model.Session.get(Adjustment, data["id"])
    if adjustment.completed_at:
        raise tk.ValidationError({"id": [tk._("This catalog adjustment is already done.")]})
    actor, refs = roles.user_object(context["user"]), data.get("package_ids", [])
    packages = [model.Package.get(ref) for ref in refs]
    if refs or not roles.is_reviewer(actor):
        if refusal := adjustments.changed_entries_refusal(adjustment, packages, refs):
            raise tk.ValidationError({"package_ids": [refusal]})
    adjustments.complete(adjustment, actor, [package.id for package in packages if package is not None])
    _commit(context)
    return adjustments.as_dict(adjustment)


@tk.side_effect_free
def harbin_review_adjustment_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """Catalog adjustments with their status (open, overdue, done, late), for reviewers, agency
    editors and the assessment.

    :param organization: only this agency's (id or name)
    :param overdue_only: only those open past their due date
    """
    tk.check_access("harbin_review_adjustment_list", context, data_dict)
    data = _validated(context, data_dict, schema.adjustment_list_schema)
    user = roles.user_object(context["user"])
    scope: Optional[list[str]] = None if roles.is_reviewer(user) else roles.agency_ids(user)
    if data.get("organization"):
        organization = model.Group.get(data["organization"])
        wanted = [organization.id] if organization else []
        scope = wanted if scope is None else [o for o in scope if o in wanted]
    result = [adjustments.as_dict(a) for a in adjustments.query(scope)]
    return [a for a in result if a["status"] == "overdue"] if data.get("overdue_only") else result


def harbin_review_record_event(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Record an event of another area in the entry's audit log, in the caller's transaction
    (committed unless defer_commit); announced events are also sent to the entry's agency editors
    and the reviewers. For the suite's own code (ignore_auth); refused to everyone else.

    :param id: id or name of the catalog entry
    :param organization: instead of ``id``, an agency's or group's id: an event of its own (its
        texts), not announced
    :param event: the event's name (labelled by the area through IAuditEvents)
    :param comment: a short text (optional)
    :param details: a JSON object with the event's details (optional)
    :param announce: notify the agency and the reviewers (default false)
    """
    tk.check_access("harbin_review_record_event", context, data_dict)
    if data_dict.get("organization") and not data_dict.get("id"):
        return _record_group_event(context, data_dict)
    data = _validated(context, data_dict, schema.record_event_schema)
    package = model.Package.get(data["id"])
    if package is None:
        raise tk.ObjectNotFound(tk._("Catalog entry not found"))
    events.record_event(package, data["event"], context.get("user"), data.get("comment"), data_dict.get("details"),
                        bool(data.get("announce")))
    _commit(context)
    return {"id": package.id, "event": data["event"]}


def _record_group_event(context: Context, data_dict: DataDict) -> dict[str, Any]:
    data = _validated(context, data_dict, schema.record_group_event_schema)
    group = model.Group.get(data["organization"])
    if group is None:
        raise tk.ObjectNotFound(tk._("Agency not found"))
    audit.record(data["event"], roles.user_object(context.get("user")), organization_id=group.id,
                 comment=data.get("comment"), details=data_dict.get("details"))
    _commit(context)
    return {"organization": group.id, "event": data["event"]}


AUDIT_MAX_LIMIT = 1000


def audit_filters(context: Context, data_dict: DataDict) -> tuple[DataDict, dict[str, Any]]:
    """The validated input of the portal-wide audit log and its filters as audit.filtered takes
    them: days of the display time zone (the end day included), the agency's id. Raises
    ValidationError."""
    data = _validated(context, data_dict, schema.audit_list_schema)
    zone = tk.h.get_display_timezone()

    def day_start(value: Optional[dt.datetime]) -> Optional[dt.datetime]:
        return dt.datetime(value.year, value.month, value.day, tzinfo=zone) if value else None

    start, end = day_start(data.get("start")), day_start(data.get("end"))
    if start and end and end < start:
        raise tk.ValidationError({"end": [tk._("The end date must not be before the start date.")]})
    organization_id = None
    if data.get("organization"):
        organization = model.Group.get(data["organization"])
        if organization is None or not organization.is_organization:
            raise tk.ValidationError({"organization": [tk._("Agency not found")]})
        organization_id = organization.id
    return data, {"start": start, "end": end + dt.timedelta(days=1) if end else None, "actor": data.get("actor"),
                  "event": data.get("event"), "organization_id": organization_id, "entry": data.get("entry")}


def _audit_dict(event: Any) -> dict[str, Any]:
    return {"id": event.id, "created_at": event.created_at.isoformat(), "actor": event.actor_name,
            "event": event.event, "package_id": event.package_id, "package_name": event.package_name,
            "organization_id": event.organization_id, "from_state": event.from_state, "to_state": event.to_state,
            "comment": event.comment, "details": event.details, "address": event.address}


@tk.side_effect_free
def harbin_review_audit_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The portal-wide audit log, newest first (sysadmins).

    :param start: YYYY-MM-DD, events from this day on (display time zone)
    :param end: YYYY-MM-DD, events up to this day, included
    :param actor: user name of who acted
    :param event: kind of event (created, publish, member_added, access_approved, …)
    :param organization: agency id or name
    :param entry: catalog entry id or name (also of a purged entry)
    :param limit: at most this many (default 50, at most 1000)
    :param offset: skip this many
    :returns: ``{"count": n, "results": [event, …]}``
    """
    tk.check_access("harbin_review_audit_list", context, data_dict)
    data, filters = audit_filters(context, data_dict)
    query = audit.filtered(**filters)
    rows = query.offset(data.get("offset", 0)).limit(min(data.get("limit", 50), AUDIT_MAX_LIMIT)).all()
    return {"count": query.order_by(None).count(), "results": [_audit_dict(event) for event in rows]}


def all_actions() -> dict[str, Any]:
    """IActions: the actions above and the chained filters of CKAN's outputs."""
    frozen, views = freeze.actions(), resource_views.view_actions()
    both = {name: _chained_together(frozen[name], views[name]) for name in views}  # one key per action
    return ({name: globals()[name] for name in __all__} | filters.actions() | security_audit.actions()
            | groups.group_actions() | frozen | both)


def _chained_together(outer: Any, inner: Any) -> Any:
    """Two chained actions of this plugin for one action name (a dict keeps one): outer, then inner,
    then CKAN's (or the next plugin's) own."""
    @tk.chained_action
    def action(up_func: Any, context: Context, data_dict: DataDict) -> Any:
        return outer(lambda ctx, data: inner(up_func, ctx, data), context, data_dict)
    action.__name__ = getattr(inner, "__name__", "action")
    return action
