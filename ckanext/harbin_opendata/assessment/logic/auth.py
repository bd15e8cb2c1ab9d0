"""Auth functions of harbin_assessment: scores are public; recomputing is for sysadmins; the list of
problems is for reviewers, and for an agency's own editors about their agency."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ...common.roles import acting_user as _user
from .. import service

__all__ = ["harbin_assessment_compute", "harbin_assessment_show", "harbin_assessment_agency_show",
           "harbin_assessment_problems", "harbin_assessment_link_check"]


def harbin_assessment_compute(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": tk._("Only sysadmins can recompute the assessment.")}  # sysadmins pass anyway


def harbin_assessment_link_check(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": tk._("Only sysadmins can start the link check.")}


@tk.auth_allow_anonymous_access
def harbin_assessment_show(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}  # published scores (第十八条: the assessment is public)


@tk.auth_allow_anonymous_access
def harbin_assessment_agency_show(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


def harbin_assessment_problems(context: Context, data_dict: DataDict) -> AuthResult:
    user = _user(context)
    if service.is_reviewer(user) or (user is not None and user.get_groups("organization", "editor")
                                     + user.get_groups("organization", "admin")):
        return {"success": True}  # an agency's editors see their own agency's list only
    return {"success": False, "msg": tk._("Only reviewers and agency editors can see the problems to fix.")}
