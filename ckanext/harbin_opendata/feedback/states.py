"""States of a feedback request and who moves it where."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

__all__ = ["SUBMITTED", "ACCEPTED", "RESOLVED", "REJECTED", "STATES", "KINDS", "SOURCES",
           "state_label", "kind_label", "event_label"]

SUBMITTED, ACCEPTED, RESOLVED, REJECTED = "submitted", "accepted", "resolved", "rejected"
STATES = [SUBMITTED, ACCEPTED, RESOLVED, REJECTED]
KINDS = ["data_request", "correction"]
# action -> states it may start from (reassign keeps the state)
SOURCES = {
    "accept": {SUBMITTED},
    "resolve": {SUBMITTED, ACCEPTED},
    "reject": {SUBMITTED, ACCEPTED},
    "reassign": {SUBMITTED, ACCEPTED},
}


def state_label(state: str) -> str:
    return {SUBMITTED: tk._("Received"), ACCEPTED: tk._("Being handled"), RESOLVED: tk._("Resolved"),
            REJECTED: tk._("Rejected")}.get(state, state)


def kind_label(kind: str) -> str:
    return {"data_request": tk._("Data request"), "correction": tk._("Correction request")}.get(kind, kind)


def event_label(event: str) -> str:
    return {"filed": tk._("Filed"), "accept": tk._("Accepted"), "resolve": tk._("Resolved"),
            "reject": tk._("Rejected"), "reassign": tk._("Passed to another agency")}.get(event, event)
