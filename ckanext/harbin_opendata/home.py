"""What the home page shows: the catalog in numbers, data domains with their entry counts, the
newest, the latest updated and the most viewed entries, and the agencies with the most entries."""
from __future__ import annotations

from typing import Any, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from .common.plugins import counting_views

__all__ = ["home_data"]

_ROWS = 6
_AGENCIES = 12
_CANDIDATES = 50  # the most viewed ids looked up; some may be unpublished by now


def _search(**params: Any) -> dict[str, Any]:
    # As the visitor: unpublished entries stay out of every list and count.
    context = {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}
    return tk.get_action("package_search")(context, dict(params, include_private=False))


def _most_viewed() -> Optional[list[dict[str, Any]]]:
    """Published entries by page views (CKAN's tracking, summed up by `ckan tracking update`),
    each with its count in `harbin_views`. None when the tracking plugin is off: then nobody
    counts views and the page says nothing about them.

    Counted here rather than sorted by Solr's views_recent: tracking keeps one summary row per
    address, and /dataset/x and /en/dataset/x are two, of which the index sees only one."""
    if not counting_views():
        return None
    from ckanext.tracking.model import TrackingSummary as summary

    views = sa.func.sum(summary.count)
    counts = dict(model.Session.query(summary.package_id, views)
                  .filter(summary.tracking_type == "page", summary.package_id.isnot(None),
                          summary.package_id != "~~not~found~~")
                  .group_by(summary.package_id).order_by(views.desc(), summary.package_id)
                  .limit(_CANDIDATES).all())
    if not counts:
        return []
    # Through the search as the visitor: drafts and withdrawn entries drop out here.
    found = _search(rows=len(counts), fq="id:({})".format(" OR ".join(counts)))["results"]
    entries = sorted(found, key=lambda pkg: -counts[pkg["id"]])[:_ROWS]
    return [dict(pkg, harbin_views=int(counts[pkg["id"]])) for pkg in entries]


def home_data() -> dict[str, Any]:
    """One search for counts and facets, one each for the latest updates and the most viewed;
    labels in the reader's language."""
    newest = _search(rows=_ROWS, sort="metadata_created desc",
                     **{"facet.field": '["data_domain", "organization"]', "facet.limit": 50})
    updated = _search(rows=_ROWS, sort="metadata_modified desc")
    facets = newest["search_facets"]
    domains = sorted(facets.get("data_domain", {}).get("items", []), key=lambda item: -item["count"])
    agencies = sorted(facets.get("organization", {}).get("items", []), key=lambda item: -item["count"])
    return {"count": newest["count"], "newest": newest["results"], "updated": updated["results"],
            "most_viewed": _most_viewed(), "domains": domains, "agencies": agencies[:_AGENCIES],
            "agency_count": len(agencies)}
