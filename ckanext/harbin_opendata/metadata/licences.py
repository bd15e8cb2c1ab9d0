"""The licence's title in the reader's language. CKAN writes `license_title` into the entry when it
is indexed, in the language of whoever caused the indexing (an English page, a job without a
request: English), and package_show and search then return that text on every page: a Chinese page
showed "Creative Commons Attribution" once an English request or a job had reindexed the entry."""
from __future__ import annotations

from typing import Any

import ckan.model as model

__all__ = ["relabel_licence"]


def relabel_licence(pkg_dict: dict[str, Any]) -> None:
    """Set `license_title` from the licence register, translated now (unknown ids keep theirs)."""
    licence = model.Package.get_license_register().get(pkg_dict.get("license_id") or "")
    if licence is not None:
        pkg_dict["license_title"] = licence.title
