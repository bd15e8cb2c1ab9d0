"""package_show by id reads the entry with its open type (the open_type extra, the one row of its
extras the check needs) in one statement, so that the conditional-files check of its answer
(protect.py) decides from what was just read instead of a second statement for the open type
(issue 20: package_show sent 2 statements where stock CKAN sends 1; reading every extra with the
entry cost one row per extra). Only an entry this very call reads counts: one loaded earlier in the
session may be older than the database, and is checked by the statement as before; so is an entry
asked by name (the dataset pages).

A locked read (package_patch, resource_create/update/delete: `for_update`) always sends its
statement, the entry in the session or not: there the statement is CKAN's own SELECT … FOR UPDATE
with the open type and the entry's type joined in (FOR UPDATE OF package, as CKAN's lock), and CKAN's
lookup finds the entry locked in the session; the check then needs no statement of its own (issue 20:
package_update sent 47 statements, stock CKAN 43). Like CKAN's locked read, it leaves an entry the
session holds as it is; the check decides on the type and open type the statement read."""
from __future__ import annotations

import re
from typing import Any, Callable, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.open_types import conditional_by

__all__ = ["package_show", "read_now"]

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Built once: building the query on every call cost more than the statement (issue 20).
_ENTRY_AND_OPEN_TYPE = (sa.select(model.Package, model.PackageExtra.value)
                        .outerjoin(model.PackageExtra, sa.and_(model.PackageExtra.package_id == model.Package.id,
                                                               model.PackageExtra.key == "open_type"))
                        .where(model.Package.id == sa.bindparam("id")).limit(1))
_LOCKED = (sa.select(model.Package, model.Package.type, model.PackageExtra.value)
           .outerjoin(model.PackageExtra, sa.and_(model.PackageExtra.package_id == model.Package.id,
                                                  model.PackageExtra.key == "open_type"))
           .where(model.Package.id == sa.bindparam("id")).limit(1).with_for_update(of=model.Package))
_READ_NOW = "harbin_access_read_now"  # context key: (id, type, open type) of the entry this package_show call read


@tk.chained_action
def package_show(original: Callable[..., Any], context: Any, data_dict: Any) -> Any:
    """CKAN's package_show; by an id of an entry not yet in the session, the entry and its open type
    read together first (CKAN's own lookup then finds the entry in the session)."""
    ref = data_dict.get("id") if isinstance(data_dict, dict) else None
    if not isinstance(ref, str) or not _UUID.match(ref):
        return original(context, data_dict)
    locked = bool(context.get("for_update"))
    if locked:
        found = model.Session.execute(_LOCKED, {"id": ref}).first()
    elif sa.orm.util.identity_key(model.Package, ref) in model.Session.identity_map:
        return original(context, data_dict)
    else:
        found = model.Session.execute(_ENTRY_AND_OPEN_TYPE, {"id": ref}).first()
        found = found and (found[0], found[0].type, found[1])
    if not found:
        return original(context, data_dict)
    package, package_type, open_type = found
    context[_READ_NOW] = (package.id, package_type, open_type)  # the caller's context: CKAN's callers read context["package"] back
    if locked:  # the row is locked in this transaction now: CKAN's lookup takes the entry from the session
        context["for_update"] = False
    try:
        return original(context, data_dict)
    finally:
        context.pop(_READ_NOW, None)
        if locked:
            context["for_update"] = True


def read_now(context: Any, package_id: Any) -> Optional[tuple[model.Package, bool]]:
    """The entry `package_id` and whether it is conditional (rules.conditional_by on its type and open
    type as the statement read them) when this package_show call read them, else None."""
    package, read = context.get("package"), context.get(_READ_NOW)
    if isinstance(read, tuple) and read[0] == package_id and isinstance(package, model.Package) \
            and package.id == package_id:
        return package, conditional_by(read[1], read[2])
    return None
