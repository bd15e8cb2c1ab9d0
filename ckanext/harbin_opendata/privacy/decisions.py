"""What agencies and reviewers decide about findings: publish a masked copy (the original is
withheld), or exempt the findings with a reason. Both are audited."""
from __future__ import annotations

import os
import tempfile
from typing import Any, Optional

from werkzeug.datastructures import FileStorage

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import search

from ..common import roles
from ..review import audit
from .masking import write_masked
from .model import Exemption, Scan, Withheld
from .source import declared_kind, local_copy
from .status import settle_desensitization

__all__ = ["mask_resource", "grant_exemption", "MASKED_SUFFIX"]

# Part of the new resource's name (content of a Chinese catalog, not interface text).
MASKED_SUFFIX = "（脱敏）"


def _file_name(resource: model.Resource, extension: str) -> str:
    base = os.path.splitext(os.path.basename(resource.url or "") or resource.id)[0] or resource.id
    return f"{base}-masked.{extension}"


def _create_masked(resource: model.Resource, path: str, fmt: str, user_name: str) -> dict[str, Any]:
    with open(path, "rb") as stream:
        upload = FileStorage(stream=stream, filename=_file_name(resource, fmt.lower()),
                             content_type="text/csv" if fmt == "CSV" else
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        return tk.get_action("resource_create")({"user": user_name}, {
            "package_id": resource.package_id, "name": (resource.name or "") + MASKED_SUFFIX,
            "description": resource.description or "", "format": fmt, "url": "", "upload": upload})


def mask_resource(resource_id: str, rules: dict[str, str], user_name: str) -> Optional[str]:
    """The masking job: write the masked copy as a new resource of the entry, withhold the
    original; returns the new resource's id."""
    resource = model.Resource.get(resource_id)
    if resource is None or resource.state != "active":
        return None
    handle, target = tempfile.mkstemp(prefix="harbin-masked-")
    os.close(handle)
    try:
        with local_copy(resource) as source:
            fmt = write_masked(source, declared_kind(resource), target, rules)
        masked = _create_masked(resource, target, fmt, user_name)
    finally:
        os.unlink(target)
    actor = roles.user_object(user_name)
    model.Session.merge(Withheld(resource_id=resource.id, package_id=resource.package_id,
                                 masked_resource_id=masked["id"], rules=rules,
                                 withheld_by=actor.id if actor else None))
    audit.record("privacy_masked", actor, model.Package.get(resource.package_id),
                 details={"resource_id": resource.id, "masked_resource_id": masked["id"], "rules": rules})
    model.repo.commit()
    settle_desensitization(resource.package_id)
    search.rebuild(resource.package_id)
    return masked["id"]


def grant_exemption(scan: Scan, reason: str, actor: model.User) -> Exemption:
    """Let a scan's findings be opened as they are (e.g. office phone numbers of public bodies).
    The caller commits and reindexes."""
    exemption = Exemption(scan_id=scan.id, package_id=scan.package_id, resource_id=scan.resource_id,
                          reason=reason, granted_by=actor.id)
    model.Session.add(exemption)
    audit.record("privacy_exemption", actor, model.Package.get(scan.package_id), comment=reason,
                 details={"resource_id": scan.resource_id, "scan_id": scan.id,
                          "columns": [column["header"] for column in scan.personal_columns]})
    return exemption
