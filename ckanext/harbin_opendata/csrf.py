"""CSRF protection of the suite's forms whatever `ckan.csrf_protection.ignore_extensions` says.
CKAN 2.11 defaults that option to true, which exempts every extension blueprint from Flask-WTF's
check: a portal that only adds our plugins would accept posts to our forms from any other site."""
from __future__ import annotations

from typing import Any

from flask import current_app, g, request

__all__ = ["protect_forms"]

_PACKAGE = "ckanext.harbin_opendata."


def protect_forms(app: Any) -> None:
    """Check the token of every POST to a view of this package (once, if CKAN checked it already)."""
    app.before_request(_check_token)


def _check_token() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    if not getattr(view, "__module__", "").startswith(_PACKAGE) or getattr(view, "csrf_exempt", False):
        return
    if not current_app.config.get("WTF_CSRF_ENABLED", True) or g.get("csrf_valid"):
        return
    current_app.extensions["csrf"].protect()  # answers 400 on a missing or foreign token
