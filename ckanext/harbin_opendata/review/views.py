"""Pages of the review workflow: the review queue, an entry's review page, notifications and
catalog adjustments. Every change goes through the actions (and their auth functions)."""
from __future__ import annotations

import datetime as dt
import io
from typing import Any

from flask import Blueprint, Response

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.pagination import Page

from ..common.licence import licence_refusal
from ..common.views import abort_unless_readable, error_text, login_first, page_number, posted_action
from ..common.views import view_context as _context
from . import audit, guard, workflow
from .logic.action import audit_filters
from .states import STATES, TRANSITIONS, event_labels

__all__ = ["harbin_review"]

harbin_review = Blueprint("harbin_review", __name__)

harbin_review.before_request(login_first())


def _require_login() -> None:
    if not tk.current_user.is_authenticated:
        tk.abort(403, tk._("Log in to use the review pages."))


QUEUE_PAGE_SIZE = 50


@harbin_review.route("/review")
def queue() -> str:
    _require_login()
    state = tk.request.args.get("state", "submitted")
    organization = tk.request.args.get("organization") or None
    number = page_number()
    params = {"state": state} if state in STATES else {}
    params.update({"organization": organization} if organization else {},
                  limit=QUEUE_PAGE_SIZE, offset=(number - 1) * QUEUE_PAGE_SIZE)
    try:
        result = tk.get_action("harbin_review_list")(_context(), params)
    except tk.NotAuthorized:
        tk.abort(403, tk._("Only reviewers and agency editors have a review list."))
    pager_args = {key: value for key, value in (("state", state), ("organization", organization)) if value}
    page = Page(collection=result["results"], page=number, item_count=result["count"],
                     items_per_page=QUEUE_PAGE_SIZE, presliced_list=True,
                     url=lambda page, **_: tk.h.url_for("harbin_review.queue", page=page, **pager_args))
    agencies = tk.get_action("organization_list")(_context(), {"all_fields": True, "limit": 1000})
    holds = workflow.publication_holds([entry["id"] for entry in result["results"]])
    return tk.render("review/queue.html", {"entries": result["results"], "count": result["count"], "holds": holds,
                                           "state": state, "states": STATES, "page": page,
                                           "organization": organization, "agencies": agencies})


def _allowed_actions(entry_id: str) -> list[str]:
    allowed = []
    for action in TRANSITIONS:
        try:
            tk.check_access(f"harbin_review_{action}", _context(), {"id": entry_id})
            allowed.append(action)
        except tk.NotAuthorized:
            pass
    return allowed


@harbin_review.route("/dataset/<id>/review")
def entry(id: str) -> str:
    _require_login()
    try:
        history = tk.get_action("harbin_review_history")(_context(), {"id": id})
    except tk.ObjectNotFound:
        tk.abort(404, tk._("Catalog entry not found"))
    except tk.NotAuthorized:
        abort_unless_readable(id)
        tk.abort(403, tk._("Only editors of the entry's agency and reviewers see its review page."))
    state = history["entry"]["state"]
    actions = [a for a in _allowed_actions(history["entry"]["id"]) if state in TRANSITIONS[a].sources]
    package = model.Package.get(history["entry"]["id"])
    blockers = workflow.publication_blockers(package) if "publish" in actions else []
    licence = licence_refusal(package.license_id) if {"submit", "publish"} & set(actions) else None
    unconfirmed = workflow.unconfirmed_refusal(package) if "submit" in actions else None
    return tk.render("review/entry.html", {"history": history, "actions": actions, "blockers": blockers,
                                           "licence_refusal": licence, "unconfirmed": unconfirmed,
                                           "pkg_dict": tk.get_action("package_show")(_context(), {"id": id})})


@harbin_review.route("/dataset/<id>/review/<action>", methods=["POST"])
def act(id: str, action: str) -> Any:
    _require_login()
    if action not in TRANSITIONS:
        tk.abort(404)
    with posted_action(tk._("Catalog entry not found")):
        data = {"id": id, "comment": tk.request.form.get("comment", "")}
        if action in ("publish", "return"):  # bound to the revision the reviewer read (none sent: refused)
            data["revision"] = tk.request.form.get("revision", "")
        tk.get_action(f"harbin_review_{action}")(_context(), data)
        tk.h.flash_success(tk._("Done: the entry is now “{state}”.").format(
            state=tk.h.harbin_review_state_label(tk.h.harbin_review_state(
                tk.get_action("package_show")(_context(), {"id": id})["id"]))))
    return tk.redirect_to("harbin_review.entry", id=id)


@harbin_review.before_app_request
def edit_refusal_in_words() -> None:
    """CKAN's edit form answers every refusal of package_update with “Unauthorized to read package”:
    a change the review workflow refuses (publishing by `private`, moving, a submitted entry) is
    answered with the reason, as the API gives it."""
    if tk.request.method != "POST" or tk.request.endpoint != "dataset.edit" or not tk.current_user.is_authenticated:
        return
    package = model.Package.get((tk.request.view_args or {}).get("id") or "")
    if not workflow.is_catalog_entry(package):
        return
    user = model.User.get(tk.current_user.name)
    if frozen := guard.frozen_refusal(user, package):
        tk.abort(409, frozen)
    asked = {key: tk.request.form[key] for key in ("private", "owner_org", "state") if key in tk.request.form}
    if refusal := guard.update_refusal(user, package, asked):
        tk.abort(403, refusal)


@harbin_review.route("/review/notifications")
def notifications() -> str:
    _require_login()
    items = tk.get_action("harbin_review_notification_list")(_context(), {"mark_read": True})
    return tk.render("review/notifications.html", {"notifications": items})


@harbin_review.route("/review/adjustments", methods=["GET", "POST"])
def adjustments() -> Any:
    _require_login()
    errors: dict[str, Any] = {}
    form = dict(tk.request.form) if tk.request.method == "POST" else {}
    if form:
        form["package_ids"] = [ref for ref in tk.request.form.getlist("package_ids") if ref]
        try:
            tk.get_action("harbin_review_adjustment_create")(_context(), form)
            tk.h.flash_success(tk._("Catalog adjustment recorded."))
            return tk.redirect_to("harbin_review.adjustments")
        except tk.ValidationError as error:
            errors = error.error_dict
        except (tk.NotAuthorized, tk.ObjectNotFound) as error:
            errors = {"organization": [str(error) or tk._("You are not allowed to do this.")]}
    try:
        items = tk.get_action("harbin_review_adjustment_list")(_context(), {})
    except tk.NotAuthorized:
        tk.abort(403, tk._("Only reviewers and agency editors have a review list."))
    organizations = (  # the centre's reviewers record adjustments for every agency
        tk.get_action("organization_list")(_context(), {"all_fields": True, "limit": 1000})
        if tk.h.harbin_review_is_reviewer() else
        tk.get_action("organization_list_for_user")(_context(), {"permission": "update_dataset"}))
    return tk.render("review/adjustments.html", {"adjustments": items, "errors": errors, "form": form,
                                                 "organizations": organizations})


@harbin_review.route("/review/adjustments/<id>/complete", methods=["POST"])
def complete_adjustment(id: str) -> Any:
    _require_login()
    try:
        refs = [ref for ref in tk.request.form.get("package_ids", "").replace("，", ",").replace(",", " ").split() if ref]
        tk.get_action("harbin_review_adjustment_complete")(_context(), {"id": id, "package_ids": refs})
        tk.h.flash_success(tk._("Catalog adjustment marked done."))
    except (tk.NotAuthorized, tk.ValidationError, tk.ObjectNotFound) as error:
        tk.h.flash_error((error_text(error) if isinstance(error, tk.ValidationError) else str(error))
                         or tk._("You are not allowed to do this."))
    return tk.redirect_to("harbin_review.adjustments")


AUDIT_PAGE_SIZE = 50
AUDIT_FILTERS = ("start", "end", "actor", "event", "organization", "entry")


def _audit_request() -> dict[str, str]:
    """The filters asked for (empty fields left out), or a 403 for anyone but sysadmins and auditors."""
    _require_login()
    try:
        tk.check_access("harbin_review_audit_list", _context())
    except tk.NotAuthorized as refusal:
        tk.abort(403, str(refusal))
    return {key: value.strip() for key in AUDIT_FILTERS if (value := tk.request.args.get(key, ""))}


def _bad_filter(error: tk.ValidationError) -> Any:
    """A 400 naming the filter that is wrong (a kind of event not in the list: not the whole list)."""
    labels = {"start": tk._("From"), "end": tk._("To"), "actor": tk._("Who"), "event": tk._("Kind of event"),
              "organization": tk._("Agency"), "entry": tk._("Catalog entry")}
    kind = tk._("Unknown kind of event.")
    return tk.abort(400, " ".join(f"{labels.get(key, key)}: {kind if key == 'event' else ' '.join(messages)}"
                                  for key, messages in error.error_dict.items()))


@harbin_review.route("/review/audit")
def audit_log() -> str:
    """The portal-wide audit log for sysadmins and auditors: paged, newest first, filtered."""
    filters = _audit_request()
    number = page_number()
    try:
        result = tk.get_action("harbin_review_audit_list")(
            _context(), dict(filters, limit=AUDIT_PAGE_SIZE, offset=(number - 1) * AUDIT_PAGE_SIZE))
    except tk.ValidationError as error:
        return _bad_filter(error)
    page = Page(collection=result["results"], page=number, item_count=result["count"],
                items_per_page=AUDIT_PAGE_SIZE, presliced_list=True,
                url=lambda page, **_: tk.h.url_for("harbin_review.audit_log", page=page, **filters))
    events = result["results"]
    agencies = {group.id: {"name": group.name, "title": group.title} for group in model.Session.query(model.Group).filter(
        model.Group.id.in_({event["organization_id"] for event in events if event["organization_id"]}))}
    entries = {package.id: package for package in model.Session.query(model.Package).filter(
        model.Package.id.in_({event["package_id"] for event in events if event["package_id"]}),
        model.Package.state != "deleted")}
    return tk.render("review/audit.html", {
        "events": events, "count": result["count"], "page": page, "filters": filters, "entries": entries,
        "kinds": sorted(event_labels().items(), key=lambda item: item[1]), "agencies": agencies,
        "agency_options": tk.get_action("organization_list")(_context(), {"all_fields": True, "limit": 1000})})


@harbin_review.route("/review/audit.csv")
def audit_csv() -> Any:
    """The filtered rows as CSV (UTF-8 with BOM, as `ckan harbin review audit-export`), details included."""
    filters = _audit_request()
    try:
        _, checked = audit_filters(_context(), filters)
    except tk.ValidationError as error:
        return _bad_filter(error)
    out = io.StringIO()
    out.write("\ufeff")
    audit.write_csv(audit.filtered(**checked).yield_per(1000), out)
    day = dt.datetime.now(tk.h.get_display_timezone()).date().isoformat()
    return Response(out.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="harbin-audit-log-{day}.csv"'})
