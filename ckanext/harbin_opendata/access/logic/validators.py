"""Validators of harbin_access input."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk

__all__ = ["harbin_access_text", "harbin_access_date"]

_MAX_TEXT = 4000


def harbin_access_text(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _MAX_TEXT:
        raise tk.Invalid(tk._("At most {n} characters.").format(n=_MAX_TEXT))
    return value


def harbin_access_date(value: Any) -> dt.date:
    """A date as YYYY-MM-DD. A datetime given by a caller in Python becomes its day: the actions
    compare it with days (a datetime there is a TypeError)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise tk.Invalid(tk._("A date as YYYY-MM-DD, e.g. 2026-12-31."))
