"""A user's full name is not shown to the public (issue 16, probe F14: an agency editor's real name
reached anonymous visitors through the activity streams). Chinese portals never show staff names:
where CKAN names who did something (h.linked_user: activity streams and their changes, the admin
list, any page a later plugin adds), visitors and self-registered users read the agency the user
works for, or the platform for its own staff; the platform's staff (common.roles.is_staff) read the
name and its link as CKAN shows them. Fail closed: every page that names a user through the helper
is covered; the account pages and API are staff-only already (accounts.py)."""
from __future__ import annotations

from typing import Any, Callable, Optional, Union

import ckan.model as model
import ckan.plugins.toolkit as tk
from markupsafe import Markup, escape

from ..common import roles
from ..common.agency_names import agency_display_name

__all__ = ["linked_user", "public_actor"]


def _viewer() -> Optional[model.User]:
    try:
        authenticated = tk.current_user.is_authenticated
    except (AttributeError, RuntimeError):  # outside a request: no one to show names to
        return None
    return roles.user_object(tk.current_user.name) if authenticated else None


def public_actor(user: Optional[model.User]) -> str:
    """What the public reads for a user: the agency they work for (the first by name), the
    platform for its own staff, otherwise "a registered user"."""
    agencies = sorted(user.get_groups("organization"), key=lambda group: group.name) if user is not None else []
    if agencies:
        agency = agencies[0]
        return agency_display_name({"name": agency.name, "title": agency.title,
                                    "title_en": (agency.extras or {}).get("title_en", "")})
    if roles.is_staff(user):
        return tk.h.harbin_platform_name()
    return tk._("A registered user")


@tk.chained_helper
def linked_user(next_helper: Callable[..., Any], user: Union[str, model.User], maxlength: int = 0,
                avatar: int = 20) -> Union[Markup, str, None]:
    """CKAN's linked_user (name and link) for the platform's staff; for anyone else the agency or
    role, without a link to the account."""
    if roles.is_staff(_viewer()):
        return next_helper(user, maxlength, avatar)
    found = user if isinstance(user, model.User) else model.User.get(str(user)) if user else None
    return escape(public_actor(found)) if found is not None else escape(tk._("A registered user"))
