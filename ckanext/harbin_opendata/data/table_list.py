"""The DataStore's own list of its tables (datastore_search on `_table_metadata`, which CKAN answers
without asking any auth function) is for sysadmins only: it names the tables of unpublished entries
and of hidden resources, which the public may not know of."""
from __future__ import annotations

from typing import Any, Callable

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

__all__ = ["datastore_search"]

_TABLE_LIST = "_table_metadata"


@tk.chained_action
def datastore_search(up_func: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    """CKAN's datastore_search, refusing the list of tables to all but sysadmins."""
    if (data_dict.get("resource_id") == _TABLE_LIST and not context.get("ignore_auth")
            and not authz.is_sysadmin(context.get("user"))):
        raise tk.NotAuthorized(tk._("The list of the DataStore's tables is not public."))
    return up_func(context, data_dict)
