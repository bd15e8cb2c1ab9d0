"""Facets of the catalog, their value labels, and how catalog fields go into the search index."""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk

from ..common import cjk_search
from ..common import vocabulary as v
from ..common.open_types import conditional_by
from .choices import label

__all__ = ["dataset_facets", "label_facet_items", "adjust_index"]

_LABELLED: dict[str, list[v.Term]] = {
    "data_domain": v.DOMAINS,
    "update_frequency": v.FREQUENCIES,
    "open_type": v.OPEN_TYPES,
    "res_format": v.FORMATS,
}
_ITEM_TEXT_KEYS = ("name", "description", "unit", "example")


def dataset_facets() -> dict[str, str]:
    """Facets of /dataset and the agency pages, in display order."""
    return {
        "data_domain": tk._("Data domain"),
        "organization": tk._("Provider agency"),
        "res_format": tk._("Formats"),
        "update_frequency": tk._("Update frequency"),
        "open_type": tk._("Open type"),
        "tags": tk._("Keywords"),
    }


def label_facet_items(search_facets: dict[str, Any]) -> None:
    """Replace stored codes by their labels in the facet items of a search result."""
    for field, terms in _LABELLED.items():
        for item in search_facets.get(field, {}).get("items", []):
            term = v.by_value(terms, item["name"])
            if term:
                item["display_name"] = label(term)


def _json_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    try:
        parsed = json.loads(value or "[]")
    except (TypeError, ValueError):
        return []
    return parsed if isinstance(parsed, list) else []


def adjust_index(pkg_dict: dict[str, Any]) -> None:
    """Declared data formats join the resource formats (one format facet), after them, each one even
    when a file has it too: a file hidden from the public takes only its own format out of the
    facet (privacy's strip_from_index keeps what follows the resources' values); data items and
    related codes are indexed as searchable text, not as JSON strings in single-valued string fields."""
    formats = _json_list(pkg_dict.pop("data_formats", None))
    pkg_dict.pop("extras_data_formats", None)
    pkg_dict["res_format"] = list(pkg_dict.get("res_format") or []) + list(dict.fromkeys(formats))

    items = [item for item in _json_list(pkg_dict.pop("data_items", None)) if isinstance(item, dict)]
    # An entry open on conditions keeps its examples (values of its files) out of the searchable text:
    # a search for a value must not tell the public that a restricted file holds it.
    conditional = conditional_by(pkg_dict.get("type"), pkg_dict.get("open_type"))
    keys = tuple(key for key in _ITEM_TEXT_KEYS if key != "example") if conditional else _ITEM_TEXT_KEYS
    pkg_dict["extras_data_items"] = "\n".join(" ".join(str(item.get(key) or "") for key in keys) for item in items)
    if conditional and cjk_search.BIGRAM_FIELD in pkg_dict:  # made before, from the items' JSON
        pkg_dict.update(cjk_search.cjk_index_fields(pkg_dict))
    pkg_dict["extras_related_codes"] = " ".join(map(str, _json_list(pkg_dict.pop("related_codes", None))))
