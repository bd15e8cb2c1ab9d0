"""Input schemas of harbin_review actions."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator

__all__ = ["transition_schema", "list_schema", "adjustment_create_schema",
           "adjustment_complete_schema", "adjustment_list_schema", "record_event_schema", "record_group_event_schema",
           "audit_list_schema"]


@validator_args
def transition_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator,
                      strip_value: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe], "comment": [ignore_missing, unicode_safe, strip_value],
            "revision": [ignore_missing, unicode_safe, strip_value]}


@validator_args
def list_schema(ignore_missing: Validator, unicode_safe: Validator, one_of: Validator,
                natural_number_validator: Validator, int_validator: Validator) -> Schema:
    from ..states import STATES

    return {
        "state": [ignore_missing, one_of(STATES)],
        "organization": [ignore_missing, unicode_safe],
        "limit": [ignore_missing, int_validator, natural_number_validator],
        "offset": [ignore_missing, int_validator, natural_number_validator],
    }


@validator_args
def adjustment_create_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator,
                             strip_value: Validator, one_of: Validator, isodate: Validator,
                             list_of_strings: Validator) -> Schema:
    return {
        "organization": [not_empty, unicode_safe],
        "trigger_kind": [not_empty, _trigger_kind],
        "description": [not_empty, unicode_safe, strip_value],
        "trigger_date": [not_empty, isodate],
        "package_ids": [ignore_missing, list_of_strings],
    }


def _trigger_kind(value: Any) -> Any:
    """One of the kinds of change, or an error listing them with their names in the user's language."""
    from ..adjustments import trigger_kind_labels

    labels = trigger_kind_labels()
    if value not in labels:
        raise tk.Invalid(tk._("Choose the kind of change: {kinds}.").format(
            kinds="; ".join(f"{kind} ({label})" for kind, label in labels.items())))
    return value


@validator_args
def adjustment_complete_schema(not_empty: Validator, unicode_safe: Validator, ignore_missing: Validator,
                               list_of_strings: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe], "package_ids": [ignore_missing, list_of_strings]}


@validator_args
def adjustment_list_schema(ignore_missing: Validator, unicode_safe: Validator, boolean_validator: Validator) -> Schema:
    return {"organization": [ignore_missing, unicode_safe], "overdue_only": [ignore_missing, boolean_validator]}


@validator_args
def record_event_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator,
                        boolean_validator: Validator, name_validator: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe], "event": [not_empty, unicode_safe, name_validator],
            "comment": [ignore_missing, unicode_safe], "announce": [ignore_missing, boolean_validator]}


@validator_args
def record_group_event_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator,
                              name_validator: Validator) -> Schema:
    return {"organization": [not_empty, unicode_safe], "event": [not_empty, unicode_safe, name_validator],
            "comment": [ignore_missing, unicode_safe]}


@validator_args
def audit_list_schema(ignore_missing: Validator, unicode_safe: Validator, strip_value: Validator, isodate: Validator,
                      one_of: Validator, int_validator: Validator, natural_number_validator: Validator) -> Schema:
    from ..states import event_labels

    return {
        "start": [ignore_missing, isodate], "end": [ignore_missing, isodate],
        "actor": [ignore_missing, unicode_safe, strip_value],
        "event": [ignore_missing, one_of(sorted(event_labels()))],
        "organization": [ignore_missing, unicode_safe], "entry": [ignore_missing, unicode_safe, strip_value],
        "limit": [ignore_missing, int_validator, natural_number_validator],
        "offset": [ignore_missing, int_validator, natural_number_validator],
    }
