"""Pages of the review workflow: the review queue, an entry's review page, notifications and
catalog adjustments. Every change goes through the actions (and their auth functions)."""
from __future__ import annotations

from typing import Any

from flask import Blueprint

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.pagination import Page

from ..common.licence import licence_refusal
from ..common.views import abort_unless_readable, login_first, posted_action
from ..common.views import view_context as _context
from . import workflow
from .states import STATES, TRANSITIONS

__all__ = ["harbin_review"]

harbin_review = Blueprint("harbin_review", __name__)

harbin_review.before_request(login_first())


def _require_login() -> None:
    if not tk.current_user.is_authenticated:
        tk.abort(403, tk._("Log in to use the review pages."))


QUEUE_PAGE_SIZE = 50


def _page_number() -> int:
    try:
        number = int(tk.request.args.get("page", 1))
    except ValueError:
        number = 0
    if number < 1:
        tk.abort(400, tk._("The page number must be a whole number from 1."))
    return number


@harbin_review.route("/review")
def queue() -> str:
    _require_login()
    state = tk.request.args.get("state", "submitted")
    organization = tk.request.args.get("organization") or None
    number = _page_number()
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
    return tk.render("review/entry.html", {"history": history, "actions": actions, "blockers": blockers,
                                           "licence_refusal": licence,
                                           "pkg_dict": tk.get_action("package_show")(_context(), {"id": id})})


@harbin_review.route("/dataset/<id>/review/<action>", methods=["POST"])
def act(id: str, action: str) -> Any:
    _require_login()
    if action not in TRANSITIONS:
        tk.abort(404)
    with posted_action(tk._("Catalog entry not found")):
        tk.get_action(f"harbin_review_{action}")(_context(), {"id": id, "comment": tk.request.form.get("comment", "")})
        tk.h.flash_success(tk._("Done: the entry is now “{state}”.").format(
            state=tk.h.harbin_review_state_label(tk.h.harbin_review_state(
                tk.get_action("package_show")(_context(), {"id": id})["id"]))))
    return tk.redirect_to("harbin_review.entry", id=id)


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
    organizations = tk.get_action("organization_list_for_user")(_context(), {"permission": "update_dataset"})
    return tk.render("review/adjustments.html", {"adjustments": items, "errors": errors, "form": form,
                                                 "organizations": organizations})


@harbin_review.route("/review/adjustments/<id>/complete", methods=["POST"])
def complete_adjustment(id: str) -> Any:
    _require_login()
    try:
        tk.get_action("harbin_review_adjustment_complete")(_context(), {"id": id})
        tk.h.flash_success(tk._("Catalog adjustment marked done."))
    except (tk.NotAuthorized, tk.ValidationError, tk.ObjectNotFound) as error:
        tk.h.flash_error(str(error) or tk._("You are not allowed to do this."))
    return tk.redirect_to("harbin_review.adjustments")
