"""Auth functions of harbin_privacy: the entry's agency and the reviewers see findings, scan and
mask; only a reviewer who did not submit the entry grants an exemption."""
from __future__ import annotations

from typing import Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ...common.roles import acting_user as _user
from ...common import roles
from ...review.model import ReviewEntry
from ..model import Scan
from ..visibility import agency_or_reviewer

__all__ = ["harbin_privacy_status", "harbin_privacy_scan", "harbin_privacy_mask", "harbin_privacy_exempt"]


def _package(package_id: Optional[str]) -> model.Package:
    package = model.Package.get(package_id or "")
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(tk._("Catalog entry not found"))
    return package


def _agency_or_reviewer(context: Context, package: model.Package) -> AuthResult:
    if agency_or_reviewer(_user(context), package):
        return {"success": True}
    return {"success": False, "msg": tk._("Only editors of the entry's agency and reviewers can do this.")}


def harbin_privacy_status(context: Context, data_dict: DataDict) -> AuthResult:
    return _agency_or_reviewer(context, _package(data_dict.get("id")))


def harbin_privacy_scan(context: Context, data_dict: DataDict) -> AuthResult:
    return _agency_or_reviewer(context, _package(data_dict.get("id")))


def harbin_privacy_mask(context: Context, data_dict: DataDict) -> AuthResult:
    resource = model.Resource.get(data_dict.get("resource_id") or "")
    if resource is None:
        raise tk.ObjectNotFound(tk._("Resource not found"))
    return _agency_or_reviewer(context, _package(resource.package_id))


@tk.auth_sysadmins_check
def harbin_privacy_exempt(context: Context, data_dict: DataDict) -> AuthResult:
    scan = model.Session.get(Scan, data_dict.get("scan_id") or "")
    if scan is None:
        raise tk.ObjectNotFound(tk._("Scan not found"))
    user, package = _user(context), _package(scan.package_id)
    if not roles.is_reviewer(user):
        return {"success": False, "msg": tk._("Only reviewers can do this.")}
    entry = model.Session.get(ReviewEntry, package.id)
    if entry is not None and entry.submitted_by == user.id:
        return {"success": False, "msg": tk._("You submitted this entry: another reviewer must decide.")}
    return {"success": True}
