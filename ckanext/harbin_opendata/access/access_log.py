"""The access log (日志记录, 第十一条; 记录、统计, 第十六条): one row per download or data call made by a
user or an app key (anonymous visitors are counted by harbin_assessment, not logged by name).

A request only appends its row to a Redis list (no database write per request); `flush` moves the
rows into harbin_access_log, naming each row's entry and agency, and runs before the log is read
and from `ckan harbin access log flush`. `prune` deletes rows older than
ckanext.harbin_opendata.access.log_retention_days."""
from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any, Iterable

import sqlalchemy as sa
from flask import g

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis

from . import calls
from .model import AccessLog

__all__ = ["record", "flush", "prune"]

log = logging.getLogger(__name__)
_QUEUE = "harbin_opendata:access:log"


def _calls() -> list[calls.Call]:
    """The reads of the request: its download or data call, or each resource table a
    datastore_search_sql statement named (data/sql_search.py leaves them in g), refused ones too."""
    call = calls.current_call()
    if call is not None:
        return [call]
    return [calls.Call("datastore_search_sql", table, None) for table in g.get("harbin_sql_tables") or []]


def _rows(response: Any) -> list[dict[str, Any]]:
    if tk.request.method not in ("GET", "POST"):
        return []
    user_id = g.get("harbin_access_key_user_id") or (
        tk.current_user.id if tk.current_user.is_authenticated else None)
    if not user_id:
        return []
    return [{"at": dt.datetime.now(dt.timezone.utc).isoformat(), "user_id": user_id,
             "key_id": g.get("harbin_access_key_id"), "kind": call.kind, "resource_id": call.resource_id,
             "package_ref": call.package_ref, "status": response.status_code,
             "bytes": response.content_length or 0} for call in _calls()]


def _queue(rows: list[dict[str, Any]]) -> None:
    try:
        connect_to_redis().rpush(_QUEUE, *[json.dumps(row) for row in rows])
    except Exception as error:  # noqa: BLE001 - whatever Redis raises
        log.warning("Access not logged: %s", error)


def _queue_when_sent(response: Any, rows: list[dict[str, Any]]) -> None:
    """A streamed answer (a table downloaded as CSV/XLSX/JSON/XML, a datastore dump) has no length
    before it is sent: its bytes are counted as they go out and the rows queued once it is closed."""
    sent = [0]

    def counted(chunks: Iterable[bytes]) -> Iterable[bytes]:
        for chunk in chunks:
            sent[0] += len(chunk)
            yield chunk

    response.response = counted(response.iter_encoded())
    response.call_on_close(lambda: _queue([{**row, "bytes": sent[0]} for row in rows]))


def record(response: Any) -> Any:
    """Flask after_request hook: queue the rows of a download or data call. Logging never breaks
    the response: with Redis away it is served and the failure logged."""
    try:
        rows = _rows(response)
    except Exception as error:  # noqa: BLE001 - whatever the lookups raise
        log.warning("Access not logged: %s", error)
        return response
    if rows and response.status_code >= 400:  # a refusal's error page is no data sent
        _queue([{**row, "bytes": 0} for row in rows])
    elif rows and response.content_length is None and response.is_streamed:
        _queue_when_sent(response, rows)
    elif rows:
        _queue(rows)
    return response


def _entries(rows: list[dict[str, Any]]) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(resource id -> (entry id, agency id), entry id or name -> (entry id, agency id))."""
    resource_ids = {row["resource_id"] for row in rows if row.get("resource_id")}
    refs = {row["package_ref"] for row in rows if row.get("package_ref")}
    by_resource: dict[str, tuple[str, str]] = {}
    if resource_ids:
        found = model.Session.query(model.Resource.id, model.Package.id, model.Package.owner_org) \
            .join(model.Package, model.Package.id == model.Resource.package_id) \
            .filter(model.Resource.id.in_(resource_ids)).all()
        by_resource = {res_id: (pkg_id, org) for res_id, pkg_id, org in found}
    by_ref: dict[str, tuple[str, str]] = {}
    if refs:
        found = model.Session.query(model.Package.id, model.Package.name, model.Package.owner_org) \
            .filter(sa.or_(model.Package.id.in_(refs), model.Package.name.in_(refs))).all()
        for pkg_id, name, org in found:
            by_ref[pkg_id] = by_ref[name] = (pkg_id, org)
    return by_resource, by_ref


def _log_rows(rows: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    by_resource, by_ref = _entries(rows)
    for row in rows:
        package_id, organization_id = by_resource.get(row.get("resource_id") or "") \
            or by_ref.get(row.get("package_ref") or "") or (None, None)
        yield {"at": dt.datetime.fromisoformat(row["at"]), "user_id": row["user_id"], "key_id": row.get("key_id"),
               "kind": row["kind"], "resource_id": row.get("resource_id"), "package_id": package_id,
               "organization_id": organization_id, "status": int(row["status"]), "bytes": int(row["bytes"] or 0)}


def flush() -> int:
    """Move the queued rows into the table; returns how many. Taking and emptying the queue is one
    Redis transaction, so rows queued meanwhile wait for the next flush."""
    pipe = connect_to_redis().pipeline(transaction=True)
    pipe.lrange(_QUEUE, 0, -1)
    pipe.delete(_QUEUE)
    queued, _ = pipe.execute()
    rows = [json.loads(item) for item in queued]
    if rows:
        model.Session.execute(sa.insert(AccessLog), list(_log_rows(rows)))
        model.Session.commit()
    return len(rows)


def prune(today: dt.date | None = None) -> int:
    """Delete the rows older than the retention period; returns how many."""
    days = int(tk.config["ckanext.harbin_opendata.access.log_retention_days"])
    cutoff = dt.datetime.combine((today or dt.date.today()) - dt.timedelta(days=days), dt.time(),
                                 tzinfo=dt.timezone.utc)
    deleted = model.Session.query(AccessLog).filter(AccessLog.at < cutoff).delete(synchronize_session=False)
    model.Session.commit()
    return deleted
