"""What agencies and reviewers decide about a file: publish a masked copy (the original is
withheld), confirm where a table's header is, or exempt the findings with a reason. Every decision
is audited."""
from __future__ import annotations

import os
import tempfile
import uuid
from typing import Any, Optional

from werkzeug.datastructures import FileStorage

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search

from ..common import roles
from ..common.downloads import FileError
from ..common.file_messages import file_message
from ..common.tabular import TableError
from ..common.system_writes import MASKED_COPY
from . import masking_claims
from .desensitization import settle_desensitization
from .events import record_event
from .jobs import file_of, limits
from .masked_copy import write_masked
from .model import Exemption, Layout, Scan, Withheld, confirmed_layout, fingerprint, latest_scans

__all__ = ["mask_resource", "grant_exemption", "confirm_layout", "MASKED_SUFFIX"]

# Part of the new resource's name (content of a Chinese catalog, not interface text).
MASKED_SUFFIX = "（脱敏）"
_CONTENT_TYPES = {"CSV": "text/csv", "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _file_name(resource: model.Resource, extension: str) -> str:
    base = os.path.splitext(os.path.basename(resource.url or "") or resource.id)[0] or resource.id
    return f"{base}-masked.{extension}"


def _platform_write(user_name: str) -> dict[str, Any]:
    """The context of the copy's write: the platform's, for the requester (whose right to mask was
    checked when asked and again by the job). A reviewer is no editor of the entry's agency: CKAN's
    own resource_create would refuse him, and the copy never came."""
    return {"user": user_name, "ignore_auth": True, MASKED_COPY: True}


def _create_masked(resource: model.Resource, copy_id: str, path: str, fmt: str, user_name: str) -> dict[str, Any]:
    with open(path, "rb") as stream:
        upload = FileStorage(stream=stream, filename=_file_name(resource, fmt.lower()), content_type=_CONTENT_TYPES[fmt])
        return tk.get_action("resource_create")(_platform_write(user_name), {
            "package_id": resource.package_id, "id": copy_id, "name": (resource.name or "") + MASKED_SUFFIX,
            "description": resource.description or "", "format": fmt, "url": "", "upload": upload})


def _withhold(resource: model.Resource, copy_id: str, rules: dict[str, str], actor: Optional[model.User]) -> None:
    """Withhold the original now, naming its copy before the copy exists: the copy's own scan then
    knows it is a masked copy (and is strict) from the start."""
    model.Session.merge(Withheld(resource_id=resource.id, package_id=resource.package_id, masked_resource_id=copy_id,
                                 rules=rules, withheld_by=actor.id if actor else None))
    model.Session.commit()


def _replace_masked(copy_id: str, path: str, fmt: str, user_name: str, resource: model.Resource) -> None:
    """The copy's file replaced by the new one (its name, description and address stay)."""
    with open(path, "rb") as stream:
        upload = FileStorage(stream=stream, filename=_file_name(resource, fmt.lower()), content_type=_CONTENT_TYPES[fmt])
        tk.get_action("resource_patch")(_platform_write(user_name),
                                        {"id": copy_id, "format": fmt, "url": "", "upload": upload})


def _current_copy(resource: model.Resource) -> Optional[str]:
    """The id of the resource's masked copy when it has one still in the entry."""
    withheld = model.Session.get(Withheld, resource.id)
    copy = model.Resource.get(withheld.masked_resource_id) if withheld and withheld.masked_resource_id else None
    return copy.id if copy is not None and copy.state == "active" and copy.package_id == resource.package_id else None


def mask_resource(resource_id: str, rules: dict[str, str], user_name: str) -> Optional[str]:
    """The masking job: write the masked copy and withhold the original; the first time the copy
    is a new resource of the entry, after that the same copy gets the new file (one copy per
    original). Returns the copy's id (None when the resource is gone). Ends the claim of
    harbin_privacy_mask on the resource."""
    try:
        return _mask_resource(resource_id, rules, user_name)
    except Exception as error:
        _announce_failure(resource_id, user_name, error)
        raise
    finally:
        masking_claims.release(resource_id)


def _failure_reason(error: Exception) -> str:
    if isinstance(error, tk.NotAuthorized):
        return tk._("The person who asked for it may no longer mask this entry's files.")
    if isinstance(error, (FileError, TableError)):
        return file_message(error.stored())
    return tk._("Unexpected error ({error}): ask again, or tell the platform's operators.").format(
        error=type(error).__name__)


def _announce_failure(resource_id: str, user_name: str, error: Exception) -> None:
    """Tell the agency's editors and the reviewers (the requester among them) that no copy came, and
    why; the original stays withheld (fail-safe) and the request may be made again."""
    model.Session.rollback()
    resource = model.Resource.get(resource_id)
    if resource is None:
        return
    reason = _failure_reason(error)
    record_event("privacy_mask_failed", resource.package_id, None, comment=reason, announce=True,
                 details={"resource_id": resource.id, "resource_name": resource.name, "requested_by": user_name,
                          "error": type(error).__name__})
    model.repo.commit()


def _mask_resource(resource_id: str, rules: dict[str, str], user_name: str) -> Optional[str]:
    resource = model.Resource.get(resource_id)
    if resource is None or resource.state != "active":
        return None
    tk.check_access("harbin_privacy_mask", {"user": user_name}, {"resource_id": resource.id})  # still allowed
    scan = latest_scans(resource.package_id).get(resource.id)
    columns = (scan.columns or []) if scan else []
    existing = _current_copy(resource)
    actor, copy_id = roles.user_object(user_name), existing or str(uuid.uuid4())
    handle, target = tempfile.mkstemp(prefix="harbin-masked-")
    os.close(handle)
    try:
        with file_of(resource) as source:
            fmt = write_masked(source, limits(), target, rules, columns, confirmed_layout(resource))
        _withhold(resource, copy_id, rules, actor)
        if existing:
            _replace_masked(copy_id, target, fmt, user_name, resource)
        else:
            _create_masked(resource, copy_id, target, fmt, user_name)
    finally:
        os.unlink(target)
    record_event("privacy_masked", resource.package_id, user_name,
                 details={"resource_id": resource.id, "resource_name": resource.name, "masked_resource_id": copy_id,
                          "rules": rules, "replaced": bool(existing)})
    model.repo.commit()
    settle_desensitization(resource.package_id)
    search.rebuild(resource.package_id)
    return copy_id


def grant_exemption(scan: Scan, reason: str, actor: model.User) -> Exemption:
    """Let a scan's findings (or a file that cannot be read, or a table whose header is uncertain)
    be opened as they are. The caller commits and reindexes."""
    exemption = Exemption(scan_id=scan.id, package_id=scan.package_id, resource_id=scan.resource_id,
                          reason=reason, granted_by=actor.id)
    model.Session.add(exemption)
    resource = model.Resource.get(scan.resource_id)
    record_event("privacy_exemption", scan.package_id, actor.name, comment=reason,
                 details={"resource_id": scan.resource_id, "resource_name": resource.name if resource else None,
                          "scan_id": scan.id, "error": scan.error,
                          "columns": [column["header"] or "#{}".format(column["column"] + 1)
                                      for column in scan.personal_columns],
                          "kinds": sorted({kind for column in scan.personal_columns for kind in column["kinds"]})})
    return exemption


def confirm_layout(resource: model.Resource, header_rows: dict[str, int], actor: model.User) -> None:
    """Record where each table's header is (0-based row; -1: no header) for the resource's current
    file. The caller queues a new scan, which reads the tables that way."""
    current = fingerprint(resource)
    for table_name, header_row in header_rows.items():
        model.Session.merge(Layout(resource_id=resource.id, fingerprint=current, table_name=table_name,
                                   header_row=header_row, confirmed_by=actor.id))
    record_event("privacy_layout_confirmed", resource.package_id, actor.name,
                 details={"resource_id": resource.id, "resource_name": resource.name,
                          "header_rows": {name: row + 1 if row >= 0 else None for name, row in header_rows.items()}})
