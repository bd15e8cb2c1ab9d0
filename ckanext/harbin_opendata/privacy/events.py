"""The privacy area's entries in the review audit log (through the review area's action)."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins.toolkit as tk

__all__ = ["record_event"]


def record_event(event: str, package_id: str, actor: Optional[str], comment: Optional[str] = None,
                 details: Optional[dict[str, Any]] = None, announce: bool = False) -> None:
    """An event in the review audit log (and, announced, to the agency's editors and the reviewers),
    in the current transaction."""
    tk.get_action("harbin_review_record_event")(
        {"ignore_auth": True, "user": actor or "", "defer_commit": True},
        {"id": package_id, "event": event, "comment": comment, "details": details, "announce": announce})
