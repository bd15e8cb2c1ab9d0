"""Who is who: the acting user, reviewers of the big-data centre, agency editors. The one role model of the
suite; every area asks it."""
from __future__ import annotations

from typing import Any, Optional

import sqlalchemy as sa

import ckan.authz as authz
import ckan.model as model
import ckan.plugins.toolkit as tk

__all__ = ["user_object", "acting_user", "is_reviewer", "named_reviewer", "can_edit_entry", "agency_ids",
           "is_staff"]


def user_object(name_or_id: Optional[str]) -> Optional[model.User]:
    return model.User.get(name_or_id) if name_or_id else None


def acting_user(context: Any) -> Optional[model.User]:
    """The user an action runs as (its context's "user"), or None for an anonymous visitor. The user
    CKAN's check_access loaded into the context (`auth_user_obj`) when it is that user, in this
    session: a query would answer the same object of the session's identity map (its loaded values
    are not overwritten), so the query is left out — two to three per package_update (issue 20)."""
    name_or_id = context.get("user")
    known = context.get("auth_user_obj")
    if name_or_id and isinstance(known, model.User) and name_or_id in (known.name, known.id) \
            and sa.inspect(known).session is model.Session():
        return known
    return user_object(name_or_id)


def named_reviewer(user: Optional[model.User]) -> bool:
    """An active user named in review.reviewers, the big-data centre's staff. Read as a list even
    when harbin_review is not loaded (then the option is undeclared text, and `in` would match
    parts of names)."""
    if user is None or getattr(user, "state", None) != "active":  # None or an anonymous visitor
        return False
    return user.name in tk.aslist(tk.config.get("ckanext.harbin_opendata.review.reviewers"))


def is_auditor(user: Optional[model.User]) -> bool:
    """An active user named in review.auditors (the audit administrator, who reads the audit log)."""
    if user is None or getattr(user, "state", None) != "active":
        return False
    return user.name in tk.aslist(tk.config.get("ckanext.harbin_opendata.review.auditors"))


def is_reviewer(user: Optional[model.User]) -> bool:
    """A sysadmin (when sysadmins review) or a user named in review.reviewers."""
    if user is None or getattr(user, "state", None) != "active":  # None or an anonymous visitor
        return False
    if user.sysadmin and tk.config["ckanext.harbin_opendata.review.sysadmins_review"]:
        return True
    return named_reviewer(user)


def can_edit_entry(user: Optional[model.User], package: model.Package) -> bool:
    """An editor or admin of the entry's agency, or a sysadmin."""
    if user is None:
        return False
    if user.sysadmin:
        return True
    return bool(package.owner_org) and authz.has_user_permission_for_group_or_org(
        package.owner_org, user.name, "update_dataset")


def agency_ids(user: Optional[model.User]) -> list[str]:
    """Agencies in which the user may edit entries."""
    if user is None:
        return []
    return [org.id for org in user.get_groups("organization", "editor")] + \
        [org.id for org in user.get_groups("organization", "admin")]


def is_staff(user: Optional[model.User]) -> bool:
    """Someone who works on the platform: a sysadmin, a reviewer, or a member of an agency (any
    capacity). Self-registered users and visitors are not."""
    if user is None or getattr(user, "state", None) != "active":
        return False
    return user.sysadmin or is_reviewer(user) or bool(user.get_groups("organization"))
