"""Who may have the files of an entry open on conditions (开放类型 有条件开放): its agency (and
sysadmins), the big-data centre's reviewers and holders of a current grant. Everyone sees the
metadata. Fail closed: a catalog entry not marked 无条件开放 counts as conditional."""
from __future__ import annotations

from typing import Iterable, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ..common import roles
from ..common.entry_rows import entry_rows
from ..common.open_types import conditional_by
from . import grants

__all__ = ["is_conditional", "conditional_by", "conditional_ids", "may_have_files", "refusal"]

def is_conditional(package: model.Package) -> bool:
    """Catalog entries (type dataset) not open without conditions."""
    return conditional_by(package.type, (package.extras or {}).get("open_type"))


def conditional_ids(ids: Iterable[str]) -> list[str]:
    """The ids among `ids` of conditional entries (is_conditional), from one light query for the entries'
    type and open type (the extra as `package.extras` reads it) instead of loading every entry; within
    a package_search call, the read its other result checks share (common/entry_rows.py)."""
    rows = entry_rows(package_id for package_id in ids)
    return sorted(package_id for package_id, row in rows.items() if conditional_by(row.type, row.open_type))


def may_have_files(user_name: Optional[str], package: model.Package, conditional: Optional[bool] = None) -> bool:
    """`conditional`: is_conditional(package) when the caller has just read it (None: asked here)."""
    if not (is_conditional(package) if conditional is None else conditional):
        return True
    user = roles.user_object(user_name)
    if user is None or user.state != "active":
        return False
    return roles.can_edit_entry(user, package) or roles.is_reviewer(user) or grants.holds(user.id, package.id)


def refusal(user_name: Optional[str], package: model.Package) -> Optional[str]:
    """None when the user may have the entry's files; else why not, for the user."""
    if may_have_files(user_name, package):
        return None
    if not user_name:
        return tk._("This entry is open on conditions: log in and apply for access to its files.")
    return tk._("This entry is open on conditions: its files are served once its agency has approved "
                "your application.")
