"""The publication gate (IPublicationGate): why an entry may not be published, resource by
resource, from the one rule in visibility.py."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk

from .labels import error_message, hold_label, kind_label, part_label
from .model import latest_scans, states
from .visibility import blocks

__all__ = ["blockers", "holds", "files_with_findings"]


def _findings_text(columns: list[dict]) -> str:
    return tk._("; ").join(
        tk._("{column}: {kinds}").format(column=part_label(column["column"]) or column["header"] or
                                         "#{}".format(column["column"] + 1),
                                         kinds=tk._(", ").join(kind_label(kind) for kind in column["kinds"]))
        for column in columns if column["kinds"])


_USES_SCAN = {"personal", "failed"}  # the states whose reason tells what the scan found or why it failed


def _reason(name: str, state: str, scan: object) -> str:
    if state == "personal":
        return tk._("“{name}” contains personal data ({findings}): publish a masked copy or ask a reviewer "
                    "for an exemption.").format(name=name, findings=_findings_text(getattr(scan, "columns", None) or []))
    if state == "unconfirmed":
        return tk._("The header row of a table in “{name}” is uncertain: confirm it on the entry's personal-data "
                    "page (or ask a reviewer for an exemption).").format(name=name)
    if state == "failed":
        return tk._("“{name}” could not be checked for personal data: {error} A reviewer may exempt it with a "
                    "reason.").format(name=name, error=error_message(getattr(scan, "error", None)))
    if state == "held":
        return tk._("“{name}” stays hidden: an earlier check found personal data and its file is not checked "
                    "again yet.").format(name=name)
    if state == "pending":
        return tk._("The personal-data scan of “{name}” is not finished yet.").format(name=name)
    return tk._("“{name}” has not been scanned for personal data yet.").format(name=name)


def blockers(package: model.Package) -> list[str]:
    """Why the entry may not be published, resource by resource."""
    found = states([package.id]).get(package.id, {})
    blocking = {resource_id: state for resource_id, state in found.items() if blocks(state)}
    if not blocking:
        return []
    # the reasons name a scan's findings or error only: no scan read for a file not scanned yet
    latest = latest_scans(package.id) if _USES_SCAN & set(blocking.values()) else {}
    return [_reason(resource.name or resource.id, blocking[resource.id], latest.get(resource.id))
            for resource in package.resources if resource.id in blocking]


def holds(package_ids: list[str]) -> dict[str, list[str]]:
    """Short labels of what keeps each entry from publication (one query for all the entries)."""
    found: dict[str, list[str]] = {}
    for package_id, resource_states in states(package_ids).items():
        labels = {hold_label(state) for state in resource_states.values() if blocks(state)}
        if labels:
            found[package_id] = sorted(labels)
    return found


def files_with_findings(package: model.Package) -> list[dict[str, str]]:
    """The entry's files whose check found personal data that is neither masked nor exempted: the
    file's name and what was found in which column."""
    found = states([package.id]).get(package.id, {})
    personal = {resource_id for resource_id, state in found.items() if state == "personal"}
    if not personal:
        return []
    latest = latest_scans(package.id)
    return [{"name": resource.name or resource.id,
             "findings": _findings_text(getattr(latest.get(resource.id), "columns", None) or [])}
            for resource in package.resources if resource.id in personal]
