"""What CKAN's own actions may change of a catalog entry outside the review workflow: its
visibility (`private`) only follows the review state, its CKAN `state` only goes from the form's
draft to active or to deleted by deletion, and its agency only moves while nobody reviews it.
Used by the chained auth functions (logic/core_auth.py) and the IPackageController hooks."""
from __future__ import annotations

from typing import Any, Iterable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common import roles
from .held_rows import hold
from .model import ReviewEntry
from .states import PUBLISHED, SUBMITTED

__all__ = ["review_state", "catalog_entries", "update_refusal", "deletion_refusal", "move_refusal",
           "frozen_refusal", "check_requested_visibility"]

_UNDER_REVIEW = (PUBLISHED, SUBMITTED)


def review_state(package: model.Package) -> str:
    """The entry's review state; an entry without a review row counts as published when public."""
    entry = model.Session.get(ReviewEntry, package.id)
    if entry is not None:
        return hold(entry).state
    return PUBLISHED if not package.private else "draft"


def catalog_entries(ids: Any) -> list[model.Package]:
    """The catalog entries among the given dataset ids or names (a text is one id)."""
    refs: Iterable[Any] = [ids] if isinstance(ids, str) else ids if isinstance(ids, (list, tuple)) else []
    packages = [model.Package.get(ref) for ref in refs if isinstance(ref, str) and ref]
    return [package for package in packages if package is not None and package.type == "dataset"]


def _organization_id(ref: Any) -> Optional[str]:
    group = model.Group.get(ref) if isinstance(ref, str) and ref else None
    return group.id if group is not None else ref or None


def move_refusal(user: Optional[model.User], package: model.Package) -> Optional[str]:
    """Why the entry may not move to another agency now (None: it may)."""
    if review_state(package) in _UNDER_REVIEW and not roles.is_reviewer(user):
        return tk._("A published or submitted entry moves to another agency only by a reviewer: "
                    "withdraw it first.")
    return None


def frozen_refusal(user: Optional[model.User], package: model.Package, system: bool = False) -> Optional[str]:
    """Why the entry (its fields, files and views) may not change now: it awaits review, and the
    reviewer is to publish what he read. Its agency recalls the submission (withdraw) to change
    it; reviewers, sysadmins and the portal's own writes (`system`: ignore_auth) pass."""
    if system or review_state(package) != SUBMITTED or (user is not None and (user.sysadmin or roles.is_reviewer(user))):
        return None
    return tk._("Submitted for review: to change it, withdraw the submission first.")


def deletion_refusal(user: Optional[model.User], package: model.Package) -> Optional[str]:
    """Why the entry may not be deleted now (None: it may)."""
    if package.state != "deleted" and review_state(package) in _UNDER_REVIEW and not roles.is_reviewer(user):
        return tk._("Withdraw the entry before deleting it: a published or submitted entry leaves "
                    "the catalog through the review workflow.")
    return None


def update_refusal(user: Optional[model.User], package: model.Package, data: dict[str, Any]) -> Optional[str]:
    """Why package_update/patch may not apply `data` to the entry (None: it may). The form's two
    steps (draft → active) stay possible; `private` is checked by check_requested_visibility."""
    state = data.get("state")
    if state is not None and state != package.state and not (package.state == "draft" and state == "active"):
        return tk._("The state of a catalog entry changes only through the review workflow or by "
                    "deleting the entry.")
    # the agency it has, as package_patch sends it, needs no lookup
    owner = package.owner_org if data.get("owner_org", package.owner_org) == package.owner_org \
        else _organization_id(data.get("owner_org"))
    if owner != package.owner_org and move_refusal(user, package):
        return move_refusal(user, package)
    # Checked here, before anything is written, as well as after the save (check_requested_visibility):
    # CKAN commits in the middle of package_update when the agency changes (package_owner_org_update).
    private, published = _flag(data.get("private")), review_state(package) == PUBLISHED
    if private is not None and private == published:
        return (tk._("A published entry becomes private only by withdrawing it.") if published else
                tk._("Only a reviewer publishes an entry: submit it for review."))
    return None


def _flag(value: Any) -> Optional[bool]:
    """A boolean as CKAN's forms and API send it; None when absent or unreadable."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, (str, int)) else ""
    return {"true": True, "1": True, "yes": True, "on": True,
            "false": False, "0": False, "no": False, "off": False}.get(text)


def check_requested_visibility(data: dict[str, Any], public: bool) -> None:
    """Refuse a `private` asked for that differs from what the entry's review state gives it
    (`public`: it was published before this change, or is published on creation): only reviewers
    publish, only withdrawal unpublishes (ValidationError, the session rolled back)."""
    if "private" not in data or data["private"] is None:
        return
    if tk.asbool(data["private"]) == public:
        model.Session.rollback()
        message = (tk._("A published entry becomes private only by withdrawing it.") if public else
                   tk._("Only a reviewer publishes an entry: submit it for review."))
        raise tk.ValidationError({"private": [message]})
