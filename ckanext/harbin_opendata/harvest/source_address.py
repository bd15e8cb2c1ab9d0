"""A harvest source's address is refused when the source is saved if the harvest could never
fetch it: not http(s) (file://, ftp://, gopher://…), or at an address of
`ckanext.harbin_opendata.files.blocked_networks` (the portal host itself, link-local metadata
services, and whatever the operator adds, e.g. `private`) — the rule the bounded downloader applies
when fetching (download.py, common/downloads.py), which still refuses at fetch time a name that
resolves elsewhere later. A name that does not resolve now is accepted: fetching decides.

Chained onto package_create and package_update, which every way of saving a source goes through
(the source form, harvest_source_create/update/patch, package_patch)."""
from __future__ import annotations

from typing import Any, Callable, Optional
from urllib.parse import urlsplit

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ..common.addresses import configured_blocklist, resolve

__all__ = ["refusal", "actions"]

SOURCE_TYPE = "harvest"
_PORTS = {"http": 80, "https": 443}


def refusal(url: Any) -> Optional[str]:
    """Why the address cannot be a source's, in the interface language; None when it can."""
    text = url.strip() if isinstance(url, str) else ""
    try:
        parts = urlsplit(text)
        scheme, host, port = parts.scheme.lower(), parts.hostname, parts.port
    except ValueError:
        return tk._("“{url}” is not a web address.").format(url=text)
    if scheme not in _PORTS:
        return tk._("A harvest source's address must start with http:// or https:// (not “{scheme}”).").format(
            scheme=f"{scheme}://" if scheme else text)
    if not host:
        return tk._("“{url}” is not a web address.").format(url=text)
    try:
        resolve(host, port or _PORTS[scheme], configured_blocklist())
    except PermissionError:
        return tk._("{host} is at an address the platform does not fetch from (the portal's own host, link-local "
                    "or another network of files.blocked_networks).").format(host=host)
    except LookupError:
        return None
    return None


def _is_source(data_dict: DataDict) -> bool:
    if data_dict.get("type") == SOURCE_TYPE:
        return True
    ref = data_dict.get("id") or data_dict.get("name")
    stored = model.Package.get(ref) if isinstance(ref, str) and ref else None
    return stored is not None and stored.type == SOURCE_TYPE


def _checked(name: str) -> Callable[..., Any]:
    @tk.chained_action
    def checked(next_action: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
        if isinstance(data_dict, dict) and "url" in data_dict and _is_source(data_dict):
            tk.check_access(name, context, data_dict)  # who may not save it learns nothing of the rule
            why = refusal(data_dict["url"])
            if why:
                raise tk.ValidationError({"url": [why]})
        return next_action(context, data_dict)

    checked.__name__ = checked.__qualname__ = name
    checked.__doc__ = f"CKAN's {name}; a harvest source's address checked first (see the module)."
    return checked


def actions() -> dict[str, Callable[..., Any]]:
    return {name: _checked(name) for name in ("package_create", "package_update")}
