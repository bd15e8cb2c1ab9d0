"""The table view of a loaded resource: CKAN's DataStore views (`datatables_view`, when it is one
of `ckan.views.default_views`) are created once the table is loaded, and shown before the file
preview (paging, sorting and filtering by the DataStore); a table dropped takes its views along
(they would show an error where the rows were)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.datapreview import get_view_plugin

__all__ = ["add_table_views", "remove_table_views"]


def _context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    return {"ignore_auth": True, "user": site_user}


def _needs_datastore(view: dict[str, Any]) -> bool:
    plugin = get_view_plugin(view["view_type"])
    return bool(plugin and plugin.info().get("requires_datastore"))


def add_table_views(resource_id: str) -> None:
    """The default DataStore views of the resource (created when missing), placed first."""
    context = _context()
    resource = tk.get_action("resource_show")(context, {"id": resource_id})
    tk.get_action("resource_create_default_resource_views")(
        context, {"resource": resource, "create_datastore_views": True})
    views = tk.get_action("resource_view_list")(context, {"id": resource_id})
    order = sorted(views, key=lambda view: not _needs_datastore(view))
    if [view["id"] for view in order] != [view["id"] for view in views]:
        tk.get_action("resource_view_reorder")(context, {"id": resource_id, "order": [view["id"] for view in order]})


def remove_table_views(resource_id: str) -> None:
    """Delete the resource's views that read its DataStore table."""
    context = _context()
    try:
        views = tk.get_action("resource_view_list")(context, {"id": resource_id})
    except tk.ObjectNotFound:
        return  # the resource itself is gone, its views with it
    for view in views:
        if _needs_datastore(view):
            tk.get_action("resource_view_delete")(context, {"id": view["id"]})
