"""Dates and times as Chinese readers write them (2026年11月29日 18:40), in the display time zone
(ckan.display_timezone, Asia/Shanghai for the portal); other languages keep CKAN's own style."""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Optional

import ckan.plugins.toolkit as tk

__all__ = ["CHINESE_DATE", "CHINESE_MINUTE", "CHINESE_SECOND", "render_datetime"]

CHINESE_DATE = "%Y年%-m月%-d日"
CHINESE_MINUTE = CHINESE_DATE + " %H:%M"
CHINESE_SECOND = CHINESE_MINUTE + ":%S"


def _chinese() -> bool:
    return (tk.h.lang() or "").startswith("zh")


@tk.chained_helper
def render_datetime(next_helper: Callable[..., str], datetime_: Any, date_format: Optional[str] = None,
                    with_hours: bool = False, with_seconds: bool = False) -> str:
    """CKAN's render_datetime; on Chinese pages one style, 2026年11月29日 (18:40), in place of
    babel's "十一月 29, 2026, 18:40 (UTC)"."""
    if date_format or not _chinese():
        return next_helper(datetime_, date_format, with_hours, with_seconds)
    moment = _in_display_zone(datetime_)  # None: CKAN says what it says of bad values
    if moment is None:
        return next_helper(datetime_, date_format, with_hours, with_seconds)
    style = CHINESE_SECOND if with_seconds else CHINESE_MINUTE if with_hours else CHINESE_DATE
    return moment.strftime(style)


def _in_display_zone(value: Any) -> Optional[dt.datetime]:
    """The moment in ckan.display_timezone; CKAN's own helper converts only naive values, so an
    ISO string with "+00:00" would keep UTC."""
    if isinstance(value, str):
        try:
            value = tk.h.date_str_to_datetime(value)
        except (TypeError, ValueError):
            return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)  # a calendar day has no zone
    if not isinstance(value, dt.datetime):
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    return aware.astimezone(tk.h.get_display_timezone())
