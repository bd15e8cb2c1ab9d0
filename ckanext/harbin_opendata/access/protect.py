"""What the public sees of a conditional entry's resources: everything but where the files are and
what they hold. Every address of a file (url, and DCAT's download_url/access_url) becomes the
platform's download route, which serves it only to those who may have it (guard.py); the data items'
examples (values of the files: a demo entry's examples were its first row) are left out. Applied to package_show (hence
resource_show and DCAT), to search results including the stored dataset dicts `fl` can ask for,
to the search index's res_url, and to resource_search and the activity streams (surfaces.py)."""
from __future__ import annotations

import json
from typing import Any, Iterable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common import cjk_search
from ..common.search_results import request_user, rewrite_stored_dicts, stored_entry_ids
from .rules import conditional_ids, is_conditional, may_have_files

__all__ = ["download_route", "protect_resource", "protect_package", "protect_search_results", "protect_index",
           "request_user"]

_ADDRESS_KEYS = ("url", "download_url", "access_url", "cache_url")


def download_route(package_id: str, resource_id: str) -> str:
    return tk.h.url_for("resource.download", id=package_id, resource_id=resource_id, qualified=True)


def protect_resource(resource: dict[str, Any], package_id: str) -> None:
    if not isinstance(resource.get("id"), str):
        resource.clear()  # nothing to name it by: nothing of it
        return
    route = download_route(package_id, resource["id"])
    for key in _ADDRESS_KEYS:
        if resource.get(key):
            resource[key] = route


def _guarded(ids: Iterable[str], user_name: Optional[str]) -> set[str]:
    """Ids of the entries whose file addresses the user may not see: one light query for the entries'
    type and open type; only conditional entries (the rule needs their agency) are loaded whole."""
    conditional = conditional_ids(package_id for package_id in ids if isinstance(package_id, str))
    if not conditional:
        return set()
    packages = model.Session.query(model.Package).filter(model.Package.id.in_(conditional)).all()
    # conditional as the statement read them: a copy the session held already may be older
    return {package.id for package in packages if not may_have_files(user_name, package, True)}


def protect_package(pkg_dict: Any, user_name: Optional[str], guarded: Optional[set[str]] = None,
                    read: Optional[tuple[model.Package, bool]] = None) -> None:
    """Replace the file addresses of a package dict the user may not have. `read`: the entry and
    whether it is conditional, as just read from the database (show_preload.py), decided on without
    another statement."""
    if not isinstance(pkg_dict, dict) or not isinstance(pkg_dict.get("id"), str):
        return
    if guarded is None and read is not None and read[0].id == pkg_dict["id"]:
        package, conditional = read
        guarded = {package.id} if conditional and not may_have_files(user_name, package, conditional) else set()
    if guarded is None:
        guarded = _guarded([pkg_dict["id"]], user_name)
    if pkg_dict["id"] in guarded:
        for resource in pkg_dict.get("resources") or []:
            if isinstance(resource, dict):
                protect_resource(resource, pkg_dict["id"])
        for item in pkg_dict.get("data_items") or []:  # an example is a value of the files (a row's cell)
            if isinstance(item, dict):
                item.pop("example", None)


def protect_search_results(results: list[Any]) -> None:
    """Search results for the visitor of the current request, stored dataset dicts included.
    Calls outside a request are internal."""
    user = request_user()
    if user is None:
        return
    results = [result for result in results if isinstance(result, dict)]
    ids = [result.get("id") for result in results] + [id_ for result in results for id_ in stored_entry_ids(result)]
    guarded = _guarded(ids, user)
    if not guarded:
        return
    for result in results:
        protect_package(result, user, guarded)
        rewrite_stored_dicts(result, lambda blob: protect_package(blob, user, guarded))


def protect_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """res_url in the index (searchable, and returned to `fl=res_url`) names the platform's route,
    and the Chinese search fields no longer hold the words of the files' addresses."""
    package = model.Package.get(pkg_dict.get("id") or "")
    if package is None or not is_conditional(package) or "res_url" not in pkg_dict:
        return pkg_dict
    stored = json.loads(pkg_dict.get("validated_data_dict") or "{}").get("resources", [])
    if len(stored) != len(pkg_dict["res_url"] or []):
        pkg_dict.pop("res_url")
    else:
        pkg_dict["res_url"] = [download_route(package.id, res["id"]) if url else url
                               for res, url in zip(stored, pkg_dict["res_url"])]
    if cjk_search.BIGRAM_FIELD in pkg_dict:  # made from the texts, the addresses among them, before
        pkg_dict.update(cjk_search.cjk_index_fields(pkg_dict))
    return pkg_dict
