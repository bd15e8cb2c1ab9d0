"""Input schemas of harbin_access actions."""
from __future__ import annotations

from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator

__all__ = ["agreement_schema", "apply_schema", "approve_schema", "reason_schema", "id_schema", "key_schema",
           "log_list_schema", "identity_schema", "attempt_list_schema"]


@validator_args
def agreement_schema(not_empty: Validator, unicode_safe: Validator, strip_value: Validator,
                     harbin_access_text: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe], "text": [unicode_safe, strip_value, not_empty, harbin_access_text]}


@validator_args
def apply_schema(not_empty: Validator, default: Validator, unicode_safe: Validator, strip_value: Validator,
                 boolean_validator: Validator,
                 int_validator: Validator, harbin_access_text: Validator, harbin_access_date: Validator,
                 harbin_credit_code: Validator) -> Schema:
    text = [unicode_safe, strip_value, not_empty, harbin_access_text]
    return {
        "id": [not_empty, unicode_safe], "purpose": text, "scenario": text, "organization": text,
        "credit_code": [unicode_safe, strip_value, not_empty, harbin_credit_code], "contact": text,
        "wanted_until": [not_empty, harbin_access_date], "agreement_version": [not_empty, int_validator],
        "accept_agreement": [default(False), boolean_validator],
    }


@validator_args
def approve_schema(not_empty: Validator, unicode_safe: Validator, harbin_access_date: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe], "expires_on": [not_empty, harbin_access_date]}


@validator_args
def reason_schema(not_empty: Validator, unicode_safe: Validator, strip_value: Validator,
                  harbin_access_text: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe], "reason": [unicode_safe, strip_value, not_empty, harbin_access_text]}


@validator_args
def id_schema(not_empty: Validator, unicode_safe: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe]}


@validator_args
def key_schema(not_empty: Validator, unicode_safe: Validator, strip_value: Validator,
               harbin_access_text: Validator) -> Schema:
    return {"name": [unicode_safe, strip_value, not_empty, harbin_access_text]}


@validator_args
def log_list_schema(ignore_missing: Validator, unicode_safe: Validator, default: Validator,
                    natural_number_validator: Validator) -> Schema:
    return {"organization": [ignore_missing, unicode_safe], "limit": [default(100), natural_number_validator],
            "offset": [default(0), natural_number_validator]}


@validator_args
def identity_schema(not_empty: Validator, unicode_safe: Validator, strip_value: Validator,
                    harbin_access_text: Validator) -> Schema:
    text = [unicode_safe, strip_value, not_empty, harbin_access_text]
    return {"real_name": text, "id_number": text}


@validator_args
def attempt_list_schema(ignore_missing: Validator, unicode_safe: Validator, default: Validator,
                        natural_number_validator: Validator) -> Schema:
    return {"user": [ignore_missing, unicode_safe], "limit": [default(100), natural_number_validator]}
