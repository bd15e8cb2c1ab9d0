"""What the public may not see: originals withheld behind a masked copy, and resources whose
latest scan found personal data that no reviewer exempted. Their agency and reviewers still see
them; search, the API, DCAT and downloads do not show them to anyone else.

The rule is the SQL function harbin_privacy_hidden (migration 9e2d4b7a1c65). package_show reads the
copy of its result kept on the package row (hidden_copy.py); searches and indexing query it."""
from __future__ import annotations

import json
from typing import Any, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common import roles
from .hidden_copy import stored_hidden

__all__ = ["hidden_resource_ids", "hidden_by_package", "agency_or_reviewer", "hide_unscanned", "strip_for_viewer",
           "strip_search_results", "strip_from_index"]

_HIDDEN = sa.text("SELECT package_id, resource_id FROM harbin_privacy_hidden(:package_ids) "
                  "WHERE NOT pending OR :hide_unscanned")


def hide_unscanned() -> bool:
    return tk.config["ckanext.harbin_opendata.privacy.hide_unscanned"]


def hidden_by_package(package_ids: list[str]) -> dict[str, set[str]]:
    """Hidden resource ids of each of the entries (one query)."""
    hidden: dict[str, set[str]] = {}
    if not package_ids:
        return hidden
    rows = model.Session.execute(_HIDDEN, {"package_ids": list(package_ids), "hide_unscanned": hide_unscanned()})
    for row in rows:
        hidden.setdefault(row.package_id, set()).add(row.resource_id)
    return hidden


def hidden_resource_ids(package_id: str) -> set[str]:
    return hidden_by_package([package_id]).get(package_id, set())


def agency_or_reviewer(user: Optional[model.User], package: model.Package) -> bool:
    """The entry's agency editors and the reviewers: they see findings and hidden resources."""
    return roles.can_edit_entry(user, package) or roles.is_reviewer(user)


def _may_see_all(user_name: Optional[str], package_id: str) -> bool:
    package = model.Package.get(package_id)
    return package is not None and agency_or_reviewer(roles.user_object(user_name), package)


def _strip(pkg_dict: dict[str, Any], hidden: set[str]) -> None:
    pkg_dict["resources"] = [res for res in pkg_dict.get("resources", []) if res["id"] not in hidden]
    pkg_dict["num_resources"] = len(pkg_dict["resources"])


def strip_for_viewer(context: Any, pkg_dict: dict[str, Any]) -> None:
    """Remove hidden resources from a package_show result for viewers outside the agency.
    Internal reads (ignore_auth: indexing, jobs) see everything."""
    if not pkg_dict.get("resources") or context.get("ignore_auth"):
        return
    package = context.get("package")
    hidden = (stored_hidden(package, hide_unscanned())
              if isinstance(package, model.Package) and package.id == pkg_dict["id"] else None)
    if hidden is None:
        hidden = hidden_resource_ids(pkg_dict["id"])
    if hidden and not _may_see_all(context.get("user"), pkg_dict["id"]):
        _strip(pkg_dict, hidden)


def _request_user() -> Optional[str]:
    from flask import has_request_context

    if not has_request_context():
        return None
    return tk.current_user.name if tk.current_user.is_authenticated else ""


def strip_search_results(results: list[dict[str, Any]]) -> None:
    """Remove hidden resources from search results (the API, pages and the DCAT catalog) for the
    visitor of the current request; calls outside a request are internal and see everything."""
    user = _request_user()
    if user is None:
        return
    # Results asked with fl= may lack ids or resources: nothing of theirs to strip.
    hidden = hidden_by_package([result["id"] for result in results if result.get("resources") and result.get("id")])
    for result in results:
        if result.get("id") in hidden and not _may_see_all(user, result["id"]):
            _strip(result, hidden[result["id"]])


def strip_from_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """Keep hidden resources' names, descriptions and links out of the search fields (the stored
    dataset dict keeps them: package_show reads it back for the agency)."""
    hidden = hidden_resource_ids(pkg_dict["id"])
    if not hidden:
        return pkg_dict
    stored = json.loads(pkg_dict["validated_data_dict"]).get("resources", [])
    keep = [index for index, res in enumerate(stored) if res["id"] not in hidden]
    for key, values in list(pkg_dict.items()):
        if key.startswith("res_") and isinstance(values, list) and len(values) == len(stored):
            pkg_dict[key] = [values[index] for index in keep]
    return pkg_dict
