"""Template helpers of harbin_feedback."""
from __future__ import annotations

from .states import event_label, kind_label, state_label

__all__ = ["harbin_feedback_state_label", "harbin_feedback_kind_label", "harbin_feedback_event_label"]


def harbin_feedback_state_label(state: str) -> str:
    return state_label(state)


def harbin_feedback_kind_label(kind: str) -> str:
    return kind_label(kind)


def harbin_feedback_event_label(event: str) -> str:
    return event_label(event)
