"""harbin_tracking: CKAN's page-view tracking (tracking.js, `/_tracking`, `ckan tracking update`,
the "Popular" sort) with the view counts kept in the search index. CKAN's own plugin asks the
database once per entry and once per resource on every show and search: twenty search results
cost forty queries and made package_search 4.8 times slower (benchmarks/compare.py). Here the
counts are written into the indexed entry (`ckan tracking update` reindexes every entry whose
counts changed), so shows and searches served from the index need no query; an entry read from
the database gets its counts in one query."""
from __future__ import annotations

import json
from typing import Any, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.types import Context

from ckanext.tracking.model import TrackingSummary
from ckanext.tracking.plugin import TrackingPlugin

from ..common.indexing import batch_read
from . import badge
from .logic.action import WITHOUT_TRACKING

__all__ = ["HarbinTrackingPlugin"]

_NONE = {"total": 0, "recent": 0}


def _latest(column: Any, keys: Any) -> Any:
    """The newest summary row of each key (entry id or resource address; a set or a select of them)."""
    return (sa.select(column.label("key"), TrackingSummary.running_total, TrackingSummary.recent_views)
            .where(column.in_(keys)).distinct(column).order_by(column, TrackingSummary.tracking_date.desc()))


def _counts(query: Any) -> dict[str, dict[str, int]]:
    return {key: {"total": total, "recent": recent}
            for key, total, recent in model.Session.execute(query.execution_options(autoflush=False))}


def _batch_counts(package_ids: list[str]) -> dict[str, dict[str, int]]:
    """The counts of the entries of a batch being indexed and of all their resources' addresses."""
    addresses = sa.select(model.Resource.url).where(model.Resource.package_id.in_(package_ids))
    return _counts(sa.union_all(_latest(TrackingSummary.package_id, set(package_ids)),
                                _latest(TrackingSummary.url, addresses)))


def _attach(packages: list[dict[str, Any]], counts: Optional[dict[str, dict[str, int]]] = None) -> None:
    """Set `tracking_summary` on the entries and their resources, as CKAN's plugin does, from one
    query (entry ids and resource addresses never look alike), or from `counts` read before for
    them; entries from the index have it."""
    packages = [package for package in packages if "id" in package and "tracking_summary" not in package]
    resources = [resource for package in packages for resource in package.get("resources", []) if "url" in resource]
    if not packages:
        return
    if counts is None:
        query = _latest(TrackingSummary.package_id, {package["id"] for package in packages})
        if resources:
            query = sa.union_all(query, _latest(TrackingSummary.url, {resource["url"] for resource in resources}))
        counts = _counts(query)
    for package in packages:
        package["tracking_summary"] = dict(counts.get(package["id"], _NONE))
    for resource in resources:
        resource["tracking_summary"] = dict(counts.get(resource["url"], _NONE))


def _shown_counts(entry: dict[str, Any], *copies: dict[str, Any]) -> Optional[dict[str, dict[str, int]]]:
    """The counts a package_show attached to the entry and to the resources of it and of its copies
    (keyed as `_counts` keys them); None when it attached none to the entry."""
    if not isinstance(entry.get("tracking_summary"), dict):
        return None
    counts = {entry["id"]: entry["tracking_summary"]}
    for holder in (entry, *copies):
        for resource in holder.get("resources") or []:
            if isinstance(resource.get("tracking_summary"), dict) and "url" in resource:
                counts[resource["url"]] = resource["tracking_summary"]
    return counts


def _covers(counts: dict[str, dict[str, int]], package: dict[str, Any]) -> bool:
    return package["id"] in counts and all(resource["url"] in counts for resource in package.get("resources") or []
                                           if "url" in resource)


@tk.blanket.actions
class HarbinTrackingPlugin(TrackingPlugin):
    """Everything of CKAN's `tracking` plugin (use this one instead of it), counts indexed, and a
    view for the posts of tracking.js (CKAN's answered 405)."""
    requires: tuple[str, ...] = ()
    p.implements(p.IBlueprint)

    def get_blueprint(self) -> Any:
        from .views import tracking

        return tracking

    # ITemplateHelpers (CKAN's plugin's, h.popular rendering nothing below its minimum without a template)
    def get_helpers(self) -> dict[str, Any]:
        return {"popular": badge.popular}

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        """views_total and views_recent for sorting, as CKAN's plugin does, and the counts in the
        stored entry that package_show and package_search return."""
        stored = json.loads(pkg_dict["validated_data_dict"]) if pkg_dict.get("validated_data_dict") else None
        counted = stored or {"id": pkg_dict["id"]}
        shown = _shown_counts(pkg_dict, counted)
        pkg_dict.pop("tracking_summary", None)
        for resource in pkg_dict.get("resources") or []:
            resource.pop("tracking_summary", None)
        # an entry of a batch being indexed: the counts of the whole batch, read once; else the ones
        # the indexing's package_show has just read (after_dataset_show), when they cover every address
        counts = batch_read(pkg_dict["id"], "tracking_summary", _batch_counts)
        if counts is None and shown is not None and _covers(shown, counted):
            counts = shown
        _attach([counted], counts)
        pkg_dict["views_total"] = counted["tracking_summary"]["total"]
        pkg_dict["views_recent"] = counted["tracking_summary"]["recent"]
        if stored:
            pkg_dict["validated_data_dict"] = json.dumps(stored)
        return pkg_dict

    def after_dataset_show(self, context: Context, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        if not context.get(WITHOUT_TRACKING):
            _attach([pkg_dict])
            return pkg_dict
        for counted in (pkg_dict, *pkg_dict.get("resources", [])):  # also from the index's copy
            counted.pop("tracking_summary", None)
        return pkg_dict

    def after_dataset_search(self, search_results: dict[str, Any], search_params: dict[str, Any]) -> dict[str, Any]:
        _attach(search_results["results"])
        return search_results
