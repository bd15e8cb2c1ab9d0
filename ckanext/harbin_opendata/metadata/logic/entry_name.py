"""The web address (name) of a catalog entry, made from its resource code when the editor gives none:
the form's address preview drops Chinese characters, so a Chinese title leaves the address empty."""
from __future__ import annotations

import re

from ckan.lib.navl.dictization_functions import StopOnError
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey

__all__ = ["harbin_entry_name", "name_from_code"]

_NOT_IN_NAME = re.compile(r"[^a-z0-9_-]+")


def name_from_code(code: str) -> str:
    """301001/000001 → hrb-301001-000001 (resource codes are unique, so is the address)."""
    return "hrb-" + _NOT_IN_NAME.sub("-", code.strip().lower()).strip("-")


def harbin_entry_name(key: FlattenKey, data: FlattenDataDict,
                      errors: FlattenErrorDict, context: Context) -> None:
    """An empty address becomes one made from the resource code. Without a code the address is left
    unchecked: the (required) resource code field, which the editor sees, says what is missing,
    rather than the address field that the form folds away."""
    if (data.get(key) or "").strip():
        return
    code = data.get(("resource_code",))
    if not (isinstance(code, str) and code.strip()):
        raise StopOnError
    data[key] = name_from_code(code)
