"""What the home page shows: the catalog in numbers, data domains with their entry counts, the
newest and the latest updated entries, and the agencies with the most entries."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

__all__ = ["home_data"]

_ROWS = 6
_AGENCIES = 12


def _search(**params: Any) -> dict[str, Any]:
    # As the visitor: unpublished entries stay out of every list and count.
    context = {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}
    return tk.get_action("package_search")(context, dict(params, include_private=False))


def home_data() -> dict[str, Any]:
    """One search for counts and facets, one for the latest updates; labels in the reader's language."""
    newest = _search(rows=_ROWS, sort="metadata_created desc",
                     **{"facet.field": '["data_domain", "organization"]', "facet.limit": 50})
    updated = _search(rows=_ROWS, sort="metadata_modified desc")
    facets = newest["search_facets"]
    domains = sorted(facets.get("data_domain", {}).get("items", []), key=lambda item: -item["count"])
    agencies = sorted(facets.get("organization", {}).get("items", []), key=lambda item: -item["count"])
    return {"count": newest["count"], "newest": newest["results"], "updated": updated["results"],
            "domains": domains, "agencies": agencies[:_AGENCIES], "agency_count": len(agencies)}
