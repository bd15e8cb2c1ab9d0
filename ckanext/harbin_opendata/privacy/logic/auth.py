"""Auth functions of harbin_privacy: the entry's agency and the reviewers see findings, scan, mask
and confirm headers; an exemption is granted by whoever may publish the entry (a reviewer who did
not submit it: the review area decides)."""
from __future__ import annotations

from typing import Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ...common.roles import acting_user as _user
from ...common.roles import is_staff
from ..model import Scan
from ..visibility import agency_or_reviewer

__all__ = ["harbin_privacy_status", "harbin_privacy_scan", "harbin_privacy_mask", "harbin_privacy_exempt",
           "harbin_privacy_confirm_layout", "harbin_privacy_check_columns"]


def _package(package_id: Optional[str]) -> model.Package:
    package = model.Package.get(package_id or "") if isinstance(package_id, str) else None
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(tk._("Catalog entry not found"))
    return package


def _agency_or_reviewer(context: Context, package: model.Package) -> AuthResult:
    if agency_or_reviewer(_user(context), package):
        return {"success": True}
    return {"success": False, "msg": tk._("Only editors of the entry's agency and reviewers can do this.")}


def _resource_package(data_dict: DataDict) -> model.Package:
    resource_id = data_dict.get("resource_id")
    resource = model.Resource.get(resource_id) if isinstance(resource_id, str) and resource_id else None
    if resource is None:
        raise tk.ObjectNotFound(tk._("Resource not found"))
    return _package(resource.package_id)


def harbin_privacy_status(context: Context, data_dict: DataDict) -> AuthResult:
    return _agency_or_reviewer(context, _package(data_dict.get("id")))


def harbin_privacy_scan(context: Context, data_dict: DataDict) -> AuthResult:
    return _agency_or_reviewer(context, _package(data_dict.get("id")))


def harbin_privacy_mask(context: Context, data_dict: DataDict) -> AuthResult:
    return _agency_or_reviewer(context, _resource_package(data_dict))


def harbin_privacy_confirm_layout(context: Context, data_dict: DataDict) -> AuthResult:
    return _agency_or_reviewer(context, _resource_package(data_dict))


@tk.auth_sysadmins_check
def harbin_privacy_exempt(context: Context, data_dict: DataDict) -> AuthResult:
    scan_id = data_dict.get("scan_id")
    scan = model.Session.get(Scan, scan_id) if isinstance(scan_id, str) and scan_id else None
    if scan is None:
        raise tk.ObjectNotFound(tk._("Scan not found"))
    try:
        tk.check_access("harbin_review_publish", {"user": context.get("user")}, {"id": _package(scan.package_id).id})
    except tk.NotAuthorized as error:
        return {"success": False, "msg": str(error) or tk._("Only reviewers can do this.")}
    return {"success": True}


def harbin_privacy_check_columns(context: Context, data_dict: DataDict) -> AuthResult:
    """Staff (agency members, reviewers, sysadmins); with a resource, the people who see its findings."""
    if data_dict.get("resource_id"):
        return _agency_or_reviewer(context, _resource_package(data_dict))
    if is_staff(_user(context)):
        return {"success": True}
    return {"success": False, "msg": tk._("Only the platform's staff can check columns for personal data.")}
