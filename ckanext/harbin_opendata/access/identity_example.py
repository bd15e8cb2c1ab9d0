"""harbin_identity_example: the documented example of an IIdentityCheck, and the test
implementation. It asks no outside service: a person is "verified" when the name has 2 to 30
characters and the 18-character resident ID number (GB 11643) has its right check character
(ISO 7064 MOD 11-2). For development and tests only — a real site implements IIdentityCheck with
its identity service or SMS gateway in a plugin of its own, loaded instead of this one."""
from __future__ import annotations

import secrets
import re

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ..common.interfaces import IdentityResult, IIdentityCheck
from ..common.resident_id import check_character

__all__ = ["HarbinIdentityExamplePlugin"]


class HarbinIdentityExamplePlugin(p.SingletonPlugin):
    p.implements(IIdentityCheck)

    def identity_check(self, user_name: str, real_name: str, id_number: str) -> IdentityResult:
        number = id_number.strip().upper()
        if not 2 <= len(real_name.strip()) <= 30:
            return IdentityResult(False, tk._("Enter the real name as on the resident ID card."))
        if not re.fullmatch(r"\d{17}[\dX]", number) or check_character(number[:17]) != number[17]:
            return IdentityResult(False, tk._("The name and the resident ID number do not match."))
        # a real service gives its own reference; never one derived from the number (with the masked
        # number beside it, a hash of it is found by trying the few million birth dates left)
        reference = "example-" + secrets.token_hex(6)
        return IdentityResult(True, tk._("Your real name is verified."), reference)
