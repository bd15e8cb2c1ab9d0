"""Personal data in text the public reads, asked of the IPublicText implementation (harbin_privacy).
Fail closed: without one, nothing typed can be checked, so it is refused and hidden."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from .interfaces import IPublicText

__all__ = ["personal_kinds", "personal_address_kinds", "kinds_in_field", "masked"]


def _checker() -> Optional[IPublicText]:
    return next(iter(p.PluginImplementations(IPublicText)), None)


def personal_kinds(text: Optional[str]) -> list[str]:
    """Labels of the kinds of personal data in the text; one saying it cannot be checked when no
    plugin checks it."""
    if not text:
        return []
    checker = _checker()
    return checker.public_text_kinds(text) if checker else [tk._("text that cannot be checked for personal data")]


def personal_address_kinds(address: Optional[str]) -> list[str]:
    """Labels of the kinds of personal data in a web address (联系人=王建国, ?sfzh=230102…); one
    saying it cannot be checked when no plugin checks it."""
    if not address:
        return []
    checker = _checker()
    return checker.public_address_kinds(address) if checker else [tk._("text that cannot be checked for personal data")]


def kinds_in_field(value: Any, address: bool = False) -> str:
    """What a validator's message names: the labels of the personal data in a field's value (a web
    address's with `address`), joined ("" when there is none, or the value is no text)."""
    if not isinstance(value, str):
        return ""
    return tk._(", ").join(personal_address_kinds(value) if address else personal_kinds(value))


def masked(text: Optional[str]) -> Optional[str]:
    """The text with its personal data masked; without a check, a note in its place."""
    if not text:
        return text
    checker = _checker()
    return checker.public_text_masked(text) if checker else tk._("(not shown: it could not be checked for personal data)")
