"""Auth functions from a table: an area writes each rule once and says which rule each action follows
(the way CKAN's own auth modules would if most of their functions were not one-line wrappers).

    AUTH_FUNCTIONS = by_action({"harbin_feedback_accept": _routed_agency, ...})
    @tk.blanket.auth_functions(auth.AUTH_FUNCTIONS)
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Mapping

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

__all__ = ["AuthRule", "allow", "deny", "public", "by_action"]

AuthRule = Callable[..., AuthResult]  # (context, data_dict), or (next_auth, context, data_dict) chained


def allow() -> AuthResult:
    return {"success": True}


def deny(message: str) -> AuthResult:
    return {"success": False, "msg": message}


@tk.auth_allow_anonymous_access
def public(context: Context, data_dict: DataDict) -> AuthResult:
    """Anyone, logged in or not (the action itself leaves out what is not for everyone)."""
    return allow()


def _named(action: str, rule: AuthRule) -> AuthRule:
    # CKAN names the function in some refusals ("Action … requires an authenticated user"): each
    # action keeps a function of its own name; the rule's flags (anonymous access, sysadmins checked,
    # chained) are copied by functools.wraps.
    @functools.wraps(rule)
    def auth(*args: Any, **kwargs: Any) -> AuthResult:
        return rule(*args, **kwargs)
    auth.__name__ = auth.__qualname__ = action
    return auth


def by_action(rules: Mapping[str, AuthRule]) -> dict[str, AuthRule]:
    """The auth functions of the actions in `rules` (action name → rule), for IAuthFunctions."""
    return {action: _named(action, rule) for action, rule in rules.items()}
