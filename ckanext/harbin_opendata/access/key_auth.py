"""An app key (header X-App-Key) authenticates its user for downloads and data calls only
(calls.py), within its quota (quota.py). Anywhere else a key is refused (403) rather than ignored,
so that a client does not mistake an anonymous answer for its user's.

The key identifies the call even when a session cookie comes with it (a logged-in browser, a script
sending both): the check runs as the app's first before_request, ahead of CKAN's identification, and
sets flask-login's user of the request, which CKAN then takes. As an IAuthenticator.identify it
would never run for a session's request: CKAN stops asking the authenticators as soon as
flask-login finds the session's user, which it does after the first plugin's (harbin_opendata's)
identify. Nothing is stored in the session."""
from __future__ import annotations

import logging
from typing import Any, Optional

import redis
from flask import current_app, g, jsonify, make_response, request

import ckan.plugins.toolkit as tk

from ..common.nul import request_has_nul
from . import calls, keys, outage, quota

log = logging.getLogger(__name__)

__all__ = ["identify", "identify_first", "answer_refusal", "answer", "key_in_use"]


_ERROR_TYPES = {401: "Authorization Error", 403: "Authorization Error", 429: "Too Many Requests",
                503: "Service Unavailable"}


def answer(status: int, message: str, retry_after: Optional[int] = None) -> Any:
    """The refusal as the client expects it: CKAN's API error body for actions, text for files."""
    if request.endpoint == "api.action":
        response = jsonify({"help": request.url, "success": False,
                            "error": {"__type": _ERROR_TYPES[status], "message": message}})
        response.status_code = status
    else:
        response = make_response(message, status, {"Content-Type": "text/plain; charset=utf-8"})
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def identify_first(app: Any) -> None:
    """Identify by key before every other before_request of the app (CKAN's identification included);
    a refusal is answered right after CKAN's own before_request, which the rest of the request needs."""
    funcs = app.before_request_funcs.setdefault(None, [])
    funcs.insert(0, identify)
    names = [getattr(func, "__name__", "") for func in funcs]
    at = names.index("ckan_before_request") + 1 if "ckan_before_request" in names else 1
    funcs.insert(at, answer_refusal)


def identify() -> None:
    """The key's user for a download or data call, whatever session comes with it; a 401/403/429
    answer (kept for answer_refusal) when the key is unknown or revoked, used where it serves
    nothing, or past its limits. A refused request is nobody's: the session's user is set aside."""
    secret = request.headers.get(keys.HEADER)
    if not secret or request_has_nul():  # a NUL: the request guard answers 400, before anything reads with it
        return
    refusal = _check(secret.strip())
    if refusal is not None:
        g.harbin_access_refusal = refusal
        g._login_user = current_app.login_manager.anonymous_user()
    g.login_via_auth_header = True  # a header credential, as CKAN treats API tokens (no CSRF token)


def answer_refusal() -> Optional[Any]:
    return g.pop("harbin_access_refusal", None)


def _check(secret: str) -> Optional[Any]:
    call = calls.current_call()
    if call is None:
        return answer(403, tk._("An app key serves only file downloads and data calls (package_show, "
                                 "resource_show, package_search, datastore_search)."))
    found = keys.find(secret)
    if found is None:
        return answer(401, tk._("This app key is unknown or has been revoked."))
    key, user = found
    g.harbin_access_key_id = key.id  # for the access log, refused calls included
    g.harbin_access_key_user_id = user.id
    try:
        refused = quota.spend(user.id, calls.open_type(call), key_id=key.id)
    except redis.RedisError:  # fail closed: no data without the quota check
        log.exception("The quota check of app keys cannot reach Redis")
        return answer(503, tk._("The quota check is not available at the moment, so nothing is served "
                                 "with an app key; please try again later."), outage.RETRY_AFTER)
    if refused is not None:
        return answer(429, refused.message, refused.retry_after)
    g._login_user = user  # flask-login's user of this request; nothing stored in the session
    return None


def key_in_use() -> Optional[str]:
    """The id of the app key that authenticated the current request, if any."""
    return g.get("harbin_access_key_id")
