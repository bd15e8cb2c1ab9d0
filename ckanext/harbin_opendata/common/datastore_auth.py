"""The DataStore's answers guarded by an area's rule for files: a table is refused to whoever may
not have its resource, whatever asks (datastore_search, datastore_info, datastore_search_sql for
every table it names; the /datastore/dump route searches). Built only when the datastore plugin is
loaded; each area gives its rule (privacy: hidden resources; access: 有条件开放 entries)."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

__all__ = ["Refusal", "table_auth_functions"]

# (user name, resource of the table) → why the user may not have its rows, or None
Refusal = Callable[[Any, model.Resource], Optional[str]]


def table_auth_functions(refusal: Refusal) -> dict[str, Callable[..., Any]]:
    """Chained auth functions of the DataStore's reading actions under `refusal`."""
    if not p.plugin_loaded("datastore"):
        return {}

    def allowed(user: Any, resource_ids: Iterable[Any]) -> AuthResult:
        for resource_id in resource_ids:
            resource = model.Resource.get(resource_id) if isinstance(resource_id, str) else None
            if resource is None or resource.package_id is None:
                continue  # not a resource's table: the DataStore answers as it does
            message = refusal(user, resource)
            if message:
                return {"success": False, "msg": message}
        return {"success": True}

    @tk.auth_allow_anonymous_access  # as the DataStore's own: anonymous visitors query public tables
    def one_table(next_auth: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
        verdict = allowed(context.get("user"), [data_dict.get("resource_id") or data_dict.get("id")])
        return next_auth(context, data_dict) if verdict["success"] else verdict

    @tk.auth_allow_anonymous_access
    def named_tables(next_auth: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
        verdict = allowed(context.get("user"), list(context.get("table_names") or []))
        return next_auth(context, data_dict) if verdict["success"] else verdict

    return {"datastore_search": tk.chained_auth_function(one_table),
            "datastore_info": tk.chained_auth_function(one_table),  # the table's columns and size
            "datastore_search_sql": tk.chained_auth_function(named_tables)}
