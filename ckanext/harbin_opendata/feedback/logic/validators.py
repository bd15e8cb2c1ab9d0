"""Validators of harbin_feedback."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context

__all__ = ["harbin_feedback_text", "harbin_feedback_honeypot"]


def harbin_feedback_text(value: Any, context: Context) -> Any:
    """Text no longer than feedback.max_text_length characters."""
    limit = tk.config["ckanext.harbin_opendata.feedback.max_text_length"]
    if isinstance(value, str) and len(value) > limit:
        raise tk.Invalid(tk._("Please keep this under {limit} characters (it has {length}).").format(
            limit=limit, length=len(value)))
    return value


def harbin_feedback_honeypot(value: Any, context: Context) -> Any:
    """A field hidden from people: only a program fills it in."""
    if value:
        raise tk.Invalid(tk._("This request looks automated and was not accepted."))
    return value
