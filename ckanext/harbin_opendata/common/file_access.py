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

__all__ = ["refusal", "page_refusal", "page_offers_application"]


def refusal(user_name: Optional[str], package: model.Package) -> Optional[str]:
    """None when the user may have the entry's files; else the reason, for the user."""
    for plugin in p.PluginImplementations(IFileAccess):
        reason = plugin.file_refusal(user_name, package)
        if reason:
            return reason
    return None


def _page(pkg: dict[str, Any]) -> tuple[Optional[str], bool]:
    """The refusal for the visitor of the current page and whether the entry exists, asked once per
    entry and request."""
    cache = g.setdefault("harbin_file_refusals", {})
    if pkg.get("id") not in cache:
        package = model.Package.get(pkg.get("id") or "")
        cache[pkg.get("id")] = ((tk._("Resource not found"), False) if package is None
                                else (refusal(view_context()["user"], package), True))
    return cache[pkg.get("id")]


def page_refusal(pkg: dict[str, Any]) -> Optional[str]:
    """The refusal for the visitor of the current page (an unknown entry is refused: no links)."""
    return _page(pkg)[0]


def page_offers_application(pkg: dict[str, Any]) -> bool:
    """Whether the page offers to apply for the entry's files instead: refused, and an entry that
    exists (an unknown id has nothing to apply for)."""
    reason, known = _page(pkg)
    return bool(reason) and known
