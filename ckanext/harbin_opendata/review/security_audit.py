"""Security events in the audit log (等级保护 2.0 安全审计: 重要的用户行为和重要安全事件): accounts
created, changed (which fields: password, e-mail, sysadmin flag, state — never a password's value)
and deleted, sysadmin rights granted and revoked, API tokens and app keys created and revoked,
entries and people added to or removed from groups, failed logins and lock-outs, write actions
refused to a logged-in user; made on the command line too, with the actor "command line"
(cli_audit.py). Changes of the review and audit staff's accounts are marked (details.account_role) and shown prominently to the auditor.

Failed logins and refusals come in floods: per actor, kind and action, only the 1st, 10th, 100th, …
of a minute is written, with that count, so that a script cannot fill the database."""
from __future__ import annotations

import logging
from typing import Any, Callable, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis

from ..common import roles
from ..common.security_events import SIGNAL
from . import audit, cli_audit
from .model import AuditEvent

__all__ = ["subscriptions", "actions", "event_labels", "FLOOD_STEPS"]

log = logging.getLogger(__name__)
_FLOOD_PREFIX = "harbin_opendata:audit_flood:"
FLOOD_STEPS = frozenset(10 ** n for n in range(7))
_BOUNDED = {"login_failed", "action_refused"}
# Fields of an account whose change is audited (by name only: no value of a password or e-mail).
_FIELDS = ("name", "fullname", "email", "password", "sysadmin", "state", "about", "image_url")


def event_labels() -> dict[str, str]:
    return {
        "user_created": tk._("Account created"), "user_updated": tk._("Account changed"),
        "user_deleted": tk._("Account deleted"), "sysadmin_granted": tk._("Sysadmin rights granted"),
        "sysadmin_revoked": tk._("Sysadmin rights revoked"), "api_token_created": tk._("API token created"),
        "api_token_revoked": tk._("API token revoked"), "api_tokens_revoked": tk._("API tokens revoked with the password"),
        "app_key_created": tk._("App key created"), "app_key_revoked": tk._("App key revoked"),
        "group_member_added": tk._("Added to a group"), "group_member_removed": tk._("Removed from a group"),
        "login_failed": tk._("Failed login"), "login_locked": tk._("Login locked out"),
        "action_refused": tk._("Action refused"),
    }


def account_role(user: Optional[model.User]) -> Optional[str]:
    """The privileged role of an account whose changes the auditor must see at once, if any."""
    if user is None:
        return None
    if user.name in tk.aslist(tk.config.get("ckanext.harbin_opendata.review.auditors")):
        return "auditor"
    if user.name in tk.aslist(tk.config.get("ckanext.harbin_opendata.review.reviewers")):
        return "reviewer"
    return None


def _about(user: Optional[model.User], fallback: Any = None, **more: Any) -> dict[str, Any]:
    details: dict[str, Any] = {"user": user.name if user else fallback, **more}
    role = account_role(user)
    if role:
        details["account_role"] = role
    return details


def _record(*args: Any, **kwargs: Any) -> Any:
    """audit.record, the actor being the command line inside a `ckan …` command (cli_audit.py)."""
    return cli_audit.mark(audit.record(*args, **kwargs))


def _done(context: dict[str, Any]) -> None:
    if not context.get("defer_commit"):
        model.Session.commit()


def _flood_count(event: str, actor: Optional[str], details: dict[str, Any]) -> Optional[int]:
    """This event's number in the minute from the first like it (per actor, or address, kind and
    action), when it is one to write."""
    who = actor or details.get("actor") or audit.client_address() or ""
    key = f"{_FLOOD_PREFIX}{event}:{who}:{details.get('action') or ''}"
    try:
        conn = connect_to_redis()
        count = int(conn.incr(key))
        if count == 1:
            conn.expire(key, 60)  # the minute starts with the first
    except Exception as error:  # noqa: BLE001 - Redis away: write every one (logins stop anyway)
        log.error("Audit flood count unavailable: %s", error)
        return 1
    return count if count in FLOOD_STEPS else None


def _write_apart(event: str, actor: Optional[model.User], details: dict[str, Any]) -> None:
    """One row on a connection of its own, committed at once: the request's own transaction may be
    rolled back (a refused action, a failed login)."""
    with model.meta.engine.begin() as connection:
        connection.execute(sa.insert(AuditEvent.__table__).values(
            actor_id=actor.id if actor else None, actor_name=actor.name if actor else details.get("actor"),
            event=event, details=details, address=audit.client_address()))


def _reported(event: str, actor: Optional[str] = None, details: Optional[dict[str, Any]] = None, **_: Any) -> None:
    """Receiver of common.security_events: areas without the audit log report here."""
    details = dict(details or {})
    if event in _BOUNDED:
        count = _flood_count(event, actor, details)
        if count is None:
            return
        details["count"] = count
    person = roles.user_object(actor)
    subject = roles.user_object(details.get("user")) if isinstance(details.get("user"), str) else None
    if subject is not None and account_role(subject):
        details["account_role"] = account_role(subject)
    try:
        _write_apart(event, person, details)
    except Exception as error:  # noqa: BLE001 - the reporting action must go on; the operator sees it
        log.error("Security event %s not audited: %s", event, error)


def _failed_login(sender: Any, **_: Any) -> None:
    """CKAN's failed_login (sent with the typed login): the account is named only when it exists
    (a password typed into the name field is not written down)."""
    login = str(sender or "")
    account = model.User.by_name(login) or model.User.by_email(login) if login else None
    _reported("login_failed", None, {"user": account.name, "actor": account.name} if account else {})


def _user_created(sender: str, context: dict[str, Any], data_dict: dict[str, Any], result: Any = None,
                  **_: Any) -> None:
    person = roles.user_object(result.get("id")) if isinstance(result, dict) else None
    if person is None:
        return
    _record("user_created", roles.acting_user(context), None, details=_about(person, sysadmin=person.sysadmin))
    _done(context)


def _user_deleted(sender: str, context: dict[str, Any], data_dict: dict[str, Any], **_: Any) -> None:
    person = roles.user_object(str(data_dict.get("id") or ""))
    _record("user_deleted", roles.acting_user(context), None,
                 details=_about(person, data_dict.get("id")))
    _done(context)


def _token_created(sender: str, context: dict[str, Any], data_dict: dict[str, Any], **_: Any) -> None:
    person = roles.user_object(str(data_dict.get("user") or ""))
    _record("api_token_created", roles.acting_user(context), None,
                 details=_about(person, data_dict.get("user"), name=data_dict.get("name")))
    _done(context)


def _token_revoked(sender: str, context: dict[str, Any], data_dict: dict[str, Any], **_: Any) -> None:
    _record("api_token_revoked", roles.acting_user(context), None,
                 details={"token_id": data_dict.get("jti") or "(by token)"})
    _done(context)


def _app_key(event: str) -> Callable[..., None]:
    def receive(sender: str, context: dict[str, Any], data_dict: dict[str, Any], result: Any = None, **_: Any) -> None:
        actor = roles.acting_user(context)
        key = result if isinstance(result, dict) else {}
        audit.record(event, actor, None, details=_about(actor, key_id=key.get("id"), prefix=key.get("prefix"),
                                                         name=key.get("name")))
        _done(context)
    return receive


def _group_member(event: str) -> Callable[..., None]:
    """An entry or a person added to or removed from a group (not an agency: core_audit tells those)."""
    def receive(sender: str, context: dict[str, Any], data_dict: dict[str, Any], **_: Any) -> None:
        group = model.Group.get(str(data_dict.get("id") or ""))
        if group is None or group.is_organization:
            return
        kind, ref = data_dict.get("object_type"), str(data_dict.get("object") or "")
        thing = model.Package.get(ref) if kind == "package" else roles.user_object(ref)
        details = {"group": group.name, "object_type": kind, "object": thing.name if thing else ref}
        if event == "group_member_added":
            details["capacity"] = data_dict.get("capacity")
        package = thing if isinstance(thing, model.Package) else None
        audit.record(event, roles.acting_user(context), package, details=details,
                     organization_id=package.owner_org if package else None)
        _done(context)
    return receive


def _facts(user: model.User) -> dict[str, Any]:
    return {field: getattr(user, field, None) for field in _FIELDS}


@tk.chained_action
def user_update(up_func: Any, context: Any, data_dict: dict[str, Any]) -> Any:
    """CKAN's user_update, audited: which fields changed (the password by the fact only), the
    sysadmin flag granted or revoked as an event of its own."""
    person = roles.user_object(str(data_dict.get("id") or "")) if data_dict.get("id") else None
    before = _facts(person) if person is not None else None
    with cli_audit.by_action():
        result = up_func(context, data_dict)
    person = roles.user_object(result.get("id")) if isinstance(result, dict) else None
    if before is None or person is None:
        return result
    after = _facts(person)
    changed = [field for field in _FIELDS if before[field] != after[field]]
    if not changed:
        return result
    actor = roles.acting_user(context)
    details = _about(person, changed=changed)
    if "state" in changed:
        details["state"] = {"from": before["state"], "to": after["state"]}
    _record("user_updated", actor, None, details=details)
    if "sysadmin" in changed:
        _record("sysadmin_granted" if after["sysadmin"] else "sysadmin_revoked", actor, None,
                     details=_about(person))
    _done(context)
    return result


def actions() -> dict[str, Any]:
    return {"user_update": user_update}


_ACTION_RECEIVERS: dict[str, Callable[..., None]] = {
    "user_create": _user_created, "user_delete": _user_deleted,
    "api_token_create": _token_created, "api_token_revoke": _token_revoked,
    "harbin_access_key_create": _app_key("app_key_created"), "harbin_access_key_revoke": _app_key("app_key_revoked"),
    "member_create": _group_member("group_member_added"), "member_delete": _group_member("group_member_removed"),
}


def subscriptions() -> dict[Any, list[dict[str, Any]]]:
    """ISignal: CKAN's action_succeeded for the account and group actions, its failed_login, and
    the areas' security events."""
    return {
        tk.signals.action_succeeded: [{"sender": name, "receiver": receiver, "weak": False}
                                      for name, receiver in _ACTION_RECEIVERS.items()],
        tk.signals.failed_login: [{"receiver": _failed_login, "weak": False}],
        SIGNAL: [{"receiver": _reported, "weak": False}],
    }
