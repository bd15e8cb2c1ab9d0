"""The catalog-against-data check as a publication gate (data.consistency_blocks_publication): an
entry waits while one of its tables does not match its 数据项, and — failing closed — while a file
the personal-data check cleared is not loaded yet or could not be loaded, since then nothing says
the data matches. The check on publication reads the tables as they are (the stored results of
consistency_check may predate an edit of the data items); the review queue's labels use the stored
results (one query for the whole list). A column without values does not hold publication (optional
items are empty in some periods; the review page shows it)."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk

from .consistency import describe, entry_mismatches
from .consistency_check import stored_findings
from .failures import failure_of
from .load import loaded_scan
from .plan import plan_for

__all__ = ["enabled", "blockers", "holds"]


def enabled() -> bool:
    return tk.config["ckanext.harbin_opendata.data.consistency_blocks_publication"]


def _name(resource: Any) -> str:
    return (resource.get("name") if isinstance(resource, dict) else resource.name) or tk._("(unnamed file)")


def blockers(package: model.Package) -> list[str]:
    """Why the entry's data does not (or cannot yet be shown to) match its data items."""
    reasons = []
    for resource_id, scan in plan_for(package.id).load.items():
        if loaded_scan(resource_id) != scan["id"]:
            resource = model.Resource.get(resource_id)
            message = (tk._("“{name}” could not be loaded into the DataStore, so its data cannot be checked against "
                            "the data items.") if failure_of(resource_id) else
                       tk._("“{name}” is not loaded into the DataStore yet; its data is checked against the data "
                            "items once it is."))
            reasons.append(message.format(name=_name(resource)))
    pkg_dict = tk.get_action("package_show")({"ignore_auth": True, "user": "", "use_cache": False}, {"id": package.id})
    for table in entry_mismatches(pkg_dict, with_empty=False):  # no count over the tables in the request
        reasons.append(tk._("The table of “{name}” does not match the data items: {findings}").format(
            name=_name(table["resource"]), findings="；".join(describe(found) for found in table["mismatches"])))
    return reasons


def holds(package_ids: list[str]) -> dict[str, list[str]]:
    """A short label for each entry whose last check found a mismatch."""
    if not package_ids:
        return {}
    resources = dict(model.Session.query(model.Resource.id, model.Resource.package_id).filter(
        model.Resource.package_id.in_(package_ids), model.Resource.state == "active"))
    return {resources[resource_id]: [tk._("Data does not match the data items")]
            for resource_id in stored_findings(list(resources))}
