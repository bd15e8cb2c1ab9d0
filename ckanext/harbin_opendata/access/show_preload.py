"""package_show by id reads the entry with its extras in one statement, so that the conditional-files
check of its answer (protect.py) decides from the entry just read instead of a second statement for
the open type (issue 20: package_show sent 2 statements where stock CKAN sends 1). Only an entry this
very call reads counts: one loaded earlier in the session may be older than the database, and is
checked by the statement as before; so is an entry asked by name (the dataset pages)."""
from __future__ import annotations

import re
from typing import Any, Callable, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

__all__ = ["package_show", "read_now"]

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_READ_NOW = "harbin_access_read_now"  # context key: id of the entry this package_show call read


@tk.chained_action
def package_show(original: Callable[..., Any], context: Any, data_dict: Any) -> Any:
    """CKAN's package_show; by an id of an entry not yet in the session, the entry and its extras read
    together first (CKAN's own lookup then finds it in the session)."""
    ref = data_dict.get("id") if isinstance(data_dict, dict) else None
    if not isinstance(ref, str) or not _UUID.match(ref) or context.get("for_update") \
            or sa.orm.util.identity_key(model.Package, ref) in model.Session.identity_map:
        return original(context, data_dict)
    package = model.Session.get(model.Package, ref, options=[sa.orm.joinedload(model.Package._extras)])
    if package is None:
        return original(context, data_dict)
    context[_READ_NOW] = package.id  # the caller's context: CKAN's callers read context["package"] back
    try:
        return original(context, data_dict)
    finally:
        context.pop(_READ_NOW, None)


def read_now(context: Any, package_id: Any) -> Optional[model.Package]:
    """The entry `package_id` when this package_show call read it with its extras, else None."""
    package = context.get("package")
    if context.get(_READ_NOW) == package_id and isinstance(package, model.Package) and package.id == package_id:
        return package
    return None
