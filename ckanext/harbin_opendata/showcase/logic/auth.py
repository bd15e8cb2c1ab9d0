"""Auth functions of harbin_showcase: sysadmins and the big-data centre's reviewers manage cases;
everyone sees published ones."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ...common.roles import acting_user
from ...common import roles

__all__ = ["harbin_showcase_create", "harbin_showcase_update", "harbin_showcase_delete",
           "harbin_showcase_show", "harbin_showcase_list"]


def _managers_only(context: Context, data_dict: DataDict) -> AuthResult:
    # Sysadmins pass before this; reviewers of the big-data centre manage cases too.
    if roles.is_reviewer(acting_user(context)):
        return {"success": True}
    return {"success": False, "msg": tk._("Only administrators manage reuse cases.")}


def harbin_showcase_create(context: Context, data_dict: DataDict) -> AuthResult:
    return _managers_only(context, data_dict)


def harbin_showcase_update(context: Context, data_dict: DataDict) -> AuthResult:
    return _managers_only(context, data_dict)


def harbin_showcase_delete(context: Context, data_dict: DataDict) -> AuthResult:
    return _managers_only(context, data_dict)


@tk.auth_allow_anonymous_access
def harbin_showcase_show(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}  # the action hides unpublished cases from non-managers


@tk.auth_allow_anonymous_access
def harbin_showcase_list(context: Context, data_dict: DataDict) -> AuthResult:
    if tk.asbool(data_dict.get("include_unpublished")):
        return _managers_only(context, data_dict)
    return {"success": True}
