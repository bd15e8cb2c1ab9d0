"""Events other areas record in the audit log, through the action harbin_review_record_event:
the privacy area's findings, masking, exemptions and confirmations. Announced events go to the
entry's agency editors and the reviewers, on site and by e-mail."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model

from ..common import roles
from . import audit, notify
from .model import ReviewEntry
from .workflow import reviewed_values

__all__ = ["record_event", "agency_editors"]

# System changes of a reviewed field that count as reviewed (the field follows the facts).
_ACCEPTED_CHANGES = {"privacy_desensitized": "desensitization_status",
                     "privacy_desensitization_withdrawn": "desensitization_status"}


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


def _accept(event: str, package: model.Package) -> None:
    field = _ACCEPTED_CHANGES.get(event)
    entry = model.Session.get(ReviewEntry, package.id)
    if field and entry is not None and entry.reviewed_fields is not None:
        entry.reviewed_fields = dict(entry.reviewed_fields, **{field: reviewed_values(package)[field]})


def record_event(package: model.Package, event: str, actor_name: Optional[str], comment: Optional[str],
                 details: Optional[dict[str, Any]], announce: bool) -> None:
    """Record (and announce) one event of an entry in the current transaction."""
    actor = roles.user_object(actor_name)
    audit.record(event, actor, package, comment=comment, details=details)
    _accept(event, package)
    if announce:
        notify.notify(agency_editors(package.owner_org) + notify.reviewers(), event, package, actor, comment)
