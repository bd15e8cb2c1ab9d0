"""How the account controls hook into the Flask app and CKAN's signals (used by the base plugin)."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins.toolkit as tk
from ckan.common import current_user

from . import logout, passwords, sessions, throttle

__all__ = ["install", "signal_subscriptions"]

# Where a user whose password has expired may still go: the page to change it, logging out, assets.
_OPEN_ENDPOINTS = {"user.edit", "user.logout", "user.logged_out_page", "static", "webassets.index",
                   "_webassets.index", "api.i18n_js_translations", "harbin_js_locale.translations"}


def _password_expiry() -> Optional[Any]:
    """before_request: a user whose password is older than password.max_age_days changes it first,
    in a browser. A request identified by a header credential (an API token, an app key: CKAN and
    harbin_access set g.login_via_auth_header) is a program's: it gets its answer, not a form."""
    endpoint = tk.request.endpoint or ""
    if (not current_user.is_authenticated or endpoint in _OPEN_ENDPOINTS or endpoint.startswith("api.")
            or tk.g.get("login_via_auth_header")
            or endpoint.endswith(".static") or not passwords.expired(current_user)):
        return None
    tk.h.flash_error(tk._("Your password has expired. Please set a new one."))
    return tk.redirect_to("user.edit", id=current_user.name)


def install(app: Any) -> None:
    """Session checks first (before CKAN identifies the user); API-token throttling and the
    password-expiry check after CKAN's own before_request (its after_request needs it to have
    run, so a refusal must come later); a GET of the logout address logs nobody out; cookie settings."""
    sessions.cookie_settings(app.config)
    app.before_request_funcs.setdefault(None, []).insert(0, sessions.enforce)
    app.before_request(throttle.check_api_token)
    app.before_request(_password_expiry)
    app.before_request(logout.confirm_on_get)


def signal_subscriptions() -> dict[Any, list[Any]]:
    """ISignal: logins start a session ticket and reset the account's failure count, logouts end
    the ticket, failed logins are counted."""
    return {
        tk.signals.user_logged_in: [sessions.on_login, throttle.on_login],
        tk.signals.user_logged_out: [sessions.on_logout],
        tk.signals.failed_login: [throttle.on_failed_login],
    }
