"""Which requests are downloads or data calls (the only ones an app key serves, and the ones the
access log records): CKAN's file routes (guard.FILE_VIEWS) and the actions that return data."""
from __future__ import annotations

from typing import Any, NamedTuple, Optional

from flask import request

import ckan.model as model

from .guard import is_file_view
from .rules import is_conditional

__all__ = ["DATA_ACTIONS", "Call", "current_call", "open_type"]

# action -> the parameter naming what it reads ("resource:" a resource, else an entry)
DATA_ACTIONS = {"package_show": "id", "resource_show": "resource:id", "package_search": "",
                "datastore_search": "resource:resource_id"}


class Call(NamedTuple):
    kind: str  # "download" or the action's name
    resource_id: Optional[str]
    package_ref: Optional[str]  # id or name, as asked


def _params() -> dict[str, Any]:
    if request.method == "POST":
        body = request.get_json(silent=True) if request.is_json else request.form.to_dict()
        return body if isinstance(body, dict) else {}
    return request.args.to_dict()


def current_call() -> Optional[Call]:
    """The download or data call the current request makes; None for every other request."""
    endpoint = request.endpoint or ""
    if is_file_view(endpoint):
        return Call("download", (request.view_args or {}).get("resource_id"), None)
    if endpoint != "api.action":
        return None
    action = (request.view_args or {}).get("logic_function")
    if action not in DATA_ACTIONS:
        return None
    kind, _, param = DATA_ACTIONS[action].rpartition(":")
    value = _params().get(param) if param else None
    value = value[:200] if isinstance(value, str) else None
    return Call(action, value, None) if kind == "resource" else Call(action, None, value)


def open_type(call: Call) -> str:
    """The open type of the entry the call reads: searches read metadata only (unconditional);
    an unknown entry counts as conditional (fail closed)."""
    if call.kind == "package_search":
        return "unconditional"
    package = None
    if call.resource_id:
        resource = model.Resource.get(call.resource_id)
        package = resource.package if resource is not None else None
    elif call.package_ref:
        package = model.Package.get(call.package_ref)
    return "conditional" if package is None or is_conditional(package) else "unconditional"
