"""Detectors of personal data (第七条 desensitization): mainland resident ID numbers, mobile numbers,
bank card numbers, e-mail addresses — each found by its shape and confirmed by its own rules
(check characters, dates, Luhn), so that random numbers are not taken for personal data."""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable, Iterator, NamedTuple

__all__ = ["Finding", "KINDS", "is_resident_id", "is_mobile", "is_bank_card", "is_email", "find_all"]

# Province-level codes of GB/T 2260 (the first two digits of an ID number).
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
              50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82}
_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_ID_CHECK = "10X98765432"
_EARLIEST_BIRTH = dt.date(1900, 1, 1)

_ID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")
_CARD = re.compile(r"(?<!\d)[3-6]\d{3}(?:[- ]?\d{4}){2,3}(?:[- ]?\d{1,3})?(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


class Finding(NamedTuple):
    kind: str
    value: str
    start: int
    end: int


def _birth_date_ok(text: str) -> bool:
    try:
        born = dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return _EARLIEST_BIRTH <= born <= dt.date.today()


def is_resident_id(value: str) -> bool:
    """An 18-character ID (GB 11643: region, birth date, ISO 7064 MOD 11-2 check character) or a
    15-digit legacy ID (region, 19YYMMDD birth date)."""
    text = value.strip().upper()
    if len(text) == 18 and text[:17].isdigit():
        if int(text[:2]) not in _PROVINCES or not _birth_date_ok(text[6:14]):
            return False
        total = sum(int(char) * weight for char, weight in zip(text[:17], _ID_WEIGHTS))
        return _ID_CHECK[total % 11] == text[17]
    if len(text) == 15 and text.isdigit():
        return int(text[:2]) in _PROVINCES and _birth_date_ok("19" + text[6:12])
    return False


def _digits(value: str) -> str:
    return re.sub(r"[\s-]", "", value)


def is_mobile(value: str) -> bool:
    """A mainland mobile number, optionally with +86 and spaces or dashes."""
    text = _digits(value.strip())
    text = text[3:] if text.startswith("+86") else text[2:] if len(text) == 13 and text.startswith("86") else text
    return len(text) == 11 and text.isdigit() and text[0] == "1" and text[1] in "3456789"


def is_bank_card(value: str) -> bool:
    """A payment card number: 16 to 19 digits, issuer digit 3-6, valid Luhn check digit."""
    text = _digits(value.strip())
    if not (16 <= len(text) <= 19 and text.isdigit() and text[0] in "3456"):
        return False
    total = 0
    for position, char in enumerate(reversed(text)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def is_email(value: str) -> bool:
    return bool(_EMAIL.fullmatch(value.strip()))


KINDS: dict[str, tuple[re.Pattern[str], Callable[[str], bool]]] = {
    "resident_id": (_ID18, is_resident_id),
    "resident_id_15": (_ID15, is_resident_id),
    "bank_card": (_CARD, is_bank_card),
    "mobile": (_MOBILE, is_mobile),
    "email": (_EMAIL, is_email),
}


# Every kind needs eleven digits (spaces or dashes between them allowed) or an @: one quick search
# rules out most cells (amounts, dates, codes, words) before the five patterns run.
_CANDIDATE = re.compile(r"@|\d(?:[- ]?\d){10}")


def find_all(text: str) -> Iterator[Finding]:
    """Every confirmed piece of personal data in a text, left to right, without overlaps."""
    if not _CANDIDATE.search(text):
        return
    taken: list[tuple[int, int]] = []
    for kind, (pattern, confirm) in KINDS.items():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken) or not confirm(match.group()):
                continue
            taken.append((start, end))
            yield Finding("resident_id" if kind == "resident_id_15" else kind, match.group(), start, end)
