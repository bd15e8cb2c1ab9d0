"""The one rule of what the public may see and what blocks publication, read from each resource's
state (model.states, the SQL function harbin_privacy_states):

- hidden from everyone outside the agency and the reviewers: withheld originals, files with
  personal data no reviewer exempted, files whose table header nobody confirmed, files that could
  not be checked (with privacy.require_scan), files not checked yet (with
  privacy.hide_unscanned, the default: nothing is public before it is checked), and, whatever
  those options say, files held: their latest finished scan found personal data (by this reader or
  an older one) and their file is not checked again yet (a new file, a queued or failed rescan);
- blocking publication: the same, except withheld originals (their masked copy stands in).

package_show reads the states from the copy on the package row (hidden_copy.py); searches and
indexing query them."""
from __future__ import annotations

import json
from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common import cjk_search, roles
from ..common.entry_rows import entry_rows
from ..common.indexing import batch_read
from ..common.search_results import request_user, rewrite_stored_dicts, stored_dicts, stored_entry_ids
from .hidden_copy import copied_states, stored_states
from .model import states

__all__ = ["hides", "blocks", "hidden_by_package", "hidden_resource_ids", "hidden_from", "agency_or_reviewer", "strip_for_viewer",
           "strip_search_results", "strip_from_index", "visible_resource_ids", "may_see_all"]

_CHECKED_AND_FOUND = {"personal", "unconfirmed", "held"}
_NOT_CHECKED = {"unscanned", "pending"}


def blocks(state: str) -> bool:
    """Whether a resource in this state keeps its entry from being published."""
    require_scan = tk.config["ckanext.harbin_opendata.privacy.require_scan"]
    return state in _CHECKED_AND_FOUND or state == "pending" or (require_scan and state in ("unscanned", "failed"))


def hides(state: str) -> bool:
    """Whether a resource in this state is kept from the public."""
    hide_unscanned = tk.config["ckanext.harbin_opendata.privacy.hide_unscanned"]
    return state == "withheld" or blocks(state) and state not in _NOT_CHECKED or (hide_unscanned and state in _NOT_CHECKED)


def _hidden(resource_states: dict[str, str]) -> set[str]:
    return {resource_id for resource_id, state in resource_states.items() if hides(state)}


def hidden_by_package(package_ids: list[str]) -> dict[str, set[str]]:
    """Hidden resource ids of each of the entries (one query)."""
    return {package_id: hidden for package_id, found in states(package_ids).items() if (hidden := _hidden(found))}


def hidden_resource_ids(package_id: str) -> set[str]:
    return hidden_by_package([package_id]).get(package_id, set())


def visible_resource_ids(package: model.Package) -> set[str]:
    """The entry's active resources the public may see."""
    hidden = hidden_resource_ids(package.id)
    return {resource.id for resource in package.resources if resource.state == "active" and resource.id not in hidden}


def agency_or_reviewer(user: Optional[model.User], package: model.Package) -> bool:
    """The entry's agency editors and the reviewers: they see findings and hidden resources."""
    return roles.can_edit_entry(user, package) or roles.is_reviewer(user)


def may_see_all(user_name: Optional[str], package_id: str) -> bool:
    package = model.Package.get(package_id)
    return package is not None and agency_or_reviewer(roles.user_object(user_name), package)


def hidden_from(user: Optional[model.User], resource: model.Resource) -> bool:
    """Whether the resource is kept from this viewer: hidden, and the viewer is neither of the entry's
    agency nor a reviewer. Read from the copy on the package row when it lists the resource."""
    package = model.Package.get(resource.package_id) if resource.package_id else None
    if package is None:
        return False
    stored = stored_states(package, [resource.id])
    hidden = hides(stored.get(resource.id, "clear")) if stored is not None else \
        resource.id in hidden_resource_ids(package.id)
    return hidden and not agency_or_reviewer(user, package)


def _strip(pkg_dict: dict[str, Any], hidden: set[str]) -> None:
    pkg_dict["resources"] = [res for res in pkg_dict.get("resources", []) if res["id"] not in hidden]
    pkg_dict["num_resources"] = len(pkg_dict["resources"])


def strip_for_viewer(context: Any, pkg_dict: dict[str, Any]) -> None:
    """Remove hidden resources from a package_show result for viewers outside the agency.
    Internal reads (ignore_auth: indexing, jobs) see everything."""
    if not pkg_dict.get("resources") or context.get("ignore_auth"):
        return
    package = context.get("package")
    shown = [res["id"] for res in pkg_dict["resources"]]
    stored = stored_states(package, shown) if isinstance(package, model.Package) and package.id == pkg_dict["id"] else None
    hidden = _hidden(stored) if stored is not None else hidden_resource_ids(pkg_dict["id"])
    if hidden and not may_see_all(context.get("user"), pkg_dict["id"]):
        _strip(pkg_dict, hidden)


def strip_search_results(results: list[dict[str, Any]]) -> None:
    """Keep in search results (the API, pages and the DCAT catalog) only the resources the visitor
    of the current request may see — also in the stored dataset dicts `fl` can ask for; calls
    outside a request are internal and see everything. A resource the database does not hold as
    committed (the index may be written before the transaction that adds a file commits) is not
    shown. (The index keeps the stored dicts whole: package_show may read them back.)"""
    user = request_user()
    if user is None:
        return
    results = [result for result in results if isinstance(result, dict)]
    ids = {result["id"] for result in results if isinstance(result.get("id"), str)}
    ids |= {id_ for result in results for id_ in stored_entry_ids(result)}
    named = [(result, result.get("id") if isinstance(result.get("id"), str) else
              next(iter(stored_entry_ids(result)), None)) for result in results]  # `fl` may leave the id out
    shown: dict[Optional[str], set[str]] = {}
    for result, package_id in named:
        shown.setdefault(package_id, set()).update(_shown_ids(result))
    found = _search_states(ids, shown)
    for result, package_id in named:
        visible = {resource_id for resource_id, state in found.get(package_id, {}).items() if not hides(state)}
        if not _shown_ids(result) <= visible and not may_see_all(user, package_id):
            if result.get("resources"):
                _keep_only(result, visible)
            rewrite_stored_dicts(result, lambda blob: _keep_only(blob, visible))


def _search_states(ids: set[str], shown: dict[Optional[str], set[str]]) -> dict[str, dict[str, str]]:
    """Entry id → {resource id → state} for the entries the results name: from the copy on each
    entry's row, read in the statement the review and access checks of the same search share
    (common/entry_rows.py, issue 20), when it lists every resource the results show of the entry;
    from the query for the others. An entry without a row has no states: nothing of it is shown."""
    rows = entry_rows(ids)
    found: dict[str, dict[str, str]] = {}
    for package_id, resource_ids in shown.items():
        row = rows.get(package_id) if package_id else None
        copied = copied_states(row.privacy_copy, resource_ids) if row else None
        if copied is not None:
            found[package_id] = copied
    asked = sorted(package_id for package_id in shown if package_id in rows and package_id not in found)
    return {**found, **states(asked)}


def _shown_ids(holder: dict[str, Any]) -> set[str]:
    """The ids of the resources a result shows, in its stored dicts too."""
    shown = {res.get("id") for res in holder.get("resources") or [] if isinstance(res, dict)}
    for _key, blob in stored_dicts(holder):
        shown |= _shown_ids(blob)
    return shown


def _keep_only(pkg_dict: dict[str, Any], visible: set[str]) -> None:
    pkg_dict["resources"] = [res for res in pkg_dict.get("resources", []) if res.get("id") in visible]
    pkg_dict["num_resources"] = len(pkg_dict["resources"])


def strip_from_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """Keep hidden resources out of what the search index finds and counts: the res_* fields
    (searched, faceted) and the Chinese search fields derived from the entry's texts. The stored
    dataset dicts stay whole (package_show reads them back for the agency); search results strip
    them per visitor (strip_search_results)."""
    batch = batch_read(pkg_dict["id"], "harbin_privacy_hidden", hidden_by_package)  # a batch's, read once
    hidden = batch.get(pkg_dict["id"], set()) if batch is not None else hidden_resource_ids(pkg_dict["id"])
    if not hidden:
        return pkg_dict
    stored = json.loads(pkg_dict["validated_data_dict"]).get("resources", [])
    keep = [index for index, res in enumerate(stored) if res["id"] not in hidden]
    for key, values in list(pkg_dict.items()):  # one value per resource, in order, then (res_format)
        if key.startswith("res_") and isinstance(values, list) and len(values) >= len(stored):
            pkg_dict[key] = [values[index] for index in keep] + values[len(stored):]  # declared formats
    pkg_dict["num_resources"] = len(keep)
    if cjk_search.BIGRAM_FIELD in pkg_dict:  # derived from the resources' texts before they were stripped
        pkg_dict.update(cjk_search.cjk_index_fields(pkg_dict))
    return pkg_dict
