"""What an entry says, field by field, and its revision stamp: a reviewer publishes or returns the
revision he read (the review page's forms carry the stamp), and each audited edit names the fields
it changed, with the values of the short code fields (never texts, which may name people)."""
from __future__ import annotations

import hashlib
import json
from typing import Any, Optional

import ckan.model as model

__all__ = ["snapshot", "stamp", "changes"]

# package columns that are not what the entry says: its identity, bookkeeping, visibility (which
# follows the review state) and other plugins' data
_NOT_CONTENT = {"id", "type", "creator_user_id", "metadata_created", "metadata_modified", "private", "plugin_data"}
# what a resource says; its checksum, size and extras (DataStore flags, scan results) are the
# portal's own bookkeeping
_RESOURCE_FIELDS = ("id", "name", "url", "url_type", "format", "description", "last_modified")
# short codes whose old and new values the audit log shows
CODE_FIELDS = ("state", "owner_org", "license_id", "open_type", "data_domain", "update_frequency",
               "desensitization_status", "data_formats")


def snapshot(package: model.Package) -> dict[str, Any]:
    """The entry's content as stored: core columns, extras, keywords and files (field → value)."""
    values: dict[str, Any] = {column: getattr(package, column) for column in model.package_table.c.keys()
                              if column not in _NOT_CONTENT}
    values.update(package.extras)
    values["tags"] = sorted(link.tag_id for link in package.package_tags if link.state == "active")
    values["resources"] = [[_text(getattr(resource, field)) for field in _RESOURCE_FIELDS]
                           for resource in package.resources]
    return {field: value if value != "" else None for field, value in values.items()}


def _text(value: Any) -> Optional[str]:
    return value.isoformat() if hasattr(value, "isoformat") else value


def stamp(package: model.Package) -> str:
    """A short hash of the entry's content, files included (not of its review state)."""
    text = json.dumps(snapshot(package), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def changes(before: Optional[dict[str, Any]], package: model.Package) -> dict[str, Any]:
    """The audit details of an edit: the changed fields' names, and old → new of the code fields.
    Empty when nothing was taken before the edit (an edit outside package_update)."""
    if before is None:
        return {}
    after = snapshot(package)
    fields = sorted(field for field in set(before) | set(after) if before.get(field) != after.get(field))
    if not fields:
        return {}
    codes = {field: {"from": before.get(field), "to": after.get(field)} for field in fields if field in CODE_FIELDS}
    return {"fields": fields, **({"values": codes} if codes else {})}
