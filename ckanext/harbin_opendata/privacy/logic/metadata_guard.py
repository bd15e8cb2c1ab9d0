"""CKAN's saving actions, chained: an entry, its resources (saved through package_update), a view,
an agency or group (its patch goes through its update) or a relationship between entries whose
texts hold personal data is refused with the fields named (privacy/metadata_check.py)."""
from __future__ import annotations

from typing import Any, Callable

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ..metadata_check import agency_errors, entry_errors, relationship_errors, view_errors

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


package_create = _checked(entry_errors)
package_update = _checked(entry_errors)
resource_view_create = _checked(view_errors)
resource_view_update = _checked(view_errors)
organization_create = _checked(agency_errors)
organization_update = _checked(agency_errors)
group_create = _checked(agency_errors)
group_update = _checked(agency_errors)
package_relationship_create = _checked(relationship_errors)
package_relationship_update = _checked(relationship_errors)
