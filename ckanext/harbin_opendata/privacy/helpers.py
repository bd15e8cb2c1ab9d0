"""Template helpers of harbin_privacy."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common.vocabulary import DESENSITIZATION, by_value
from .gate import files_with_findings
from .labels import kind_label, rule_label

__all__ = ["harbin_privacy_rule_label", "harbin_privacy_may_see", "harbin_privacy_findings_warning",
           "harbin_privacy_withheld_agencies", "harbin_privacy_checked_link"]


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


def harbin_privacy_withheld_agencies() -> list[dict[str, Any]]:
    """For reviewers' review page: the agencies and groups whose texts the public does not see
    (agency_texts.py), each with the fields and kinds found, or why it is not known clean."""
    from ..common import roles
    from .agency_texts import withheld_groups
    from .model import TEXT_RULES

    user = roles.user_object(tk.current_user.name) if tk.current_user.is_authenticated else None
    if user is None or not (roles.is_reviewer(user) or user.sysadmin):
        return []
    shown = []
    for group, mark in withheld_groups():
        reason = tk._("Never checked") if mark is None else tk._("Could not be checked") if mark.findings is None \
            else tk._("Checked under older rules") if mark.rules < TEXT_RULES else ""
        fields = [{"field": finding["field"], "kinds": tk._(", ").join(kind_label(kind) for kind in finding["kinds"])}
                  for finding in (mark.findings or [] if mark is not None else [])]
        shown.append({"name": group.name, "title": group.display_name, "is_organization": group.is_organization,
                      "reason": reason, "fields": fields})
    return shown


def harbin_privacy_checked_link(res: Any, pkg: Any) -> Any:
    """A linked file as the page offers it: its address is the portal's download, which serves the
    copy its scan read (common/link_copies.py), not the agency's server; other resources unchanged.
    An API endpoint (a service, not a file) keeps its address."""
    if not isinstance(res, dict) or res.get("url_type") == "upload" or not res.get("url") or not res.get("id"):
        return res
    if (res.get("format") or "").strip().upper() == "API" or res.get("resource_type") == "api":
        return res
    package_id = (pkg or {}).get("name") or (pkg or {}).get("id") or res.get("package_id")
    route = tk.h.url_for("resource.download", id=package_id, resource_id=res["id"], qualified=True)
    return dict(res, url=route)
