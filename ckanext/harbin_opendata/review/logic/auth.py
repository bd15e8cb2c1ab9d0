"""Auth functions of harbin_review: one rule each, and the table of which action follows which.
Sysadmins are checked too: nobody reviews their own submission."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ...common import roles
from ...common.auth_table import AuthRule, allow, by_action, deny
from ...common.roles import acting_user as _user
from ..model import Adjustment, ReviewEntry
from . import core_auth

__all__ = ["AUTH_FUNCTIONS"]


def _package(data_dict: DataDict) -> model.Package:
    package = model.Package.get(data_dict.get("id") or "")
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(tk._("Catalog entry not found"))
    return package


@tk.auth_sysadmins_check
def _editor_only(context: Context, data_dict: DataDict) -> AuthResult:
    if roles.can_edit_entry(_user(context), _package(data_dict)):
        return allow()
    return deny(tk._("Only editors of the entry's agency can do this."))


@tk.auth_sysadmins_check
def _reviewer_not_submitter(context: Context, data_dict: DataDict) -> AuthResult:
    user, package = _user(context), _package(data_dict)
    if not roles.is_reviewer(user):
        return deny(tk._("Only reviewers can do this."))
    entry = model.Session.get(ReviewEntry, package.id)
    if entry is not None and entry.submitted_by == user.id:
        return deny(tk._("You submitted this entry: another reviewer must review it."))
    return allow()


@tk.auth_sysadmins_check
def _reviewer_or_editor(context: Context, data_dict: DataDict) -> AuthResult:
    if roles.is_reviewer(_user(context)):
        return allow()
    return _editor_only(context, data_dict)


@tk.auth_sysadmins_check
def _reviewer_or_agency_member(context: Context, data_dict: DataDict) -> AuthResult:
    user = _user(context)
    if roles.is_reviewer(user) or roles.agency_ids(user):
        return allow()
    return deny(tk._("Only reviewers and agency editors have a review list."))


@tk.auth_sysadmins_check
def _logged_in(context: Context, data_dict: DataDict) -> AuthResult:
    return allow() if _user(context) else deny(tk._("Log in to see your notifications."))


def _adjustment_managers(context: Context, organization_id: str) -> AuthResult:
    user = _user(context)
    if roles.is_reviewer(user) or organization_id in roles.agency_ids(user):
        return allow()
    return deny(tk._("Only reviewers and the agency's editors can record catalog adjustments."))


@tk.auth_sysadmins_check
def _new_adjustment(context: Context, data_dict: DataDict) -> AuthResult:
    organization = model.Group.get(data_dict.get("organization") or "")
    if organization is None:
        raise tk.ObjectNotFound(tk._("Agency not found"))
    return _adjustment_managers(context, organization.id)


@tk.auth_sysadmins_check
def _open_adjustment(context: Context, data_dict: DataDict) -> AuthResult:
    adjustment = model.Session.get(Adjustment, data_dict.get("id") or "")
    if adjustment is None:
        raise tk.ObjectNotFound(tk._("Catalog adjustment not found"))
    return _adjustment_managers(context, adjustment.organization_id)


@tk.auth_sysadmins_check
def _portal_only(context: Context, data_dict: DataDict) -> AuthResult:
    """Only the suite's own code records events (it calls with ignore_auth)."""
    return deny(tk._("Events are recorded by the portal itself."))


def _auditors_only(context: Context, data_dict: DataDict) -> AuthResult:
    """The portal-wide audit log is for sysadmins (they pass before this rule) and the audit
    administrators named in review.auditors (等级保护: 安全审计, 三员分立). The centre's reviewers
    read one entry's history on its review page; no rule gives them agencies' member changes or
    deleted accounts."""
    if roles.is_auditor(_user(context)):
        return allow()
    return deny(tk._("Only sysadmins and the audit administrators can read the portal's audit log."))


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def _package_show(next_auth: Any, context: Context, data_dict: DataDict) -> AuthResult:
    """Reviewers read unpublished entries of every agency (to review them). Whoever may not read
    an entry is answered as if it did not exist (probe 3 finding 2: 403 against 404 told outsiders
    which names of drafts exist): CKAN's own NotFound, bare as package_show raises it, on every
    action and page that asks this function (resource_show, the activity, the API)."""
    if roles.is_reviewer(_user(context)):
        return allow()
    result = next_auth(context, data_dict)
    if not result.get("success"):
        raise tk.ObjectNotFound()
    return result


def _history(context: Context, data_dict: DataDict) -> AuthResult:
    """An entry's review history: its reviewers and editors; for whoever may not even read the
    entry, the answer of an entry that does not exist."""
    result = _reviewer_or_editor(context, data_dict)
    if result.get("success"):
        return result
    try:
        tk.check_access("package_show", {"user": context.get("user")}, {"id": str(data_dict.get("id") or "")})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        raise tk.ObjectNotFound(tk._("Catalog entry not found"))
    return result


AUTH_FUNCTIONS: dict[str, AuthRule] = {**by_action({
    "harbin_review_submit": _editor_only,
    "harbin_review_publish": _reviewer_not_submitter,
    "harbin_review_return": _reviewer_not_submitter,
    "harbin_review_withdraw": _reviewer_or_editor,
    "harbin_review_history": _history,
    "harbin_review_list": _reviewer_or_agency_member,
    "harbin_review_notification_list": _logged_in,
    "harbin_review_adjustment_create": _new_adjustment,
    "harbin_review_adjustment_complete": _open_adjustment,
    "harbin_review_adjustment_list": _reviewer_or_agency_member,
    "harbin_review_record_event": _portal_only,
    "harbin_review_audit_list": _auditors_only,
    "package_show": _package_show,
}), **core_auth.AUTH_FUNCTIONS}
