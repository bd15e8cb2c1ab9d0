"""The address tracking.js posts each page view to. CKAN's tracking plugin records the view after
the request (`track_request`) but has no view for `/_tracking`, so every page's post answered 405
and the browser logged an error on every page. Here it answers 204 No Content. The post carries no
CSRF token (tracking.js sends none) and changes nothing but the view counts: exempt."""
from __future__ import annotations

from flask import Blueprint

from ckan.config.middleware.flask_app import csrf

__all__ = ["tracking"]

tracking = Blueprint("harbin_tracking", __name__)


def record() -> tuple[str, int]:
    return "", 204  # the view itself is recorded by track_request after the response


record.csrf_exempt = True  # type: ignore[attr-defined]  # the suite's own check (csrf.py) too


tracking.add_url_rule("/_tracking", view_func=record, methods=["POST"])
csrf.exempt(tracking)
