"""Translated names of the problems and figures shown on the assessment pages and in exports."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

__all__ = ["label"]


def label(key: str) -> str:
    """The name of a problem or a figure (one list of keys: a problem's count is a figure too); the key
    itself when unknown."""
    return {
        # problems
        "late_entries": tk._("Entries not updated on schedule"),
        "entries_without_data": tk._("Entries without data"),
        "incomplete_entries": tk._("Entries with incomplete metadata"),
        "not_machine_readable": tk._("Entries with files that are not machine-readable"),
        "undocumented_entries": tk._("Entries with undocumented data items"),
        "broken_resources": tk._("Unreachable files and APIs"),
        "requests_overdue": tk._("Requests and corrections past their due date"),
        "adjustments_overdue": tk._("Catalog adjustments past their due date"),
        "applications_overdue": tk._("Access applications past their due date"),
        # figures
        "entries": tk._("Published entries"),
        "open_unconditional": tk._("Open without conditions"),
        "views": tk._("Views"),
        "downloads": tk._("Downloads"),
        "api_calls": tk._("API calls"),
        "requests": tk._("Requests and corrections received"),
        "requests_closed": tk._("Requests answered"),
        "requests_on_time": tk._("Requests answered on time"),
        "adjustments_due": tk._("Catalog adjustments due"),
        "adjustments_on_time": tk._("Catalog adjustments on time"),
        "applications": tk._("Access applications received"),
        "applications_handled": tk._("Access applications handled"),
        "applications_on_time": tk._("Access applications handled on time"),
        "applications_refused": tk._("Access applications refused"),
        "grants": tk._("Access granted"),
        "tables_checked": tk._("Tables checked against their data items"),
        "tables_consistent": tk._("Tables matching their data items"),
    }.get(key, key)
