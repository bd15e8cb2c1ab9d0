"""Pages of harbin_access: the application form of a conditional entry, the user's applications
and grants, and the agency's list of an entry's applications with approve / reject / revoke."""
from __future__ import annotations

from typing import Any, Optional

from flask import Blueprint

import ckan.plugins.toolkit as tk

from ..common.views import abort_unless_readable, error_text, login_first
from ..common.views import view_context as _context
from .centre import harbin_access_centre
from .verification_views import harbin_access_email

__all__ = ["harbin_access", "harbin_access_centre", "harbin_access_email"]

harbin_access = Blueprint("harbin_access", __name__)
harbin_access.before_request(login_first())

_FORM_FIELDS = ["purpose", "scenario", "organization", "credit_code", "contact", "wanted_until", "agreement_version"]


@harbin_access.route("/dataset/<id>/apply", methods=["GET", "POST"])
def apply(id: str) -> Any:
    abort_unless_readable(id)
    package = tk.get_action("package_show")(_context(), {"id": id})
    try:
        agreement = tk.get_action("harbin_access_agreement_show")(_context(), {"id": id})
    except tk.ObjectNotFound as error:
        agreement = None
        tk.h.flash_error(str(error.message or error))
    form = {key: tk.request.form.get(key, "") for key in _FORM_FIELDS}
    errors: dict[str, Any] = {}
    if tk.request.method == "POST" and agreement:
        try:
            tk.get_action("harbin_access_apply")(_context(), {
                **form, "id": package["id"], "accept_agreement": tk.request.form.get("accept_agreement") == "on"})
            tk.h.flash_success(tk._("Your application was sent to the agency."))
            return tk.redirect_to("harbin_access.mine")
        except tk.ValidationError as error:
            errors = error.error_dict
        except tk.NotAuthorized as error:
            tk.abort(403, str(error))
    return tk.render("access/apply.html", {"pkg": package, "agreement": agreement, "form": form, "errors": errors})


@harbin_access.route("/user/access/applications")
def mine() -> str:
    applications = tk.get_action("harbin_access_application_list")(_context(), {})
    return tk.render("access/mine.html", {"applications": applications})


def _current_agreement(id: str) -> Optional[dict[str, Any]]:
    try:
        return tk.get_action("harbin_access_agreement_show")(_context(), {"id": id})
    except tk.ObjectNotFound:
        return None


@harbin_access.route("/dataset/<id>/applications")
def agency(id: str, agreement_text: Optional[str] = None, agreement_errors: Optional[dict[str, Any]] = None) -> str:
    """The entry's applications, and its usage agreement with the form writing its next version
    (kept as typed, with the errors, when the agreement view could not save it)."""
    abort_unless_readable(id)
    try:
        applications = tk.get_action("harbin_access_application_list")(_context(), {"id": id})
    except tk.NotAuthorized as error:
        tk.abort(403, str(error))
    package = tk.get_action("package_show")(_context(), {"id": id})
    agreement = _current_agreement(id)
    if agreement_text is None:
        agreement_text = agreement["text"] if agreement else ""
    return tk.render("access/agency.html", {
        "pkg": package, "applications": applications, "agreement": agreement,
        "agreement_text": agreement_text, "agreement_errors": agreement_errors or {}})


@harbin_access.route("/dataset/<id>/agreement", methods=["POST"])
def agreement(id: str) -> Any:
    """A new version of the entry's usage agreement, from the form on its applications page."""
    abort_unless_readable(id)
    text = tk.request.form.get("text", "")
    try:
        written = tk.get_action("harbin_access_agreement_update")(_context(), {"id": id, "text": text})
    except tk.NotAuthorized as error:
        tk.abort(403, str(error))
    except tk.ValidationError as error:
        return agency(id, agreement_text=text, agreement_errors=error.error_dict)
    tk.h.flash_success(tk._("The agreement was saved as version {version}: applicants now accept it.").format(
        version=written["version"]))
    return tk.redirect_to("harbin_access.agency", id=id)


@harbin_access.route("/access/application/<application_id>/<decision>", methods=["POST"])
def decide(application_id: str, decision: str) -> Any:
    actions = {"approve": "harbin_access_approve", "reject": "harbin_access_reject", "revoke": "harbin_access_revoke"}
    if decision not in actions:
        tk.abort(404)
    try:
        result = tk.get_action(actions[decision])(_context(), {
            "id": application_id, "expires_on": tk.request.form.get("expires_on", ""),
            "reason": tk.request.form.get("reason", "")})
    except tk.ObjectNotFound as error:
        tk.abort(404, str(error))
    except tk.NotAuthorized as error:
        tk.abort(403, str(error))
    except tk.ValidationError as error:
        tk.h.flash_error(error_text(error))
        application = tk.get_action("harbin_access_application_show")(_context(), {"id": application_id})
        return tk.redirect_to("harbin_access.agency", id=application["package_id"])
    tk.h.flash_success(tk._("Saved."))
    return tk.redirect_to("harbin_access.agency", id=result["package_id"])
