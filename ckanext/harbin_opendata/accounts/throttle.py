"""Login throttling: failed logins counted in Redis per account (whether its name or its e-mail
was typed), per unknown login typed, and per client address; past the limit, logins of that
account (or from that address) are refused for the lockout time, with a
translated message that is the same whether the account exists or not. API calls with an unknown
API token count against the address too, and are refused (429) while it is locked out.

Counting uses CKAN's failed_login signal (sent by its password check), so the password is checked
once, by CKAN; an unknown account name costs as much time as a wrong password (one hash)."""
from __future__ import annotations

import logging
from typing import Any, Optional

from flask import jsonify
from passlib.hash import pbkdf2_sha512

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import api_token
from ckan.lib.redis import connect_to_redis

from ..common import security_events

__all__ = ["locked_out", "on_failed_login", "on_login", "check_login", "check_api_token", "client_address"]

log = logging.getLogger(__name__)
_PREFIX = "harbin_opendata:login:"
_DUMMY_HASH = pbkdf2_sha512.hash("harbin-opendata-no-such-account")


def client_address() -> str:
    """The client's address as CKAN sees it (behind a proxy: set up ProxyFix / remote_addr)."""
    return tk.request.remote_addr or "unknown"


def _account_key(login: str) -> str:
    """One count per account, whichever of its identifiers was typed; an unknown login counts
    for itself (same limit, same answer)."""
    typed = login.strip()
    user = model.User.by_name(typed) or model.User.by_email(typed)
    if user is not None:
        return f"{_PREFIX}account:{user.id}"
    return f"{_PREFIX}unknown:{typed.lower()[:200]}"


def _keys(login: Optional[str]) -> list[tuple[str, int]]:
    keys = [(f"{_PREFIX}address:{client_address()}",
             int(tk.config["ckanext.harbin_opendata.login.max_failures_per_address"]))]
    if login and login.strip():
        keys.append((_account_key(login),
                     int(tk.config["ckanext.harbin_opendata.login.max_failures_per_account"])))
    return keys


def _lockout() -> int:
    return int(tk.config["ckanext.harbin_opendata.login.lockout_minutes"]) * 60


def locked_out(login: Optional[str]) -> bool:
    """Whether the account name or the client address has reached its limit of failures."""
    conn = connect_to_redis()
    return any(int(conn.get(key) or 0) >= limit for key, limit in _keys(login))


def _count_failure(login: Optional[str]) -> None:
    conn = connect_to_redis()
    for key, limit in _keys(login):
        count = conn.incr(key)
        if count == 1:
            conn.expire(key, _lockout())  # the window starts with the first failure
        if count == limit:  # audited once per lock-out
            account = (model.User.by_name(login) or model.User.by_email(login)) if login and ":account:" in key else None
            security_events.report("login_locked", account.name if account else None,
                                   user=account.name if account else None,
                                   locked="account" if ":account:" in key else "address")


def lockout_message() -> str:
    return tk._("Too many failed logins. Try again in {minutes} minutes.").format(
        minutes=tk.config["ckanext.harbin_opendata.login.lockout_minutes"])


def check_login(identity: dict[str, Any]) -> None:
    """IAuthenticator.authenticate: a locked-out login is not checked at all (CKAN's check is
    then given no password and fails); an unknown name costs one hash like a wrong password."""
    login = identity.get("login")
    try:
        refused = lockout_message() if locked_out(login) else ""
    except Exception as error:  # noqa: BLE001 - Redis away: fail closed (a session could not last anyway)
        log.error("Login refused, throttling unavailable: %s", error)
        refused = tk._("Logging in is not possible at the moment. Please try again later.")
    if refused:
        identity.pop("password", None)
        tk.h.flash_error(refused)
        return
    if login and not (model.User.by_name(login) or model.User.by_email(login)):
        pbkdf2_sha512.verify(str(identity.get("password") or ""), _DUMMY_HASH)


def on_failed_login(sender: Any, **kwargs: Any) -> None:
    """Signal receiver (failed_login, sent with the login name)."""
    try:
        _count_failure(str(sender) if sender else None)
    except Exception as error:  # noqa: BLE001
        log.error("Failed login not counted: %s", error)


def on_login(sender: Any, user: Any = None, **kwargs: Any) -> None:
    """Signal receiver (user_logged_in): the account's count starts again; the address's does not
    (one good account must not reset an address that tries many)."""
    if user is not None:
        connect_to_redis().delete(f"{_PREFIX}account:{user.id}")


def check_api_token() -> Optional[Any]:
    """before_request hook: an unknown API token counts as a failed login of the address; a
    locked-out address gets 429 for every call with a token."""
    token = tk.request.headers.get(tk.config["apitoken_header_name"])
    if not token:
        return None
    try:
        if locked_out(None):  # the API's own error form
            response = jsonify({"success": False, "error": {"__type": "Too Many Requests",
                                                           "message": lockout_message()}})
            response.status_code = 429
            return response
        if api_token.get_user_from_token(str(token)) is None:
            _count_failure(None)
    except Exception as error:  # noqa: BLE001 - Redis away: CKAN's own token check still applies
        log.error("API token throttling unavailable: %s", error)
    return None
