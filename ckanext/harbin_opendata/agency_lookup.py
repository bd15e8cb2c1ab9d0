"""h.get_organization once per agency in a page: an entry page asks for its agency three times
(CKAN's sidebar, rendered twice by page.html's `self.secondary()`, and the additional information's
provider row), and each organization_show counts the agency's entries in Solr and dictizes its
members. Within one GET request the viewer and the agency are the same, so the first answer serves
the others (a copy each, the cached one untouched); other requests ask CKAN each time."""
from __future__ import annotations

import copy
from typing import Any, Callable, Optional

import flask
import ckan.plugins.toolkit as tk

from .common.request_memo import once_per_request

__all__ = ["get_organization"]


@tk.chained_helper
def get_organization(next_helper: Callable[..., dict[str, Any]], org: Optional[str] = None,
                     include_datasets: bool = False) -> dict[str, Any]:
    if not flask.has_request_context() or flask.request.method not in ("GET", "HEAD"):
        return next_helper(org, include_datasets)
    return copy.deepcopy(once_per_request("organizations", (org, bool(include_datasets)),
                                          lambda: next_helper(org, include_datasets)))
