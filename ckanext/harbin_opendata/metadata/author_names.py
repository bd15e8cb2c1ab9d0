"""CKAN's author and maintainer of an entry (set through the API, or harvested from another portal)
hold a clerk's name as often as an office's: the public reads the entry's agency in their place
(issue 16, probe F14: Chinese portals never show staff names); the platform's staff read them as
stored. Reads without an auth check (ignore_auth: the search index, jobs) keep them; search results
from the index are replaced for the visitor of the request (none: replaced)."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins.toolkit as tk

from ..common import roles
from ..common.agency_names import agency_display_name

__all__ = ["agency_for_authors", "names_a_person", "viewer_is_staff"]

_PERSON_FIELDS = ("author", "maintainer")


def viewer_is_staff(user_name: Optional[str]) -> bool:
    return roles.is_staff(roles.user_object(user_name))


def names_a_person(pkg_dict: dict[str, Any]) -> bool:
    """Whether the entry has an author or a maintainer (most have neither: nobody to look up)."""
    return any(pkg_dict.get(field) for field in _PERSON_FIELDS)


def agency_for_authors(pkg_dict: dict[str, Any]) -> None:
    """The entry's author and maintainer, when given, shown as its agency (or the platform)."""
    if not names_a_person(pkg_dict):
        return
    agency = pkg_dict.get("organization")
    shown = agency_display_name(agency) if isinstance(agency, dict) else tk.h.harbin_platform_name()
    for field in _PERSON_FIELDS:
        if pkg_dict.get(field):
            pkg_dict[field] = shown
