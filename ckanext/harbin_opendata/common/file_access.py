"""Whether a user may have an entry's files (downloads, a preview's rows, data): every area
implementing IFileAccess is asked; the first refusal wins."""
from __future__ import annotations

from typing import Any, Optional

from flask import g

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk

from .interfaces import IFileAccess
from .views import view_context

__all__ = ["refusal", "page_refusal"]


def refusal(user_name: Optional[str], package: model.Package) -> Optional[str]:
    """None when the user may have the entry's files; else the reason, for the user."""
    for plugin in p.PluginImplementations(IFileAccess):
        reason = plugin.file_refusal(user_name, package)
        if reason:
            return reason
    return None


def page_refusal(pkg: dict[str, Any]) -> Optional[str]:
    """The refusal for the visitor of the current page, asked once per entry and request."""
    cache = g.setdefault("harbin_file_refusals", {})
    if pkg.get("id") not in cache:
        package = model.Package.get(pkg.get("id") or "")
        cache[pkg.get("id")] = tk._("Resource not found") if package is None else refusal(view_context()["user"], package)
    return cache[pkg.get("id")]
