"""Working-day deadlines: weekends and configured public holidays are skipped, make-up working
weekends (调休) count. Shared by the areas with deadlines (feedback, access)."""
from __future__ import annotations

import datetime as dt
from typing import Iterable

__all__ = ["Calendar"]


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
