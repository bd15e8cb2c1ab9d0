"""The DataStore answers for a hidden resource's table (withheld original, findings, not checked)
only to those who see the resource: its agency and the reviewers — whatever asks (datastore_search,
datastore_search_sql for every table it names, datastore_info, the /datastore/dump route, which
searches). The one rule of visibility.py; chained only when the datastore plugin is loaded."""
from __future__ import annotations

from typing import Any, Callable, Iterable

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ..visibility import hidden_resource_ids, may_see_all

__all__ = ["chained_auth_functions"]


def _refusal(user: Any, resource_ids: Iterable[Any]) -> AuthResult:
    for resource_id in resource_ids:
        resource = model.Resource.get(resource_id) if isinstance(resource_id, str) else None
        if resource is None or resource.package_id is None:
            continue  # not a resource's table: the DataStore answers as it does
        if resource.id in hidden_resource_ids(resource.package_id) and not may_see_all(user, resource.package_id):
            return {"success": False, "msg": tk._("This resource's data is not public.")}
    return {"success": True}


@tk.auth_allow_anonymous_access  # as the DataStore's own: anonymous visitors query public tables
def _one_table(next_auth: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    allowed = _refusal(context.get("user"), [data_dict.get("resource_id") or data_dict.get("id")])
    return next_auth(context, data_dict) if allowed["success"] else allowed


@tk.auth_allow_anonymous_access
def _tables(next_auth: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    allowed = _refusal(context.get("user"), list(context.get("table_names") or []))
    return next_auth(context, data_dict) if allowed["success"] else allowed


def chained_auth_functions() -> dict[str, Callable[..., Any]]:
    if not p.plugin_loaded("datastore"):
        return {}
    return {"datastore_search": tk.chained_auth_function(_one_table),
            "datastore_info": tk.chained_auth_function(_one_table),
            "datastore_search_sql": tk.chained_auth_function(_tables)}
