"""Chained auth functions over CKAN's own actions that could change a catalog entry's visibility,
state or agency around the review workflow (sysadmins are checked too: nobody publishes their own
entry), and over the creation of agencies."""
from __future__ import annotations

from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ...common import roles
from ...common.auth_table import AuthRule, by_action, deny
from .. import groups, guard, resource_views
from ..states import PUBLISHED

__all__ = ["AUTH_FUNCTIONS"]

NextAuth = Any


def _next(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    """CKAN's own rule, with its sysadmins' pass kept (checked here, they skip nothing above)."""
    user = roles.acting_user(context)
    return {"success": True} if user is not None and user.sysadmin else next_auth(context, data_dict)


def _first_refusal(user: Optional[model.User], packages: list[model.Package], rule: Any) -> Optional[str]:
    return next((reason for reason in (rule(user, package) for package in packages) if reason), None)


def _no_entries_in_bulk(refusal: Callable[[], str]) -> AuthRule:
    """A bulk visibility change refused (with `refusal()`) as soon as it names a catalog entry."""
    @tk.chained_auth_function
    @tk.auth_sysadmins_check
    def rule(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
        if guard.catalog_entries(data_dict.get("datasets")):
            return deny(refusal())
        return _next(next_auth, context, data_dict)
    return rule


@tk.chained_auth_function
@tk.auth_sysadmins_check
def _bulk_update_delete(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    refusal = _first_refusal(roles.acting_user(context), guard.catalog_entries(data_dict.get("datasets")),
                             guard.deletion_refusal)
    return deny(refusal) if refusal else _next(next_auth, context, data_dict)


def _entry(context: Context, data_dict: DataDict) -> Optional[model.Package]:
    package = context.get("package")
    if not isinstance(package, model.Package):
        ref = data_dict.get("id") or data_dict.get("name")
        package = model.Package.get(ref) if isinstance(ref, str) and ref else None
    return package if package is not None and package.type == "dataset" else None


@tk.chained_auth_function
@tk.auth_sysadmins_check
def _package_update(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    package = _entry(context, data_dict)
    refusal = guard.update_refusal(roles.acting_user(context), package, data_dict) if package else None
    if refusal:
        return deny(refusal)
    result = _next(next_auth, context, data_dict)
    if package is not None and not result.get("success"):  # CKAN's message names the entry's id
        return deny(tk._("You may not change this catalog entry."))
    return result


@tk.chained_auth_function
@tk.auth_sysadmins_check
def _package_delete(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    package = _entry(context, data_dict)
    refusal = guard.deletion_refusal(roles.acting_user(context), package) if package else None
    return deny(refusal) if refusal else _next(next_auth, context, data_dict)


@tk.chained_auth_function
@tk.auth_sysadmins_check
def _dataset_purge(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    """A published entry leaves the catalog by its withdrawal (with its reason, audited) before anyone,
    a sysadmin included, purges it for good."""
    package = _entry(context, data_dict)
    if package is not None and guard.review_state(package) == PUBLISHED:
        return deny(tk._("Withdraw the published entry before purging it: it leaves the catalog through "
                         "the review workflow, with its reason."))
    return _next(next_auth, context, data_dict)


@tk.chained_auth_function
@tk.auth_sysadmins_check
def _package_owner_org_update(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    """Reviewers move catalog entries between agencies (CKAN leaves it to sysadmins); the move is
    audited (core_audit: owner_changed)."""
    package = _entry(context, data_dict)
    if package is None:
        return _next(next_auth, context, data_dict)
    if not roles.is_reviewer(roles.acting_user(context)):
        return deny(tk._("Only a reviewer moves a catalog entry to another agency."))
    return {"success": True}


@tk.chained_auth_function
def _organization_create(next_auth: NextAuth, context: Context, data_dict: Optional[DataDict] = None) -> AuthResult:
    """Agencies are created by sysadmins (who pass without this check) unless
    review.users_create_agencies hands the decision back to CKAN."""
    if not tk.config["ckanext.harbin_opendata.review.users_create_agencies"]:
        return deny(tk._("Agencies are created by the platform's administrators."))
    return next_auth(context, data_dict)


def _not_for_agencies(staff_pass: bool) -> AuthRule:
    """CKAN's group_* actions also act on organizations, around the organization_* rules (group_delete
    ignores an agency's entries): agencies are changed through organization_* only. Groups are the
    centre's: its staff pass (`staff_pass`), others are refused (groups.centre_only)."""
    @tk.chained_auth_function
    @tk.auth_sysadmins_check
    def rule(next_auth: NextAuth, context: Context, data_dict: Optional[DataDict] = None) -> AuthResult:
        ref = (data_dict or {}).get("id")
        group = model.Group.get(ref) if isinstance(ref, str) and ref else None
        if group is not None and group.is_organization:
            return deny(tk._("Agencies are changed through the organization actions and pages."))
        refusal = groups.centre_only(next_auth, context, data_dict)
        if refusal:
            return refusal
        if staff_pass and group is not None and groups.centre_staff(roles.acting_user(context)):
            return {"success": True}
        return _next(next_auth, context, data_dict or {})
    return rule


AUTH_FUNCTIONS: dict[str, AuthRule] = by_action({
    "bulk_update_public": _no_entries_in_bulk(
        lambda: tk._("Catalog entries are published one by one by a reviewer: submit them for review.")),
    "bulk_update_private": _no_entries_in_bulk(
        lambda: tk._("A published entry becomes private only by withdrawing it.")),
    "bulk_update_delete": _bulk_update_delete,
    "package_update": _package_update,
    "package_delete": _package_delete,
    "dataset_purge": _dataset_purge,
    "package_owner_org_update": _package_owner_org_update,
    "organization_create": _organization_create,
    "group_update": _not_for_agencies(True),
    "group_delete": _not_for_agencies(True),
    "group_purge": _not_for_agencies(False),
    "group_member_create": _not_for_agencies(True),
    "group_member_delete": _not_for_agencies(True),
}) | groups.group_auth_functions() | resource_views.view_auth_functions()
