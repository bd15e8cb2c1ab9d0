"""Input schemas of harbin_feedback actions."""
from __future__ import annotations

from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator

__all__ = ["create_schema", "handle_schema", "list_schema", "data_check_schema"]


@validator_args
def create_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator,
                  strip_value: Validator, one_of: Validator, harbin_feedback_text: Validator,
                  harbin_feedback_honeypot: Validator, harbin_feedback_public_text: Validator) -> Schema:
    from ..states import KINDS

    text = [ignore_missing, unicode_safe, strip_value, harbin_feedback_text]
    public = [*text, harbin_feedback_public_text]  # shown on the public status page
    return {
        "kind": [not_empty, one_of(KINDS)],
        "title": [not_empty, unicode_safe, strip_value, harbin_feedback_text, harbin_feedback_public_text],
        "description": [not_empty, unicode_safe, strip_value, harbin_feedback_text, harbin_feedback_public_text],
        "dataset": text, "resource_id": text, "organization": text, "data_domain": text,
        "wanted_fields": public, "location": public, "evidence": public,
        # never public: the correct value of an ID, mobile or name column is the person's data
        "proposed_value": text, "requester_name": text, "requester_contact": text,
        "website": [ignore_missing, harbin_feedback_honeypot],
    }


@validator_args
def handle_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator,
                  strip_value: Validator, harbin_feedback_text: Validator,
                  harbin_feedback_public_answer: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe],
            "comment": [ignore_missing, unicode_safe, strip_value, harbin_feedback_text, harbin_feedback_public_answer],
            "organization": [ignore_missing, unicode_safe]}


@validator_args
def list_schema(ignore_missing: Validator, unicode_safe: Validator, one_of: Validator,
                int_validator: Validator, natural_number_validator: Validator, boolean_validator: Validator) -> Schema:
    from ..states import KINDS, STATES

    return {"kind": [ignore_missing, one_of(KINDS)], "state": [ignore_missing, one_of(STATES)],
            "organization": [ignore_missing, unicode_safe], "dataset": [ignore_missing, unicode_safe],
            "inbox": [ignore_missing, boolean_validator], "mine": [ignore_missing, boolean_validator],
            "open": [ignore_missing, boolean_validator], "order": [ignore_missing, one_of(["newest", "due"])],
            "limit": [ignore_missing, int_validator, natural_number_validator],
            "offset": [ignore_missing, int_validator, natural_number_validator]}


@validator_args
def data_check_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator,
                      one_of: Validator, list_of_strings: Validator, boolean_validator: Validator) -> Schema:
    from ..data_check import FINDING_KINDS

    return {"resource_id": [not_empty, unicode_safe], "texts": [ignore_missing, list_of_strings],
            "gone": [ignore_missing, boolean_validator],
            "findings": {"kind": [not_empty, one_of(FINDING_KINDS)], "name": [not_empty, unicode_safe],
                         "declared": [ignore_missing, unicode_safe], "loaded": [ignore_missing, unicode_safe]}}
