"""Input schemas of harbin_privacy actions."""
from __future__ import annotations

from typing import Any

from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator

__all__ = ["entry_schema", "scan_schema", "mask_schema", "exempt_schema", "layout_schema", "columns_schema", "checked_columns"]


@validator_args
def entry_schema(not_empty: Validator, unicode_safe: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe]}


@validator_args
def scan_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe], "resource_id": [ignore_missing, unicode_safe]}


def _rules_dict(value: Any) -> Any:
    import ckan.plugins.toolkit as tk

    from ..masking import RULES

    if not isinstance(value, dict) or not all(
            isinstance(key, str) and rule in RULES for key, rule in value.items()):
        raise tk.Invalid(tk._("Rules map columns to one of: {rules}.").format(rules=", ".join(RULES)))
    return value


@validator_args
def mask_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator) -> Schema:
    return {"resource_id": [not_empty, unicode_safe], "rules": [ignore_missing, _rules_dict]}


_MAX_HEADER_ROW = 10000


def _header_rows_dict(value: Any) -> Any:
    import ckan.plugins.toolkit as tk

    def row(number: Any) -> bool:
        return isinstance(number, int) and not isinstance(number, bool) and 0 <= number <= _MAX_HEADER_ROW

    if not isinstance(value, dict) or not value or not all(isinstance(key, str) and row(number)
                                                           for key, number in value.items()):
        raise tk.Invalid(tk._("Give each table's header row as a number from 0 (no header row) to {max}.").format(
            max=_MAX_HEADER_ROW))
    return value


@validator_args
def layout_schema(not_empty: Validator, unicode_safe: Validator) -> Schema:
    return {"resource_id": [not_empty, unicode_safe], "header_rows": [not_empty, _header_rows_dict]}


_REASON_MAX = 2000


def _reason_length(value: Any) -> Any:
    import ckan.plugins.toolkit as tk

    if len(value) > _REASON_MAX:
        raise tk.Invalid(tk._("At most {max} characters.").format(max=_REASON_MAX))
    return value


@validator_args
def exempt_schema(not_empty: Validator, unicode_safe: Validator, strip_value: Validator) -> Schema:
    return {"scan_id": [not_empty, unicode_safe],
            "reason": [unicode_safe, strip_value, not_empty, _reason_length]}


_MAX_COLUMNS, _MAX_VALUES, _MAX_CELL = 500, 500, 10000


def checked_columns(value: Any) -> list[dict[str, Any]]:
    """[{"header": text, "values": [text, …]}, …] within the limits (a list of dicts: navl would
    take it for a nested schema); ValidationError otherwise."""
    import ckan.plugins.toolkit as tk

    def column(item: Any) -> bool:
        return (isinstance(item, dict) and isinstance(item.get("header"), str) and len(item["header"]) <= _MAX_CELL
                and isinstance(item.get("values"), list) and len(item["values"]) <= _MAX_VALUES
                and all(isinstance(cell, str) and len(cell) <= _MAX_CELL for cell in item["values"]))

    if not isinstance(value, list) or len(value) > _MAX_COLUMNS or not all(column(item) for item in value):
        raise tk.ValidationError({"columns": [tk._(
            "Give at most {columns} columns, each a header and at most {values} values (text).").format(
            columns=_MAX_COLUMNS, values=_MAX_VALUES)]})
    return [{"header": item["header"], "values": item["values"]} for item in value]


@validator_args
def columns_schema(ignore_missing: Validator, unicode_safe: Validator) -> Schema:
    """The scalar fields (the columns: checked_columns)."""
    return {"resource_id": [ignore_missing, unicode_safe]}
