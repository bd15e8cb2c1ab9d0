"""Working-day deadlines across weekends and the 2025 public holidays (国办发明电〔2024〕12号)."""
from __future__ import annotations

import datetime as dt

import pytest

from ckanext.harbin_opendata.feedback.workdays import Calendar

HOLIDAYS_2025 = ["2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03", "2025-02-04",
                 "2025-04-04", "2025-05-01", "2025-05-02", "2025-05-05", "2025-06-02",
                 "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08"]
MAKE_UP_WORKDAYS_2025 = ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]
CALENDAR = Calendar(HOLIDAYS_2025, MAKE_UP_WORKDAYS_2025)


@pytest.mark.parametrize("start, days, due", [
    ("2025-03-03", 5, "2025-03-10"),   # Monday + 5 working days: over one weekend
    ("2025-03-07", 1, "2025-03-10"),   # Friday + 1: Monday
    ("2025-03-08", 1, "2025-03-10"),   # filed on Saturday
    ("2025-03-03", 10, "2025-03-17"),  # two weekends
    ("2025-01-24", 5, "2025-02-07"),   # Spring Festival: 26 Jan (Sunday) is a make-up working day
    ("2025-09-26", 5, "2025-10-10"),   # National Day week, with 28 Sep worked
    ("2025-04-30", 1, "2025-05-06"),   # Labour Day holidays
])
def test_due_dates(start, days, due):
    assert CALENDAR.add_workdays(dt.date.fromisoformat(start), days).isoformat() == due


def test_weekend_make_up_day_counts_and_holiday_does_not():
    assert CALENDAR.is_workday(dt.date(2025, 2, 8)) and not CALENDAR.is_workday(dt.date(2025, 2, 3))
    assert not Calendar([], []).is_workday(dt.date(2025, 2, 8))
