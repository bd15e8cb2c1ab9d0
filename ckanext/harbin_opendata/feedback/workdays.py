"""Working-day deadlines: weekends and configured public holidays are skipped, make-up working
weekends (调休) count."""
from __future__ import annotations

import datetime as dt
from typing import Iterable

import ckan.plugins.toolkit as tk

__all__ = ["Calendar", "calendar", "add_workdays"]


class Calendar:
    def __init__(self, holidays: Iterable[str], extra_workdays: Iterable[str]) -> None:
        self.holidays = {dt.date.fromisoformat(day) for day in holidays}
        self.extra_workdays = {dt.date.fromisoformat(day) for day in extra_workdays}

    def is_workday(self, day: dt.date) -> bool:
        if day in self.extra_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_workdays(self, start: dt.date, days: int) -> dt.date:
        """The day `days` working days after `start` (the day of filing does not count)."""
        day = start
        while days > 0:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                days -= 1
        return day


def calendar() -> Calendar:
    return Calendar(tk.config["ckanext.harbin_opendata.feedback.holidays"],
                    tk.config["ckanext.harbin_opendata.feedback.extra_workdays"])


def add_workdays(start: dt.date, days: int) -> dt.date:
    return calendar().add_workdays(start, days)
