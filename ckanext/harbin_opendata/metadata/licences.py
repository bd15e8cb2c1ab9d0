"""The licence's title in the reader's language. CKAN writes `license_title` into the entry when it
is indexed, in the language of whoever caused the indexing (an English page, a job without a
request: English), and package_show and search then return that text on every page: a Chinese page
showed "Creative Commons Attribution" once an English request or a job had reindexed the entry."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model

__all__ = ["relabel_licence"]


def relabel_licence(pkg_dict: dict[str, Any], titles: Optional[dict[str, Optional[str]]] = None) -> None:
    """Set `license_title` from the licence register, translated now (unknown ids keep theirs).
    `titles`: the titles already looked up and translated for this answer (a page of search results
    mostly shares a few licences), filled as it goes."""
    licence_id = pkg_dict.get("license_id") or ""
    if titles is None or licence_id not in titles:
        licence = model.Package.get_license_register().get(licence_id)
        title = licence.title if licence is not None else None
        if titles is None:
            titles = {}
        titles[licence_id] = title
    if titles[licence_id] is not None:
        pkg_dict["license_title"] = titles[licence_id]
