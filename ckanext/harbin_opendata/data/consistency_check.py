"""The catalog-against-data check (目录与数据一致): after every sync, and after an edit of the entry's
数据项, each loaded table of the entry is compared with the declared items
(consistency.table_mismatches). The result is kept per resource (CKAN's task_status row, task type
"harbin_data", key "consistency": state "ok" or "mismatch", the items it was checked against and the
findings; the assessment counts them) and, for a published entry, handed to the feedback area: a
structural finding (item without column, undeclared column, other type) no open request covers
opens a correction request (纠错) to the agency with its working-day deadline; a table that matches
again closes the platform's open requests, and so does a file or entry no longer public. A column
without values this time ("empty") is shown to the reviewer but opens nothing: optional items are
empty in some periods. One check of an entry at a time (two data workers take turns)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from typing import Any, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.site_language import in_site_language
from .consistency import describe, table_mismatches
from .task_rows import TASK_TYPE, task_row, task_rows

__all__ = ["check_entry", "stored_findings", "items_changed", "TASK_TYPE", "TASK_KEY", "STRUCTURAL"]

log = logging.getLogger(__name__)
TASK_KEY = "consistency"
STRUCTURAL = frozenset({"missing", "extra", "type"})


def _items_hash(items: list[dict[str, Any]]) -> str:
    declared = [{key: item.get(key) for key in ("name", "type")} for item in items]
    return hashlib.sha1(json.dumps(declared, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _rows(resource_ids: list[str], state: Optional[str] = None) -> list[model.TaskStatus]:
    return task_rows(TASK_KEY, resource_ids, state)


def _kept(row: model.TaskStatus) -> dict[str, Any]:
    """The row's {"items", "findings"}; {} for a value of another shape (a bare list of findings,
    as an early version kept): its items count as changed, so the next check replaces it."""
    try:
        value = json.loads(row.value or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _remember(resource_id: str, items: str, findings: list[dict[str, str]]) -> None:
    row = task_row(TASK_KEY, resource_id)
    row.state = "mismatch" if findings else "ok"
    row.value = json.dumps({"items": items, "findings": findings}, ensure_ascii=False)
    row.error, row.last_updated = "", dt.datetime.utcnow()
    model.Session.add(row)


def _forget(resource_id: str) -> None:
    for row in _rows([resource_id]):
        model.Session.delete(row)


def stored_findings(resource_ids: list[str]) -> dict[str, list[dict[str, str]]]:
    """The last check's findings of each resource that has a mismatch (one query)."""
    return {row.entity_id: _kept(row).get("findings", []) for row in _rows(resource_ids, "mismatch")}


def items_changed(package_id: str, items: Any) -> bool:
    """Whether a loaded table of the entry was last checked against other data items (`items` as
    an update hands them: a list, or its JSON text)."""
    if isinstance(items, str):
        try:
            items = json.loads(items or "[]")
        except ValueError:
            return True
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        return True
    resource_ids = [r for (r,) in model.Session.query(model.Resource.id).filter(
        model.Resource.package_id == package_id, model.Resource.state == "active")]
    wanted = _items_hash(items)
    return any(_kept(row).get("items") != wanted for row in _rows(resource_ids))


def _report(resource_id: str, findings: Optional[list[dict[str, str]]], site_user: str) -> None:
    """Hand one file's result to the feedback area (None: the file is no longer public or has no
    table); inside the caller's transaction."""
    data: dict[str, Any] = {"resource_id": resource_id}
    if findings is None:
        data["gone"] = True
    else:
        data.update(findings=findings, texts=[describe(found) for found in findings])
    savepoint = model.Session.begin_nested()
    try:
        tk.get_action("harbin_feedback_data_check")({"ignore_auth": True, "user": site_user, "defer_commit": True}, data)
        savepoint.commit()
    except Exception:  # noqa: BLE001 - the check's result is kept; the next check reports again
        savepoint.rollback()
        log.exception("Could not report the consistency check of resource %s", resource_id)


def check_entry(package_id: str) -> dict[str, list[dict[str, str]]]:
    """Check every loaded table of the entry as committed now; returns the structural findings per
    checked resource id. Commits."""
    model.Session.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"harbin_data_check:{package_id}"})
    package = model.Package.get(package_id)
    checked: dict[str, list[dict[str, str]]] = {}
    if package is None:
        model.Session.commit()
        return checked
    items: list[dict[str, Any]] = []
    if package.state == "active":
        pkg_dict = tk.get_action("package_show")({"ignore_auth": True, "user": "", "use_cache": False},
                                                 {"id": package_id})
        items = pkg_dict.get("data_items") or []
    for resource in package.resources_all:
        if resource.state != "active" or not resource.extras.get("datastore_active") or not items:
            _forget(resource.id)
            continue
        try:
            found = table_mismatches(items, resource.id)
        except tk.ObjectNotFound:  # dropped since the entry was read
            _forget(resource.id)
            continue
        checked[resource.id] = [finding for finding in found if finding["kind"] in STRUCTURAL]
        _remember(resource.id, _items_hash(items), checked[resource.id])
    published = package.state == "active" and not package.private
    try:
        reporting = tk.get_action("harbin_feedback_data_check") is not None
    except KeyError:  # no feedback area: nothing to open or close
        reporting = False
    if reporting:
        site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
        with in_site_language():
            for resource in package.resources_all:
                _report(resource.id, checked.get(resource.id) if published else None, site_user)
    model.Session.commit()
    return checked
