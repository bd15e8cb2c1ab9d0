"""Catalog against data in the assessment (第十三条 准确性、一致性; GB/T 38664.3 一致性): per agency,
the loaded tables of its published entries that the data area's check compared with their declared
数据项, and how many matched. Read from the check's results as the data area keeps them (CKAN's
task_status rows of task type "harbin_data", key "consistency", state "ok" or "mismatch"): the state
at the time of the snapshot, like the metadata indicators."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

import ckan.model as model

__all__ = ["FIGURES", "figures"]

FIGURES = ["tables_checked", "tables_consistent"]


def figures() -> dict[str, dict[str, Any]]:
    """Per agency: tables_checked and tables_consistent (agencies without a checked table left out)."""
    rows = model.Session.execute(sa.text("""
SELECT p.owner_org AS organization_id, count(*) AS tables_checked,
  count(*) FILTER (WHERE ts.state = 'ok') AS tables_consistent
FROM task_status ts
JOIN resource r ON r.id = ts.entity_id AND r.state = 'active'
JOIN package p ON p.id = r.package_id AND p.state = 'active' AND NOT p.private AND p.type = 'dataset'
WHERE ts.task_type = 'harbin_data' AND ts.key = 'consistency' AND p.owner_org IS NOT NULL
GROUP BY p.owner_org"""))
    return {row.organization_id: dict(row._mapping) for row in rows}
