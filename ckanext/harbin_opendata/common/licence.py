"""The licence of a catalog entry: one that says under which terms the data may be used."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins.toolkit as tk
from ckan.types import Context

__all__ = ["harbin_licence_specified", "licence_refusal", "UNSPECIFIED"]

# CKAN's "License not specified" (未指定许可证): tells a reuser nothing, so no entry may carry it.
UNSPECIFIED = "notspecified"


def licence_refusal(license_id: Optional[str]) -> Optional[str]:
    """Why an entry with this licence may not be submitted or published; None when it may."""
    if license_id == UNSPECIFIED:
        return tk._("Choose the licence under which the data may be used: "
                    "an entry with “License not specified” cannot be published.")
    return None


def harbin_licence_specified(value: Any, context: Context) -> Any:
    """Refuse CKAN's "License not specified" in the form and the API. A harvested entry keeps its
    source's value (the harvest must not lose it) and is refused at submission and publication."""
    refusal = None if context.get("harbin_harvest_source") else licence_refusal(value)
    if refusal:
        raise tk.Invalid(refusal)
    return value
