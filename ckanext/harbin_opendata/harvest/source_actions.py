"""ckanext-harvest's harvest_source_create and harvest_source_update hand the call to
package_create/update without checking their own auth function, so CKAN's auth audit refuses
every API call of them once the source is saved ("did not call its auth function": a 500 on a
production web node, the source created all the same). Chained here to check it first, which
also applies this suite's rules on who manages sources (access.py)."""
from __future__ import annotations

from typing import Any, Callable

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

__all__ = ["actions"]

_CHECKED = ("harvest_source_create", "harvest_source_update")


def _checked(name: str) -> Callable[..., Any]:
    @tk.chained_action
    def checked(next_action: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
        tk.check_access(name, context, data_dict)
        return next_action(context, data_dict)

    checked.__name__ = checked.__qualname__ = name
    checked.__doc__ = f"ckanext-harvest's {name}, its auth function checked first."
    return checked


def actions() -> dict[str, Callable[..., Any]]:
    return {name: _checked(name) for name in _CHECKED}
