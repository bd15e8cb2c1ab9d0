"""Auth functions of harbin_review. Sysadmins are checked too: nobody reviews their own submission."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ...common.roles import acting_user as _user
from ...common import roles
from ..model import Adjustment, ReviewEntry
from . import core_auth
from .core_auth import *  # noqa: F401,F403 - CKAN's own actions, chained

__all__ = [
    "harbin_review_submit", "harbin_review_publish", "harbin_review_return", "harbin_review_withdraw",
    "harbin_review_list", "harbin_review_history", "harbin_review_notification_list",
    "harbin_review_adjustment_create", "harbin_review_adjustment_complete", "harbin_review_adjustment_list",
    "package_show", "harbin_review_record_event",
] + core_auth.__all__


def _deny(message: str) -> AuthResult:
    return {"success": False, "msg": message}


def _allow() -> AuthResult:
    return {"success": True}


def _package(data_dict: DataDict) -> model.Package:
    package = model.Package.get(data_dict.get("id") or "")
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(tk._("Catalog entry not found"))
    return package


def _editor_only(context: Context, data_dict: DataDict) -> AuthResult:
    if roles.can_edit_entry(_user(context), _package(data_dict)):
        return _allow()
    return _deny(tk._("Only editors of the entry's agency can do this."))


def _reviewer_not_submitter(context: Context, data_dict: DataDict) -> AuthResult:
    user, package = _user(context), _package(data_dict)
    if not roles.is_reviewer(user):
        return _deny(tk._("Only reviewers can do this."))
    entry = model.Session.get(ReviewEntry, package.id)
    if entry is not None and entry.submitted_by == user.id:
        return _deny(tk._("You submitted this entry: another reviewer must review it."))
    return _allow()


@tk.auth_sysadmins_check
def harbin_review_submit(context: Context, data_dict: DataDict) -> AuthResult:
    return _editor_only(context, data_dict)


@tk.auth_sysadmins_check
def harbin_review_publish(context: Context, data_dict: DataDict) -> AuthResult:
    return _reviewer_not_submitter(context, data_dict)


@tk.auth_sysadmins_check
def harbin_review_return(context: Context, data_dict: DataDict) -> AuthResult:
    return _reviewer_not_submitter(context, data_dict)


@tk.auth_sysadmins_check
def harbin_review_withdraw(context: Context, data_dict: DataDict) -> AuthResult:
    if roles.is_reviewer(_user(context)):
        return _allow()
    return _editor_only(context, data_dict)


@tk.auth_sysadmins_check
def harbin_review_history(context: Context, data_dict: DataDict) -> AuthResult:
    return harbin_review_withdraw(context, data_dict)


@tk.auth_sysadmins_check
def harbin_review_list(context: Context, data_dict: DataDict) -> AuthResult:
    user = _user(context)
    if roles.is_reviewer(user) or roles.agency_ids(user):
        return _allow()
    return _deny(tk._("Only reviewers and agency editors have a review list."))


@tk.auth_sysadmins_check
def harbin_review_notification_list(context: Context, data_dict: DataDict) -> AuthResult:
    return _allow() if _user(context) else _deny(tk._("Log in to see your notifications."))


def _may_manage_adjustments(user: Any, organization_id: str) -> bool:
    return roles.is_reviewer(user) or organization_id in roles.agency_ids(user)


@tk.auth_sysadmins_check
def harbin_review_adjustment_create(context: Context, data_dict: DataDict) -> AuthResult:
    organization = model.Group.get(data_dict.get("organization") or "")
    if organization is None:
        raise tk.ObjectNotFound(tk._("Agency not found"))
    if _may_manage_adjustments(_user(context), organization.id):
        return _allow()
    return _deny(tk._("Only reviewers and the agency's editors can record catalog adjustments."))


@tk.auth_sysadmins_check
def harbin_review_adjustment_complete(context: Context, data_dict: DataDict) -> AuthResult:
    adjustment = model.Session.get(Adjustment, data_dict.get("id") or "")
    if adjustment is None:
        raise tk.ObjectNotFound(tk._("Catalog adjustment not found"))
    if _may_manage_adjustments(_user(context), adjustment.organization_id):
        return _allow()
    return _deny(tk._("Only reviewers and the agency's editors can record catalog adjustments."))


@tk.auth_sysadmins_check
def harbin_review_adjustment_list(context: Context, data_dict: DataDict) -> AuthResult:
    return harbin_review_list(context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def package_show(next_auth: Any, context: Context, data_dict: DataDict) -> AuthResult:
    """Reviewers read unpublished entries of every agency (to review them). A refusal does not
    name the entry's id (asked by name, CKAN's message would tell it)."""
    if roles.is_reviewer(_user(context)):
        return _allow()
    result = next_auth(context, data_dict)
    return result if result.get("success") else _deny(tk._("You may not read this catalog entry."))


@tk.auth_sysadmins_check
def harbin_review_record_event(context: Context, data_dict: DataDict) -> AuthResult:
    """Only the suite's own code records events (it calls with ignore_auth)."""
    return _deny(tk._("Events are recorded by the portal itself."))
