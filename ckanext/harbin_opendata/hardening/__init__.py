"""The base plugin's protections of the whole portal (issue 18): who may list and look up user
accounts (accounts.py), what the portal says about its software (disclosure.py), and one guard
turning malformed input into clear 400s (request_guard.py, action_guard.py)."""
from __future__ import annotations

from typing import Any

__all__ = ["actions", "auth_functions"]


def actions(more: dict[str, Any] | None = None) -> dict[str, Any]:
    """IActions of the base plugin: every action chained with the guard (action_guard.py), and
    CKAN's actions whose answers these protections trim (and the chained actions in `more`, such
    as the password policy's), the guard around them."""
    import functools

    import ckan.plugins as p

    from . import accounts, action_guard, disclosure

    chained = action_guard.actions(p.get_plugin("harbin_opendata"))
    for name, specific in (accounts.actions() | disclosure.actions() | (more or {})).items():
        guard = chained.get(name)
        if guard is None:
            chained[name] = specific
            continue

        def both(up: Any, context: Any, data_dict: Any, guard: Any = guard, specific: Any = specific) -> Any:
            return guard(functools.partial(specific, up), context, data_dict)
        for attribute, value in vars(guard).items():
            setattr(both, attribute, value)
        both.__doc__ = both.__dict__["__doc__"] = guard.__doc__
        chained[name] = both
    return chained


def auth_functions() -> dict[str, Any]:
    from . import accounts

    return accounts.auth_functions()
