"""Real-name verification attempts (实名认证): at most access.identity_attempts_per_day answers of the
identity service per account per day, so that an account cannot try name and number pairs until one
matches; every attempt, refused ones included, is a row of harbin_access_identity_attempt (who,
when, the outcome, the number masked). Counted in the database: the limit holds without Redis."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from .model import IdentityAttempt

__all__ = ["VERIFIED", "REFUSED", "LIMITED", "FAILED", "limit", "used_today", "record"]

VERIFIED, REFUSED, LIMITED, FAILED = "verified", "refused", "limited", "failed"
_COUNTED = (VERIFIED, REFUSED)  # answers of the service; a service failure tells nothing


def limit() -> int:
    return int(tk.config["ckanext.harbin_opendata.access.identity_attempts_per_day"])


def _midnight(now: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(now.date(), dt.time(), tzinfo=now.tzinfo)


def used_today(user: model.User) -> int:
    """Attempts answered today (the server's day) for the account, its row locked first so that
    concurrent attempts are counted one after the other."""
    model.Session.query(model.User.id).filter(model.User.id == user.id).with_for_update().first()
    since = _midnight(dt.datetime.now().astimezone())
    return model.Session.query(sa.func.count(IdentityAttempt.id)).filter(
        IdentityAttempt.user_id == user.id, IdentityAttempt.at >= since,
        IdentityAttempt.outcome.in_(_COUNTED)).scalar() or 0


def record(user: model.User, outcome: str, masked_number: Optional[str], reference: str = "") -> None:
    """One attempt in the trail (the caller commits)."""
    model.Session.add(IdentityAttempt(user_id=user.id, at=dt.datetime.now(dt.timezone.utc), outcome=outcome,
                                      id_number=masked_number, reference=reference or None))

