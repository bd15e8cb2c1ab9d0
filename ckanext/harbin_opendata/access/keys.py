"""App keys (应用密钥): a user's named, revocable credentials for downloads and data calls. The
secret is made by `secrets.token_urlsafe` and shown once; only its SHA-256 is stored, so a leaked
table gives no working key. Looked up by digest (one indexed query), compared in constant time."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Optional

import ckan.model as model

from .model import AppKey

__all__ = ["HEADER", "new_secret", "digest", "find"]

HEADER = "X-App-Key"  # the request header that carries a key
_PREFIX = "hrb_"  # tells a Harbin app key from CKAN's API tokens at a glance


def new_secret() -> str:
    return _PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def find(secret: str) -> Optional[tuple[AppKey, model.User]]:
    """The key and its user for a presented secret; None when unknown, revoked, or its user is not
    active. One query."""
    wanted = digest(secret)
    found = model.Session.query(AppKey, model.User).join(model.User, model.User.id == AppKey.user_id) \
        .filter(AppKey.key_hash == wanted).first()
    if found is None or not hmac.compare_digest(found[0].key_hash, wanted):
        return None
    key, user = found
    if key.revoked_at is not None or user.state != "active":
        return None
    return key, user
