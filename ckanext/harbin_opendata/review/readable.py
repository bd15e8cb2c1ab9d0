"""Which catalog entries the user of an action may read now, by CKAN's own permission labels (the
rule package_show and package_search apply): for outputs that name entries without asking
package_show (activity streams, member lists, keywords, formats)."""
from __future__ import annotations

from typing import Any, Iterable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import get_permission_labels

__all__ = ["sees_everything", "unreadable_package_ids", "readable_facet_values"]


def _user(context: Any) -> Optional[model.User]:
    user = context.get("auth_user_obj")
    if isinstance(user, model.User):
        return user
    name = context.get("user")
    return model.User.get(name) if name else None


def sees_everything(context: Any) -> bool:
    """Internal calls (ignore_auth) and sysadmins read every entry."""
    user = _user(context)
    return bool(context.get("ignore_auth")) or (user is not None and user.sysadmin)


def unreadable_package_ids(context: Any, ids: Iterable[Any]) -> set[str]:
    """The ids among `ids` that are entries (of any type and state) the user may not read now."""
    wanted = {ref for ref in ids if isinstance(ref, str) and ref}
    if not wanted or sees_everything(context):
        return set()
    labels = get_permission_labels()
    user_labels = set(labels.get_user_dataset_labels(_user(context)))
    packages = model.Session.query(model.Package).filter(model.Package.id.in_(wanted))
    return {package.id for package in packages if not user_labels & set(labels.get_dataset_labels(package))}


def readable_facet_values(context: Any, field: str) -> set[str]:
    """Every value of an indexed field (tags, res_format, …) among the entries the user may read,
    from the search index with the user's permission labels."""
    search_context = {"user": context.get("user") or "", "auth_user_obj": context.get("auth_user_obj")}
    result = tk.get_action("package_search")(search_context, {
        "rows": 0, "facet": "true", "facet.field": [field], "facet.limit": -1, "facet.mincount": 1,
        "include_private": True})
    items = result.get("search_facets", {}).get(field, {}).get("items", [])
    return {item["name"] for item in items}
