"""The licence of a catalog entry: one that says under which terms the data may be used."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context

__all__ = ["harbin_licence_specified", "UNSPECIFIED"]

# CKAN's "License not specified" (未指定许可证): tells a reuser nothing, so no entry may carry it.
UNSPECIFIED = "notspecified"


def harbin_licence_specified(value: Any, context: Context) -> Any:
    """Refuse CKAN's "License not specified": the entry must name the licence of its data."""
    if value == UNSPECIFIED:
        raise tk.Invalid(tk._("Choose the licence under which the data may be used: "
                              "an entry with “License not specified” cannot be published."))
    return value
