"""Review states and the transitions between them."""
from __future__ import annotations

from typing import NamedTuple

import ckan.plugins.toolkit as tk

__all__ = ["DRAFT", "SUBMITTED", "PUBLISHED", "RETURNED", "WITHDRAWN", "STATES", "Transition",
           "TRANSITIONS", "state_label", "event_label", "event_labels"]

DRAFT, SUBMITTED, PUBLISHED, RETURNED, WITHDRAWN = "draft", "submitted", "published", "returned", "withdrawn"
STATES = [DRAFT, SUBMITTED, PUBLISHED, RETURNED, WITHDRAWN]


class Transition(NamedTuple):
    sources: frozenset[str]
    target: str


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(frozenset({DRAFT, RETURNED, WITHDRAWN}), SUBMITTED),
    "publish": Transition(frozenset({SUBMITTED}), PUBLISHED),
    "return": Transition(frozenset({SUBMITTED}), RETURNED),
    "withdraw": Transition(frozenset({SUBMITTED, PUBLISHED}), WITHDRAWN),
}


def state_label(state: str) -> str:
    return {
        DRAFT: tk._("Draft"), SUBMITTED: tk._("Awaiting review"), PUBLISHED: tk._("Published"),
        RETURNED: tk._("Returned"), WITHDRAWN: tk._("Withdrawn"),
    }.get(state, state)


def event_label(event: str) -> str:
    return event_labels().get(event, event)


def event_labels() -> dict[str, str]:
    """Every kind of audited event and its label: the workflow's, CKAN's own actions' and the areas'."""
    from .security_audit import event_labels as security_labels

    return _area_labels() | security_labels() | {
        "created": tk._("Entry created"), "updated": tk._("Updated"), "deleted": tk._("Deleted"),
        "submit": tk._("Submitted for review"), "publish": tk._("Published"),
        "return": tk._("Returned"), "withdraw": tk._("Withdrawn"),
        "resubmitted_by_edit": tk._("Catalog fields changed: back to review"),
        "back_at_harvest_source": tk._("Back at its harvest source: to review again"),
        "completed_at_harvest_source": tk._("Completed at its harvest source: to review"),
        "adjustment_opened": tk._("Catalog adjustment opened"),
        "adjustment_completed": tk._("Catalog adjustment completed"),
        "purged": tk._("Purged"),
        "owner_changed": tk._("Moved to another agency"),
        "agency_created": tk._("Agency created"),
        "agency_deleted": tk._("Agency deleted"),
        "agency_purged": tk._("Agency purged"),
        "member_added": tk._("Member added to the agency"),
        "member_removed": tk._("Member removed from the agency"),
        "members_replaced": tk._("Agency members set"),
    }


def _area_labels() -> dict[str, str]:
    import ckan.plugins as p

    from ..common.interfaces import IAuditEvents

    return {name: label for area in p.PluginImplementations(IAuditEvents)
            for name, label in area.audit_event_labels().items()}
