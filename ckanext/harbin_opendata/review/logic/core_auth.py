"""Chained auth functions over CKAN's own actions that could change a catalog entry's visibility,
state or agency around the review workflow (sysadmins are checked too: nobody publishes their own
entry), and over the creation of agencies."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ...common import roles
from .. import guard

__all__ = ["bulk_update_public", "bulk_update_private", "bulk_update_delete", "package_update",
           "package_delete", "package_owner_org_update", "organization_create", "group_update", "group_delete",
           "group_purge", "group_member_create", "group_member_delete"]

NextAuth = Any


def _deny(message: str) -> AuthResult:
    return {"success": False, "msg": message}


def _next(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    """CKAN's own rule, with its sysadmins' pass kept (checked here, they skip nothing above)."""
    user = roles.acting_user(context)
    return {"success": True} if user is not None and user.sysadmin else next_auth(context, data_dict)


def _first_refusal(user: Optional[model.User], packages: list[model.Package], rule: Any) -> Optional[str]:
    return next((reason for reason in (rule(user, package) for package in packages) if reason), None)


@tk.chained_auth_function
@tk.auth_sysadmins_check
def bulk_update_public(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    if guard.catalog_entries(data_dict.get("datasets")):
        return _deny(tk._("Catalog entries are published one by one by a reviewer: submit them for review."))
    return _next(next_auth, context, data_dict)


@tk.chained_auth_function
@tk.auth_sysadmins_check
def bulk_update_private(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    if guard.catalog_entries(data_dict.get("datasets")):
        return _deny(tk._("A published entry becomes private only by withdrawing it."))
    return _next(next_auth, context, data_dict)


@tk.chained_auth_function
@tk.auth_sysadmins_check
def bulk_update_delete(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    refusal = _first_refusal(roles.acting_user(context), guard.catalog_entries(data_dict.get("datasets")),
                             guard.deletion_refusal)
    return _deny(refusal) if refusal else _next(next_auth, context, data_dict)


def _entry(context: Context, data_dict: DataDict) -> Optional[model.Package]:
    package = context.get("package")
    if not isinstance(package, model.Package):
        ref = data_dict.get("id") or data_dict.get("name")
        package = model.Package.get(ref) if isinstance(ref, str) and ref else None
    return package if package is not None and package.type == "dataset" else None


@tk.chained_auth_function
@tk.auth_sysadmins_check
def package_update(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    package = _entry(context, data_dict)
    refusal = guard.update_refusal(roles.acting_user(context), package, data_dict) if package else None
    if refusal:
        return _deny(refusal)
    result = _next(next_auth, context, data_dict)
    if package is not None and not result.get("success"):  # CKAN's message names the entry's id
        return _deny(tk._("You may not change this catalog entry."))
    return result


@tk.chained_auth_function
@tk.auth_sysadmins_check
def package_delete(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    package = _entry(context, data_dict)
    refusal = guard.deletion_refusal(roles.acting_user(context), package) if package else None
    return _deny(refusal) if refusal else _next(next_auth, context, data_dict)


@tk.chained_auth_function
@tk.auth_sysadmins_check
def package_owner_org_update(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    package = _entry(context, data_dict)
    if package is not None and not roles.is_reviewer(roles.acting_user(context)):
        return _deny(tk._("Only a reviewer moves a catalog entry to another agency."))
    return _next(next_auth, context, data_dict)


@tk.chained_auth_function
def organization_create(next_auth: NextAuth, context: Context, data_dict: Optional[DataDict] = None) -> AuthResult:
    """Agencies are created by sysadmins (who pass without this check) unless
    review.users_create_agencies hands the decision back to CKAN."""
    if not tk.config["ckanext.harbin_opendata.review.users_create_agencies"]:
        return _deny(tk._("Agencies are created by the platform's administrators."))
    return next_auth(context, data_dict)


def _not_for_agencies(name: str) -> Any:
    """CKAN's group_* actions also act on organizations, around the organization_* rules (group_delete
    ignores an agency's entries): agencies are changed through organization_* only."""
    @tk.chained_auth_function
    @tk.auth_sysadmins_check
    def chained(next_auth: NextAuth, context: Context, data_dict: Optional[DataDict] = None) -> AuthResult:
        ref = (data_dict or {}).get("id")
        group = model.Group.get(ref) if isinstance(ref, str) and ref else None
        if group is not None and group.is_organization:
            return _deny(tk._("Agencies are changed through the organization actions and pages."))
        return _next(next_auth, context, data_dict or {})
    chained.__name__ = name
    return chained


group_update, group_delete, group_purge = (_not_for_agencies(n) for n in ("group_update", "group_delete", "group_purge"))
group_member_create, group_member_delete = (_not_for_agencies(n) for n in ("group_member_create", "group_member_delete"))
