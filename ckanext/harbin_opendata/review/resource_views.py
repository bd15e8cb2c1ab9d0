"""Resource views (probe 2 F10): a view is shown at once, also on a published entry, without review,
so it may only show what the portal holds: an address in a view's settings (an image view's
image_url, a web page view's page_url, …) must be on the portal itself, never another host every
visitor's browser would be sent to. The agency editor who may add a view to an entry may remove it
(CKAN asks for the right to delete the entry, which a published entry's editor does not have)."""
from __future__ import annotations

from typing import Any, Optional
from urllib.parse import urlsplit

import ckan.authz as authz
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

__all__ = ["view_actions", "view_auth_functions", "outside_address"]

# Keys of a view dict that are not settings of the view.
_NOT_SETTINGS = {"id", "resource_id", "package_id", "view_type", "title", "description", "filters"}


def outside_address(value: Any) -> bool:
    """Whether a setting's value is an address of another host than the portal's."""
    if not isinstance(value, str) or not value.strip():
        return False
    text = value.strip().replace("\\", "/")
    parts = urlsplit(text)
    if not parts.scheme and not text.startswith("//"):
        return False  # a path on the portal (or plain text)
    site = urlsplit(tk.config["ckan.site_url"])
    return not (parts.scheme in ("http", "https") and parts.hostname and site.hostname
                and parts.hostname.lower() == site.hostname.lower() and parts.port == site.port)


def _refusal(data_dict: DataDict) -> Optional[dict[str, list[str]]]:
    found = [key for key, value in data_dict.items() if key not in _NOT_SETTINGS and outside_address(value)]
    message = tk._("A view shows only what the portal holds: give an address on the portal, or none.")
    return {key: [message] for key in found} or None


def _checked(action: str) -> Any:
    @tk.chained_action
    def chained(up_func: Any, context: Context, data_dict: DataDict) -> Any:
        """CKAN's action; no address of another host in the view's settings."""
        refusal = _refusal(data_dict) if isinstance(data_dict, dict) else None
        if refusal:
            raise tk.ValidationError(refusal)
        return up_func(context, data_dict)
    chained.__name__ = action
    return chained


def view_actions() -> dict[str, Any]:
    return {name: _checked(name) for name in ("resource_view_create", "resource_view_update")}


@tk.chained_auth_function
def _resource_view_delete(next_auth: Any, context: Context, data_dict: DataDict) -> AuthResult:
    """Who may change the resource's views may delete one (as resource_view_update asks)."""
    view = model.ResourceView.get(str(data_dict.get("id") or ""))
    if view is None:
        return next_auth(context, data_dict)
    return authz.is_authorized("resource_view_update", context, {"resource_id": view.resource_id})


def view_auth_functions() -> dict[str, Any]:
    return {"resource_view_delete": _resource_view_delete}
