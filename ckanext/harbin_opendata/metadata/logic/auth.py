"""Auth functions of the data-item actions: whoever may edit the entry (or, for an entry not created
yet, may create entries) may draft or import its data items."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

__all__ = ["harbin_metadata_draft_items", "harbin_metadata_import_items"]


def _may_edit(context: Context, data_dict: DataDict) -> AuthResult:
    entry = data_dict.get("id")
    action, given = ("package_update", {"id": entry}) if entry else ("package_create", {})
    try:
        tk.check_access(action, {"user": context.get("user")}, given)
    except tk.NotAuthorized:
        return {"success": False, "msg": tk._("Only editors of the entry's agency can change its data items.")}
    return {"success": True}


def harbin_metadata_draft_items(context: Context, data_dict: DataDict) -> AuthResult:
    return _may_edit(context, data_dict)


def harbin_metadata_import_items(context: Context, data_dict: DataDict) -> AuthResult:
    return _may_edit(context, data_dict)
