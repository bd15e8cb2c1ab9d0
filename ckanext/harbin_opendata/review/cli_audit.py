"""Account changes made on the command line are audited like the web's (probe 3 finding 6): `ckan
user add` and `ckan user remove` run CKAN's actions as the site user, and `ckan user setpass` and
`ckan sysadmin add/remove` change the account row directly, past every action. Their rows name the
actor "command line", with the operating-system account that ran the command and the command.

The direct changes (a password, the sysadmin flag) are caught as the session flushes them, inside
a command only, and written in the same transaction; a change made through user_update is audited
by its action (security_audit.py), not twice."""
from __future__ import annotations

import contextlib
import contextvars
import getpass
from typing import Any, Iterator, Optional

import click
import sqlalchemy as sa

import ckan.model as model

from .model import AuditEvent

__all__ = ["CLI_ACTOR", "command_line", "mark", "by_action", "listen"]

CLI_ACTOR = "command line"
_WATCHED = ("password", "sysadmin")
_BY_ACTION = contextvars.ContextVar("harbin_review_account_change_by_action", default=False)


def command_line() -> Optional[dict[str, str]]:
    """The command and the OS user when running inside a `ckan …` command, else None."""
    context = click.get_current_context(silent=True)
    if context is None:
        return None
    try:
        os_user = getpass.getuser()
    except (KeyError, OSError):  # no name for the process's uid (a container)
        os_user = ""
    return {"command": context.command_path, "os_user": os_user}


def mark(row: AuditEvent) -> AuditEvent:
    """An account event recorded inside a command: its actor is the command line, not the site user
    the command runs CKAN's actions as."""
    where = command_line()
    if where is not None:
        row.actor_id, row.actor_name = None, CLI_ACTOR
        row.details = {**(row.details or {}), **where}
    return row


@contextlib.contextmanager
def by_action() -> Iterator[None]:
    """Within the block, account changes are audited by the action making them."""
    token = _BY_ACTION.set(True)
    try:
        yield
    finally:
        _BY_ACTION.reset(token)


def _changed(user: model.User) -> list[str]:
    state = sa.inspect(user)
    return [field for field in _WATCHED if state.attrs[field].history.has_changes()]


def _before_flush(session: Any, flush_context: Any, instances: Any) -> None:
    where = command_line()
    if where is None or _BY_ACTION.get():
        return
    for user in [obj for obj in session.dirty if isinstance(obj, model.User)]:
        changed = _changed(user)
        if not changed:
            continue
        details = {"user": user.name, "changed": changed, **where}
        session.add(AuditEvent(actor_name=CLI_ACTOR, event="user_updated", details=details))
        if "sysadmin" in changed:
            session.add(AuditEvent(actor_name=CLI_ACTOR, event="sysadmin_granted" if user.sysadmin else "sysadmin_revoked",
                                   details={"user": user.name, **where}))


def listen() -> None:
    """Once per process (IConfigurable.configure may run again in tests)."""
    if not sa.event.contains(model.Session, "before_flush", _before_flush):
        sa.event.listen(model.Session, "before_flush", _before_flush)
