"""The password policy (等级保护 2.0 身份鉴别): at least `password.min_length` characters of at
least `password.min_classes` kinds (lower case, upper case, digits, other characters), not a common
password, not containing the user's name or e-mail name; optionally a maximum age.

Common passwords: zxcvbn's list of the 30,000 commonest (from leaked-password corpora, shipped in
the zxcvbn package) plus common_passwords_zh.txt beside this file (weak passwords typical of
Chinese users: pinyin, 520/1314 love numbers, keyboard walks, enterprise defaults such as
Abc@123456), compared case-insensitively, also with digits and symbols stripped from both ends."""
from __future__ import annotations

import datetime as dt
import functools
import pathlib
import re
from typing import Optional

from zxcvbn.frequency_lists import FREQUENCY_LISTS

import ckan.model as model
import ckan.plugins.toolkit as tk

__all__ = ["problems", "is_common", "changed_at", "record_change", "expired"]

_CHINESE_LIST = pathlib.Path(__file__).with_name("common_passwords_zh.txt")
_EXTRAS_KEY = "harbin_password_changed"


@functools.lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    ours = [line.strip().lower() for line in _CHINESE_LIST.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return frozenset(FREQUENCY_LISTS["passwords"]) | frozenset(ours)


def is_common(password: str) -> bool:
    lowered = password.lower()
    core = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", lowered)
    return lowered in _common() or (len(core) >= 4 and core in _common())


def _classes(password: str) -> int:
    return sum(bool(re.search(pattern, password)) for pattern in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^a-zA-Z0-9]"))


def problems(password: str, user_name: str = "", email: str = "") -> list[str]:
    """What is wrong with the password (translated sentences); empty when it is acceptable."""
    found = []
    length, classes = (int(tk.config[f"ckanext.harbin_opendata.password.{key}"]) for key in ("min_length", "min_classes"))
    if len(password) < length:
        found.append(tk._("The password must be at least {count} characters long.").format(count=length))
    if _classes(password) < classes:
        found.append(tk._("The password must contain at least {count} of these: lower-case letters, upper-case "
                          "letters, digits, other characters.").format(count=classes))
    if is_common(password):
        found.append(tk._("This password is among the most common ones and easy to guess: choose another."))
    lowered = password.lower()
    names = [user_name or "", (email or "").split("@")[0]]
    if any(len(name) >= 3 and name.lower() in lowered for name in names):
        found.append(tk._("The password must not contain your user name or e-mail name."))
    return found


def changed_at(user: model.User) -> Optional[dt.datetime]:
    """When the password was last set (its recorded change, else the account's creation)."""
    extras = user.plugin_extras or {}
    recorded = (extras.get("harbin_opendata") or {}).get(_EXTRAS_KEY)
    return dt.datetime.fromisoformat(recorded) if recorded else user.created


def record_change(user: model.User) -> None:
    """Remember that the password was set now (for the maximum age); committed by the caller."""
    extras = dict(user.plugin_extras or {})
    ours = dict(extras.get("harbin_opendata") or {})
    ours[_EXTRAS_KEY] = dt.datetime.utcnow().isoformat()
    extras["harbin_opendata"] = ours
    user.plugin_extras = extras


def expired(user: model.User) -> bool:
    """Whether the password is older than password.max_age_days (0: passwords never expire)."""
    days = int(tk.config["ckanext.harbin_opendata.password.max_age_days"])
    started = changed_at(user)
    return bool(days and started and dt.datetime.utcnow() - started > dt.timedelta(days=days))
