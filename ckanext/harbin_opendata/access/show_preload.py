"""package_show by id reads the entry with its open type (the open_type extra, the one row of its
extras the check needs) in one statement, so that the conditional-files check of its answer
(protect.py) decides from what was just read instead of a second statement for the open type
(issue 20: package_show sent 2 statements where stock CKAN sends 1; reading every extra with the
entry cost one row per extra). Only an entry this very call reads counts: one loaded earlier in the
session may be older than the database, and is checked by the statement as before; so is an entry
asked by name (the dataset pages)."""
from __future__ import annotations

import re
from typing import Any, Callable, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

__all__ = ["package_show", "read_now"]

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Built once: building the query on every call cost more than the statement (issue 20).
_ENTRY_AND_OPEN_TYPE = (sa.select(model.Package, model.PackageExtra.value)
                        .outerjoin(model.PackageExtra, sa.and_(model.PackageExtra.package_id == model.Package.id,
                                                               model.PackageExtra.key == "open_type"))
                        .where(model.Package.id == sa.bindparam("id")).limit(1))
_READ_NOW = "harbin_access_read_now"  # context key: (id, open type) of the entry this package_show call read


@tk.chained_action
def package_show(original: Callable[..., Any], context: Any, data_dict: Any) -> Any:
    """CKAN's package_show; by an id of an entry not yet in the session, the entry and its open type
    read together first (CKAN's own lookup then finds the entry in the session)."""
    ref = data_dict.get("id") if isinstance(data_dict, dict) else None
    if not isinstance(ref, str) or not _UUID.match(ref) or context.get("for_update") \
            or sa.orm.util.identity_key(model.Package, ref) in model.Session.identity_map:
        return original(context, data_dict)
    found = model.Session.execute(_ENTRY_AND_OPEN_TYPE, {"id": ref}).first()
    if found is None:
        return original(context, data_dict)
    package, open_type = found
    context[_READ_NOW] = (package.id, open_type)  # the caller's context: CKAN's callers read context["package"] back
    try:
        return original(context, data_dict)
    finally:
        context.pop(_READ_NOW, None)


def read_now(context: Any, package_id: Any) -> Optional[tuple[model.Package, Optional[str]]]:
    """The entry `package_id` and its open type (None without one) when this package_show call read
    them, else None."""
    package, read = context.get("package"), context.get(_READ_NOW)
    if isinstance(read, tuple) and read[0] == package_id and isinstance(package, model.Package) \
            and package.id == package_id:
        return package, read[1]
    return None
