"""What the areas that trim search results share: who is asking, and the stored dataset dicts a
result carries as JSON text (`fl=validated_data_dict` or `data_dict`)."""
from __future__ import annotations

import json
from typing import Any, Callable, Optional

import ckan.plugins.toolkit as tk

__all__ = ["request_user", "stored_dicts", "stored_entry_ids", "rewrite_stored_dicts"]


def request_user() -> Optional[str]:
    """The visitor of the current request ("" when anonymous), None outside a request."""
    from flask import has_request_context

    if not has_request_context():
        return None
    return tk.current_user.name if tk.current_user.is_authenticated else ""


def stored_dicts(holder: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The stored dataset dicts a search result carries as JSON text, with their keys."""
    found = []
    for key in ("validated_data_dict", "data_dict"):
        if isinstance(holder.get(key), str):
            try:
                blob = json.loads(holder[key])
            except ValueError:
                continue
            if isinstance(blob, dict):
                found.append((key, blob))
    return found


def stored_entry_ids(holder: dict[str, Any]) -> list[str]:
    """The entry ids named by the stored dicts of a result and by the stored dicts inside them (CKAN's
    data_dict carries the validated_data_dict as text), outermost first."""
    ids = []
    for _key, blob in stored_dicts(holder):
        if isinstance(blob.get("id"), str):
            ids.append(blob["id"])
        ids += stored_entry_ids(blob)
    return ids


def rewrite_stored_dicts(holder: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> None:
    """`change` applied to every stored dict of a result, the ones inside them too, each written back
    as JSON text: the walk both the privacy and the access area trim search results with."""
    for key, blob in stored_dicts(holder):
        change(blob)
        rewrite_stored_dicts(blob, change)
        holder[key] = json.dumps(blob)
