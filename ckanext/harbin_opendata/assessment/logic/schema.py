"""Validation schemas of harbin_assessment's actions."""
from __future__ import annotations

from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator

__all__ = ["compute_schema", "show_schema", "agency_schema", "problems_schema"]


@validator_args
def compute_schema(ignore_missing: Validator, isodate: Validator, boolean_validator: Validator) -> Schema:
    return {"date": [ignore_missing, isodate], "background": [ignore_missing, boolean_validator],
            "check_links": [ignore_missing, boolean_validator]}


@validator_args
def show_schema(ignore_missing: Validator, isodate: Validator) -> Schema:
    return {"date": [ignore_missing, isodate]}


@validator_args
def agency_schema(not_empty: Validator, ignore_missing: Validator, isodate: Validator, unicode_safe: Validator) -> Schema:
    return {"organization": [not_empty, unicode_safe], "date": [ignore_missing, isodate]}


@validator_args
def problems_schema(ignore_missing: Validator, isodate: Validator, unicode_safe: Validator,
                    natural_number_validator: Validator) -> Schema:
    return {"organization": [ignore_missing, unicode_safe], "date": [ignore_missing, isodate],
            "limit": [ignore_missing, natural_number_validator]}
