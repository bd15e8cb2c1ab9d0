"""An agency's name in the reader's language: its 英文名称 (title_en) on English pages, when given.

Only what pages show changes (the helper, `display_name`, facet labels): `title` stays the 单位名称,
so the edit form, in either language, saves the Chinese name it was given."""
from __future__ import annotations

import re
from typing import Any, Iterable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

__all__ = ["agency_display_name", "english_agency_names", "label_agency_facet_items", "without_city"]


def _english_page() -> bool:
    try:
        return (tk.h.lang() or "").startswith("en")
    except (RuntimeError, AttributeError, TypeError):  # outside a request (CLI, jobs): Chinese
        return False


def english_agency_names(names: Iterable[str]) -> dict[str, str]:
    """The English names of the agencies with these web-address names (those that have one)."""
    names = list(names)
    if not names:
        return {}
    rows = (model.Session.query(model.Group.name, model.GroupExtra.value)
            .join(model.GroupExtra, model.GroupExtra.group_id == model.Group.id)
            .filter(model.Group.name.in_(names), model.GroupExtra.key == "title_en",
                    model.GroupExtra.state == "active"))
    return {name: value.strip() for name, value in rows if value and value.strip()}


def _english_name(agency: dict[str, Any]) -> Optional[str]:
    if "title_en" in agency:  # the organization's own dict (scheming puts extras at the top)
        return (agency.get("title_en") or "").strip() or None
    # an entry's `organization` carries the table's columns only
    return english_agency_names([agency["name"]]).get(agency["name"]) if agency.get("name") else None


def agency_display_name(agency: Optional[dict[str, Any]]) -> str:
    """The agency's English name on English pages, else its 单位名称 (or web-address name)."""
    if not agency:
        return ""
    chinese = agency.get("title") or agency.get("name") or ""
    return (_english_page() and _english_name(agency)) or chinese


def label_agency_facet_items(search_facets: dict[str, Any]) -> None:
    """The agency facet (search page, agency list of the home page) in the reader's language."""
    items = search_facets.get("organization", {}).get("items", [])
    if not items or not _english_page():
        return
    english = english_agency_names(item["name"] for item in items)
    for item in items:
        item["display_name"] = without_city(english.get(item["name"], item["display_name"]))


# Every English agency name starts so: a facet's 22 characters would show "Harbin..." for each.
_CITY = re.compile(r"^Harbin(?: Municipal)?\s+(?=\S)")


def without_city(name: str) -> str:
    """An English agency name from its distinctive part: "Harbin Municipal Bureau of Natural
    Resources" → "Bureau of Natural Resources" (the name itself when nothing would be left)."""
    return _CITY.sub("", name)
