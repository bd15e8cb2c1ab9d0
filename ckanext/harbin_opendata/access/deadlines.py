"""When the agency must answer an application: access.review_workdays working days after filing,
on the platform's calendar (the holidays configured for harbin_feedback, read as lists even
when that plugin is not loaded)."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk

from ..common.workdays import Calendar

__all__ = ["due_date"]


def due_date(filed: dt.date) -> dt.date:
    calendar = Calendar(tk.aslist(tk.config.get("ckanext.harbin_opendata.feedback.holidays")),
                        tk.aslist(tk.config.get("ckanext.harbin_opendata.feedback.extra_workdays")))
    return calendar.add_workdays(filed, tk.config["ckanext.harbin_opendata.access.review_workdays"])
