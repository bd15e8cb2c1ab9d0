"""user_create and user_update with the password policy and no gravatar.com picture, and a password change that ends the
user's other sessions. These are the paths of the API, the registration and edit forms, the
password reset form and `ckan user add`."""
from __future__ import annotations

from typing import Any, Optional
from urllib.parse import urlsplit

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.common import current_user, session

from ..common import security_events
from . import passwords, sessions

__all__ = ["user_create", "user_update", "user_delete", "revoke_api_tokens"]


def _new_password(data_dict: dict[str, Any]) -> tuple[str, str]:
    """(form field, password) of the password being set, or ("", "")."""
    for field in ("password1", "password"):
        value = data_dict.get(field)
        if isinstance(value, str) and value:
            return field, value
    return "", ""


def _check(data_dict: dict[str, Any], user: Any = None) -> str:
    field, password = _new_password(data_dict)
    if not password:
        return ""
    name = data_dict.get("name") or (user.name if user else "")
    email = data_dict.get("email") or (user.email if user else "")
    found = passwords.problems(password, str(name or ""), str(email or ""))
    if found:
        raise tk.ValidationError({field: found})
    return password


def _refuse_gravatar(data_dict: dict[str, Any]) -> None:
    """No profile picture from gravatar.com: it does not load in mainland China and would tell a
    third party who looks at whom (the platform shows its own placeholder instead)."""
    url = data_dict.get("image_url")
    host = (urlsplit(url.strip() if "//" in url else "//" + url.strip()).hostname or "") if isinstance(url, str) else ""
    if host == "gravatar.com" or host.endswith(".gravatar.com"):
        raise tk.ValidationError({"image_url": [tk._("Pictures from gravatar.com cannot be used: upload a picture instead.")]})


def _without_outside_picture(data_dict: dict[str, Any]) -> dict[str, Any]:
    """A profile picture from another host is dropped (pages load images from the portal only, CSP
    img-src 'self': it would show broken, and tell its host who looks at whom); upload it instead."""
    url = data_dict.get("image_url")
    if isinstance(url, str) and (urlsplit(url.strip()).scheme or url.strip().startswith(("//", "\\"))):
        return dict(data_dict, image_url="")
    return data_dict


def revoke_api_tokens(user: model.User, reason: str) -> int:
    """Delete every API token of the user (a token acts as the user like a session: a stolen one
    must not outlive a password change or the account); audited. App keys stay: they only read the
    data the user may read, for deployed applications, and are refused while the account is not
    active (access.keys). Committed by the caller."""
    tokens = model.Session.query(model.ApiToken).filter(model.ApiToken.user_id == user.id)
    ids = [token.id for token in tokens]
    if ids:
        tokens.delete(synchronize_session=False)
        security_events.report("api_tokens_revoked", _actor_name(), user=user.name, count=len(ids), reason=reason)
    return len(ids)


def _actor_name() -> Optional[str]:
    return current_user.name if tk.request and current_user.is_authenticated else None


def _after_change(user_id: str) -> None:
    user = model.User.get(user_id)
    if user is None:
        return
    passwords.record_change(user)
    revoke_api_tokens(user, "password")
    model.repo.commit()
    ticket = session.get(sessions.TICKET) if tk.request and session.get("_user_id") == user.id else None
    try:
        sessions.revoke_user_sessions(user.id, keep=ticket)
    except Exception:  # noqa: BLE001 - Redis away: the tickets expire with the idle timeout
        pass


@tk.chained_action
def user_create(up_func: Any, context: Any, data_dict: dict[str, Any]) -> Any:
    """CKAN's user_create; the password must satisfy the password policy (passwords.problems)."""
    _refuse_gravatar(data_dict)
    data_dict = _without_outside_picture(data_dict)
    password = _check(data_dict)
    result = up_func(context, data_dict)
    if password and isinstance(result, dict) and result.get("id"):
        _after_change(result["id"])
    elif user is not None and isinstance(result, dict) and result.get("state") not in (None, "active"):
        revoke_api_tokens(user, "account_disabled")  # the account was disabled
        model.repo.commit()
    return result


@tk.chained_action
def user_delete(up_func: Any, context: Any, data_dict: dict[str, Any]) -> Any:
    """CKAN's user_delete; the account's API tokens go with it."""
    result = up_func(context, data_dict)
    user = model.User.get(str(data_dict.get("id") or ""))
    if user is not None:
        revoke_api_tokens(user, "account_deleted")
        model.repo.commit()
    return result


@tk.chained_action
def user_update(up_func: Any, context: Any, data_dict: dict[str, Any]) -> Any:
    """CKAN's user_update; a new password must satisfy the password policy, and setting it ends
    every other session of the user (a stolen session does not outlive a password change)."""
    user = model.User.get(str(data_dict.get("id") or "")) if data_dict.get("id") else None
    _refuse_gravatar(data_dict)
    data_dict = _without_outside_picture(data_dict)
    password = _check(data_dict, user)
    result = up_func(context, data_dict)
    if password and isinstance(result, dict) and result.get("id"):
        _after_change(result["id"])
    return result
