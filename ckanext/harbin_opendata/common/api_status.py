"""The status of an API call when an action means more than CKAN's API can say (harbin_access's
quotas and outages, harbin_feedback's rate limit):
CKAN answers an action's ValidationError with 409 and any other exception with 500. An action past
a limit (429) or without Redis (503) marks the request before raising, and the answer is rewritten
after it: the status, Retry-After and, when a message is given, the error's message (CKAN's 500
says only "Internal Server Error")."""
from __future__ import annotations

from typing import Any, Optional

from flask import g, has_request_context, request

__all__ = ["mark", "rewrite"]

_MARK = "harbin_opendata_api_status"
_TYPES = {429: "Too Many Requests", 503: "Service Unavailable"}


def mark(status: int, retry_after: int, message: Optional[str] = None) -> None:
    """The answer the current API call should get (no effect outside a request)."""
    if has_request_context():
        g.setdefault(_MARK, (status, retry_after, message))


def rewrite(response: Any) -> Any:
    """after_request: an API error answer of a marked call gets the marked status."""
    status, retry_after, message = g.pop(_MARK, (None, 0, None))
    if status is None or request.endpoint != "api.action" or response.status_code < 400 or not response.is_json:
        return response
    if message is not None:
        body = response.get_json()
        body["error"] = {"__type": _TYPES[status], "message": message}
        response.set_data(response.json_module.dumps(body))
    response.status_code = status
    response.headers["Retry-After"] = str(retry_after)
    return response
