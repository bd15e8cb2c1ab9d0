"""The routes a file leaves by: CKAN's resource download (uploads served, links redirected to) and
the DataStore's dump. A conditional entry's files go only to those who may have them; the others
get 403 with the reason (404 when they may not even read the entry, as CKAN answers)."""
from __future__ import annotations

from typing import Any, Optional

from flask import current_app, request

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.views import view_context
from .rules import refusal

__all__ = ["guard_file_routes", "is_file_view", "FILE_VIEWS"]

# (module, function) of the views that hand out a resource's file
FILE_VIEWS = {("ckan.views.resource", "download"), ("ckanext.harbin_opendata.stored_files", "download"),
              ("ckanext.datastore.blueprint", "dump"), ("ckanext.harbin_opendata.data.views", "download")}


def is_file_view(endpoint: str) -> bool:
    view = current_app.view_functions.get(endpoint)
    return (getattr(view, "__module__", ""), getattr(view, "__name__", "")) in FILE_VIEWS


def guard_file_routes(app: Any) -> None:
    app.before_request(_refuse_unless_allowed)


def _refuse_unless_allowed() -> Optional[Any]:
    if not is_file_view(request.endpoint or ""):
        return None
    resource = model.Resource.get((request.view_args or {}).get("resource_id") or "")
    package = resource.package if resource is not None else None
    if package is None:
        return None  # CKAN answers 404
    reason = refusal(view_context()["user"], package)
    if reason is None:
        return None
    try:
        tk.check_access("package_show", view_context(), {"id": package.id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        tk.abort(404, tk._("Resource not found"))
    tk.abort(403, reason)
