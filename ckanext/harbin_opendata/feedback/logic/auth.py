"""Auth functions of harbin_feedback."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ...common.roles import acting_user as _user
from .. import service
from ..model import FeedbackRequest

__all__ = ["harbin_feedback_create", "harbin_feedback_show", "harbin_feedback_list", "harbin_feedback_accept",
           "harbin_feedback_resolve", "harbin_feedback_reject", "harbin_feedback_reassign", "harbin_feedback_stats"]


@tk.auth_allow_anonymous_access
def harbin_feedback_create(context: Context, data_dict: DataDict) -> AuthResult:
    if _user(context) or tk.config["ckanext.harbin_opendata.feedback.allow_anonymous"]:
        return {"success": True}
    return {"success": False, "msg": tk._("Log in to send a request.")}


@tk.auth_allow_anonymous_access
def harbin_feedback_show(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}  # public status page; personal data is left out by the action


@tk.auth_allow_anonymous_access
def harbin_feedback_list(context: Context, data_dict: DataDict) -> AuthResult:
    if tk.asbool(data_dict.get("inbox")) and not _user(context):
        return {"success": False, "msg": tk._("Log in to see your agency's inbox.")}
    return {"success": True}


@tk.auth_allow_anonymous_access
def harbin_feedback_stats(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}  # counts only


def _handler(context: Context, data_dict: DataDict) -> AuthResult:
    request = model.Session.get(FeedbackRequest, data_dict.get("id") or "")
    if request is None:
        raise tk.ObjectNotFound(tk._("Request not found"))
    if service.can_handle(_user(context), request):
        return {"success": True}
    return {"success": False, "msg": tk._("Only the agency the request is routed to can handle it.")}


def harbin_feedback_accept(context: Context, data_dict: DataDict) -> AuthResult:
    return _handler(context, data_dict)


def harbin_feedback_resolve(context: Context, data_dict: DataDict) -> AuthResult:
    return _handler(context, data_dict)


def harbin_feedback_reject(context: Context, data_dict: DataDict) -> AuthResult:
    return _handler(context, data_dict)


def harbin_feedback_reassign(context: Context, data_dict: DataDict) -> AuthResult:
    return _handler(context, data_dict)
