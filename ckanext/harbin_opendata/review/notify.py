"""Notifications of review events: always on site, and by e-mail through CKAN's mailer (smtp.*)
when review.email_notifications is on and the user has an address."""
from __future__ import annotations

import contextlib
import contextvars
import logging
from typing import Any, Iterable, Iterator, NamedTuple, Optional, Union

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import mailer

from ..common import roles
from .model import Notification
from .states import event_label

__all__ = ["notify", "reviewers", "reviewers_once_per", "unread_count"]

log = logging.getLogger(__name__)
_MEMO: contextvars.ContextVar[Optional[dict[str, Any]]] = contextvars.ContextVar("harbin_review_memo", default=None)
_REVIEWERS = "harbin_review.reviewers"


class Reviewer(NamedTuple):
    """A reviewer as remembered for a job: what a notification needs, without the session's object
    (which each commit expires, to be read again)."""
    id: str
    name: str
    email: Optional[str]
    display_name: str


@contextlib.contextmanager
def reviewers_once_per(memo: Optional[dict[str, Any]]) -> Iterator[None]:
    """Within the block, reviewers() is read once per `memo` (a bulk job's, e.g. a harvest's: the
    reviewers as the job found them), or every time when `memo` is None."""
    token = _MEMO.set(memo)
    try:
        yield
    finally:
        _MEMO.reset(token)


def reviewers() -> list[Union[model.User, Reviewer]]:
    """Every active reviewer."""
    memo = _MEMO.get()
    if memo is not None and _REVIEWERS in memo:
        return memo[_REVIEWERS]
    names = tk.config["ckanext.harbin_opendata.review.reviewers"]
    query = model.Session.query(model.User).filter(model.User.state == "active")
    candidates = query.filter((model.User.sysadmin.is_(True)) | (model.User.name.in_(names or [""])))
    found = [user for user in candidates if roles.is_reviewer(user) and user.name != "default" and
             user.name != tk.config.get("ckan.site_id")]
    if memo is not None:
        memo[_REVIEWERS] = [Reviewer(user.id, user.name, user.email, user.display_name) for user in found]
    return found


def _email(user: Union[model.User, Reviewer], event: str, package: model.Package, comment: Optional[str]) -> None:
    if not (tk.config["ckanext.harbin_opendata.review.email_notifications"] and user.email):
        return
    subject = f"[{event_label(event)}] {package.title}"
    body = "\n".join(filter(None, [
        f"{event_label(event)}: {package.title}",
        tk.url_for("harbin_review.entry", id=package.name, _external=True),
        comment,
    ]))
    try:
        mailer.mail_recipient(user.display_name, user.email, subject, body)  # what mail_user sends
    except mailer.MailerException as error:  # the on-site notification is enough
        log.warning("Review notification e-mail to %s failed: %s", user.name, error)


def notify(users: Iterable[Union[model.User, Reviewer]], event: str, package: model.Package,
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
