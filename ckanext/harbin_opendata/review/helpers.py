"""Template helpers of harbin_review."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common import roles
from . import audit, notify
from .model import ReviewEntry
from .states import RETURNED, event_label, state_label

__all__ = ["harbin_review_state", "harbin_review_state_label", "harbin_review_is_reviewer",
           "harbin_review_unread", "harbin_review_event_label", "harbin_review_entry_title",
           "harbin_review_adjustment_status_label", "harbin_review_audit_details", "harbin_review_return"]


def harbin_review_state(package_id: str) -> Optional[str]:
    entry = model.Session.get(ReviewEntry, package_id)
    return entry.state if entry else None


def harbin_review_return(package_id: str) -> Optional[dict[str, Any]]:
    """Why a returned entry was returned: "comment", "by" (the reviewer's display name) and "at";
    None unless the entry is returned. Templates show it only to those who may see its review."""
    entry = model.Session.get(ReviewEntry, package_id)
    if entry is None or entry.state != RETURNED:
        return None
    reviewer = model.User.get(entry.reviewed_by) if entry.reviewed_by else None
    return {"comment": entry.comment or "", "by": reviewer.display_name if reviewer else "",
            "at": entry.reviewed_at.isoformat() if entry.reviewed_at else None}


def harbin_review_state_label(state: Optional[str]) -> str:
    return state_label(state) if state else ""


def harbin_review_is_reviewer() -> bool:
    return roles.is_reviewer(roles.user_object(getattr(tk.current_user, "name", None)))


def harbin_review_unread() -> int:
    user: Any = tk.current_user
    return notify.unread_count(user.id) if user and getattr(user, "id", None) else 0


def harbin_review_event_label(event: str) -> str:
    return event_label(event)


def harbin_review_entry_title(package_id: Optional[str]) -> str:
    package = model.Package.get(package_id) if package_id else None
    return package.title if package else (package_id or "")


def harbin_review_adjustment_status_label(status: str) -> str:
    return {"open": tk._("Open"), "overdue": tk._("Overdue"), "done": tk._("Done"),
            "late": tk._("Done late")}.get(status, status)


def harbin_review_audit_details(details: Optional[dict[str, Any]]) -> str:
    """An event's details as the CSV export writes them."""
    return audit.details_text(details)
