"""Quotas for every caller, not only app keys (key_auth.py counts those): a user's API token or
browser session spends the same per-user quota (quota.spend), and data calls without an account are
limited per client address (quota.spend_anonymous). Runs after CKAN's identification."""
from __future__ import annotations

import logging
from typing import Any, Optional

import redis
from flask import g, request

import ckan.plugins.toolkit as tk

from . import calls, key_auth, outage, quota

log = logging.getLogger(__name__)

__all__ = ["limit_calls"]

_SQL = "datastore_search_sql"
# what callers without an account are limited on: the calls that read table rows or files
_ANONYMOUS_LIMITED = {"download", "datastore_search", _SQL}


def _call_kind() -> Optional[str]:
    call = calls.current_call()
    if call is not None:
        return call.kind
    if request.endpoint == "api.action" and (request.view_args or {}).get("logic_function") == _SQL:
        return _SQL
    return None


def _spend(kind: str) -> Optional[quota.Refusal]:
    if tk.current_user.is_authenticated:
        call = calls.current_call()
        open_type = calls.open_type(call) if call is not None else "conditional"  # SQL: tables not named
        return quota.spend(tk.current_user.id, open_type)
    if kind in _ANONYMOUS_LIMITED:
        try:
            return quota.spend_anonymous(request.remote_addr or "unknown")  # the proxy's hops: ProxyFix
        except redis.RedisError as error:  # public data only: served, the outage logged
            log.error("The anonymous rate limit cannot reach Redis: %s", error)
    return None


def limit_calls() -> Optional[Any]:
    """before_request: 429 with Retry-After past the caller's quota or rate; 503 when a user's quota
    cannot be checked (fail closed, as for app keys)."""
    if g.get("harbin_access_key_id"):  # counted (or refused) by key_auth
        return None
    kind = _call_kind()
    if kind is None:
        return None
    try:
        refused = _spend(kind)
    except redis.RedisError:
        log.exception("The quota check cannot reach Redis")
        return key_auth.answer(503, tk._("The quota check is not available at the moment, so no data is served; "
                                         "please try again later."), outage.RETRY_AFTER)
    return None if refused is None else key_auth.answer(429, refused.message, refused.retry_after)
