"""Which version of the suite's indexing wrote a search document.

An upgrade can change what a document may hold for the public: since format 2, an entry open on
conditions keeps its data items' examples (values of its restricted files) out of the searchable
text; since format 3, a harvest source is never labelled public (its address, an agency's internal
system, only for sysadmins, the reviewers and its agency). A document written before still answers a search for such a value until the entry is indexed
again, and nobody reindexes a portal after each upgrade. Every document therefore carries the
format that wrote it, in a field the stock schema indexes without storing or copying it into the
searchable text (its catch-all `*` string field); the scheduler's search check
(ops/search_check.py) finds documents of another format and indexes their entries again.

Raise FORMAT when a change to indexing takes something out of a document that must not stay."""
from __future__ import annotations

from typing import Any

__all__ = ["FIELD", "FORMAT", "mark", "other_formats_query"]

FIELD = "harbin_index_format"
FORMAT = 3


def mark(pkg_dict: dict[str, Any]) -> None:
    """IPackageController.before_dataset_index: the format writing this document."""
    pkg_dict[FIELD] = str(FORMAT)


def other_formats_query() -> str:
    """A filter for documents written by another format (or before formats were marked)."""
    return f'-{FIELD}:"{FORMAT}"'
