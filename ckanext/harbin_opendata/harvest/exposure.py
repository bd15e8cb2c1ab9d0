"""Where harvest sources are shown: package_show (the source pages, harvest_source_show, the
activity stream's copy), the search index (package_search, the source list page),
harvest_source_list and package_list. Only who reads sources sees them at all
(common/permission_labels.py: search and new activity rows by their labels, package_show by
access.py, the lists and the activity rows written before the labels here); credentials are
masked for everyone but sysadmins; the index never holds them.

ckanext-harvest copies every key of a source's config onto the source's package dict: a config key
`resources` (the JSON API harvester's old name of `resources_path`) replaced the package's list of
resources, and every package_show of the source failed. A source has no resources of its own: a
shown or indexed source gets an empty list back; harvest_source_show first repairs a config saved
with the old key (renamed_keys.py) and reads the database, not a search document stored before."""
from __future__ import annotations

import json
from typing import Any, Callable

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ..common import roles
from ..common.permission_labels import may_read_source
from . import renamed_keys
from .redaction import redact_config, redact_source, redact_url, viewer_sees_secrets

__all__ = ["strip_shown", "strip_indexed", "actions", "harvest_source_show", "harvest_source_list", "package_list"]

SOURCE_TYPE = "harvest"
ACTIVITY_READS = ["package_activity_list", "organization_activity_list", "group_activity_list", "user_activity_list",
                  "recently_changed_packages_activity_list", "dashboard_activity_list", "activity_show",
                  "activity_data_show"]


def strip_shown(context: Any, pkg_dict: dict[str, Any]) -> None:
    """IPackageController.after_dataset_show: masked for everyone but sysadmins, who read the
    database's values (package_show may answer from the index, which holds them masked)."""
    if pkg_dict.get("type") != SOURCE_TYPE:
        return
    _own_resources(pkg_dict)
    if not viewer_sees_secrets(context):
        redact_source(pkg_dict)
        return
    package = model.Package.get(pkg_dict.get("id"))
    if package is None:
        return
    config = package.extras.get("config")
    if "config" in pkg_dict:
        pkg_dict["config"] = config
    if "url" in pkg_dict:
        pkg_dict["url"] = package.url
    for extra in pkg_dict.get("extras") or []:
        if isinstance(extra, dict) and extra.get("key") == "config":
            extra["value"] = config


def strip_indexed(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """IPackageController.before_dataset_index: the stored dicts and the fields of a source."""
    if pkg_dict.get("type") != SOURCE_TYPE:
        return pkg_dict
    for key in ("config", "extras_config"):
        if key in pkg_dict:
            pkg_dict[key] = redact_config(pkg_dict[key])
    if "url" in pkg_dict:
        pkg_dict["url"] = redact_url(pkg_dict["url"])
    for key in ("validated_data_dict", "data_dict"):
        if isinstance(pkg_dict.get(key), str):
            pkg_dict[key] = json.dumps(redact_source(_own_resources(json.loads(pkg_dict[key]))))
    return pkg_dict


def _own_resources(source: dict[str, Any]) -> dict[str, Any]:
    """The source's own (empty) list of resources where a config key took its place."""
    if not isinstance(source.get("resources"), list):
        source["resources"] = []
    return source


@tk.side_effect_free
def harvest_source_show(up: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    """ckanext-harvest's harvest_source_show, read from the database (see the module's docstring);
    a saved config is repaired only for a caller who may read the source."""
    tk.check_access("harvest_source_show", context, data_dict)
    renamed_keys.repair(data_dict.get("id") or data_dict.get("name") if isinstance(data_dict, dict) else None)
    context.setdefault("use_cache", False)
    return up(context, data_dict)


def _readable(viewer: Any, source_id: Any) -> bool:
    package = model.Package.get(source_id) if isinstance(source_id, str) else None
    return package is not None and may_read_source(viewer, package)


@tk.side_effect_free
def harvest_source_list(up: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    """ckanext-harvest's harvest_source_list: the sources the caller reads, credentials masked for
    everyone but sysadmins. (Its own list gave a visitor every source and a reviewer or an agency's
    member none: it is asked without a user, and the caller's are kept.)"""
    tk.check_access("harvest_source_list", context, data_dict)  # ckanext-harvest's action does not
    sources = up({**context, "user": ""}, data_dict)
    if not isinstance(sources, list):
        return sources
    viewer = roles.acting_user(context)
    sources = [source for source in sources if isinstance(source, dict) and _readable(viewer, source.get("id"))]
    if viewer_sees_secrets(context):
        return sources
    return [redact_source(dict(source)) for source in sources]


@tk.side_effect_free
def package_list(up: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    """CKAN's package_list (names, or ids in API v2) without the sources the caller does not read."""
    listed = up(context, data_dict)
    rows = model.Session.query(model.Package).filter(model.Package.type == SOURCE_TYPE).all()
    viewer = roles.acting_user(context)
    hidden = {ref for row in rows if not may_read_source(viewer, row) for ref in (row.name, row.id)}
    return [ref for ref in listed if ref not in hidden] if hidden and isinstance(listed, list) else listed


def _source_activity(activity: Any) -> Any:
    """The source copied in an activity (or in activity_data_show's data, or its package)."""
    if not isinstance(activity, dict):
        return None
    data = activity.get("data") if isinstance(activity.get("data"), dict) else activity
    package = data.get("package") if isinstance(data.get("package"), dict) else data
    return package if isinstance(package, dict) and package.get("type") == SOURCE_TYPE else None


def _mask_activities(up: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    """Activity rows written before the sources' labels are shown to who reads the source only;
    rows written before masking may hold a source's credentials in their copy."""
    activities = up(context, data_dict)
    viewer = roles.acting_user(context)
    if isinstance(activities, list):
        activities = [activity for activity in activities
                      if _source_activity(activity) is None or may_read_source(viewer, _source_activity(activity))]
    elif _source_activity(activities) is not None and not may_read_source(viewer, _source_activity(activities)):
        raise tk.ObjectNotFound(tk._("Activity not found"))
    if viewer_sees_secrets(context):
        return activities
    for activity in activities if isinstance(activities, list) else [activities]:
        package = _source_activity(activity)
        if package is not None:
            redact_source(package)
    return activities


def _activity_chain(name: str) -> Callable[..., Any]:
    def chained(up: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
        return _mask_activities(up, context, data_dict)
    chained.__name__ = name
    chained.__doc__ = f"{name}, harvest sources' rows for who reads them, credentials masked but for sysadmins."
    return tk.chained_action(tk.side_effect_free(chained))


def actions() -> dict[str, Callable[..., Any]]:
    chained = {"harvest_source_list": tk.chained_action(harvest_source_list),
               "harvest_source_show": tk.chained_action(harvest_source_show),
               "package_list": tk.chained_action(package_list)}
    if p.plugin_loaded("activity"):
        chained |= {name: _activity_chain(name) for name in ACTIVITY_READS}
    return chained
