"""Server-side sessions on top of CKAN's own (cookie or Flask-Session) sessions.

A login gets a random ticket, kept in the session and in Redis with the user's id and the login
time. A request whose session (or Flask-Login "remember me" cookie) names a user is served as that
user only while the ticket is in Redis, belongs to that user, was used within the idle timeout and
is younger than the absolute lifetime; otherwise the user is logged out. Logging out deletes the
ticket (a copied cookie is worthless afterwards), and a password change deletes every ticket of
the user except the one of the session that changed it. Without Redis nobody stays logged in."""
from __future__ import annotations

import logging
import secrets
import time
from typing import Any, Optional

import flask_login

import ckan.plugins.toolkit as tk
from ckan.common import session
from ckan.lib.redis import connect_to_redis

__all__ = ["TICKET", "on_login", "on_logout", "enforce", "revoke_user_sessions", "cookie_settings"]

log = logging.getLogger(__name__)
TICKET = "_harbin_ticket"
_PREFIX = "harbin_opendata:session:"


def _idle() -> int:
    return int(tk.config["ckanext.harbin_opendata.session.idle_timeout"]) * 60


def _lifetime() -> int:
    return int(tk.config["ckanext.harbin_opendata.session.max_lifetime"]) * 60


def _user_key(user_id: str) -> str:
    return f"{_PREFIX}user:{user_id}"


def on_login(sender: Any, user: Any = None, **kwargs: Any) -> None:
    """Signal receiver (user_logged_in): a new ticket for the new session."""
    ticket = secrets.token_urlsafe(32)
    try:
        conn = connect_to_redis()
        conn.set(_PREFIX + ticket, f"{user.id}|{int(time.time())}", ex=_idle())
        conn.sadd(_user_key(user.id), ticket)
        conn.expire(_user_key(user.id), _lifetime())
    except Exception as error:  # noqa: BLE001 - whatever Redis raises: the session ends at the next request
        log.error("Session ticket not stored, the login will not last: %s", error)
    session[TICKET] = ticket


def on_logout(sender: Any, user: Any = None, **kwargs: Any) -> None:
    """Signal receiver (user_logged_out): the ticket is gone, whoever holds a copy of the cookie."""
    ticket = session.pop(TICKET, None)
    if not ticket:
        return
    try:
        conn = connect_to_redis()
        conn.delete(_PREFIX + ticket)
        if user is not None and getattr(user, "id", None):
            conn.srem(_user_key(user.id), ticket)
    except Exception as error:  # noqa: BLE001
        log.error("Session ticket not deleted: %s", error)


def _valid(ticket: Optional[str], user_id: Optional[str]) -> bool:
    if not ticket or not user_id:
        return False
    conn = connect_to_redis()
    value = conn.get(_PREFIX + ticket)
    if not value:
        return False
    owner, _, started = (value.decode() if isinstance(value, bytes) else value).partition("|")
    if owner != user_id or time.time() - int(started or 0) > _lifetime():
        return False
    conn.expire(_PREFIX + ticket, _idle())
    return True


def enforce() -> None:
    """before_request hook, run before CKAN identifies the user: end sessions without a valid ticket."""
    remember = tk.config["REMEMBER_COOKIE_NAME"] in tk.request.cookies
    if "_user_id" not in session and not remember:
        return
    try:
        if _valid(session.get(TICKET), session.get("_user_id")):
            return
    except Exception as error:  # noqa: BLE001 - Redis away: fail closed
        log.error("Session not checked, the user is logged out: %s", error)
    session.pop(TICKET, None)
    flask_login.logout_user()  # also drops the remember-me cookie
    session.pop("_user_id", None)


def revoke_user_sessions(user_id: str, keep: Optional[str] = None) -> int:
    """Delete every ticket of the user but `keep`; returns how many were deleted."""
    conn = connect_to_redis()
    tickets = [t.decode() if isinstance(t, bytes) else t for t in conn.smembers(_user_key(user_id))]
    doomed = [t for t in tickets if t != keep]
    if doomed:
        conn.delete(*[_PREFIX + t for t in doomed])
        conn.srem(_user_key(user_id), *doomed)
    return len(doomed)


def cookie_settings(config: Any) -> None:
    """Flask settings of the session and remember-me cookies: they last no longer than a login
    may, are sent only over https on an https site, never to scripts, not with cross-site posts."""
    lifetime = int(config["ckanext.harbin_opendata.session.max_lifetime"]) * 60
    config["PERMANENT_SESSION_LIFETIME"] = lifetime
    config["REMEMBER_COOKIE_DURATION"] = lifetime
    secure = str(config.get("ckan.site_url", "")).startswith("https://")
    for prefix in ("SESSION_COOKIE_", "REMEMBER_COOKIE_"):
        config[prefix + "HTTPONLY"] = True
        if config.get(prefix + "SECURE") in (None, "", False, "false", "False") and secure:
            config[prefix + "SECURE"] = True
        if config.get(prefix + "SAMESITE") in (None, "", "None"):
            config[prefix + "SAMESITE"] = "Lax"
