"""Personal data typed into a catalog entry's own texts (第七条): the file scan never sees them, and
an agency's edit of a published entry's minor fields, a resource's name or description, or a view's
title is public at once. Resident ID numbers, bank-card numbers and mobile numbers (by the scan's
own detectors, check digits included) are refused in every text of the entry, its data items, its
resources and its views, with the field named — whoever saves it (a harvest's record is refused as
well, its error saying why). The contact phone is the one field meant to hold a telephone number,
so a mobile is allowed there; names and e-mail addresses are not looked for (an office's contact
person and address are published by design)."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins.toolkit as tk

from .labels import kind_label
from .scan.detectors import find_all

__all__ = ["entry_errors", "view_errors", "REFUSED_KINDS"]

REFUSED_KINDS = frozenset({"resident_id", "bank_card", "mobile"})
_PHONE_FIELDS = frozenset({"contact_phone"})
_ENTRY_SKIPPED = frozenset({"id", "name", "owner_org", "type", "state", "resource_code", "metadata_created",
                            "metadata_modified", "creator_user_id", "resources", "data_items", "tags", "extras",
                            "groups", "organization", "relationships_as_object", "relationships_as_subject"})
_RESOURCE_TEXTS = ("name", "name_en", "description")  # not its address: ids and numbers in links look like phones
_VIEW_TEXTS = ("title", "description")


def _message(value: str, field: str) -> Optional[str]:
    kinds = REFUSED_KINDS - {"mobile"} if field in _PHONE_FIELDS else REFUSED_KINDS
    found = sorted({finding.kind for finding in find_all(value, kinds)})
    if not found:
        return None
    return tk._("Personal data ({kinds}) may not be published in the catalog: remove it.").format(
        kinds=tk._(", ").join(kind_label(kind) for kind in found))


def _texts_errors(item: dict[str, Any], fields: Any) -> dict[str, list[str]]:
    errors = {}
    for field in fields:
        value = item.get(field)
        if isinstance(value, str) and (message := _message(value, field)):
            errors[field] = [message]
    return errors


def _list_errors(items: Any, fields: Any) -> Optional[list[dict[str, list[str]]]]:
    if not isinstance(items, list):
        return None
    found = [_texts_errors(item, fields) if isinstance(item, dict) else {} for item in items]
    return found if any(found) else None


def entry_errors(data: dict[str, Any]) -> dict[str, Any]:
    """Errors by field (CKAN's shape: lists per resource and data item) of the personal data in an
    entry's texts as saved by package_create / package_update; empty when there is none."""
    errors: dict[str, Any] = _texts_errors(data, [key for key in data if key not in _ENTRY_SKIPPED])
    for key, fields in (("resources", _RESOURCE_TEXTS), ("data_items", ("name", "description", "unit", "example")),
                        ("tags", ("name",)), ("extras", ("value",))):
        items = data.get(key)
        if isinstance(items, str):  # data items sent as their JSON text
            errors.update(_texts_errors(data, (key,)))
        elif (found := _list_errors(items, fields)) is not None:
            errors[key] = found
    return errors


def view_errors(data: dict[str, Any]) -> dict[str, list[str]]:
    return _texts_errors(data, _VIEW_TEXTS)
