"""Input schemas of the data-item actions (drafting from a file, importing the Excel template)."""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator

__all__ = ["draft_schema", "import_schema", "checked_items", "MAX_ITEMS"]

MAX_ITEMS, _MAX_TEXT = 1000, 2000
_FIELDS = ("name", "type", "unit", "description", "example")


def _file(value: Any) -> Any:
    if not (hasattr(value, "stream") and hasattr(value, "filename")) or not value.filename:
        raise tk.Invalid(tk._("Choose a file to upload."))
    return value


def checked_items(value: Any) -> list[dict[str, str]]:
    """The form's items: a list (or its JSON text) of {name, type, unit, description, example}, blank
    ones left out (a list of dicts: navl would take it for a nested schema); ValidationError otherwise."""
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value or "[]")
        except ValueError:
            value = None
    if not isinstance(value, list) or len(value) > MAX_ITEMS or not all(
            isinstance(item, dict) and all(isinstance(item.get(field, ""), str) and len(item.get(field, "")) <= _MAX_TEXT
                                           for field in _FIELDS) for item in value):
        raise tk.ValidationError({"items": [tk._(
            "The data items must be a list of at most {count} items of text fields.").format(count=MAX_ITEMS)]})
    return [{field: item.get(field, "").strip() for field in _FIELDS} for item in value
            if any(item.get(field, "").strip() for field in _FIELDS)]


@validator_args
def draft_schema(ignore_missing: Validator, unicode_safe: Validator) -> Schema:
    return {"id": [ignore_missing, unicode_safe], "resource_id": [ignore_missing, unicode_safe],
            "upload": [ignore_missing, _file]}


@validator_args
def import_schema(not_missing: Validator, ignore_missing: Validator, unicode_safe: Validator) -> Schema:
    return {"id": [ignore_missing, unicode_safe], "upload": [not_missing, _file]}
