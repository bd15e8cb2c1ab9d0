"""Template helpers of harbin_access."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

__all__ = ["harbin_access_state_label"]


def harbin_access_state_label(application: dict[str, Any]) -> str:
    """The application's state in the reader's language; an approved one past its last day is expired."""
    if application.get("state") == "approved" and not application.get("current_grant"):
        return tk._("Grant expired")
    return {"pending": tk._("Awaiting the agency's answer"), "approved": tk._("Approved"),
            "rejected": tk._("Rejected"), "revoked": tk._("Revoked")}.get(application.get("state"), tk._("Unknown"))
