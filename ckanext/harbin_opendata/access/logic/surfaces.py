"""CKAN's other outputs that carry resource addresses or rows, for conditional entries: resource
search and the activity streams (an activity keeps the entry as it was) name the platform's route
instead of the file; DataStore reads (rows) need the right to the files. Registered only with the
plugins that define them (activity, datastore)."""
from __future__ import annotations

from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ...common.datastore_auth import table_auth_functions
from ..protect import protect_package, protect_resource
from ..rules import is_conditional, may_have_files, refusal

__all__ = ["chained_actions", "chained_auth_functions"]

Action = Callable[[Context, DataDict], Any]
_ACTIVITY_LISTS = ("package_activity_list", "organization_activity_list", "group_activity_list",
                   "recently_changed_packages_activity_list", "user_activity_list", "dashboard_activity_list")


def _protect_activity(activity: Any, user: Any) -> None:
    if isinstance(activity, dict) and isinstance(activity.get("data"), dict):
        protect_package(activity["data"].get("package"), user)


def _listing(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    result = next_action(context, data_dict)
    for activity in result if isinstance(result, list) else []:
        _protect_activity(activity, context.get("user"))
    return result


def _activity_show(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    activity = next_action(context, data_dict)
    _protect_activity(activity, context.get("user"))
    return activity


def _activity_data_show(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    result = next_action(context, data_dict)
    protect_package(result if data_dict.get("object_type") == "package" else (result or {}).get("package"),
                    context.get("user"))
    return result


def _activity_diff(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    """The diff is text made from the stored versions: refused when it is about a conditional
    entry whose files the user may not have."""
    result = next_action(context, data_dict)
    for activity in result.get("activities", []):
        package = model.Package.get(activity.get("object_id") or "")
        if package is not None and not may_have_files(context.get("user"), package):
            raise tk.NotAuthorized(refusal(context.get("user"), package))
    return result


def _resource_search(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    result = next_action(context, data_dict)
    for resource in result.get("results", []):
        package = model.Package.get(resource.get("package_id") or "")
        if package is None or not may_have_files(context.get("user"), package):
            protect_resource(resource, resource.get("package_id") or "")
    return result


def _chain(function: Callable[..., Any]) -> Callable[..., Any]:
    chained = tk.chained_action(function)
    return tk.side_effect_free(chained)


def chained_actions() -> dict[str, Callable[..., Any]]:
    actions = {"resource_search": _chain(_resource_search)}
    if p.plugin_loaded("activity"):
        actions.update({name: _chain(_listing) for name in _ACTIVITY_LISTS})
        actions.update(activity_show=_chain(_activity_show), activity_data_show=_chain(_activity_data_show),
                       activity_diff=_chain(_activity_diff))
    return actions


def _conditional(user: Any, resource: model.Resource) -> Optional[str]:
    package = resource.package
    if package is not None and is_conditional(package) and not may_have_files(user, package):
        return refusal(user, package)
    return None


def chained_auth_functions() -> dict[str, Callable[..., Any]]:
    """The DataStore's tables of 有条件开放 entries, for those who may have their files only."""
    return table_auth_functions(_conditional)
