"""Why a resource's table could not be loaded, kept for its agency (CKAN's task_status row of the
resource, task type "harbin_data", as xloader keeps its own): the failure's code ("unreadable:csv",
"changed", "database:…"), said in the reader's language on the resource page to those who may edit
the entry. A later successful load (or a dropped table) clears it."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.file_messages import file_message
from .task_rows import task_row, task_rows

__all__ = ["record_failure", "clear_failure", "failure_of", "failure_message"]

_KEY = "load"


def _row(resource_id: str) -> Optional[model.TaskStatus]:
    return next(iter(task_rows(_KEY, [resource_id])), None)


def record_failure(resource_id: str, code: str) -> None:
    """Keep (and commit) why the load of the resource's table failed."""
    row = task_row(_KEY, resource_id)
    row.value, row.state, row.error, row.last_updated = code[:1000], "error", code[:1000], dt.datetime.utcnow()
    model.Session.add(row)
    model.Session.commit()


def clear_failure(resource_id: str) -> None:
    row = _row(resource_id)
    if row is not None:
        model.Session.delete(row)
        model.Session.commit()


def failure_message(code: str) -> str:
    """The failure as a sentence in the reader's language."""
    name, _, detail = code.partition(":")
    if name == "changed":
        return tk._("The file is no longer the table its personal-data check read: it is checked again before it is loaded.")
    if name == "no_table":
        return tk._("No table was found in the file.")
    if name == "database":
        return tk._("The database refused the rows: {detail}").format(detail=detail)
    return file_message(code)


def failure_of(resource_id: str) -> Optional[dict[str, Any]]:
    """The last load failure of the resource ("message", "time"), or None."""
    row = _row(resource_id)
    if row is None or row.state != "error":
        return None
    return {"code": row.error, "message": failure_message(row.error or ""), "time": row.last_updated}
