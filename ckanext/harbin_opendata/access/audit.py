"""Every step of an application in the entry's audit log (harbin_review's, when it is loaded),
in the caller's transaction; the events' labels (IAuditEvents)."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.types import Context

__all__ = ["record", "event_labels"]


def record(context: Context, package_id: str, event: str, comment: Optional[str] = None,
           details: Optional[dict[str, Any]] = None, announce: bool = False) -> None:
    if not p.plugin_loaded("harbin_review"):
        return
    tk.get_action("harbin_review_record_event")(
        {"user": context.get("user"), "ignore_auth": True, "defer_commit": True},
        {"id": package_id, "event": event, "comment": comment or "", "details": details or {}, "announce": announce})


def event_labels() -> dict[str, str]:
    return {"access_agreement": tk._("Agreement of access written"), "access_applied": tk._("Access applied for"),
            "access_approved": tk._("Access approved"), "access_rejected": tk._("Access application rejected"),
            "access_revoked": tk._("Access revoked")}
