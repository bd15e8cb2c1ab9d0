"""Template helpers of harbin_privacy."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from .labels import rule_label

__all__ = ["harbin_privacy_rule_label", "harbin_privacy_may_see"]


def harbin_privacy_rule_label(rule: str) -> str:
    return rule_label(rule)


def harbin_privacy_may_see(package_id: str) -> bool:
    """Whether the current user sees the entry's personal-data checks (its agency, reviewers)."""
    if not tk.current_user.is_authenticated:
        return False
    try:
        tk.check_access("harbin_privacy_status", {"user": tk.current_user.name}, {"id": package_id})
        return True
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
