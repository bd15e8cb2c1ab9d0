"""Which resources of an entry have a table in the DataStore: only what the public may see once it
is checked. The personal-data area decides (harbin_privacy_status, one rule for every surface);
this area never reads a file the scan did not pass. Fail closed: without that area, or with any
doubt (scan not current, not done, header not certain, file linked rather than uploaded), nothing
is loaded and any table left is dropped."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk

__all__ = ["Plan", "plan_for", "LOADABLE_STATES"]

# clear: checked, nothing personal; exempted: a reviewer opened the findings as they are
LOADABLE_STATES = frozenset({"clear", "exempted"})


@dataclass
class Plan:
    """load: resource id → its clean scan (harbin_privacy_status's dict: "id", and "tables" with
    each table's "name", "header_row", "header"); drop: resource ids whose table must go."""
    load: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    drop: set[str] = field(default_factory=set)


def _status(package_id: str) -> list[dict[str, Any]]:
    try:
        status = tk.get_action("harbin_privacy_status")({"ignore_auth": True, "user": ""}, {"id": package_id})
    except (KeyError, tk.ObjectNotFound):  # no privacy area, or the entry is gone: nothing is checked
        return []
    return status["resources"]


def _loadable(resource: model.Resource, status: dict[str, Any]) -> bool:
    """Checked and public, and the file the scan read is the file we would read: an upload of the
    same version (a linked address may serve other bytes than those scanned)."""
    scan = status.get("scan") or {}
    return (status["state"] in LOADABLE_STATES and not status["hidden"] and not status["withheld"]
            and scan.get("state") == "done" and scan.get("current") and scan.get("confident") is not False
            and bool(scan.get("tables")) and resource.url_type == "upload")


def plan_for(package_id: str) -> Plan:
    """What to load and what to drop for the entry as committed now."""
    plan = Plan()
    package = model.Package.get(package_id)
    resources = {resource.id: resource for resource in package.resources_all} if package else {}
    statuses = {status["id"]: status for status in _status(package_id)} if package and package.state == "active" else {}
    for resource_id, resource in resources.items():
        status = statuses.get(resource_id)
        if resource.state == "active" and status is not None and _loadable(resource, status):
            plan.load[resource_id] = status["scan"]
        elif resource.extras.get("datastore_active"):
            plan.drop.add(resource_id)
    return plan
