"""Filing, routing, handling and counting feedback requests."""
from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any, Optional

import ckan.authz as authz
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import mailer
from ckan.lib.redis import connect_to_redis

from ..common import api_status, roles
from ..common.agency_names import agency_display_name
from ..common.public_text import masked, personal_kinds
from . import workdays
from .model import FeedbackEvent, FeedbackRequest
from .states import ACCEPTED, REJECTED, RESOLVED, SOURCES, STATES, SUBMITTED, kind_label, state_label

__all__ = ["file_request", "move", "check_title", "can_handle", "sees_unmasked", "public_dict", "public_comment", "check_rate", "RateLimited",
           "agency_stats", "is_overdue"]

log = logging.getLogger(__name__)
_DAYS_OPTION = {"data_request": "ckanext.harbin_opendata.feedback.data_request_days",
                "correction": "ckanext.harbin_opendata.feedback.correction_days"}
_PERSONAL = ("requester_id", "requester_name", "requester_contact")
# Texts shown on the public status page: personal data typed into them before they were checked is
# masked for everyone but the agency handling the request and the platform's reviewers.
_PUBLIC_TEXTS = ("title", "description", "wanted_fields", "location", "proposed_value", "evidence", "reply")
# A citizen's own words: shown to the requester, the agency handling the request and the reviewers,
# never to the public (as 12345 hotlines publish a case's subject and state, not the caller's text).
# People write their own and their family's names in them (我是王建国，我家的低保金额不对; a correct
# value for a 姓名 column) and no detector tells those names from words. A correction's title is
# the citizen's too (王建国的低保金额错误): the public reads one naming the entry instead; a data
# request's title names the data wanted and stays public only while it passes the public-text check
# (申请公开王建国、李秀英两户的低保材料 does not: the public reads "数据需求").
_CITIZEN_TEXTS = ("description", "location", "proposed_value", "evidence")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def check_rate(key: str) -> None:
    """At most feedback.rate_limit requests per hour from one address or user (counted in Redis)."""
    redis_key = f"harbin_opendata:feedback:rate:{key}"
    conn = connect_to_redis()
    count = conn.incr(redis_key)
    if count == 1:
        conn.expire(redis_key, 3600)
    if count > tk.config["ckanext.harbin_opendata.feedback.rate_limit"]:
        retry_after = max(int(conn.ttl(redis_key)), 1)
        message = tk._("Too many requests from you in the last hour: please try later.")
        api_status.mark(429, retry_after, message)  # the API's answer: 429 with Retry-After, not 409
        raise RateLimited(message, retry_after)


class RateLimited(tk.ValidationError):
    """Past the hourly limit (the form answers 429 with Retry-After too)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__({"__before": [message]})
        self.retry_after = retry_after


def _route(data: dict[str, Any]) -> tuple[Optional[str], Optional[str]]:
    """(agency id, dataset id): a correction goes to the dataset's agency, a data request to the
    suggested agency (or to the platform's reviewers, who pass it on)."""
    if data["kind"] == "correction":
        package = model.Package.get(data.get("dataset") or "")
        if package is None or package.state != "active" or package.private:
            raise tk.ValidationError({"dataset": [tk._("Choose the published catalog entry this correction is about.")]})
        if data.get("resource_id") and not any(r.id == data["resource_id"] for r in package.resources):
            raise tk.ValidationError({"resource_id": [tk._("This file is not part of the entry.")]})
        return package.owner_org, package.id
    organization = model.Group.get(data.get("organization") or "") if data.get("organization") else None
    if data.get("organization") and (organization is None or not organization.is_organization):
        raise tk.ValidationError({"organization": [tk._("Unknown agency.")]})
    return (organization.id if organization else None), None


def file_request(data: dict[str, Any], user: Optional[model.User]) -> FeedbackRequest:
    if user is None and not (data.get("requester_contact") or "").strip():
        raise tk.ValidationError({"requester_contact": [tk._("Leave a telephone number or e-mail so the agency can answer you.")]})
    organization_id, package_id = _route(data)
    today = dt.date.today()
    request = FeedbackRequest(
        id=str(uuid.uuid4()), kind=data["kind"], state=SUBMITTED, title=data["title"],
        description=data["description"], organization_id=organization_id, package_id=package_id,
        resource_id=data.get("resource_id") or None, data_domain=data.get("data_domain"),
        wanted_fields=data.get("wanted_fields"), location=data.get("location"),
        proposed_value=data.get("proposed_value"), evidence=data.get("evidence"),
        requester_id=user.id if user else None,
        requester_name=data.get("requester_name") or (user.fullname or user.name if user else None),
        requester_contact=data.get("requester_contact") or (user.email if user else None),
        due_date=workdays.add_workdays(today, tk.config[_DAYS_OPTION[data["kind"]]]),
    )
    model.Session.add(request)
    model.Session.add(FeedbackEvent(request_id=request.id, event="filed", actor_id=user.id if user else None,
                                    to_state=SUBMITTED, organization_id=organization_id))
    email_agency(request)
    return request


def can_handle(user: Optional[model.User], request: FeedbackRequest) -> bool:
    """Editors of the agency the request is routed to, and sysadmins and the platform's reviewers
    (who route unrouted ones)."""
    if user is None or getattr(user, "state", None) != "active":
        return False
    if user.sysadmin:
        return True
    if not request.organization_id:  # a data request naming no agency: the platform's reviewers pass it on
        return roles.named_reviewer(user)
    return authz.has_user_permission_for_group_or_org(request.organization_id, user.name, "update_dataset")


def sees_unmasked(user: Optional[model.User], request: FeedbackRequest) -> bool:
    """The request's texts as typed: for those who handle it and the platform's reviewers."""
    return can_handle(user, request) or roles.named_reviewer(user)


def public_comment(comment: Optional[str], unmasked: bool) -> Optional[str]:
    return comment if unmasked else masked(comment)


def move(request: FeedbackRequest, action: str, user: model.User, comment: Optional[str],
         organization: Optional[model.Group] = None) -> None:
    """accept, resolve (reply required), reject (reason required) or reassign to another agency."""
    if request.state not in SOURCES[action]:
        raise tk.ValidationError({"state": [tk._("A request that is “{state}” cannot be changed like this.").format(
            state=state_label(request.state))]})
    if action in ("resolve", "reject") and not comment:
        raise tk.ValidationError({"comment": [tk._("Write the answer to the requester.") if action == "resolve"
                                              else tk._("Give the reason for rejecting the request.")]})
    previous = request.state
    if action == "reassign":
        if organization is None or not organization.is_organization:
            raise tk.ValidationError({"organization": [tk._("Unknown agency.")]})
        request.organization_id = organization.id
    else:
        request.state = {"accept": ACCEPTED, "resolve": RESOLVED, "reject": REJECTED}[action]
        request.answered_at = request.answered_at or _now()
        if request.state in (RESOLVED, REJECTED):
            request.closed_at, request.reply = _now(), comment
    model.Session.add(FeedbackEvent(request_id=request.id, event=action, actor_id=user.id, from_state=previous,
                                    to_state=request.state, organization_id=request.organization_id, comment=comment))
    if action == "reassign":
        email_agency(request)
    else:
        _email_requester(request)


def is_overdue(request: FeedbackRequest, today: Optional[dt.date] = None) -> bool:
    return request.closed_at is None and (today or dt.date.today()) > request.due_date


def check_title(resource_name: str) -> str:
    """The title of a request the catalog-against-data check opens, in the reader's language (pages
    show it anew, not as stored in the site's language when the check ran)."""
    return tk._("The data of “{name}” does not match its catalog entry").format(name=resource_name)[:200]


def _readable(package: Optional[model.Package], viewer: Optional[model.User]) -> bool:
    """Whether `viewer` may read the entry: an outsider is told an unpublished entry does not exist
    (review/logic/auth.py), which here means not readable."""
    try:
        return package is not None and authz.is_authorized_boolean(
            "package_show", {"model": model, "user": viewer.name if viewer else "", "auth_user_obj": viewer},
            {"id": package.id})
    except tk.ObjectNotFound:
        return False


def public_dict(request: FeedbackRequest, viewer: Optional[model.User], with_personal: bool = False,
                unmasked: bool = False, author: bool = False) -> dict[str, Any]:
    """The request as `viewer` may see it: the requester's personal data only for its handlers (and
    the requester), personal data typed into its texts only `unmasked` (sees_unmasked), the citizen's
    own words (_CITIZEN_TEXTS, a correction's title) only for them and the requester (`author`: the
    anonymous one in the session that filed it), the catalog
    entry it is about only while the viewer may read it (a withdrawn entry's title is not shown to
    the public; `dataset_hidden` says there is one)."""
    result = {column.name: getattr(request, column.name) for column in FeedbackRequest.__table__.columns}
    if not unmasked:
        result.update({key: masked(result[key]) for key in _PUBLIC_TEXTS})
    author = author or (viewer is not None and viewer.id == request.requester_id)
    withheld = not (unmasked or author or request.origin)
    if withheld:
        result.update({key: None for key in _CITIZEN_TEXTS})
    for key in ("created_at", "answered_at", "closed_at", "due_date"):
        result[key] = result[key].isoformat() if result[key] else None
    if not with_personal:
        for key in _PERSONAL:
            result.pop(key)
    organization = model.Group.get(request.organization_id) if request.organization_id else None
    package = model.Package.get(request.package_id) if request.package_id else None
    readable = _readable(package, viewer)
    if request.origin and not readable:  # the platform's findings name the files of an entry not public now
        result.update(title=tk._("The data of a catalog entry did not match its data items"), description="",
                      details=None, resource_id=None, evidence=None)
    elif request.origin:
        resource = model.Resource.get(request.resource_id) if request.resource_id else None
        result["title"] = check_title(resource.name or resource.id) if resource else result["title"]
    if withheld and request.kind == "correction":
        result["title"] = tk._("Correction to “{title}”").format(title=package.title) if readable \
            else tk._("Correction request")
    elif withheld and personal_kinds(request.title):  # stored before the check refused it, or unchecked
        result["title"] = kind_label(request.kind)
    result.update(overdue=is_overdue(request), state_label=state_label(request.state), texts_withheld=withheld,
                  kind_label=kind_label(request.kind),
                  package_id=request.package_id if readable else None,
                  dataset_hidden=bool(request.package_id) and not readable,
                  organization_title=_agency_name(organization) if organization else None,
                  dataset_name=package.name if readable else None, dataset_title=package.title if readable else None)
    return result


def _agency_name(organization: model.Group) -> str:
    """The agency's name in the reader's language (its 英文名称 on English pages)."""
    return agency_display_name({"name": organization.name, "title": organization.title,
                                "title_en": (organization.extras or {}).get("title_en", "")})


def agency_stats() -> list[dict[str, Any]]:
    """Per agency: requests by state, overdue ones, closed on time, mean days to close (for the
    assessment)."""
    stats: dict[Optional[str], dict[str, Any]] = {}
    for request in model.Session.query(FeedbackRequest):
        row = stats.setdefault(request.organization_id, {
            "organization_id": request.organization_id, "total": 0, "overdue": 0, "closed": 0,
            "closed_on_time": 0, "days_to_close": [], **{state: 0 for state in STATES}})
        row["total"] += 1
        row[request.state] += 1
        row["overdue"] += is_overdue(request)
        if request.closed_at:
            row["closed"] += 1
            row["closed_on_time"] += request.closed_at.date() <= request.due_date
            row["days_to_close"].append((request.closed_at - request.created_at).total_seconds() / 86400)
    result = []
    for row in stats.values():
        days = row.pop("days_to_close")
        row["mean_days_to_close"] = round(sum(days) / len(days), 2) if days else None
        result.append(row)
    return sorted(result, key=lambda r: r["organization_id"] or "")


def _send(name: str, address: str, subject: str, body: str) -> None:
    if not tk.config["ckanext.harbin_opendata.feedback.email_notifications"]:
        return
    try:
        mailer.mail_recipient(name, address, subject, body)
    except mailer.MailerException as error:  # the request stays filed; the inbox shows it
        log.warning("Feedback e-mail to %s failed: %s", address, error)


def email_agency(request: FeedbackRequest) -> None:
    if not request.organization_id:
        return
    for member in model.Session.query(model.User).join(model.Member, model.Member.table_id == model.User.id).filter(
            model.Member.group_id == request.organization_id, model.Member.state == "active",
            model.Member.capacity.in_(["editor", "admin"]), model.User.email.isnot(None)):
        _send(member.fullname or member.name, member.email, f"[{kind_label(request.kind)}] {request.title}",
              f"{request.description}\n\n{tk.url_for('harbin_feedback.read', id=request.id, _external=True)}")


def _email_requester(request: FeedbackRequest) -> None:
    address = request.requester_contact or ""
    if "@" in address:
        _send(request.requester_name or address, address, f"[{state_label(request.state)}] {request.title}",
              f"{request.reply or ''}\n\n{tk.url_for('harbin_feedback.read', id=request.id, _external=True)}")
