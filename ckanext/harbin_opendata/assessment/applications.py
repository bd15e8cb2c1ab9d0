"""Conditional access in the assessment (第十六条 统计, 第十八条 评估): per agency, the applications for
its 有条件开放 entries filed within the usage window — handled, handled within their working-day
deadline (access.review_workdays, the due date fixed when filed), overdue, refused, granted — and the
median days from filing to decision; the refusals with their reasons for the agency and reviewers.
Read from harbin_access's table when that plugin's tables exist (one statement each)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

import ckan.model as model

from .model import table_exists

__all__ = ["TABLE", "FIGURES", "ACCESS_COUNTS", "NO_ACCESS_COUNTS", "available", "logged", "figures", "refusals"]

TABLE = "harbin_access_application"
# Per entry, its successful logged accesses in the window (the `al` part of compute.py's statement).
ACCESS_COUNTS = """
  SELECT package_id, count(*) FILTER (WHERE kind = 'download') AS downloads,
         count(*) FILTER (WHERE kind <> 'download') AS api_calls
  FROM harbin_access_log WHERE status < 400 AND at::date > :since AND at::date <= :as_of GROUP BY package_id"""
NO_ACCESS_COUNTS = "SELECT NULL::text AS package_id, 0 AS downloads, 0 AS api_calls WHERE false"
FIGURES = ["applications", "applications_handled", "applications_on_time", "applications_overdue",
           "applications_refused", "grants"]


def available() -> bool:
    return table_exists(TABLE)


def logged() -> bool:
    return table_exists("harbin_access_log")


def figures(params: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per agency: the FIGURES and `median_days` (None when nothing was decided)."""
    rows = model.Session.execute(sa.text(f"""
SELECT organization_id, count(*) AS applications,
  count(*) FILTER (WHERE decided_at IS NOT NULL) AS applications_handled,
  count(*) FILTER (WHERE decided_at IS NOT NULL AND decided_at::date <= due_date) AS applications_on_time,
  count(*) FILTER (WHERE decided_at IS NULL AND state = 'pending' AND due_date < :as_of) AS applications_overdue,
  count(*) FILTER (WHERE state = 'rejected') AS applications_refused,
  count(*) FILTER (WHERE state IN ('approved', 'revoked')) AS grants,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at) / 86400)
    FILTER (WHERE decided_at IS NOT NULL) AS median_days
FROM {TABLE}
WHERE organization_id IS NOT NULL AND created_at::date > :since AND created_at::date <= :as_of
GROUP BY organization_id"""), params)
    return {row.organization_id: dict(row._mapping) for row in rows}


def refusals(organization_id: str, since: dt.date, as_of: dt.date, limit: int = 200) -> list[dict[str, Any]]:
    """The agency's refused applications filed in the window, newest decision first: the entry, the
    day of the decision and the reason given (never who applied)."""
    if not available():
        return []
    rows = model.Session.execute(sa.text(f"""
SELECT a.decided_at::date AS day, a.reason, p.name, p.title FROM {TABLE} a LEFT JOIN package p ON p.id = a.package_id
WHERE a.organization_id = :org AND a.state = 'rejected' AND a.created_at::date > :since AND a.created_at::date <= :as_of
ORDER BY a.decided_at DESC NULLS LAST LIMIT :limit"""), {"org": organization_id, "since": since, "as_of": as_of,
                                                         "limit": limit})
    return [{"date": row.day.isoformat() if row.day else None, "reason": row.reason or "", "name": row.name,
             "title": row.title} for row in rows]
