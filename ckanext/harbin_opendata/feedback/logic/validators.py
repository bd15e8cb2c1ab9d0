"""Validators of harbin_feedback."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context

from ...common.public_text import kinds_in_field

__all__ = ["harbin_feedback_text", "harbin_feedback_honeypot", "harbin_feedback_public_text",
           "harbin_feedback_public_answer"]


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


def harbin_feedback_public_text(value: Any, context: Context) -> Any:
    """A field of a request the public reads: no personal data in it (the requester's contact has
    its own field, seen only by the agency)."""
    if kinds := kinds_in_field(value):
        raise tk.Invalid(tk._("Do not write ID numbers, mobile numbers, bank card numbers, e-mail addresses or names "
                              "in public text (found here: {kinds}); put your contact in the “Telephone or e-mail” "
                              "field, which only the agency handling the request sees.").format(kinds=kinds))
    return value


def harbin_feedback_public_answer(value: Any, context: Context) -> Any:
    """An agency's answer or comment, shown on the public status page: no personal data in it."""
    if kinds := kinds_in_field(value):
        raise tk.Invalid(tk._("Personal data ({kinds}) may not be written in a public answer: remove it; "
                              "reach the requester through the contact shown to you.").format(kinds=kinds))
    return value
