"""Template helpers of harbin_metadata: scheming choices and vocabulary labels."""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Optional

from ..common import vocabulary as v
from .choices import VOCABULARIES, choices, label

__all__ = ["harbin_vocabulary_label", "harbin_update_status", *VOCABULARIES]


def _choices_helper(terms: list[v.Term]) -> Callable[[dict[str, Any]], list[dict[str, Any]]]:
    def helper(field: dict[str, Any]) -> list[dict[str, Any]]:
        return choices(terms)
    return helper


# One choices helper per vocabulary, named as the schemas' choices_helper keys.
for _name, _terms in VOCABULARIES.items():
    globals()[_name] = _choices_helper(_terms)

_BY_KIND = {"domain": v.DOMAINS, "frequency": v.FREQUENCIES, "open_type": v.OPEN_TYPES,
            "item_type": v.ITEM_TYPES, "format": v.FORMATS, "desensitization": v.DESENSITIZATION,
            "agency_kind": v.AGENCY_KINDS, "district": v.DISTRICTS}


def harbin_vocabulary_label(kind: str, value: Optional[str]) -> str:
    """The label of a stored code in the reader's language; the code itself if unknown."""
    term = v.by_value(_BY_KIND[kind], value or "")
    return label(term) if term else (value or "")


def harbin_update_status(pkg: dict[str, Any], today: Optional[dt.date] = None) -> Optional[str]:
    """'overdue' when the next update due date has passed, 'on_time' when it has not, None if unknown."""
    due = pkg.get("next_update_due")
    if not due:
        return None
    try:
        due_date = dt.date.fromisoformat(str(due)[:10])
    except ValueError:
        return None
    return "overdue" if due_date < (today or dt.date.today()) else "on_time"
