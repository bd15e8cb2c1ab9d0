"""Translated names of the problems and figures shown on the assessment pages and in exports."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

__all__ = ["problem_label", "figure_label"]


def problem_label(key: str) -> str:
    return {
        "late_entries": tk._("Entries not updated on schedule"),
        "entries_without_data": tk._("Entries without data"),
        "incomplete_entries": tk._("Entries with incomplete metadata"),
        "not_machine_readable": tk._("Entries with files that are not machine-readable"),
        "undocumented_entries": tk._("Entries with undocumented data items"),
        "broken_resources": tk._("Unreachable files and APIs"),
        "requests_overdue": tk._("Requests and corrections past their due date"),
        "adjustments_overdue": tk._("Catalog adjustments past their due date"),
    }.get(key, key)


def figure_label(key: str) -> str:
    return {
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
    }.get(key) or problem_label(key)
