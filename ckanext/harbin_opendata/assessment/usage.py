"""Download and API-call logging (第十六条: record and count use). CKAN's tracking plugin counts page
views and clicked links; downloads through other clients and API calls it does not see. Each such
request increments a Redis counter (no database write per request); `ckan harbin assess` moves the
counters into harbin_assessment_usage before computing.

Counts feed the assessment scores, so they must not be inflated: a download counts only as a GET
(a HEAD transfers nothing), an API call as a GET or POST; one visitor (the user, else the address
and browser) counts once per file or entry within assessment.usage_window_minutes; clients whose
User-Agent names a crawler (assessment.usage_ignored_agents) are not counted."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from typing import Any

from sqlalchemy.dialects.postgresql import insert

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis

from .model import Usage

__all__ = ["track", "record", "flush"]

log = logging.getLogger(__name__)
_PREFIX = "harbin_opendata:assessment:usage:"
_SEEN = "harbin_opendata:assessment:seen:"  # not under _PREFIX: flush() reads every key there
_DOWNLOAD = re.compile(r"^(?:/[A-Za-z_]{2,8})?/dataset/[^/]+/resource/([0-9a-f-]{36})/download(?:/|$)")
_API = re.compile(r"^/api/(?:\d/)?action/(package_show|resource_show|datastore_search|datastore_search_sql)$")
_API_KEYS = ("id", "resource_id")


def record(kind: str, ref: str, day: dt.date | None = None) -> None:
    key = f"{_PREFIX}{(day or dt.date.today()).isoformat()}"
    conn = connect_to_redis()
    conn.hincrby(key, f"{kind}|{ref}", 1)
    conn.expire(key, 90 * 86400)  # flushed long before; never kept forever if nobody assesses


def _visitor() -> str:
    user = getattr(tk.current_user, "id", "") if tk.current_user else ""
    if user:
        return f"user:{user}"
    seen = f"{tk.request.remote_addr}|{tk.request.user_agent.string}"
    return "anon:" + hashlib.sha256(seen.encode()).hexdigest()[:32]


def _is_crawler() -> bool:
    agent = tk.request.user_agent.string.lower()
    return any(word.lower() in agent for word in tk.config["ckanext.harbin_opendata.assessment.usage_ignored_agents"])


def _first_in_window(kind: str, ref: str) -> bool:
    """Whether this visitor has not been counted for this file or entry within the window."""
    window = int(tk.config["ckanext.harbin_opendata.assessment.usage_window_minutes"]) * 60
    if window <= 0:
        return True
    digest = hashlib.sha256(f"{kind}|{ref}|{_visitor()}".encode()).hexdigest()[:40]
    return bool(connect_to_redis().set(_SEEN + digest, 1, nx=True, ex=window))


def _count_once(kind: str, ref: str) -> None:
    if _first_in_window(kind, ref):
        record(kind, ref)


def track(response: Any) -> Any:
    """Flask after_request hook: count a successful download or dataset API call. Counting never
    breaks the response: with Redis away the request is served and not counted."""
    if response.status_code >= 400:
        return response
    try:
        _count()
    except Exception as error:  # noqa: BLE001 - whatever Redis raises
        log.warning("Usage not counted: %s", error)
    return response


def _count() -> None:
    method, path = tk.request.method, tk.request.path
    if method not in ("GET", "POST") or _is_crawler():
        return
    download = _DOWNLOAD.match(path)
    if download:
        if method == "GET":
            _count_once("download", download.group(1))
    elif _API.match(path):
        ref = next((tk.request.args.get(k) for k in _API_KEYS if tk.request.args.get(k)), None)
        if ref is None and tk.request.is_json:
            body = tk.request.get_json(silent=True) or {}
            ref = next((str(body[k]) for k in _API_KEYS if body.get(k)), None)
        if ref:
            _count_once("api", ref[:200])


def flush() -> int:
    """Move every day's counters from Redis into the table (adding to what is there); returns the
    number of counters moved. Renaming first keeps requests counted while this runs."""
    conn = connect_to_redis()
    rows: dict[tuple[dt.date, str, str], int] = {}
    for key in conn.scan_iter(match=f"{_PREFIX}*"):
        key = key.decode() if isinstance(key, bytes) else key
        if key.endswith(":flushing"):
            continue
        moving = f"{key}:flushing"
        conn.rename(key, moving)
        day = dt.date.fromisoformat(key[len(_PREFIX):])
        for field, count in conn.hgetall(moving).items():
            field = field.decode() if isinstance(field, bytes) else field
            kind, _, ref = field.partition("|")
            rows[(day, kind, ref)] = rows.get((day, kind, ref), 0) + int(count)
        conn.delete(moving)
    if rows:
        statement = insert(Usage.__table__).values(
            [{"day": day, "kind": kind, "ref": ref, "count": count} for (day, kind, ref), count in rows.items()])
        model.Session.execute(statement.on_conflict_do_update(
            index_elements=["day", "kind", "ref"], set_={"count": Usage.__table__.c.count + statement.excluded.count}))
        model.Session.commit()
    return len(rows)
