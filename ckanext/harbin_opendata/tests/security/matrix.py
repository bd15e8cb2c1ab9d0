"""The loop the check_access auth matrices share: ask each role, compare with the roles allowed."""
from __future__ import annotations

from typing import Any, Iterable

import ckan.plugins.toolkit as tk

__all__ = ["allowed", "wrong_roles", "assert_roles"]


def allowed(action: str, user: str, data_dict: dict[str, Any]) -> bool:
    """Whether check_access lets the user (\"\" for anonymous) call the action with the data."""
    try:
        tk.check_access(action, {"user": user, "ignore_auth": False}, data_dict)
        return True
    except (tk.NotAuthorized, tk.ObjectNotFound):  # an entry one may not read answers as a missing one
        return False


def wrong_roles(cast: Any, roles: Iterable[str], expected: set[str], action: str, data_dict: dict[str, Any],
                tried: list[bool]) -> list[str]:
    """The roles whose answer differs from `expected`, each asked once (checks change nothing);
    every answer is appended to `tried` (True when right)."""
    wrong = []
    for role in roles:
        outcome = allowed(action, getattr(cast, role), data_dict)
        tried.append(outcome is (role in expected))
        if outcome is not (role in expected):
            wrong.append(f"{role} {'should' if role in expected else 'should not'} be allowed")
    return wrong


def assert_roles(area: str, cast: Any, roles: Iterable[str], expected: set[str], action: str,
                 data_dict: dict[str, Any], tried: list[bool], capsys: Any, case: str) -> None:
    """Exactly the `expected` roles may call the action; prints the area's running tally of cases."""
    wrong = wrong_roles(cast, roles, expected, action, data_dict, tried)
    with capsys.disabled():
        print(f"\n[security] {area} auth matrix: {len(tried)} cases tried, {tried.count(False)} failures")
    assert not wrong, f"{case}: {wrong}"
