"""Template helpers of harbin_privacy."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.vocabulary import DESENSITIZATION, by_value
from .gate import files_with_findings
from .labels import rule_label

__all__ = ["harbin_privacy_rule_label", "harbin_privacy_may_see", "harbin_privacy_findings_warning"]


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


def harbin_privacy_findings_warning(pkg_dict: dict[str, Any]) -> Optional[dict[str, Any]]:
    """For those who see the entry's checks: its files with personal data neither masked nor
    exempted (name, findings), and the entry's desensitization status when it says there is no
    personal data (its label in the reader's language); None when there is nothing to warn of."""
    package = model.Package.get(pkg_dict.get("id") or "")
    if package is None or not harbin_privacy_may_see(package.id):
        return None
    files = files_with_findings(package)
    if not files:
        return None
    term = by_value(DESENSITIZATION, pkg_dict.get("desensitization_status") or "")
    declared_none = term and term.value == "not_required" and (term.en if tk.h.lang().startswith("en") else term.zh)
    return {"files": files, "declared_none": declared_none or ""}
