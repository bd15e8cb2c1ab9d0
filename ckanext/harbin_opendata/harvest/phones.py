"""Telephone numbers of harvested records written as other portals write them, put in the form the
catalog's telephone rule takes when the reading is unambiguous: a `tel:` address (RFC 3966,
parameters dropped), +86 before an area code without its 0 (+86-451-86300000 → 0451-86300000), an
extension after 转, 分机 or ext (→ -123), and a bare 7- or 8-digit local number, which on the Harbin
platform is a Harbin landline (86300000 → 0451-86300000). Anything else is left as given: the
schema then leaves it out with a warning."""
from __future__ import annotations

import re
from urllib.parse import unquote

__all__ = ["normal_phone", "CITY_AREA_CODE"]

CITY_AREA_CODE = "0451"
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x)\s*(\d{1,6})\s*$", re.IGNORECASE)
_COUNTRY_AREA = re.compile(r"^\+?86[-\s]?\(?([1-9]\d{1,2})\)?[-\s]?(\d{7,8})$")  # +86-451-86300000
_LOCAL = re.compile(r"^[2-9]\d{6,7}$")


def normal_phone(value: str) -> str:
    text = str(value).strip()
    if text.lower().startswith("tel:"):
        text = unquote(text[4:].split(";", 1)[0]).strip()
    extension = ""
    found = _EXTENSION.search(text)
    if found:
        text, extension = text[:found.start()], "-" + found.group(1)
    country = _COUNTRY_AREA.match(text)
    if country and not re.fullmatch(r"1[3-9]\d{9}", country.group(1) + country.group(2)):  # not a mobile
        text = f"0{country.group(1)}-{country.group(2)}"
    elif _LOCAL.match(text):
        text = f"{CITY_AREA_CODE}-{text}"
    return text + extension
