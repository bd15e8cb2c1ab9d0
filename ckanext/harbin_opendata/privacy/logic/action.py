"""Actions of harbin_privacy: an entry's privacy status, scanning, masking and exemptions."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search
from ckan.types import Context, DataDict

from ...common.actions import commit_unless_deferred
from ...common.actions import validated as _validated
from ...common import roles
from .. import decisions, scanning
from ..gate import blockers, exempted_scan_ids
from ..masking import column_key, default_rules
from ..messages import error_message, kind_label, state_label
from ..model import DONE, Exemption, Scan, Withheld
from ..source import is_tabular
from ..visibility import hidden_resource_ids
from . import schema

__all__ = ["harbin_privacy_status", "harbin_privacy_scan", "harbin_privacy_mask", "harbin_privacy_exempt"]


def _progress(scan: Scan) -> Optional[int]:
    if scan.state == DONE:
        return 100
    if scan.bytes_total:
        return min(99, int(100 * (scan.bytes_done or 0) / scan.bytes_total))
    return None


def _column(column: dict[str, Any]) -> dict[str, Any]:
    return dict(column, key=column_key(column["sheet"], column["column"]),
                kind_labels=[kind_label(kind) for kind in column["kinds"]])


def _exemption(scan: Scan) -> Optional[dict[str, Any]]:
    row = model.Session.query(Exemption).filter(Exemption.scan_id == scan.id).order_by(Exemption.id.desc()).first()
    if row is None:
        return None
    granter = model.User.get(row.granted_by)
    return {"reason": row.reason, "granted_by": granter.name if granter else None,
            "created_at": row.created_at.isoformat()}


def _scan_dict(scan: Scan, resource: model.Resource) -> dict[str, Any]:
    return {
        "id": scan.id, "state": scan.state, "state_label": state_label(scan.state),
        "current": scan.fingerprint == scanning.fingerprint(resource), "progress": _progress(scan),
        "rows_done": scan.rows_done, "bytes_done": scan.bytes_done, "bytes_total": scan.bytes_total,
        "error": scan.error, "error_message": error_message(scan.error), "personal": bool(scan.personal),
        "created_at": scan.created_at.isoformat() if scan.created_at else None,
        "finished_at": scan.finished_at.isoformat() if scan.finished_at else None,
        "columns": [_column(column) for column in scan.personal_columns],
        "exemption": _exemption(scan),
    }


def _package(id_or_name: str) -> model.Package:
    package = model.Package.get(id_or_name)
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(tk._("Catalog entry not found"))
    return package


@tk.side_effect_free
def harbin_privacy_status(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The personal-data status of an entry: each resource's latest scan with its findings
    (counts and masked examples per column), withheld originals, masked copies, and what
    stops publication. For the entry's agency and reviewers.

    :param id: id or name of the catalog entry
    """
    tk.check_access("harbin_privacy_status", context, data_dict)
    data = _validated(context, data_dict, schema.entry_schema)
    package = _package(data["id"])
    latest, hidden = scanning.latest_scans(package.id), hidden_resource_ids(package.id)
    withheld = {row.resource_id: row for row in model.Session.query(Withheld).filter(Withheld.package_id == package.id)}
    masked_from = {row.masked_resource_id: row.resource_id for row in withheld.values()}
    resources = []
    for resource in package.resources:
        if resource.state != "active":
            continue
        scan = latest.get(resource.id)
        resources.append({
            "id": resource.id, "name": resource.name, "format": resource.format,
            "tabular": is_tabular(resource), "hidden": resource.id in hidden,
            "withheld": resource.id in withheld,
            "masked_copy": withheld[resource.id].masked_resource_id if resource.id in withheld else None,
            "masked_from": masked_from.get(resource.id),
            "scan": _scan_dict(scan, resource) if scan else None,
        })
    return {"id": package.id, "name": package.name, "title": package.title, "resources": resources,
            "blockers": blockers(package)}


def harbin_privacy_scan(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Scan an entry's tabular resources again (all, or one), in the background by default.

    :param id: id or name of the catalog entry
    :param resource_id: only this resource (optional)
    :param background: false to scan now, in this request (default true)
    """
    tk.check_access("harbin_privacy_scan", context, data_dict)
    data = _validated(context, data_dict, schema.scan_schema)
    package = _package(data["id"])
    scans = scanning.scan_package(package, context.get("user"), force=True, resource_id=data.get("resource_id"))
    if not scans:
        raise tk.ValidationError({"resource_id": [tk._("The entry has no CSV or XLSX resource to scan.")]})
    if data.get("background", True):
        scanning.enqueue_after_commit(scans)
        commit_unless_deferred(context)
    else:
        model.repo.commit()
        for scan in scans:
            scanning.run_scan(scan.id)
    return {"scans": [scan.id for scan in scans]}


def _latest_done_scan(resource: model.Resource) -> Scan:
    scan = scanning.latest_scans(resource.package_id).get(resource.id)
    if scan is None or scan.state != DONE or scan.fingerprint != scanning.fingerprint(resource):
        raise tk.ValidationError({"resource_id": [tk._("Scan the resource's current file first.")]})
    return scan


def _checked_rules(scan: Scan, rules: Optional[dict[str, str]]) -> dict[str, str]:
    known = {column_key(column["sheet"], column["column"]) for column in scan.columns or []}
    rules = default_rules(scan.columns or []) if rules is None else rules
    unknown = sorted(set(rules) - known)
    if unknown:
        raise tk.ValidationError({"rules": [tk._("Unknown columns: {columns}").format(columns=", ".join(unknown))]})
    return rules


def harbin_privacy_mask(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Publish a masked copy of a resource as a new resource of the entry and withhold the
    original from the public. Runs in the background by default.

    :param resource_id: the resource (its current file must have been scanned)
    :param rules: {"<sheet>:<column index>": "mask" | "drop" | "keep"}; default: mask every column
        with findings, copy the others
    :param background: false to mask now, in this request (default true)
    """
    tk.check_access("harbin_privacy_mask", context, data_dict)
    data = _validated(context, data_dict, schema.mask_schema)
    resource = model.Resource.get(data["resource_id"])
    rules = _checked_rules(_latest_done_scan(resource), data.get("rules"))
    if not data.get("background", True):
        return {"resource_id": decisions.mask_resource(resource.id, rules, context["user"])}
    job = scanning.enqueue(decisions.mask_resource, [resource.id, rules, context["user"]],
                           f"privacy masking {resource.id}")
    return {"job_id": job.id}


def harbin_privacy_exempt(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Record that a scan's findings may be opened as they are (reviewers who did not submit
    the entry; the reason is audited). The resource then no longer stops publication.

    :param scan_id: the scan whose findings are exempted
    :param reason: why the data may be opened unmasked
    """
    tk.check_access("harbin_privacy_exempt", context, data_dict)
    data = _validated(context, data_dict, schema.exempt_schema)
    scan = model.Session.get(Scan, data["scan_id"])
    if scan.state != DONE or not scan.personal:
        raise tk.ValidationError({"scan_id": [tk._("Only a finished scan with findings can be exempted.")]})
    if scan.id in exempted_scan_ids(scan.package_id):
        raise tk.ValidationError({"scan_id": [tk._("These findings are already exempted.")]})
    decisions.grant_exemption(scan, data["reason"], roles.user_object(context["user"]))
    commit_unless_deferred(context)
    search.rebuild(scan.package_id)
    return {"scan_id": scan.id, "resource_id": scan.resource_id, "reason": data["reason"]}
