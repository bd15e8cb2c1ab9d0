"""CKAN's h.popular (the "popular" flame next to an entry's title in lists and on its page) without
rendering its snippet when the count is below the minimum: the snippet then renders nothing, and a
search page of twenty results rendered twenty templates, each through every context processor,
for nothing (issue 20, benchmarks/compare.py)."""
from __future__ import annotations

from typing import Any, Optional

from ckanext.tracking.helpers import popular as ckan_popular

__all__ = ["popular"]

_TYPES = ("views", "recent views")


def popular(type_: str, number: Any, min: int = 1, title: Optional[str] = None) -> Any:  # noqa: A002 - CKAN's name
    """What CKAN's helper returns: "" when `number` is below `min` (the snippet's own test)."""
    if (type_ in _TYPES or title) and isinstance(number, (int, float)) and isinstance(min, (int, float)) \
            and number < min:
        return ""
    return ckan_popular(type_, number, min, title)
