"""Auth functions of harbin_showcase: sysadmins and the big-data centre's reviewers manage cases;
everyone sees published ones."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ...common import roles
from ...common.auth_table import AuthRule, allow, by_action, deny, public
from ...common.roles import acting_user

__all__ = ["AUTH_FUNCTIONS"]


def _managers_only(context: Context, data_dict: DataDict) -> AuthResult:
    # Sysadmins pass before this; reviewers of the big-data centre manage cases too.
    if roles.is_reviewer(acting_user(context)):
        return allow()
    return deny(tk._("Only administrators manage reuse cases."))


@tk.auth_allow_anonymous_access
def _unpublished_for_managers(context: Context, data_dict: DataDict) -> AuthResult:
    if tk.asbool(data_dict.get("include_unpublished")):
        return _managers_only(context, data_dict)
    return allow()


AUTH_FUNCTIONS: dict[str, AuthRule] = by_action({
    "harbin_showcase_create": _managers_only,
    "harbin_showcase_update": _managers_only,
    "harbin_showcase_delete": _managers_only,
    "harbin_showcase_show": public,  # the action hides unpublished cases from non-managers
    "harbin_showcase_list": _unpublished_for_managers,
})
