"""The catalog-against-data check after every sync (目录与数据一致): each loaded table of the entry
is compared with its declared 数据项 (consistency.table_mismatches), the result kept per resource
(CKAN's task_status row, task type "harbin_data", key "consistency": state "ok" or "mismatch", the
findings as JSON; the assessment counts them), and, for a published entry, handed to the feedback
area, which opens a correction request (纠错) to the agency for a new mismatch, with its working-day
deadline, and closes the platform's own requests once the table matches again."""
from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.site_language import in_site_language
from .consistency import describe, table_mismatches

__all__ = ["check_entry", "stored_findings", "TASK_TYPE", "TASK_KEY"]

log = logging.getLogger(__name__)
TASK_TYPE, TASK_KEY = "harbin_data", "consistency"


def _row(resource_id: str) -> Optional[model.TaskStatus]:
    return (model.Session.query(model.TaskStatus)
            .filter_by(entity_id=resource_id, task_type=TASK_TYPE, key=TASK_KEY).first())


def _remember(resource_id: str, findings: list[dict[str, str]]) -> None:
    row = _row(resource_id) or model.TaskStatus(entity_id=resource_id, entity_type="resource",
                                                 task_type=TASK_TYPE, key=TASK_KEY)
    row.state = "mismatch" if findings else "ok"
    row.value, row.error, row.last_updated = json.dumps(findings, ensure_ascii=False), "", dt.datetime.utcnow()
    model.Session.add(row)


def _forget(resource_id: str) -> None:
    row = _row(resource_id)
    if row is not None:
        model.Session.delete(row)


def stored_findings(resource_ids: list[str]) -> dict[str, list[dict[str, str]]]:
    """The last check's findings of each resource that has a mismatch (one query)."""
    if not resource_ids:
        return {}
    rows = model.Session.query(model.TaskStatus).filter(
        model.TaskStatus.entity_id.in_(resource_ids), model.TaskStatus.task_type == TASK_TYPE,
        model.TaskStatus.key == TASK_KEY, model.TaskStatus.state == "mismatch")
    return {row.entity_id: json.loads(row.value or "[]") for row in rows}


def _report(resource_id: str, findings: list[dict[str, str]]) -> None:
    """Hand the result to the feedback area (not there: nothing to open)."""
    try:
        action = tk.get_action("harbin_feedback_data_check")
    except KeyError:
        return
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    action({"ignore_auth": True, "user": site_user},
           {"resource_id": resource_id, "findings": findings, "texts": [describe(found) for found in findings]})


def check_entry(package_id: str) -> dict[str, list[dict[str, str]]]:
    """Check every loaded table of the entry as committed now; returns the findings per checked
    resource id. Commits."""
    package = model.Package.get(package_id)
    checked: dict[str, list[dict[str, str]]] = {}
    if package is None:
        return checked
    items = []
    if package.state == "active":
        pkg_dict = tk.get_action("package_show")({"ignore_auth": True, "user": "", "use_cache": False},
                                                 {"id": package_id})
        items = pkg_dict.get("data_items") or []
    published = package.state == "active" and not package.private
    for resource in package.resources_all:
        if resource.state != "active" or not resource.extras.get("datastore_active") or not items:
            _forget(resource.id)
            continue
        try:
            checked[resource.id] = table_mismatches(items, resource.id)
        except tk.ObjectNotFound:  # dropped since the entry was read
            _forget(resource.id)
            continue
        _remember(resource.id, checked[resource.id])
    model.Session.commit()
    for resource_id, findings in checked.items() if published else ():
        try:
            with in_site_language():
                _report(resource_id, findings)
        except Exception:  # noqa: BLE001 - the tables are loaded; the next sync reports again
            model.Session.rollback()
            log.exception("Could not report the consistency check of resource %s", resource_id)
    return checked
