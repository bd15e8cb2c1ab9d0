"""Template helpers of harbin_review."""
from __future__ import annotations

import json
from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common import roles
from ..common.data_items import unconfirmed_items
from ..common.file_messages import file_message
from ..common.request_memo import once_per_request, remember
from . import audit, notify
from .model import ReviewEntry
from .states import RETURNED, event_label, state_label

__all__ = ["harbin_review_state", "harbin_review_read_states", "harbin_review_state_label", "harbin_review_is_reviewer",
           "harbin_review_unread", "harbin_review_event_label", "harbin_review_entry_title",
           "harbin_review_adjustment_status_label", "harbin_review_audit_details", "harbin_review_return",
           "harbin_review_unconfirmed_items", "harbin_review_notice", "harbin_review_changes_since_decision"]


_STATES = "review_states"  # request memo: entry id → its review state (None: no review entry)


def harbin_review_state(package_id: str) -> Optional[str]:
    return once_per_request(_STATES, package_id, lambda: _stored_state(package_id))


def harbin_review_read_states(packages: Any) -> None:
    """Before a list of entries is drawn (snippets/package_list.html): the review states of its
    private entries, the ones that show a state badge, read in one statement instead of one per
    entry (a reviewer's search page of 20 pending entries sent 20); harbin_review_state answers
    from them for the rest of the request."""
    ids = sorted({package["id"] for package in packages or () if isinstance(package, dict)
                  and package.get("private") and isinstance(package.get("id"), str)})
    if not ids:
        return
    states: dict[Any, Optional[str]] = dict.fromkeys(ids)
    states.update(model.Session.query(ReviewEntry.package_id, ReviewEntry.state)
                  .filter(ReviewEntry.package_id.in_(ids)).all())
    remember(_STATES, states)


def _stored_state(package_id: str) -> Optional[str]:
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


def harbin_review_audit_details(details: Optional[dict[str, Any]]) -> list[tuple[str, str]]:
    """An event's details as lines to read on the page (key, value): lists joined with 、, nested
    values as compact JSON, empty values left out. The CSV export keeps the JSON (audit.details_text)."""
    def text(value: Any) -> str:
        if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
            return "、".join(str(item) for item in value)
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return [(key, text(value)) for key, value in sorted((details or {}).items()) if value not in (None, "", [], {})]


def harbin_review_unconfirmed_items(items: Any) -> list[str]:
    """Names of the data items still marked 待确认 (drafted, for the agency to confirm)."""
    return unconfirmed_items(items)


def harbin_review_notice(event: str, comment: Optional[str]) -> tuple[str, str]:
    """A notification's label and line in the reader's language. A privacy finding is one of two
    cases: personal data found (the comment names the columns) or a file that could not be checked
    (the comment is a stored code such as blocked_host:0x7f000001, said as a sentence)."""
    if event == "privacy_findings" and comment and file_message(comment) != comment:
        return tk._("A file could not be checked for personal data"), file_message(comment)
    if event == "privacy_findings":
        return tk._("Personal data found in a resource"), tk._("Columns: {columns}").format(columns=comment) if comment else ""
    return event_label(event), comment or ""


def harbin_review_changes_since_decision(events: list[dict[str, Any]]) -> dict[str, Any]:
    """What the reviewer has not seen yet: the last decision on the entry (published or returned,
    None before the first) and the fields changed by the events after it, in the order first changed."""
    decided = [n for n, event in enumerate(events) if event.get("event") in ("publish", "return")]
    after = events[decided[-1] + 1:] if decided else events
    fields: list[str] = []
    for event in after:
        for field in (event.get("details") or {}).get("fields") or []:
            if field not in fields:
                fields.append(field)
    return {"decision": events[decided[-1]] if decided else None, "fields": fields}
