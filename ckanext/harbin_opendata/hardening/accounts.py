"""User accounts are not public: the list of users, user lookups and the sysadmin flag are for the
platform's staff (common.roles.is_staff), and a user's own account. Anyone else asking about an
account gets the same answer whether it exists or not (no account enumeration)."""
from __future__ import annotations

from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ..common import roles

__all__ = ["auth_functions", "actions", "login_first"]

NextAuth = Callable[..., AuthResult]
# Pages about one account or the list of accounts: anonymous visitors are asked to log in first.
ACCOUNT_PAGES = {"user.index", "user.read", "user.read_groups", "user.read_organizations", "user.followers",
                 "activity.user_activity", "user.api_tokens"}
STAFF_PAGES = {"organization.admins", "group.admins"}


def _deny() -> AuthResult:
    return {"success": False, "msg": tk._("User accounts are shown to the platform's staff only.")}


def _own(user: Optional[model.User], data_dict: Optional[DataDict]) -> bool:
    ref = (data_dict or {}).get("id")
    return user is not None and (ref in (None, user.id, user.name))


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def user_show(next_auth: NextAuth, context: Context, data_dict: Optional[DataDict] = None) -> AuthResult:
    """Checked before the account is looked up: the same refusal for accounts that do not exist."""
    user = roles.acting_user(context)
    if not (roles.is_staff(user) or _own(user, data_dict)):
        return _deny()
    return next_auth(context, data_dict)


def _staff_only(name: str) -> Callable[..., AuthResult]:
    @tk.chained_auth_function
    @tk.auth_allow_anonymous_access
    def chained(next_auth: NextAuth, context: Context, data_dict: Optional[DataDict] = None) -> AuthResult:
        return next_auth(context, data_dict) if roles.is_staff(roles.acting_user(context)) else _deny()
    chained.__name__ = name
    return chained


def auth_functions() -> dict[str, Any]:
    return {"user_show": user_show, "user_list": _staff_only("user_list"),
            "user_autocomplete": _staff_only("user_autocomplete"),
            "user_followee_list": _staff_only("user_followee_list"),
            "user_follower_list": _staff_only("user_follower_list")}


def _strip_flags(users: Any, viewer: Optional[model.User]) -> Any:
    """Without the sysadmin flag of other users, for viewers who are not sysadmins."""
    if viewer is not None and viewer.sysadmin:
        return users
    for user in users if isinstance(users, list) else []:
        if isinstance(user, dict) and not (viewer is not None and user.get("id") == viewer.id):
            user.pop("sysadmin", None)
    return users


@tk.side_effect_free
def user_list(up: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    """CKAN's user_list without other users' sysadmin flags for viewers who are not sysadmins."""
    return _strip_flags(up(context, data_dict), roles.acting_user(context))


@tk.side_effect_free
def _user_show(up: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    """CKAN's user_show without another user's sysadmin flag for viewers who are not sysadmins."""
    return _strip_flags([up(context, data_dict)], roles.acting_user(context))[0]


def _without_members(group: Any, viewer: Optional[model.User]) -> Any:
    """An agency's or group's members (with their flags) for staff only."""
    if isinstance(group, dict) and isinstance(group.get("users"), list):
        group["users"] = _strip_flags(group["users"], viewer) if roles.is_staff(viewer) else []
    return group


def _group_show(up: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    return _without_members(up(context, data_dict), roles.acting_user(context))


def _group_list(up: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    groups, viewer = up(context, data_dict), roles.acting_user(context)
    return [_without_members(group, viewer) for group in groups] if isinstance(groups, list) else groups


def login_first() -> Any:
    """before_request: an anonymous visitor opening an account page logs in first, whether the
    account exists or not; the pages listing an agency's admins are for staff (CKAN asks no auth
    function for them)."""
    endpoint = tk.request.endpoint
    if tk.request.method != "GET" or endpoint not in ACCOUNT_PAGES | STAFF_PAGES:
        return None
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login", came_from=tk.h.url_for(tk.h.current_url()))
    if endpoint in STAFF_PAGES and not roles.is_staff(roles.user_object(tk.current_user.name)):
        return tk.abort(403, _deny()["msg"])
    return None


def actions() -> dict[str, Any]:
    show, listing = tk.side_effect_free(_group_show), tk.side_effect_free(_group_list)
    return {"user_list": tk.chained_action(user_list), "user_show": tk.chained_action(_user_show),
            "organization_show": tk.chained_action(show), "group_show": tk.chained_action(show),
            "organization_list": tk.chained_action(listing), "group_list": tk.chained_action(listing)}
