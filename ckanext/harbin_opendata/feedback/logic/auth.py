"""Auth functions of harbin_feedback: one rule each, and the table of which action follows which."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ...common.auth_table import AuthRule, allow, by_action, deny, public
from ...common.roles import acting_user as _user
from .. import service
from ..model import FeedbackRequest

__all__ = ["AUTH_FUNCTIONS"]


@tk.auth_allow_anonymous_access
def _sender(context: Context, data_dict: DataDict) -> AuthResult:
    if _user(context) or tk.config["ckanext.harbin_opendata.feedback.allow_anonymous"]:
        return allow()
    return deny(tk._("Log in to send a request."))


@tk.auth_allow_anonymous_access
def _inbox_logged_in(context: Context, data_dict: DataDict) -> AuthResult:
    if tk.asbool(data_dict.get("inbox")) and not _user(context):
        return deny(tk._("Log in to see your agency's inbox."))
    return allow()


def _routed_agency(context: Context, data_dict: DataDict) -> AuthResult:
    request = model.Session.get(FeedbackRequest, data_dict.get("id") or "")
    if request is None:
        raise tk.ObjectNotFound(tk._("Request not found"))
    if service.can_handle(_user(context), request):
        return allow()
    return deny(tk._("Only the agency the request is routed to can handle it."))


def _platform_only(context: Context, data_dict: DataDict) -> AuthResult:
    return deny(tk._("Only the platform opens requests from its own checks."))  # sysadmins pass anyway


AUTH_FUNCTIONS: dict[str, AuthRule] = by_action({
    "harbin_feedback_create": _sender,
    "harbin_feedback_show": public,  # public status page; personal data is left out by the action
    "harbin_feedback_list": _inbox_logged_in,
    "harbin_feedback_stats": public,  # counts only
    "harbin_feedback_accept": _routed_agency,
    "harbin_feedback_resolve": _routed_agency,
    "harbin_feedback_reject": _routed_agency,
    "harbin_feedback_reassign": _routed_agency,
    "harbin_feedback_data_check": _platform_only,  # the data area's check, as the site user
})
