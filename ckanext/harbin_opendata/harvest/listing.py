"""What a gather read from a source: its records, and whether that was the whole catalog.

Only a complete listing may withdraw entries: a source that stops paging early (an empty page
before its own total is reached, fewer records than it says it has) is imported, never used to
withdraw what it did not list."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

import ckan.plugins.toolkit as tk

__all__ = ["Listing", "check_total"]


@dataclass
class Listing:
    records: list[dict[str, Any]] = field(default_factory=list)
    complete: bool = True
    why_incomplete: str = ""

    def incomplete(self, why: str) -> None:
        self.complete, self.why_incomplete = False, why


def check_total(listing: Listing, total: Optional[int], url: str) -> None:
    """Mark the listing incomplete when the source said it has more records than it listed."""
    if total is not None and len(listing.records) < total and listing.complete:
        listing.incomplete(tk._("{url} says it has {total} records but listed {count}").format(
            url=url, total=total, count=len(listing.records)))
