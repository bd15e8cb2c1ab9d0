"""Who may do what with agreements and applications: applicants are registered users; the owning
agency (its editors, and sysadmins) writes agreements and decides; the reviewers may read. One rule
each, and the table of which action follows which (common/auth_table.py)."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ...common import roles
from ...common.auth_table import AuthRule, by_action
from .. import identity, verification
from ..model import Application

__all__ = ["AUTH_FUNCTIONS"]


def _result(allowed: bool, message: str = "") -> AuthResult:
    return {"success": True} if allowed else {"success": False, "msg": message or tk._("Not authorized")}


def _agency(context: Context, package_id: Any) -> AuthResult:
    package = model.Package.get(package_id) if isinstance(package_id, str) else None
    user = roles.acting_user(context)
    return _result(package is not None and user is not None and user.state == "active"
                   and roles.can_edit_entry(user, package), tk._("Only the entry's agency may do this."))


def _application_agency(context: Context, data_dict: DataDict) -> AuthResult:
    application = model.Session.get(Application, str(data_dict.get("id") or ""))
    return _agency(context, application.package_id if application else None)


def _entry_agency(context: Context, data_dict: DataDict) -> AuthResult:
    return _agency(context, data_dict.get("id"))


@tk.auth_allow_anonymous_access
def _entry_readable(context: Context, data_dict: DataDict) -> AuthResult:
    try:
        tk.check_access("package_show", context, {"id": data_dict.get("id")})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return _result(False)
    return _result(True)


def _applicant(context: Context, data_dict: DataDict) -> AuthResult:
    user = roles.acting_user(context)
    if user is None or user.state != "active":
        return _result(False, tk._("Log in to apply for data."))
    if tk.asbool(tk.config["ckanext.harbin_opendata.access.require_identity_check"]) \
            and identity.verified_identity(user) is None:
        return _result(False, tk._("Verify your real name before applying for data."))
    if verification.is_unverified(user):
        return _result(False, tk._("Verify your e-mail address before applying for data: open the link we sent "
                                   "to it, or have it sent again from your personal centre."))
    return _entry_readable(context, data_dict)


def _applicant_or_deciders(context: Context, data_dict: DataDict) -> AuthResult:
    application = model.Session.get(Application, str(data_dict.get("id") or ""))
    user = roles.acting_user(context)
    if application is None or user is None:
        return _result(False)
    if user.id == application.user_id or roles.is_reviewer(user):
        return _result(True)
    return _agency(context, application.package_id)


def _applications_readers(context: Context, data_dict: DataDict) -> AuthResult:
    user = roles.acting_user(context)
    if user is None or user.state != "active":
        return _result(False, tk._("Log in to see your applications."))
    if not data_dict.get("id"):
        return _result(True)
    package = model.Package.get(str(data_dict["id"]))
    if package is not None and roles.is_reviewer(user):
        return _result(True)
    return _agency(context, package.id if package else None)


def _registered(context: Context, data_dict: DataDict) -> AuthResult:
    user = roles.acting_user(context)
    return _result(user is not None and user.state == "active", tk._("Log in to manage your app keys."))


def _identity_owner(context: Context, data_dict: DataDict) -> AuthResult:
    user = roles.acting_user(context)
    return _result(user is not None and user.state == "active", tk._("Log in to verify your real name."))


def _sysadmins_only(context: Context, data_dict: DataDict) -> AuthResult:
    """Sysadmins pass every auth function before it is asked; nobody else."""
    return _result(False, tk._("Only sysadmins may read the real-name verification attempts."))


def _log_readers(context: Context, data_dict: DataDict) -> AuthResult:
    """Everyone registered reads their own log; an agency's log is for its members who edit,
    the reviewers and sysadmins."""
    allowed = _registered(context, data_dict)
    if not allowed["success"] or not data_dict.get("organization"):
        return allowed
    user = roles.acting_user(context)
    agency = model.Group.get(str(data_dict["organization"]))
    return _result(agency is not None and agency.is_organization and (
        roles.is_reviewer(user) or user.sysadmin or agency.id in roles.agency_ids(user)),
        tk._("Only the agency's editors and the reviewers may read its access log."))


AUTH_FUNCTIONS: dict[str, AuthRule] = by_action({
    "harbin_access_agreement_update": _entry_agency,
    "harbin_access_agreement_show": _entry_readable,
    "harbin_access_apply": _applicant,
    "harbin_access_approve": _application_agency,
    "harbin_access_reject": _application_agency,
    "harbin_access_revoke": _application_agency,
    "harbin_access_application_show": _applicant_or_deciders,
    "harbin_access_application_list": _applications_readers,
    "harbin_access_key_create": _registered,
    "harbin_access_key_list": _registered,
    "harbin_access_key_revoke": _registered,  # the action finds only the user's own keys
    "harbin_access_log_list": _log_readers,
    "harbin_access_identity_check": _identity_owner,
    "harbin_access_identity_show": _identity_owner,
    "harbin_access_identity_attempt_list": _sysadmins_only,  # the audit trail of attempts
})
