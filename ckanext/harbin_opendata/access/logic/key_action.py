"""Actions of a user's app keys and of the access log: create (the secret returned once), list
(with today's use), revoke; the user's own log and an agency's log of its entries, with counts."""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ...common import roles
from ...common.actions import commit_unless_deferred, validated
from .. import access_log, keys, outage, quota
from ..model import AccessLog, AppKey
from . import schema

__all__ = ["harbin_access_key_create", "harbin_access_key_list", "harbin_access_key_revoke",
           "harbin_access_log_list"]

_MAX_ROWS = 100000


def _me(context: Context) -> model.User:
    user = roles.acting_user(context)
    if user is None:
        raise tk.NotAuthorized(tk._("Log in to manage your app keys."))
    return user


def _key_dict(key: AppKey, used: int = 0) -> dict[str, Any]:
    return {"id": key.id, "name": key.name, "prefix": key.prefix, "created_at": key.created_at.isoformat(),
            "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None, "used_today": used}


def harbin_access_key_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A new app key of the calling user; the only answer that holds its secret (`key`).

    :param name: what the key is for (e.g. the application using it)
    """
    tk.check_access("harbin_access_key_create", context, data_dict)
    data = validated(context, data_dict, schema.key_schema)
    user = _me(context)
    held = model.Session.query(AppKey).filter(AppKey.user_id == user.id, AppKey.revoked_at.is_(None)).count()
    if held >= int(tk.config["ckanext.harbin_opendata.access.max_app_keys"]):
        raise tk.ValidationError({"name": [tk._("You hold the most app keys allowed; revoke one first.")]})
    secret = keys.new_secret()
    key = AppKey(id=str(uuid.uuid4()), user_id=user.id, name=data["name"], key_hash=keys.digest(secret),
                 prefix=secret[:8], created_at=dt.datetime.now(dt.timezone.utc))
    model.Session.add(key)
    commit_unless_deferred(context)
    return {**_key_dict(key), "key": secret}


@tk.side_effect_free
@outage.needs_redis
def harbin_access_key_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The calling user's app keys (never their secrets), newest first, with today's calls."""
    tk.check_access("harbin_access_key_list", context, data_dict)
    found = model.Session.query(AppKey).filter(AppKey.user_id == _me(context).id) \
        .order_by(AppKey.created_at.desc()).all()
    used = quota.used_today([key.id for key in found])
    return [_key_dict(key, used[key.id]) for key in found]


def harbin_access_key_revoke(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Revoke one of the calling user's app keys; it is refused from the next call on.

    :param id: the key's id
    """
    tk.check_access("harbin_access_key_revoke", context, data_dict)
    key = model.Session.get(AppKey, str(data_dict.get("id") or ""))
    if key is None or key.user_id != _me(context).id:
        raise tk.ObjectNotFound(tk._("App key not found"))
    if key.revoked_at is None:
        key.revoked_at = dt.datetime.now(dt.timezone.utc)
    commit_unless_deferred(context)
    return _key_dict(key)


def _may_read(context: Context, package_id: str) -> bool:
    try:
        tk.check_access("package_show", {"user": context.get("user"), "auth_user_obj": context.get("auth_user_obj")},
                        {"id": package_id})
        return True
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False


def _row_dict(row: AccessLog, names: dict[str, tuple[str, str]], labels: dict[str, dict[str, str]]) -> dict[str, Any]:
    name, title = names.get(row.package_id or "", ("", ""))
    key = labels["keys"].get(row.key_id or "")
    return {"at": row.at.isoformat(), "user_id": row.user_id, "user_name": labels["users"].get(row.user_id, ""),
            "key_id": row.key_id, "key_name": key[0] if key else "", "key_prefix": key[1] if key else "",
            "kind": row.kind, "package_id": row.package_id, "package_name": name, "package_title": title,
            "resource_id": row.resource_id, "resource_name": labels["resources"].get(row.resource_id or "", ""),
            "status": row.status, "bytes": row.bytes}


def _row_labels(rows: list[AccessLog], names: dict[str, tuple[str, str]], own: bool) -> dict[str, dict[str, Any]]:
    """What people recognise the rows' ids by: the key's name and the start of its secret (as the
    keys page shows them), the user's name, the resource's name (in one's own log only of the
    files one was served, never of a refused one). Three queries for a page of rows."""
    key_ids = {row.key_id for row in rows if row.key_id}
    user_ids = {row.user_id for row in rows}
    resource_ids = {row.resource_id for row in rows if row.resource_id and names.get(row.package_id or "", ("",))[0]
                    and not (own and row.status >= 400)}
    keys = {key_id: (name, prefix) for key_id, name, prefix in model.Session.query(
        AppKey.id, AppKey.name, AppKey.prefix).filter(AppKey.id.in_(key_ids))} if key_ids else {}
    users = dict(model.Session.query(model.User.id, model.User.name).filter(model.User.id.in_(user_ids))) \
        if user_ids else {}
    resources = {resource_id: name or "" for resource_id, name in model.Session.query(
        model.Resource.id, model.Resource.name).filter(model.Resource.id.in_(resource_ids))} if resource_ids else {}
    return {"keys": keys, "users": users, "resources": resources}


@tk.side_effect_free
@outage.needs_redis
def harbin_access_log_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The access log, newest first: the calling user's own rows, or with `organization` the rows
    of that agency's entries (its editors, reviewers and sysadmins), with counts per entry.

    :param organization: id or name of an agency (optional)
    :param limit: rows wanted (default 100, at most 100000)
    :param offset: rows skipped
    """
    tk.check_access("harbin_access_log_list", context, data_dict)
    data = validated(context, data_dict, schema.log_list_schema)
    access_log.flush()
    query = model.Session.query(AccessLog)
    if data.get("organization"):
        query = query.filter(AccessLog.organization_id == model.Group.get(data["organization"]).id)
    else:
        query = query.filter(AccessLog.user_id == _me(context).id)
    counts = query.with_entities(AccessLog.package_id, sa.func.count(), sa.func.sum(AccessLog.bytes),
                                 sa.func.count(sa.distinct(AccessLog.user_id))) \
        .group_by(AccessLog.package_id).order_by(sa.func.count().desc()).all()
    rows = query.order_by(AccessLog.at.desc(), AccessLog.id.desc()).offset(int(data["offset"])) \
        .limit(min(int(data["limit"]), _MAX_ROWS)).all()
    ids = {package_id for package_id, *_ in counts if package_id}
    names = {pkg.id: (pkg.name, pkg.title) for pkg in model.Session.query(model.Package).filter(
        model.Package.id.in_(ids))} if ids else {}
    if not data.get("organization"):  # one's own log: a refused call must not name an entry one may not see
        names = {package_id: shown if _may_read(context, package_id) else ("", tk._("(an entry you may not see)"))
                 for package_id, shown in names.items()}
    labels = _row_labels(rows, names, own=not data.get("organization"))
    return {"count": sum(count for _, count, *_ in counts),
            "entries": [{"package_id": package_id, "package_name": names.get(package_id or "", ("", ""))[0],
                         "package_title": names.get(package_id or "", ("", ""))[1], "count": count,
                         "bytes": int(total or 0), "users": users} for package_id, count, total, users in counts],
            "rows": [_row_dict(row, names, labels) for row in rows]}
