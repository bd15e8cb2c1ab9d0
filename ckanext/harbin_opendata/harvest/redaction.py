"""Credentials in a harvest source (the `headers` of its configuration, keys named like tokens or
passwords, a password or token in its address) are shown to sysadmins only: everyone else reads
them masked. An unreadable configuration is masked whole (fail closed)."""
from __future__ import annotations

import json
import re
from typing import Any, Optional
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import ckan.model as model

__all__ = ["MASK", "redact_config", "redact_url", "holds_secrets", "redact_source", "viewer_sees_secrets"]

MASK = "********"
_SECRET_KEY = re.compile(r"(^|[_-])(auth|authorization|token|access[_-]?token|secret|password|passwd|pwd|api[_-]?key|"
                         r"apikey|key|cookie|credentials?|signature|sig)($|[_-])", re.I)
_SECRET_KEYS = {"headers"}  # every value under these is a secret
_CAMEL_WORD = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")  # appKey, clientSecret, accessKeyId: words of a name


def _secret_name(key: Any) -> bool:
    """A key or query parameter named like a credential (api_key, X-Auth-Token, appSecret, AppKey)."""
    key = str(key)
    return key in _SECRET_KEYS or bool(_SECRET_KEY.search(_CAMEL_WORD.sub("_", key)))


def _mask(value: Any, secret: bool = False) -> Any:
    if isinstance(value, dict):
        return {k: _mask(v, secret or _secret_name(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask(item, secret) for item in value]
    return MASK if secret and value not in (None, "") else value


def _parsed(text: Optional[str]) -> Any:
    try:
        return json.loads(text or "")
    except ValueError:
        return MASK


def redact_config(text: Optional[str]) -> Optional[str]:
    """The configuration with its secrets masked."""
    if not text or not text.strip():
        return text
    config = _parsed(text)
    return MASK if config is MASK else json.dumps(_mask(config), ensure_ascii=False)


def holds_secrets(text: Optional[str]) -> bool:
    """Whether masking would hide anything of the configuration."""
    if not text or not text.strip():
        return False
    config = _parsed(text)
    return config is MASK or _mask(config) != config


def redact_url(url: Optional[str]) -> Optional[str]:
    """The address without a password and with secret-looking query values masked."""
    if not url or not isinstance(url, str):
        return url
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            netloc = f"{MASK}@{netloc.rpartition('@')[2]}"
        query = [(k, MASK if _secret_name(k) else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
        return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query, safe="*"), parts.fragment))
    except ValueError:
        return MASK


def redact_source(source: dict[str, Any]) -> dict[str, Any]:
    """A harvest source dict (package_show, harvest_source_list, activity data, the index) with
    its secrets masked, also in its list of extras and in the config's keys that ckanext-harvest's
    show schema copies onto the dict itself (`headers`: read from the database, package_show
    gives them beside `config`)."""
    for key, value in list(source.items()):
        if key not in ("config", "url", "extras"):
            source[key] = _mask(value, _secret_name(key))
    if "config" in source:
        source["config"] = redact_config(source["config"])
    if "url" in source:
        source["url"] = redact_url(source["url"])
    for extra in source.get("extras") or []:
        if isinstance(extra, dict) and extra.get("key") == "config":
            extra["value"] = redact_config(extra.get("value"))
    return source


def viewer_sees_secrets(context: Any) -> bool:
    """Only sysadmins read sources unmasked (internal calls without a user, such as the activity
    stream's copy of the source, get them masked: they are stored and shown to others)."""
    user = context.get("auth_user_obj")
    if not isinstance(user, model.User):
        user = model.User.get(context.get("user")) if context.get("user") else None
    return user is not None and user.sysadmin
