"""Values a masked copy shows too much of (the strict rescan, 第七条): a masked number is a run of
digit positions — digits or mask characters (* ＊ × ∗ ● …), grouped as the detectors allow — that
holds a mask character and has the shape of a mobile (11, after +86), a resident ID (15; 18 with
the check character) or a card (16-19, issuer 3-6); it is too lightly masked when it shows more
digits than masking.most_kept allows (7 of 11, 10 of 15-19) and the positions it hides can be
filled into a valid value of that kind (mobile prefix, ID region and birth date). A masked e-mail
address is too lightly masked when its local part shows more than its first character."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Iterator

from ..masking import most_kept
from .detectors import AT_SIGN, GROUP_SEPARATOR, PROVINCES, reading_forms

__all__ = ["MASK_CHARACTERS", "light_masks"]

MASK_CHARACTERS = "*＊×✕✖∗⁎✱✲●•○■□"
_M = re.escape(MASK_CHARACTERS)
_P = rf"[0-9{_M}]"  # one digit position, shown or hidden
_S = GROUP_SEPARATOR
_EDGE_BEFORE, _EDGE_AFTER = rf"(?<![0-9A-Za-z{_M}])", rf"(?![0-9A-Za-z{_M}])"
_SHAPES = (
    ("mobile", re.compile(rf"(?<![0-9{_M}])(?:(?:\+|00)?86{_S})?([1{_M}]{_S}[3-9{_M}](?:{_S}{_P}){{9}})(?![0-9{_M}])")),
    ("resident_id", re.compile(rf"{_EDGE_BEFORE}({_P}(?:{_S}{_P}){{16}}{_S}[0-9Xx{_M}]){_EDGE_AFTER}")),
    ("resident_id", re.compile(rf"{_EDGE_BEFORE}({_P}(?:{_S}{_P}){{14}}){_EDGE_AFTER}")),
    ("bank_card", re.compile(rf"(?<![0-9{_M}])([3-6{_M}](?:{_S}{_P}){{15,18}})(?![0-9Xx{_M}])")),
)
_EMAIL = re.compile(rf"(?<![A-Za-z0-9._%+\-{_M}])([A-Za-z0-9._%+\-{_M}]+){AT_SIGN}[\w{_M}-]+(?:\.[\w{_M}-]+)*\.[^\W\d_]{{2,}}")
_ANY_MASK = re.compile(f"[{_M}]")
_HIDDEN = str.maketrans({char: "*" for char in MASK_CHARACTERS})


def _fits(shown: str, value: str) -> bool:
    return all(char in ("*", wanted) for char, wanted in zip(shown, value))


def _birth_date_fits(shown: str) -> bool:
    """Whether some date from 1900 to today reads as `shown` (YYYYMMDD, * hidden)."""
    today = dt.date.today()
    for year in range(1900, today.year + 1):
        if not _fits(shown[:4], str(year)):
            continue
        for month in range(1, 13):
            if _fits(shown[4:6], f"{month:02d}") and any(
                    _fits(shown[6:8], f"{day:02d}") for day in range(1, calendar.monthrange(year, month)[1] + 1)):
                return True
    return False


def _region_fits(shown: str) -> bool:
    return any(_fits(shown[:2], f"{code:02d}") or _fits(shown[:3], f"9{code:02d}") for code in PROVINCES)


def _could_be(kind: str, shown: str) -> bool:
    """Whether the hidden positions can be filled into a valid value of the kind (a hidden digit
    always satisfies a check digit: fail closed)."""
    if kind != "resident_id":
        return True  # mobile: the prefix is in the shape; card: a hidden digit can meet Luhn
    born = shown[6:14] if len(shown) == 18 else "19" + shown[6:12]
    return _region_fits(shown) and _birth_date_fits(born)


def _numbers(text: str) -> Iterator[tuple[str, str]]:
    shown_digits = sum(char in "0123456789" for char in text)
    for kind, pattern in _SHAPES:
        if shown_digits <= most_kept(11 if kind == "mobile" else 15):  # too few digits to show too many
            continue
        for match in pattern.finditer(text):
            shown = re.sub(r"[^0-9Xx*]", "", match.group(1).translate(_HIDDEN))
            if "*" not in shown:
                continue
            visible = len(shown) - shown.count("*")
            if visible > most_kept(len(shown)) and _could_be(kind, shown.upper()):
                yield kind, match.group(0)


def _emails(text: str) -> Iterator[tuple[str, str]]:
    if "@" not in text and "#" not in text and "t" not in text.lower():  # no at-sign: @, #, (at)
        return
    for match in _EMAIL.finditer(text):
        local = match.group(1).translate(_HIDDEN)
        if "*" in local and sum(char.isalnum() for char in local) > 1:
            yield "email", match.group(0)


def light_masks(text: str) -> list[tuple[str, str]]:
    """(kind, value as written) of every too lightly masked value in the text."""
    read = reading_forms(text)
    if not _ANY_MASK.search(read):
        return []
    return [(kind, text[read.index(found):read.index(found) + len(found)]) for kind, found in
            (*_numbers(read), *_emails(read))]
