"""An agency's or group's texts kept from the public while they are not known clean (fail closed):
their last re-check (text_recheck.py) found personal data, could not read them, or ran under older
rules than the portal's (TEXT_RULES), or they were never checked (a group written straight into
the database). Its name, title and public contact stay (the page and its entries still need a
name); its description and other texts are shown empty to whoever is neither its member nor a
reviewer or sysadmin; a failing title is replaced by its name. Saved through the metadata check, a
group is checked (metadata_guard.py).

The marks of agencies and groups are few and change only when a re-check or a save writes them:
each process reads them all in one statement and keeps them for up to MARKS_SECONDS (a page, a
package_show or a search reads no mark row of its own: one statement per entry shown had cost
issue 20's comparison). A commit writing a mark forgets them in its own process at once; other
processes see a newly withheld agency within MARKS_SECONDS. Unknown to the kept marks is withheld:
a group created in another process meanwhile shows its texts only after the marks are read again."""
from __future__ import annotations

import time
from typing import Any, Iterable, Optional

import ckan.authz as authz
import ckan.model as model

from ..common import roles
from .model import TEXT_RULES, TextCheck

__all__ = ["withheld", "strip_group", "strip_groups_of_entries", "withheld_groups", "forget_marks", "KEPT",
           "MARKS_SECONDS"]

MARKS_SECONDS = 10.0
_marks: Optional[tuple[float, dict[str, set[str]]]] = None  # (read at, group id → fields that failed)


def forget_marks() -> None:
    """The next read of the marks goes to the database (a commit wrote one)."""
    global _marks
    _marks = None


def _current_marks() -> dict[str, set[str]]:
    """The agencies and groups checked under the current rules and readable, each with the
    top-level fields whose texts failed (empty: clean)."""
    global _marks
    kept = _marks
    if kept is not None and time.monotonic() - kept[0] < MARKS_SECONDS:
        return kept[1]
    rows = model.Session.query(TextCheck.object_id, TextCheck.findings).filter(
        TextCheck.object_type != "entry", TextCheck.rules >= TEXT_RULES, TextCheck.findings.isnot(None))
    marks = {object_id: {finding["field"].split(".")[0].split("[")[0] for finding in findings}
             for object_id, findings in rows}
    _marks = (time.monotonic(), marks)
    return marks

# What the portal writes itself, and the public contact (published by design, metadata_check.py)
KEPT = frozenset({"id", "name", "title", "display_name", "type", "state", "is_organization", "approval_status",
                  "created", "image_url", "image_display_url", "package_count", "num_followers", "contact_phone",
                  "contact_email", "revision_id", "member_count", "users", "packages", "groups", "tags"})


def withheld(group_ids: Iterable[str]) -> dict[str, set[str]]:
    """The groups whose texts are withheld, each with the top-level fields that failed (empty: not
    known clean as a whole)."""
    ids = [group_id for group_id in dict.fromkeys(group_ids) if group_id]
    if not ids:
        return {}
    marks = _current_marks()
    return {group_id: marks.get(group_id, set()) for group_id in ids if marks.get(group_id) != set()}


def _sees_all(user_name: Optional[str], group_id: str) -> bool:
    user = roles.user_object(user_name)
    return user is not None and (roles.is_reviewer(user) or authz.is_sysadmin(user.name) or
                                 authz.has_user_permission_for_group_or_org(group_id, user.name, "read"))


def _blank(group: dict[str, Any], failed: set[str]) -> None:
    for key, value in list(group.items()):
        if isinstance(value, str) and key not in KEPT:
            group[key] = ""
    if isinstance(group.get("extras"), list):
        group["extras"] = [dict(extra, value="") if isinstance(extra, dict) and extra.get("key") not in KEPT else extra
                           for extra in group["extras"]]
    if "title" in failed:
        group["title"] = group["display_name"] = group.get("name") or ""


def strip_group(group: Any, user_name: Optional[str], found: Optional[dict[str, set[str]]] = None) -> None:
    """Empty a shown group's withheld texts for this viewer (in place)."""
    if not isinstance(group, dict) or not isinstance(group.get("id"), str):
        return
    found = withheld([group["id"]]) if found is None else found
    if group["id"] in found and not _sees_all(user_name, group["id"]):
        _blank(group, found[group["id"]])


def strip_groups_of_entries(pkg_dicts: Iterable[Any], user_name: Optional[str]) -> None:
    """The agency and groups entries' dicts carry (package_show, search results), in one query."""
    groups = [group for pkg_dict in pkg_dicts if isinstance(pkg_dict, dict)
              for group in [pkg_dict.get("organization"), *(pkg_dict.get("groups") or [])]
              if isinstance(group, dict) and isinstance(group.get("id"), str)]
    found = withheld(group["id"] for group in groups)
    for group in groups if found else []:
        strip_group(group, user_name, found)


def withheld_groups() -> list[tuple[model.Group, Optional[TextCheck]]]:
    """Every active agency and group whose texts are withheld, with its last re-check (None: never
    checked), for the review page."""
    groups = model.Session.query(model.Group).filter(model.Group.state == "active").order_by(model.Group.name).all()
    found = withheld(group.id for group in groups)
    marks = {mark.object_id: mark for mark in
             model.Session.query(TextCheck).filter(TextCheck.object_id.in_(list(found)))} if found else {}
    return [(group, marks.get(group.id)) for group in groups if group.id in found]
