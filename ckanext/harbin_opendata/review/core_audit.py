"""Audit events for CKAN's own actions that change entries or agencies without passing through
the IPackageController hooks: bulk deletion, purge, moving an entry, creating and deleting
agencies and changing who acts for them (members). Received from CKAN's action_succeeded signal,
after the action committed; each event is committed on its own."""
from __future__ import annotations

from typing import Any, Callable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common import roles
from . import audit, guard

__all__ = ["subscriptions"]

Receiver = Callable[..., None]


def _done(context: dict[str, Any]) -> None:
    if not context.get("defer_commit"):
        model.Session.commit()


def _bulk_deleted(sender: str, context: dict[str, Any], data_dict: dict[str, Any], **_: Any) -> None:
    actor = roles.acting_user(context)
    model.Session.expire_all()  # the bulk update bypassed the ORM
    for package in guard.catalog_entries(data_dict.get("datasets")):
        if package.state == "deleted":
            audit.record("deleted", actor, package, from_state=guard.review_state(package), details={"bulk": True})
    _done(context)


def _purged(sender: str, context: dict[str, Any], data_dict: dict[str, Any], **_: Any) -> None:
    ref = str(data_dict.get("id"))
    last = audit.last_event(ref)
    if last is None:  # not a catalog entry (or one from before the audit log)
        return
    audit.record("purged", roles.acting_user(context), None, package_id=last.package_id,
                 package_name=last.package_name, organization_id=last.organization_id)
    _done(context)


def _moved(sender: str, context: dict[str, Any], data_dict: dict[str, Any], **_: Any) -> None:
    if context.get("defer_commit"):  # package_update's own call: its "updated" event tells
        return
    package = model.Package.get(str(data_dict.get("id")))
    if package is None or package.type != "dataset":
        return
    last = audit.last_event_of_entry(package.id)
    audit.record("owner_changed", roles.acting_user(context), package,
                 details={"owner_org": {"from": last.organization_id if last else None, "to": package.owner_org}})
    _done(context)


def _organization(sender: str, data_dict: dict[str, Any], result: Any) -> Optional[model.Group]:
    ref = result.get("id") if sender == "organization_create" and isinstance(result, dict) else data_dict.get("id")
    group = model.Group.get(str(ref or ""))
    return group if group is not None and group.is_organization else None


def _agency_event(event: str) -> Receiver:
    def receive(sender: str, context: dict[str, Any], data_dict: dict[str, Any], result: Any = None, **_: Any) -> None:
        if sender.startswith("member_") and data_dict.get("object_type") != "user":
            return  # an entry added to or removed from a group, not a person
        if sender == "organization_purge":
            audit.record(event, roles.acting_user(context), None, organization_id=str(data_dict.get("id")))
            return _done(context)
        group = _organization(sender, data_dict, result)
        if group is None:
            return
        details: dict[str, Any] = {"agency": group.name}
        if event in ("member_added", "member_removed"):
            person = roles.user_object(str(data_dict.get("object")))
            details["user"] = person.name if person else data_dict.get("object")
            if event == "member_added":
                details["role"] = data_dict.get("capacity")
        elif event == "members_replaced":
            if "users" not in data_dict:
                return
            details["users"] = [{"name": u.get("name") or u.get("id"), "role": u.get("capacity")}
                                for u in data_dict["users"] if isinstance(u, dict)]
        audit.record(event, roles.acting_user(context), None, organization_id=group.id, details=details)
        _done(context)
    return receive


def _account_deleted(sender: str, context: dict[str, Any], data_dict: dict[str, Any], **_: Any) -> None:
    """user_delete ends every membership of the account: one event per agency it acted for."""
    person = roles.user_object(str(data_dict.get("id")))
    if person is None:
        return
    ended = (model.Session.query(model.Member.group_id).join(model.Group, model.Group.id == model.Member.group_id)
             .filter(model.Member.table_id == person.id, model.Member.table_name == "user",
                     model.Member.state == "deleted", model.Group.is_organization.is_(True)).distinct())
    for (group_id,) in ended:
        audit.record("member_removed", roles.acting_user(context), None, organization_id=group_id,
                     details={"user": person.name, "account_deleted": True})
    _done(context)


# Built once: the plugin's unload disconnects these same functions.
_RECEIVERS: dict[str, Receiver] = {
    "bulk_update_delete": _bulk_deleted, "dataset_purge": _purged, "package_owner_org_update": _moved,
    "user_delete": _account_deleted,
    "organization_create": _agency_event("agency_created"),
    "organization_delete": _agency_event("agency_deleted"),
    "organization_purge": _agency_event("agency_purged"),
    "organization_update": _agency_event("members_replaced"),
    "organization_patch": _agency_event("members_replaced"),
    # organization_member_create/delete and user_invite call these two
    "member_create": _agency_event("member_added"),
    "member_delete": _agency_event("member_removed"),
}


def subscriptions() -> dict[Any, list[dict[str, Any]]]:
    """ISignal: the action_succeeded receivers."""
    return {tk.signals.action_succeeded: [{"sender": name, "receiver": receiver, "weak": False}
                                          for name, receiver in _RECEIVERS.items()]}
