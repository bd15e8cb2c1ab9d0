"""The portal does not tell who asks which software and versions it runs (a gift to anyone
matching it against vulnerability lists): no `Server: Werkzeug/… Python/…` header from the
development server `ckan run`, no CKAN version or plugin list in status_show (/api/util/status)
for anyone but sysadmins, no generator tag in pages (templates/base.html). Production servers
behind nginx hide theirs there (`server_tokens off`)."""
from __future__ import annotations

from typing import Any, Callable

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ..common import roles

__all__ = ["SERVER_NAME", "hide_server_software", "actions"]

SERVER_NAME = "portal"


def hide_server_software() -> None:
    """Werkzeug's request handler names itself and Python in every answer's Server header."""
    from werkzeug.serving import WSGIRequestHandler

    WSGIRequestHandler.version_string = lambda self: SERVER_NAME  # type: ignore[method-assign]


@tk.side_effect_free
def status_show(up: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    """CKAN's status_show; the CKAN version and the plugins only for sysadmins."""
    status = up(context, data_dict)
    user = roles.acting_user(context)
    if isinstance(status, dict) and not (user is not None and user.sysadmin):
        status.pop("ckan_version", None)
        status.pop("extensions", None)
    return status


def actions() -> dict[str, Any]:
    return {"status_show": tk.chained_action(status_show)}
