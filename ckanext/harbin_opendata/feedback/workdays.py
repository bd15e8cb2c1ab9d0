"""Working-day deadlines of feedback: the shared calendar (common/workdays.py) with the holidays
configured here."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk

from ..common.workdays import Calendar

__all__ = ["Calendar", "calendar", "add_workdays"]


def calendar() -> Calendar:
    return Calendar(tk.config["ckanext.harbin_opendata.feedback.holidays"],
                    tk.config["ckanext.harbin_opendata.feedback.extra_workdays"])


def add_workdays(start: dt.date, days: int) -> dt.date:
    return calendar().add_workdays(start, days)
