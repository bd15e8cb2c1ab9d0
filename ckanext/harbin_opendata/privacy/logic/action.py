"""Actions of harbin_privacy: an entry's privacy status, scanning, masking, confirming table
headers and exemptions. Scans and masking always run in the background (never in a request)."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search
from ckan.types import Context, DataDict

from ...common import roles
from ...common.actions import commit_unless_deferred
from ...common.actions import validated as _validated
from .. import decisions, desensitization, jobs, masking_claims, rescans
from ..gate import blockers
from ..labels import error_message, kind_label, part_label, resource_state_label, state_label
from ..masking import column_key, default_rules
from ..model import DONE, FAILED, Exemption, Scan, Withheld, exempted_scan_ids, fingerprint, latest_scans, states
from ..shown_counts import data_cells, data_found
from ..visibility import hides
from . import schema
from .agency_reads import group_list, group_show, organization_list, organization_show
from .column_check import harbin_privacy_check_columns
from .metadata_guard import (group_create, group_update, organization_create, organization_update, package_create,
                             package_relationship_create, package_relationship_update, package_update,
                             resource_view_create, resource_view_update)
from .surfaces import (activity_data_show, activity_diff, activity_show, dashboard_activity_list, format_autocomplete,
                       group_activity_list, organization_activity_list, package_activity_list,
                       recently_changed_packages_activity_list, resource_search, resource_view_list,
                       resource_view_show, user_activity_list)

__all__ = ["harbin_privacy_status", "harbin_privacy_scan", "harbin_privacy_mask", "harbin_privacy_exempt",
           "harbin_privacy_confirm_layout", "harbin_privacy_check_columns", "resource_search", "format_autocomplete", "package_activity_list",
           "organization_activity_list", "group_activity_list", "recently_changed_packages_activity_list",
           "user_activity_list", "dashboard_activity_list", "activity_show", "activity_data_show", "activity_diff",
           "package_create", "package_update", "resource_view_create", "resource_view_update", "resource_view_show",
           "resource_view_list", "organization_create", "organization_update", "group_create", "group_update",
           "package_relationship_create", "package_relationship_update", "organization_show", "group_show",
           "organization_list", "group_list"]


def _column(column: dict[str, Any]) -> dict[str, Any]:
    return dict(column, key=column_key(column["sheet"], column["column"]),
                label=part_label(column["column"]) or column["header"],  # a workbook part's name translated
                kind_labels=[kind_label(kind) for kind in column["kinds"]], data_cells=data_cells(column),
                data_found=data_found(column), line_found=column.get("line_found") or {})


def _exemption(scan: Scan) -> Optional[dict[str, Any]]:
    row = model.Session.query(Exemption).filter(Exemption.scan_id == scan.id).order_by(Exemption.id.desc()).first()
    if row is None:
        return None
    granter = model.User.get(row.granted_by)
    return {"reason": row.reason, "granted_by": granter.name if granter else None,
            "created_at": row.created_at.isoformat()}


def _scan_dict(scan: Scan, resource: model.Resource) -> dict[str, Any]:
    columns = [_column(column) for column in scan.columns or []]
    return {
        "id": scan.id, "state": scan.state, "state_label": state_label(scan.state),
        "current": scan.fingerprint == fingerprint(resource),
        "rows_done": scan.rows_done, "lines": sum(table.get("lines", 0) for table in scan.tables or []),
        "bytes_done": scan.bytes_done, "bytes_total": scan.bytes_total,
        "error": scan.error, "error_message": error_message(scan.error), "personal": bool(scan.personal),
        "confident": scan.confident, "strict": scan.strict, "tables": scan.tables or [],
        "digest": scan.digest, "head_digest": scan.head_digest,
        "created_at": scan.created_at.isoformat() if scan.created_at else None,
        "finished_at": scan.finished_at.isoformat() if scan.finished_at else None,
        "columns": [column for column in columns if column["kinds"]], "all_columns": columns,
        "exemption": _exemption(scan),
    }


def _package(id_or_name: str) -> model.Package:
    package = model.Package.get(id_or_name)
    if package is None or package.state == "deleted":
        raise tk.ObjectNotFound(tk._("Catalog entry not found"))
    return package


def _resource_dict(resource: model.Resource, state: str, scan: Optional[Scan], withheld: dict[str, Withheld],
                   masked_from: dict[str, str]) -> dict[str, Any]:
    return {
        "id": resource.id, "name": resource.name, "format": resource.format, "state": state,
        "state_label": resource_state_label(state), "hidden": hides(state), "withheld": resource.id in withheld,
        "masked_copy": withheld[resource.id].masked_resource_id if resource.id in withheld else None,
        "masked_from": masked_from.get(resource.id), "scan": _scan_dict(scan, resource) if scan else None,
    }


@tk.side_effect_free
def harbin_privacy_status(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The personal-data status of an entry: each resource's state (what the public sees), its
    latest scan with the findings (counts and masked examples per column) and the tables' header
    rows, withheld originals, masked copies, and what stops publication. For the entry's agency
    and reviewers.

    :param id: id or name of the catalog entry
    """
    tk.check_access("harbin_privacy_status", context, data_dict)
    data = _validated(context, data_dict, schema.entry_schema)
    package = _package(data["id"])
    latest, found = latest_scans(package.id), states([package.id]).get(package.id, {})
    withheld = {row.resource_id: row for row in model.Session.query(Withheld).filter(Withheld.package_id == package.id)}
    masked_from = {row.masked_resource_id: row.resource_id for row in withheld.values()}
    resources = [_resource_dict(resource, found.get(resource.id, "clear"), latest.get(resource.id), withheld,
                                masked_from) for resource in package.resources if resource.state == "active"]
    return {"id": package.id, "name": package.name, "title": package.title, "resources": resources,
            "blockers": blockers(package)}


def harbin_privacy_scan(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Scan an entry's resources again (all, or one) in the background; the file is hidden until
    its scan ends. A file with a queued or running scan gets no second one ("queued": their ids);
    an uploaded file whose clean scan read the same bytes with the current reader and detector
    settings is not scanned again, since the result cannot differ ("current": the resource ids).

    :param id: id or name of the catalog entry
    :param resource_id: only this resource (optional)
    """
    tk.check_access("harbin_privacy_scan", context, data_dict)
    data = _validated(context, data_dict, schema.scan_schema)
    package = _package(data["id"])
    found = rescans.request_rescans(package, context.get("user"), data.get("resource_id"))
    if not (found.scans or found.queued or found.current):
        raise tk.ValidationError({"resource_id": [tk._("The entry has no resource with a file to scan.")]})
    jobs.enqueue_after_commit(found.scans)
    commit_unless_deferred(context)
    return {"scans": [scan.id for scan in found.scans], "queued": [scan.id for scan in found.queued],
            "current": found.current}


def _latest_done_scan(resource: model.Resource) -> Scan:
    scan = latest_scans(resource.package_id).get(resource.id)
    if scan is None or scan.state != DONE or scan.fingerprint != fingerprint(resource):
        raise tk.ValidationError({"resource_id": [tk._("Scan the resource's current file first.")]})
    return scan


def _checked_rules(scan: Scan, rules: Optional[dict[str, str]]) -> dict[str, str]:
    known = {column_key(column["sheet"], column["column"]) for column in scan.columns or []}
    unknown = sorted(set(rules or {}) - known)
    if unknown:
        raise tk.ValidationError({"rules": [tk._("Unknown columns: {columns}").format(columns=", ".join(unknown))]})
    return dict(default_rules(scan.columns or []), **(rules or {}))


def harbin_privacy_mask(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Publish a masked copy of a resource as a new resource of the entry and withhold the
    original from the public (in the background). The copy keeps every table, title row and column
    (but dropped ones); it is scanned strictly before the entry counts as desensitized. Asked again,
    the same copy gets the new file (one copy per original); while a copy is being written a new
    request is refused (409).

    :param resource_id: the resource (its current file must have been scanned)
    :param rules: {"<sheet>:<column index>": "mask" | "mask_found" | "drop" | "keep"} for any column;
        default: "mask" for columns with personal data in their data rows, whole cells or free text
        (masking.default_rules), "mask_found" for the others
    """
    tk.check_access("harbin_privacy_mask", context, data_dict)
    data = _validated(context, data_dict, schema.mask_schema)
    resource = model.Resource.get(data["resource_id"])
    if resource is None or resource.state != "active":
        raise tk.ObjectNotFound(tk._("Resource not found"))
    rules = _checked_rules(_latest_done_scan(resource), data.get("rules"))
    if not masking_claims.claim(resource.id):
        raise tk.ValidationError({"resource_id": [tk._(
            "A masked copy of this resource is being written; try again when it is done.")]})
    try:
        job = jobs.enqueue(decisions.mask_resource, [resource.id, rules, context["user"]],
                           f"privacy masking {resource.id}", resource)
    except Exception:
        masking_claims.release(resource.id)
        raise
    return {"job_id": job.id, "rules": rules}


def _exemptable(scan: Scan) -> bool:
    return scan.state == FAILED or scan.state == DONE and (bool(scan.personal) or scan.confident is False)


def harbin_privacy_exempt(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Record that a scan's findings may be opened as they are, or that a file that cannot be
    checked (or whose table header is uncertain) may be published (reviewers who did not submit
    the entry; the reason is audited). The resource then no longer stops publication.

    :param scan_id: the scan concerned
    :param reason: why the file may be opened as it is
    """
    tk.check_access("harbin_privacy_exempt", context, data_dict)
    data = _validated(context, data_dict, schema.exempt_schema)
    scan = model.Session.get(Scan, data["scan_id"])
    if not _exemptable(scan):
        raise tk.ValidationError({"scan_id": [tk._(
            "Only a scan with findings, an uncertain header or a file that could not be checked can be exempted.")]})
    if scan.id in exempted_scan_ids(scan.package_id):
        raise tk.ValidationError({"scan_id": [tk._("These findings are already exempted.")]})
    decisions.grant_exemption(scan, data["reason"], roles.acting_user(context))
    commit_unless_deferred(context)
    desensitization.settle_desensitization(scan.package_id)
    search.rebuild(scan.package_id)
    return {"scan_id": scan.id, "resource_id": scan.resource_id, "reason": data["reason"]}


def _header_rows(scan: Scan, given: dict[str, int]) -> dict[str, int]:
    names = {table["name"] for table in scan.tables or []}
    unknown = sorted(set(given) - names)
    if unknown:
        raise tk.ValidationError({"header_rows": [tk._("Unknown tables: {tables}").format(tables=", ".join(unknown))]})
    return {name: row - 1 for name, row in given.items()}  # 1-based row numbers; 0 = no header row


def harbin_privacy_confirm_layout(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Say where the header of each table of a resource's current file is, when the scan could not
    tell; the resource is scanned again reading the tables that way.

    :param resource_id: the resource
    :param header_rows: {"<table name>": row number of the header (1 = the first row; 0 = the table
        has no header row)}; table names as in the scan ("" for a CSV file, the sheet's name in a workbook)
    """
    tk.check_access("harbin_privacy_confirm_layout", context, data_dict)
    data = _validated(context, data_dict, schema.layout_schema)
    resource = model.Resource.get(data["resource_id"])
    if resource is None or resource.state != "active":
        raise tk.ObjectNotFound(tk._("Resource not found"))
    scan = _latest_done_scan(resource)
    decisions.confirm_layout(resource, _header_rows(scan, data["header_rows"]), roles.acting_user(context))
    scans = jobs.scan_package(model.Package.get(resource.package_id), context.get("user"), force=True,
                              resource_id=resource.id)
    jobs.enqueue_after_commit(scans)
    commit_unless_deferred(context)
    return {"resource_id": resource.id, "scans": [new.id for new in scans]}
