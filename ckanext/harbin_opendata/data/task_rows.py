"""The data area's records per resource in CKAN's task_status table (task type "harbin_data", as
xloader keeps its own): key "load" for why a load failed (failures.py), key "consistency" for the
last catalog-against-data check (consistency_check.py)."""
from __future__ import annotations

from typing import Optional

import ckan.model as model

__all__ = ["TASK_TYPE", "task_rows", "task_row"]

TASK_TYPE = "harbin_data"


def task_rows(key: str, resource_ids: list[str], state: Optional[str] = None) -> list[model.TaskStatus]:
    """The rows of `key` of these resources (of one state, when given), in one query."""
    if not resource_ids:
        return []
    query = model.Session.query(model.TaskStatus).filter(
        model.TaskStatus.entity_id.in_(resource_ids), model.TaskStatus.task_type == TASK_TYPE,
        model.TaskStatus.key == key)
    return query.filter(model.TaskStatus.state == state).all() if state else query.all()


def task_row(key: str, resource_id: str) -> model.TaskStatus:
    """The resource's row of `key`, a new one (not yet added to the session) when it has none."""
    return next(iter(task_rows(key, [resource_id])), None) or model.TaskStatus(
        entity_id=resource_id, entity_type="resource", task_type=TASK_TYPE, key=key)
