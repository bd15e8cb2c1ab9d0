"""Chained actions that keep entries which are not published now (drafts, submitted, returned,
withdrawn, deleted) out of CKAN's outputs that do not ask package_show: activity streams (whose
rows keep the visibility an entry had when they were written), member lists, keywords and
formats. Their agency, the reviewers and sysadmins still see them."""
from __future__ import annotations

from typing import Any, Callable

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ..readable import readable_facet_values, sees_everything, unreadable_package_ids

__all__ = ["actions"]

Action = Callable[[Context, DataDict], Any]
ACTIVITY_LISTS = ["package_activity_list", "organization_activity_list", "group_activity_list",
                  "user_activity_list", "recently_changed_packages_activity_list", "dashboard_activity_list"]


def _without_unreadable_activities(up: Action, context: Context, data_dict: DataDict) -> Any:
    activities = up(context, data_dict)
    if not isinstance(activities, list):
        return activities
    hidden = unreadable_package_ids(context, [a.get("object_id") for a in activities if isinstance(a, dict)])
    return [a for a in activities if not (isinstance(a, dict) and a.get("object_id") in hidden)]


def _activity_filter(name: str) -> Action:
    def chained(up: Action, context: Context, data_dict: DataDict) -> Any:
        return _without_unreadable_activities(up, context, data_dict)
    chained.__name__ = name
    chained.__doc__ = f"CKAN's {name} without activities of entries the user may not read now."
    if getattr(_core(name), "side_effect_free", False):
        chained = tk.side_effect_free(chained)
    return tk.chained_action(chained)


def _core(name: str) -> Any:
    from ckanext.activity.logic import action as activity_actions

    return getattr(activity_actions, name, None)


@tk.side_effect_free
def member_list(up: Action, context: Context, data_dict: DataDict) -> Any:
    """CKAN's member_list without entries the user may not read now."""
    members = up(context, data_dict)
    hidden = unreadable_package_ids(context, [m[0] for m in members if m[1] == "package"])
    return [m for m in members if not (m[1] == "package" and m[0] in hidden)]


def _tag_field(data_dict: DataDict) -> str:
    vocabulary = model.Vocabulary.get(str(data_dict.get("vocabulary_id") or "")) if data_dict.get("vocabulary_id") else None
    return f"vocab_{vocabulary.name}" if vocabulary else "tags"


@tk.side_effect_free
def tag_list(up: Action, context: Context, data_dict: DataDict) -> Any:
    """CKAN's tag_list with only the keywords of entries the user may read."""
    tags = up(context, data_dict)
    if sees_everything(context):
        return tags
    readable = readable_facet_values(context, _tag_field(data_dict))
    return [t for t in tags if (t["name"] if isinstance(t, dict) else t) in readable]


@tk.side_effect_free
def tag_search(up: Action, context: Context, data_dict: DataDict) -> Any:
    """CKAN's tag_search with only the keywords of entries the user may read."""
    found = up(context, data_dict)
    if sees_everything(context) or not isinstance(found, dict) or not found.get("results"):
        return found
    readable = readable_facet_values(context, _tag_field(data_dict))
    results = [t for t in found["results"] if t.get("name") in readable]
    return {**found, "results": results, "count": len(results) if len(results) < len(found["results"]) else found["count"]}


@tk.side_effect_free
def tag_autocomplete(up: Action, context: Context, data_dict: DataDict) -> Any:
    """CKAN's tag_autocomplete with only the keywords of entries the user may read."""
    tags = up(context, data_dict)
    if sees_everything(context) or not tags:
        return tags
    readable = readable_facet_values(context, _tag_field(data_dict))
    return [t for t in tags if t in readable]


@tk.side_effect_free
def format_autocomplete(up: Action, context: Context, data_dict: DataDict) -> Any:
    """CKAN's format_autocomplete with only the formats of entries the user may read."""
    formats = up(context, data_dict)
    if sees_everything(context) or not formats:
        return formats
    readable = {value.lower() for value in readable_facet_values(context, "res_format")}
    return [f for f in formats if f in readable]


def actions() -> dict[str, Action]:
    """The chained actions of the CKAN plugins loaded (activity's only with activity)."""
    chained: dict[str, Action] = {"member_list": tk.chained_action(member_list),
                                  "tag_list": tk.chained_action(tag_list),
                                  "tag_autocomplete": tk.chained_action(tag_autocomplete),
                                  "tag_search": tk.chained_action(tag_search),
                                  "format_autocomplete": tk.chained_action(format_autocomplete)}
    if p.plugin_loaded("activity"):
        chained.update({name: _activity_filter(name) for name in ACTIVITY_LISTS})
    return chained
