"""Template helpers of harbin_feedback."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

import ckan.model as model

from ..common.request_memo import once_per_request
from .model import FeedbackRequest
from .states import event_label, kind_label, state_label

__all__ = ["harbin_feedback_state_label", "harbin_feedback_kind_label", "harbin_feedback_event_label",
           "harbin_feedback_open_corrections"]


def harbin_feedback_state_label(state: str) -> str:
    return state_label(state)


def harbin_feedback_kind_label(kind: str) -> str:
    return kind_label(kind)


def harbin_feedback_event_label(event: str) -> str:
    return event_label(event)


def harbin_feedback_open_corrections(package_id: str) -> dict[str, Any]:
    """The correction requests about a catalog entry still being handled (the public and the
    platform's own): their number and the nearest due date (counts only; for its public page).
    Counted once per request: page.html renders the entry's action buttons twice (once to see
    whether they are empty)."""
    return dict(once_per_request("open_corrections", package_id, lambda: _open_corrections(package_id)))


def _open_corrections(package_id: str) -> dict[str, Any]:
    count, due = model.Session.query(sa.func.count(FeedbackRequest.id), sa.func.min(FeedbackRequest.due_date)).filter(
        FeedbackRequest.package_id == package_id, FeedbackRequest.kind == "correction",
        FeedbackRequest.closed_at.is_(None)).one()
    return {"count": count, "due": due.isoformat() if due else None}
