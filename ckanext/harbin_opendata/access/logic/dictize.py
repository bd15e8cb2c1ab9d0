"""Applications and agreements as the actions return them."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model

from ..grants import current
from ..model import Agreement, Application

__all__ = ["application_dict", "current_agreement"]


def current_agreement(package_id: str) -> Optional[Agreement]:
    return model.Session.query(Agreement).filter(Agreement.package_id == package_id) \
        .order_by(Agreement.version.desc()).first()


def _name(user_id: Optional[str]) -> Optional[str]:
    user = model.User.get(user_id) if user_id else None
    return user.name if user else None


def application_dict(row: Application) -> dict[str, Any]:
    package = model.Package.get(row.package_id)
    return {
        "id": row.id, "package_id": row.package_id, "package_name": package.name if package else None,
        "package_title": package.title if package else None,
        "user": _name(row.user_id), "state": row.state, "current_grant": current(row), "purpose": row.purpose,
        "scenario": row.scenario, "organization": row.applicant_organization, "credit_code": row.credit_code,
        "contact": row.contact, "wanted_until": row.wanted_until.isoformat(),
        "agreement_version": row.agreement_version, "due_date": row.due_date.isoformat(),
        "created_at": row.created_at.isoformat() if row.created_at else None,
        "decided_at": row.decided_at.isoformat() if row.decided_at else None, "decided_by": _name(row.decided_by),
        "reason": row.reason, "expires_on": row.expires_on.isoformat() if row.expires_on else None,
        "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
    }
