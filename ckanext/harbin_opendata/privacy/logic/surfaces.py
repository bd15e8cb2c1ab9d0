"""Hidden resources stay out of CKAN's other public outputs: resource_search, format_autocomplete,
the activity streams (an activity keeps the entry as it was, files included) and a resource's views
(resource_view_show, resource_view_list: answered as resource_show answers for the resource, hence
the view pages and the table view's rows too). Viewers outside the entry's agency and the reviewers
get only the resources the public may see now."""
from __future__ import annotations

import difflib
import json
import re
from typing import Any, Callable, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ...common.roles import acting_user
from ..visibility import hidden_from, may_see_all, visible_resource_ids

__all__ = ["resource_search", "format_autocomplete", "package_activity_list", "organization_activity_list",
           "group_activity_list", "recently_changed_packages_activity_list", "user_activity_list",
           "dashboard_activity_list", "activity_show", "activity_data_show", "activity_diff", "resource_view_show",
           "resource_view_list"]

Action = Callable[[Context, DataDict], Any]
# Formats of resources the public may see: active resources of public entries whose stored states
# (privacy/hidden_copy.py) do not name them.
_PUBLIC_FORMATS = sa.text(
    "SELECT DISTINCT lower(r.format) AS format FROM resource r JOIN package p ON p.id = r.package_id "
    "WHERE r.state = 'active' AND p.state = 'active' AND NOT p.private AND lower(r.format) = ANY(:formats) "
    "AND NOT coalesce(p.plugin_data #> '{harbin_privacy,states}', '{}'::jsonb) ? r.id")


class _Viewer:
    """Which resources of each entry one viewer may see (cached for the call)."""

    def __init__(self, context: Context) -> None:
        self.user, self.cache = context.get("user"), {}

    def visible(self, package_id: str) -> Optional[set[str]]:
        """None when the viewer sees everything of the entry."""
        if package_id not in self.cache:
            package = model.Package.get(package_id)
            self.cache[package_id] = None if package is None or may_see_all(self.user, package_id) \
                else visible_resource_ids(package)
        return self.cache[package_id]


def _strip_package(package: Any, viewer: _Viewer) -> None:
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list) or not package.get("id"):
        return
    visible = viewer.visible(package["id"])
    if visible is not None:
        package["resources"] = [res for res in package["resources"] if isinstance(res, dict) and res.get("id") in visible]
        package["num_resources"] = len(package["resources"])


def _about_hidden_resource(activity: dict[str, Any], viewer: _Viewer) -> bool:
    """An activity of a resource (its views: "new resource view") the viewer may not see."""
    data, package_id = activity.get("data"), activity.get("object_id")
    if not isinstance(data, dict) or not isinstance(data.get("resource_id"), str) or not isinstance(package_id, str):
        return False
    visible = viewer.visible(package_id)
    return visible is not None and data["resource_id"] not in visible


def _strip_activity(activity: Any, viewer: _Viewer) -> Any:
    """The activity without hidden resources; None when the activity is about one."""
    if isinstance(activity, dict) and isinstance(activity.get("data"), dict):
        if _about_hidden_resource(activity, viewer):
            return None
        _strip_package(activity["data"].get("package"), viewer)
    return activity


def _strip_list(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    result = next_action(context, data_dict)
    viewer = _Viewer(context)
    if not isinstance(result, list):
        return result
    return [kept for activity in result if (kept := _strip_activity(activity, viewer)) is not None]


@tk.side_effect_free
@tk.chained_action
def resource_search(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    result = next_action(context, data_dict)
    viewer = _Viewer(context)
    kept = []
    for resource in result.get("results", []):
        visible = viewer.visible(resource.get("package_id", ""))
        if visible is None or resource.get("id") in visible:
            kept.append(resource)
    result["count"] -= len(result.get("results", [])) - len(kept)
    result["results"] = kept
    return result


@tk.side_effect_free
@tk.chained_action
def format_autocomplete(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    formats = next_action(context, data_dict)
    if not formats:
        return formats
    public = {row.format for row in model.Session.execute(_PUBLIC_FORMATS, {"formats": [f.lower() for f in formats]})}
    return [fmt for fmt in formats if fmt.lower() in public]


def _stripped_activity_list(name: str) -> Action:
    """A chained activity list (CKAN's action `name`) without the activities of hidden files."""

    @tk.side_effect_free
    @tk.chained_action
    def activity_list(next_action: Action, context: Context, data_dict: DataDict) -> Any:
        return _strip_list(next_action, context, data_dict)

    activity_list.__name__ = activity_list.__qualname__ = name
    activity_list.__doc__ = f"CKAN's {name}, without the activities of files the viewer may not see."
    return activity_list


package_activity_list = _stripped_activity_list("package_activity_list")
organization_activity_list = _stripped_activity_list("organization_activity_list")
group_activity_list = _stripped_activity_list("group_activity_list")
recently_changed_packages_activity_list = _stripped_activity_list("recently_changed_packages_activity_list")
user_activity_list = _stripped_activity_list("user_activity_list")
dashboard_activity_list = _stripped_activity_list("dashboard_activity_list")


@tk.side_effect_free
@tk.chained_action
def activity_show(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    activity = _strip_activity(next_action(context, data_dict), _Viewer(context))
    if activity is None:
        raise tk.ObjectNotFound(tk._("Activity not found"))
    return activity


@tk.side_effect_free
@tk.chained_action
def activity_data_show(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    viewer = _Viewer(context)
    activity_id = data_dict.get("id")
    shown = tk.get_action("activity_show")(dict(context), {"id": activity_id}) if isinstance(activity_id, str) else None
    if shown is not None and _strip_activity(shown, viewer) is None:
        raise tk.ObjectNotFound(tk._("Activity not found"))
    result = next_action(context, data_dict)
    if data_dict.get("object_type") == "package":
        _strip_package(result, viewer)
    elif isinstance(result, dict):
        _strip_package(result.get("package"), viewer)
    return result


def _diff(objects: list[Any], diff_type: str) -> str:
    """The diff of two versions, as CKAN's activity_diff makes it."""
    lines = [json.dumps(obj, indent=2, sort_keys=True).split("\n") for obj in objects]
    if diff_type == "html":
        lines = [[part for line in obj_lines for part in re.findall(r".{1,70}(?:\s+|$)", line)] for obj_lines in lines]
        return difflib.HtmlDiff().make_table(*lines)
    generator = difflib.context_diff if diff_type == "context" else difflib.unified_diff
    return "\n".join(generator(*lines))


@tk.side_effect_free
@tk.chained_action
def activity_diff(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    result = next_action(context, data_dict)
    viewer, object_type = _Viewer(context), data_dict.get("object_type")
    if any(_about_hidden_resource(activity, viewer) for activity in result["activities"]):
        raise tk.ObjectNotFound(tk._("Activity not found"))
    before = json.dumps([activity.get("data") for activity in result["activities"]], sort_keys=True)
    for activity in result["activities"]:
        _strip_activity(activity, viewer)
    if json.dumps([activity.get("data") for activity in result["activities"]], sort_keys=True) != before:
        result["diff"] = _diff([activity["data"].get(object_type) for activity in result["activities"]],
                               data_dict.get("diff_type", "unified"))
    return result


def _refuse_hidden_resource(context: Context, resource_id: Any) -> None:
    """resource_show's answer for a resource the viewer may not see (its package_show leaves it out:
    hidden from the viewer, or deleted, for everyone); internal reads (ignore_auth) see everything."""
    resource = model.Resource.get(resource_id) if isinstance(resource_id, str) and resource_id else None
    if resource is None or context.get("ignore_auth"):
        return
    if resource.state != "active" or hidden_from(acting_user(context), resource):
        raise tk.ObjectNotFound(tk._("Resource was not found."))


@tk.side_effect_free
@tk.chained_action
def resource_view_show(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    view = next_action(context, data_dict)  # CKAN's answers first: no view, not authorized
    _refuse_hidden_resource(context, view.get("resource_id") if isinstance(view, dict) else None)
    return view


@tk.side_effect_free
@tk.chained_action
def resource_view_list(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    views = next_action(context, data_dict)  # CKAN's answers first: no resource, not authorized
    _refuse_hidden_resource(context, data_dict.get("id"))
    return views
