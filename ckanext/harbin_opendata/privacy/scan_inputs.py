"""What a scan's result depends on besides the file's bytes and the reader (model.READER): the
detector settings it ran with. A scan records them (Scan.settings); a rescan asked for with the same
bytes, reader and settings as a clean scan cannot find anything that scan did not (rescans.py)."""
from __future__ import annotations

from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk

from .model import Withheld, confirmed_layout

__all__ = ["strict_for", "detector_settings"]


def strict_for(resource: model.Resource) -> bool:
    """A masked copy is scanned strictly (masking.py: what masking leaves must not look personal)."""
    return model.Session.query(Withheld).filter(Withheld.masked_resource_id == resource.id).count() > 0


def detector_settings(resource: model.Resource, strict: bool) -> dict[str, Any]:
    """The settings a scan of the resource's current file runs with: the optional kinds looked for,
    the size limits (a file over them cannot be checked), strictness and the confirmed header rows."""
    return {"optional_kinds": sorted(tk.config["ckanext.harbin_opendata.privacy.optional_kinds"] or []),
            "max_bytes": tk.config["ckanext.harbin_opendata.privacy.max_bytes"],
            "max_unpacked_bytes": tk.config["ckanext.harbin_opendata.privacy.max_unpacked_bytes"],
            "strict": bool(strict), "layout": confirmed_layout(resource)}
