"""An entry's title in the reader's language: its 英文名称 (title_en) on English pages, when given."""
from __future__ import annotations

from typing import Any, Callable, Union

import ckan.model as model
import ckan.plugins.toolkit as tk

__all__ = ["dataset_display_name"]


@tk.chained_helper
def dataset_display_name(next_helper: Callable[..., str],
                         package_or_package_dict: Union[dict[str, Any], model.Package]) -> str:
    """CKAN's dataset_display_name (search results, entry page, breadcrumbs, <title>), with the
    English name on English pages."""
    if (tk.h.lang() or "").startswith("en"):
        entry = package_or_package_dict
        english = entry.get("title_en") if isinstance(entry, dict) else entry.extras.get("title_en")
        if english:
            return english
    return next_helper(package_or_package_dict)
