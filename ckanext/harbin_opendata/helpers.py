"""Template helpers of the base plugin."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

__all__ = ["harbin_platform_name"]


def harbin_platform_name() -> str:
    """The configured platform name, or the translated default one."""
    return tk.config["ckanext.harbin_opendata.platform_name"] or tk._("Harbin Public Data Open Platform")
