"""The publication gate: an entry whose resources hold unmasked personal data is not published
unless a reviewer exempted the findings."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk

from .messages import error_message, kind_label
from .model import DONE, FAILED, Exemption, Scan, Withheld
from .scanning import fingerprint, latest_scans
from .source import is_tabular

__all__ = ["blockers", "exempted_scan_ids", "withheld_ids"]


def exempted_scan_ids(package_id: str) -> set[str]:
    return {row.scan_id for row in model.Session.query(Exemption.scan_id).filter(Exemption.package_id == package_id)}


def withheld_ids(package_id: str) -> set[str]:
    return {row.resource_id for row in
            model.Session.query(Withheld.resource_id).filter(Withheld.package_id == package_id)}


def _findings_text(scan: Scan) -> str:
    return tk._("; ").join(
        tk._("{column}: {kinds}").format(column=column["header"] or "#{}".format(column["column"] + 1),
                                         kinds=tk._(", ").join(kind_label(kind) for kind in column["kinds"]))
        for column in scan.personal_columns)


def _blocker(resource: model.Resource, scan: "Scan | None", exempted: set[str]) -> "str | None":
    name = resource.name or resource.id
    require_scan = tk.config["ckanext.harbin_opendata.privacy.require_scan"]
    if scan is None or scan.fingerprint != fingerprint(resource):
        return tk._("“{name}” has not been scanned for personal data yet.").format(name=name) if require_scan else None
    if scan.state == FAILED:
        return tk._("“{name}” could not be scanned: {error}").format(
            name=name, error=error_message(scan.error)) if require_scan else None
    if scan.state != DONE:
        return tk._("The personal-data scan of “{name}” is not finished yet.").format(name=name)
    if scan.personal and scan.id not in exempted:
        return tk._("“{name}” contains personal data ({findings}): publish a masked copy or ask a reviewer "
                    "for an exemption.").format(name=name, findings=_findings_text(scan))
    return None


def blockers(package: model.Package) -> list[str]:
    """Why the entry may not be published, resource by resource."""
    latest, exempted, withheld = latest_scans(package.id), exempted_scan_ids(package.id), withheld_ids(package.id)
    reasons = []
    for resource in package.resources:
        if resource.state != "active" or resource.id in withheld or not is_tabular(resource):
            continue
        reason = _blocker(resource, latest.get(resource.id), exempted)
        if reason:
            reasons.append(reason)
    return reasons
