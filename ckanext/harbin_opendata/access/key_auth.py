"""An app key (header X-App-Key) authenticates its user for downloads and data calls only
(calls.py), within its quota (quota.py). Anywhere else a key is refused (403) rather than ignored,
so that a client does not mistake an anonymous answer for its user's. Runs as IAuthenticator.identify,
before CKAN's own identification: the user is set for this request only (no session cookie)."""
from __future__ import annotations

from typing import Any, Optional

from flask import g, jsonify, make_response, request

import ckan.plugins.toolkit as tk

from . import calls, keys, quota

__all__ = ["identify", "key_in_use"]


def _answer(status: int, message: str, retry_after: Optional[int] = None) -> Any:
    """The refusal as the client expects it: CKAN's API error body for actions, text for files."""
    if request.endpoint == "api.action":
        response = jsonify({"help": request.url, "success": False,
                            "error": {"__type": {401: "Authorization Error", 403: "Authorization Error",
                                                 429: "Too Many Requests"}[status], "message": message}})
        response.status_code = status
    else:
        response = make_response(message, status, {"Content-Type": "text/plain; charset=utf-8"})
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def identify() -> Optional[Any]:
    """IAuthenticator.identify: the key's user for a download or data call; a 401/403/429 answer
    when the key is unknown or revoked, used where it serves nothing, or past its limits."""
    secret = request.headers.get(keys.HEADER)
    if not secret:
        return None
    call = calls.current_call()
    if call is None:
        return _answer(403, tk._("An app key serves only file downloads and data calls (package_show, "
                                 "resource_show, package_search, datastore_search)."))
    found = keys.find(secret.strip())
    if found is None:
        return _answer(401, tk._("This app key is unknown or has been revoked."))
    key, user = found
    g.harbin_access_key_id = key.id  # for the access log, refused calls included
    g.harbin_access_key_user_id = user.id
    refused = quota.spend(key.id, calls.open_type(call))
    if refused is not None:
        return _answer(429, refused.message, refused.retry_after)
    g._login_user = user  # flask-login's user of this request; nothing stored in the session
    g.login_via_auth_header = True  # a header credential, as CKAN treats API tokens (no CSRF token)
    return None


def key_in_use() -> Optional[str]:
    """The id of the app key that authenticated the current request, if any."""
    return g.get("harbin_access_key_id")
