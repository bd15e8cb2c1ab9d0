"""Current grants: approved applications, not revoked, whose last day has not passed."""
from __future__ import annotations

import datetime as dt

import ckan.model as model

from .model import APPROVED, Application

__all__ = ["holds", "current"]


def current(application: Application, today: dt.date | None = None) -> bool:
    today = today or dt.date.today()
    return application.state == APPROVED and application.expires_on is not None and application.expires_on >= today


def holds(user_id: str, package_id: str) -> bool:
    """Whether the user holds a current grant for the entry's files."""
    return model.Session.query(Application.id).filter(
        Application.user_id == user_id, Application.package_id == package_id, Application.state == APPROVED,
        Application.expires_on >= dt.date.today()).first() is not None
