"""Telling people about privacy events: findings go to the agency's editors and the reviewers
(on site and by e-mail, through the review notifications) and into the audit log."""
from __future__ import annotations

from typing import Optional

import ckan.model as model

from ..review import audit, notify
from .model import Scan

__all__ = ["scan_finished", "agency_editors"]


def agency_editors(organization_id: Optional[str]) -> list[model.User]:
    """Active editors and admins of an agency."""
    if not organization_id:
        return []
    return (model.Session.query(model.User)
            .join(model.Member, model.Member.table_id == model.User.id)
            .filter(model.Member.group_id == organization_id, model.Member.table_name == "user",
                    model.Member.state == "active", model.Member.capacity.in_(["editor", "admin"]),
                    model.User.state == "active")
            .all())


def scan_finished(scan: Scan) -> None:
    """Record and announce a scan that found personal data; clean scans are not news."""
    if not scan.personal:
        return
    package = model.Package.get(scan.package_id)
    if package is None:
        return
    columns = [column["header"] for column in scan.personal_columns]
    audit.record("privacy_findings", None, package,
                 details={"resource_id": scan.resource_id, "scan_id": scan.id, "columns": columns})
    notify.notify(agency_editors(package.owner_org) + notify.reviewers(), "privacy_findings", package, None,
                  "、".join(columns))
    model.Session.commit()
