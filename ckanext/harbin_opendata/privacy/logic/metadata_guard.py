"""CKAN's saving actions, chained: an entry, its resources (saved through package_update), a view,
an agency or group (its patch goes through its update) or a relationship between entries whose
texts hold personal data is refused with the fields named (privacy/metadata_check.py)."""
from __future__ import annotations

from typing import Any, Callable

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ..metadata_check import agency_errors, entry_errors, relationship_errors, view_errors
from ..text_recheck import mark_saved_group, remember_checked_entry

__all__ = ["package_create", "package_update", "resource_view_create", "resource_view_update",
           "organization_create", "organization_update", "group_create", "group_update",
           "package_relationship_create", "package_relationship_update"]


def _checked(errors_of: Callable[[dict[str, Any]], dict[str, Any]]) -> Callable[..., Any]:
    @tk.chained_action
    def action(original: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
        if isinstance(data_dict, dict) and (errors := errors_of(data_dict)):
            raise tk.ValidationError(errors)
        return original(context, data_dict)
    return action


def _checked_group() -> Callable[..., Any]:
    """An agency's or group's save, checked; its texts then count as checked under the current
    rules (agency_texts.py withholds those of a group not checked since the rules changed)."""
    @tk.chained_action
    def action(original: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
        if isinstance(data_dict, dict) and (errors := agency_errors(data_dict)):
            raise tk.ValidationError(errors)
        saved = original(context, data_dict)
        group_id = saved.get("id") if isinstance(saved, dict) else saved  # return_id_only: the id
        if isinstance(group_id, str) and group_id:
            mark_saved_group(group_id)
            if not context.get("defer_commit"):
                model.repo.commit()
        return saved
    return action


def _checked_entry() -> Callable[..., Any]:
    """An entry's save, checked; the session remembers it (text_recheck.publication_blockers need
    not read the texts again when the save publishes it: a trusted harvest's record)."""
    @tk.chained_action
    def action(original: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
        if isinstance(data_dict, dict) and (errors := entry_errors(data_dict)):
            raise tk.ValidationError(errors)
        if isinstance(data_dict, dict):
            remember_checked_entry(data_dict.get("id"), data_dict.get("name"))
        return original(context, data_dict)
    return action


package_create = _checked_entry()
package_update = _checked_entry()
resource_view_create = _checked(view_errors)
resource_view_update = _checked(view_errors)
organization_create = _checked_group()
organization_update = _checked_group()
group_create = _checked_group()
group_update = _checked_group()
package_relationship_create = _checked(relationship_errors)
package_relationship_update = _checked(relationship_errors)
