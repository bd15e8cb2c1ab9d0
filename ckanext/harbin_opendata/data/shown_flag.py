"""A new resource is saved with `datastore_active: False`, the value CKAN's datastore plugin shows
for a resource without a table. Without it the first edit of an entry (package_patch reads the
entry as shown and saves it back) wrote every resource again with the shown flag as a new extra:
one UPDATE per resource, its metadata_modified changed with nothing changed, and the statement that
reads the package row's privacy copy again after the resource trigger rewrote it (issue 20: 46
statements per package_update against stock CKAN's 43). A flag given by the caller is kept."""
from __future__ import annotations

from typing import Any, Callable

import ckan.plugins.toolkit as tk

__all__ = ["chained_actions"]

_FLAG = "datastore_active"


def _flagged(resource: Any) -> None:
    if isinstance(resource, dict):
        resource.setdefault(_FLAG, False)


@tk.chained_action
def _package_create(original: Callable[..., Any], context: Any, data_dict: Any) -> Any:
    if isinstance(data_dict, dict) and isinstance(data_dict.get("resources"), list):
        for resource in data_dict["resources"]:
            _flagged(resource)
    return original(context, data_dict)


@tk.chained_action
def _resource_create(original: Callable[..., Any], context: Any, data_dict: Any) -> Any:
    _flagged(data_dict)
    return original(context, data_dict)


def chained_actions() -> dict[str, Callable[..., Any]]:
    return {"package_create": _package_create, "resource_create": _resource_create}
