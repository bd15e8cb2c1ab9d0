"""Notifications of review events: always on site, and by e-mail through CKAN's mailer (smtp.*)
when review.email_notifications is on and the user has an address."""
from __future__ import annotations

import logging
from typing import Iterable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import mailer

from ..common import roles
from .model import Notification
from .states import event_label

__all__ = ["notify", "reviewers", "unread_count"]

log = logging.getLogger(__name__)


def reviewers() -> list[model.User]:
    """Every active reviewer."""
    names = tk.config["ckanext.harbin_opendata.review.reviewers"]
    query = model.Session.query(model.User).filter(model.User.state == "active")
    candidates = query.filter((model.User.sysadmin.is_(True)) | (model.User.name.in_(names or [""])))
    return [user for user in candidates if roles.is_reviewer(user) and user.name != "default" and
            user.name != tk.config.get("ckan.site_id")]


def _email(user: model.User, event: str, package: model.Package, comment: Optional[str]) -> None:
    if not (tk.config["ckanext.harbin_opendata.review.email_notifications"] and user.email):
        return
    subject = f"[{event_label(event)}] {package.title}"
    body = "\n".join(filter(None, [
        f"{event_label(event)}: {package.title}",
        tk.url_for("harbin_review.entry", id=package.name, _external=True),
        comment,
    ]))
    try:
        mailer.mail_user(user, subject, body)
    except mailer.MailerException as error:  # the on-site notification is enough
        log.warning("Review notification e-mail to %s failed: %s", user.name, error)


def notify(users: Iterable[model.User], event: str, package: model.Package,
           actor: Optional[model.User], comment: Optional[str] = None) -> None:
    """Tell each user (except the actor) about an event of a catalog entry."""
    for user in {u.id: u for u in users}.values():
        if actor and user.id == actor.id:
            continue
        model.Session.add(Notification(user_id=user.id, event=event, package_id=package.id,
                                       actor_name=actor.name if actor else None, comment=comment))
        _email(user, event, package, comment)


def unread_count(user_id: str) -> int:
    return model.Session.query(Notification).filter(
        Notification.user_id == user_id, Notification.read_at.is_(None)).count()
