"""Public feedback pages: the list, the form, a request's status page, and the agency inbox."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint

import ckan.plugins.toolkit as tk
from ckan.common import session
from ckan.lib.pagination import Page

from ..common.views import login_first, page_number, posted_action
from ..common.views import view_context as _context
from .service import RateLimited
from .states import KINDS

__all__ = ["harbin_feedback"]

harbin_feedback = Blueprint("harbin_feedback", __name__)

harbin_feedback.before_request(login_first("inbox", "mine"))
PAGE_SIZE = 20
_FILED, _FILED_KEPT = "harbin_feedback_filed", 10
_FORM_FIELDS = ["kind", "title", "description", "dataset", "resource_id", "organization", "data_domain",
                "wanted_fields", "location", "proposed_value", "evidence", "requester_name",
                "requester_contact", "website"]


@harbin_feedback.route("/feedback")
def index() -> str:
    kind, dataset = tk.request.args.get("kind"), tk.request.args.get("dataset", "")[:200]
    params = {"kind": kind} if kind in KINDS else {}
    if dataset:  # the requests about one catalog entry (linked from its page)
        params["dataset"] = dataset
    requests, page = _paged(params, "harbin_feedback.index")
    return tk.render("feedback/index.html", {"requests": requests, "page": page, "kind": kind})


@harbin_feedback.route("/feedback/mine")
def mine() -> str:
    """The requests and corrections the logged-in user filed, with their state and due date."""
    requests, page = _paged({"mine": True}, "harbin_feedback.mine")
    return tk.render("feedback/mine.html", {"requests": requests, "page": page})


def _paged(params: dict[str, Any], endpoint: str) -> tuple[list[dict[str, Any]], Page]:
    """One page (?page=) of harbin_feedback_list with these filters, and CKAN's pager for it."""
    number = page_number()
    result = tk.get_action("harbin_feedback_list")(_context(), {**params, "limit": PAGE_SIZE,
                                                               "offset": (number - 1) * PAGE_SIZE})
    shown = {key: value for key, value in params.items() if key in ("kind", "dataset")}
    page = Page(collection=result["results"], page=number, item_count=result["count"], items_per_page=PAGE_SIZE,
                presliced_list=True, url=lambda page, **_: tk.h.url_for(endpoint, page=page, **shown))
    return result["results"], page


@harbin_feedback.route("/feedback/new", methods=["GET", "POST"])
def new() -> Any:
    try:
        tk.check_access("harbin_feedback_create", _context(), {})
    except tk.NotAuthorized:
        return tk.redirect_to("user.login", came_from=tk.request.full_path)
    form = {key: tk.request.values.get(key, "") for key in _FORM_FIELDS}
    form["kind"] = form["kind"] if form["kind"] in KINDS else "data_request"
    errors: dict[str, Any] = {}
    limited: dict[str, str] = {}
    if tk.request.method == "POST":
        try:
            created = tk.get_action("harbin_feedback_create")(_context(), form)
            if tk.current_user.is_authenticated:  # their requests are listed for them
                tk.h.flash_success(tk._("Thank you. Your request was sent to the agency. Follow it here, with your other requests."))
                return tk.redirect_to("harbin_feedback.mine")
            tk.h.flash_success(tk._("Thank you. Your request was sent to the agency; keep this page's address to follow it."))
            _remember_filed(created["id"])
            return tk.redirect_to("harbin_feedback.read", id=created["id"])
        except tk.ValidationError as error:
            errors = error.error_dict
            if isinstance(error, RateLimited):
                limited = {"Retry-After": str(error.retry_after)}
    dataset = None
    if form["dataset"]:
        try:
            dataset = tk.get_action("package_show")(_context(), {"id": form["dataset"]})
        except (tk.ObjectNotFound, tk.NotAuthorized):
            errors.setdefault("dataset", [tk._("Choose the published catalog entry this correction is about.")])
    organizations = tk.get_action("organization_list")({}, {"all_fields": True})
    page = tk.render("feedback/new.html", {"form": form, "errors": errors, "dataset": dataset,
                                           "organizations": organizations,
                                           "anonymous": not tk.current_user.is_authenticated})
    if limited:
        return page, 429, limited
    if errors and tk.request.method == "POST":
        return page, 400  # re-shown with the text kept
    return (page, 404) if errors else page  # a link to an entry that is not (or no longer) public


def _remember_filed(request_id: str) -> None:
    """An anonymous requester reads their own words on the status page while their browser session
    lasts (the public does not: service._CITIZEN_TEXTS); the last few requests filed are kept."""
    session[_FILED] = [*session.get(_FILED, [])[-(_FILED_KEPT - 1):], request_id]


@harbin_feedback.route("/feedback/<id>")
def read(id: str) -> str:
    try:
        request = tk.get_action("harbin_feedback_show")({**_context(), "filed_in_session": id in session.get(_FILED, [])},
                                                        {"id": id})
    except tk.ObjectNotFound:
        tk.abort(404, tk._("Request not found"))
    actions = []
    for action in ("accept", "resolve", "reject", "reassign"):
        try:
            tk.check_access(f"harbin_feedback_{action}", _context(), {"id": id})
            actions.append(action)
        except tk.NotAuthorized:
            pass
    if request["state"] in ("resolved", "rejected"):
        actions = []
    organizations = tk.get_action("organization_list")({}, {"all_fields": True}) if actions else []
    return tk.render("feedback/read.html", {"request_dict": request, "actions": actions, "organizations": organizations})


@harbin_feedback.route("/feedback/<id>/<action>", methods=["POST"])
def handle(id: str, action: str) -> Any:
    if action not in ("accept", "resolve", "reject", "reassign"):
        tk.abort(404)
    with posted_action(tk._("Request not found"), tk._("Only the agency the request is routed to can handle it.")):
        tk.get_action(f"harbin_feedback_{action}")(_context(), {
            "id": id, "comment": tk.request.form.get("comment", ""), "organization": tk.request.form.get("organization", "")})
        tk.h.flash_success(tk._("Saved."))
    return tk.redirect_to("harbin_feedback.read", id=id)


INBOX_OPEN_SHOWN = 500  # an agency's open requests: all of them, earliest due first
INBOX_CLOSED_SHOWN = 20
INBOX_DUE_SOON_DAYS = 3


@harbin_feedback.route("/feedback/inbox")
def inbox() -> str:
    if not tk.current_user.is_authenticated:
        tk.abort(403, tk._("Log in to see your agency's inbox."))
    listing = tk.get_action("harbin_feedback_list")
    waiting = listing(_context(), {"inbox": True, "open": True, "order": "due", "limit": INBOX_OPEN_SHOWN})
    recent = [r for r in listing(_context(), {"inbox": True, "limit": INBOX_CLOSED_SHOWN * 3})["results"]
              if r["state"] in ("resolved", "rejected")][:INBOX_CLOSED_SHOWN]
    soon = (dt.date.today() + dt.timedelta(days=INBOX_DUE_SOON_DAYS)).isoformat()
    return tk.render("feedback/inbox.html", {
        "waiting": waiting["results"], "count": waiting["count"], "recent": recent, "soon": soon,
        "overdue": sum(1 for r in waiting["results"] if r["overdue"]),
        "due_soon": sum(1 for r in waiting["results"] if not r["overdue"] and r["due_date"] <= soon)})
