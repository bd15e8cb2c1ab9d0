"""Scheming choices built from the vocabularies, and labels in the reader's language."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ..common import vocabulary as v

__all__ = ["VOCABULARIES", "choices", "allowed_values", "label_list", "current_language", "label"]

# choices_helper name -> vocabulary, as used in schemas/*.yaml
VOCABULARIES: dict[str, list[v.Term]] = {
    "harbin_domain_choices": v.DOMAINS,
    "harbin_frequency_choices": v.FREQUENCIES,
    "harbin_open_type_choices": v.OPEN_TYPES,
    "harbin_item_type_choices": v.ITEM_TYPES,
    "harbin_format_choices": v.FORMATS,
    "harbin_desensitization_choices": v.DESENSITIZATION,
    "harbin_agency_kind_choices": v.AGENCY_KINDS,
    "harbin_district_choices": v.DISTRICTS,
}


def choices(terms: list[v.Term]) -> list[dict[str, Any]]:
    """Scheming choices with labels in both languages."""
    return [{"value": t.value, "label": {"zh_Hans_CN": t.zh, "en": t.en}} for t in terms]


def _terms(field: dict[str, Any]) -> list[v.Term]:
    return VOCABULARIES[field["choices_helper"]]


def allowed_values(field: dict[str, Any]) -> list[str]:
    return [t.value for t in _terms(field)]


def current_language() -> str:
    """The interface language, zh_Hans_CN outside a request (CLI, jobs)."""
    try:
        return tk.h.lang() or "zh_Hans_CN"
    except (RuntimeError, AttributeError, TypeError):
        return "zh_Hans_CN"


def label(term: v.Term) -> str:
    return term.en if current_language().startswith("en") else term.zh


def label_list(field: dict[str, Any]) -> str:
    """The field's allowed labels as one line, for error messages."""
    separator = ", " if current_language().startswith("en") else "、"
    return separator.join(label(t) for t in _terms(field))
