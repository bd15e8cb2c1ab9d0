"""Detectors of personal data in text (第七条 desensitization). Each kind is found by its shape and
confirmed by its own rules (check characters, dates, Luhn), so that random numbers are not taken
for personal data. These are the exact rules; vectorized.py applies the same rules to whole
columns at once and sends only cells with personal data inside longer text here.

Kinds: resident_id (every ID form in force: 18-character resident ID, the 2023 foreign permanent
resident ID starting with 9, Hong Kong/Macao/Taiwan residence permits 81/82/83, 15-digit legacy
IDs; their digit groups separated by spaces, dashes, dots, slashes or the like), mobile (also grouped
other than 3-4-4, mobile_groupings.py), landline (with area code), bank_card (also 6+13 and 6-6-7), email (IDN domains
too), person_name (after a label such as 联系人：, or without a colon, labelled_names.py), and the
optional kinds vehicle_plate and address."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Callable, Iterator, NamedTuple

from ...common.resident_id import CHECK_CHARACTERS, WEIGHTS
from .labelled_names import COLON_LABELS, LABEL_LITERAL, SIGNED, an_office, loose_names
from .mobile_groupings import CHINESE_MOBILE, CHINESE_MOBILE_RE2, GROUPED_MOBILE

__all__ = ["Finding", "is_resident_id", "is_id_shaped", "id_shaped", "is_mobile", "is_landline", "is_bank_card", "is_email", "find_all",
           "PROVINCES", "ID_WEIGHTS", "ID_CHECK", "digits_only", "CANDIDATE", "OPTIONAL_KINDS", "AT_SIGN",
           "ascii_forms", "reading_forms", "READING_FORMS_RE", "GROUP_SEPARATOR", "CARD_BY_BIN"]

# Province-level codes of GB/T 2260 and of the residence permits (81 Hong Kong, 82 Macao, 83 Taiwan).
PROVINCES = frozenset({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
                       50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83})
ID_WEIGHTS, ID_CHECK = WEIGHTS, CHECK_CHARACTERS
OPTIONAL_KINDS = ("vehicle_plate", "address")
_EARLIEST_BIRTH = dt.date(1900, 1, 1)
_D = r"[0-9０-９]"
# Between the digit groups of an ID, mobile or card number (as reading_forms gives them: every Unicode
# space, zero-width character and tab read as a space, every dash as "-"): up to three spaces, dashes,
# dots, middle dots, slashes or underscores. Dates, amounts and serials so written are refused by the
# check rules; an ID may be grouped any way (230103 19850312 1239, 2301 0319 8503 1212 39).
GROUP_SEPARATOR = r"[ \-./_·]{0,3}"
_SEP = GROUP_SEPARATOR
_ID18 = re.compile(rf"(?<![0-9A-Za-z０-９]){_D}(?:{_SEP}{_D}){{16}}{_SEP}[0-9Xx０-９Ｘｘ](?![0-9A-Za-z０-９])")
_ID15 = re.compile(rf"(?<![0-9A-Za-z０-９]){_D}{{15}}(?![0-9A-Za-z０-９])")
_MOBILE = re.compile(rf"(?<![0-9０-９])(?:(?:\+|00)?86{_SEP})?1[3-9]{_D}(?:{_SEP}{_D}{{4}}){{2}}(?![0-9０-９])")
_LANDLINE = re.compile(r"(?<![0-9])(?:\(0[1-9][0-9]{1,2}\)|（0[1-9][0-9]{1,2}）|0[1-9][0-9]{1,2}[ \-])[ ]?[1-9][0-9]{6,7}"
                       r"(?:-[0-9]{1,4})?(?![0-9])")
# Not the digits of a number in E-notation (2.3010220251442724e+18: a program's float, whose mantissa
# would read as a 16-digit card).
_CARD_END = r"(?![0-9０-９XxＸｘ])(?![EeＥｅ][+\-＋－]?[0-9０-９])"
_CARD = re.compile(rf"(?<![0-9０-９])[3-6]{_D}{{3}}(?:{_SEP}{_D}{{4}}){{2,3}}(?:{_SEP}{_D}{{1,3}})?{_CARD_END}")
# A 19-digit card as UnionPay cards and bank slips group it: the six-digit BIN first, then 13 digits
# (621226 4100011335373) or 6 and 7 (621226 410001 1335373).
CARD_BY_BIN = rf"[3-6]{_D}{{5}}{_SEP}{_D}{{6}}{_SEP}{_D}{{7}}"
_CARD_BY_BIN = re.compile(rf"(?<![0-9０-９]){CARD_BY_BIN}{_CARD_END}")
# The local part in ASCII (a label glued to it, 邮箱zhang@…, is not part of it); the domain may be
# internationalised (例子.中国, example.公司). The @ may be written as Chinese sites write it against
# address harvesters: hrbzwfw#163.com（#换成@）, zhang(at)example.org, zhang [at] example.org.
AT_SIGN = r"(?:@|#| ?[\(\[（【] ?[Aa][Tt] ?[\)\]）】] ?)"
_EMAIL = re.compile(rf"[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9])?{AT_SIGN}[^\W_](?:[\w-]*[^\W_])?"
                    r"(?:\.[^\W_](?:[\w-]*[^\W_])?)*\.[^\W\d_]{2,}")
_LABELLED_NAME = re.compile(
    rf"(?:{COLON_LABELS}){SIGNED}"
    r"\s*[：:]\s*((?:[\u4e00-\u9fff]{1,8}[·•][\u4e00-\u9fff]{1,10})|[\u4e00-\u9fff]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]*")
_PLATE = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][ ·]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警]")
_ADDRESS = re.compile(r"[\u4e00-\u9fff]{2,}(?:路|街|道|巷|胡同|小区|村)[0-9０-９一二三四五六七八九十]+号(?:[0-9０-９]+(?:栋|号楼|单元|室))*")
# Every kind needs a run of digits (separators between them allowed), an @, a name label or a
# mobile in Chinese numerals: one quick search rules out most cells (amounts, dates, words) before
# the patterns run.
CANDIDATE = re.compile(rf"[@#]|[\(\[（【] ?[Aa][Tt] ?[\)\]）】]|{_D}(?:{_SEP}{_D}){{6}}|[人名者主][：:]|{LABEL_LITERAL}|"
                       rf"{CHINESE_MOBILE_RE2}")


# Full-width forms (a Chinese input method in full-width mode: ２３０１…, １３８…, ＠, Ｘ, the ideographic
# space) read as their ASCII forms, one character for one, so that offsets into the text stay valid.
_ASCII = {**{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}
# The detectors also read every Unicode space, zero-width character (U+200B-U+200D, U+FEFF) and tab
# as a space, and every dash and minus sign as "-".
_SPACES = "\t\u00a0\u1680\u2000-\u200d\u202f\u205f\u3000\ufeff"
_DASHES = "\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
_READING = {**_ASCII, **{code: 0x20 for code in (*range(0x2000, 0x200E), 0x09, 0xA0, 0x1680, 0x202F, 0x205F, 0xFEFF)},
            **{code: 0x2D for code in (*range(0x2010, 0x2016), 0x2212, 0xFE58, 0xFE63)}}
READING_FORMS_RE = f"[\uff01-\uff5e{_SPACES}{_DASHES}]"  # the characters reading_forms changes


def ascii_forms(text: str) -> str:
    """The text with its full-width characters as ASCII (same length)."""
    return text.translate(_ASCII)


def reading_forms(text: str) -> str:
    """The text as the detectors read it: full-width characters as ASCII, Unicode spaces, zero-width
    characters and tabs as a space, dashes as "-" (same length)."""
    return text.translate(_READING)


class Finding(NamedTuple):
    kind: str
    value: str
    start: int
    end: int


def digits_only(value: str) -> str:
    """The value's letters, digits and + in ASCII, without separators (full-width digits become ASCII)."""
    return re.sub(r"[^0-9A-Za-z+]", "", unicodedata.normalize("NFKC", value))


def _birth_date_ok(text: str) -> bool:
    try:
        born = dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return _EARLIEST_BIRTH <= born <= dt.date.today()


def _region_ok(text: str) -> bool:
    """Region of an ID: a province code, or 9 + a province code (foreign permanent residents, 2023)."""
    return int(text[:2]) in PROVINCES or (text[0] == "9" and int(text[1:3]) in PROVINCES)


def is_resident_id(value: str) -> bool:
    """An 18-character ID (GB 11643: region, birth date, ISO 7064 MOD 11-2 check character) or a
    15-digit legacy ID (region, 19YYMMDD birth date); separators allowed."""
    text = digits_only(value.strip()).upper()
    if len(text) == 18 and text[:17].isdigit():
        if not _region_ok(text) or not _birth_date_ok(text[6:14]):
            return False
        return ID_CHECK[sum(int(char) * weight for char, weight in zip(text[:17], ID_WEIGHTS)) % 11] == text[17]
    if len(text) == 15 and text.isdigit():
        return int(text[:2]) in PROVINCES and _birth_date_ok("19" + text[6:12])
    return False


def is_id_shaped(value: str) -> bool:
    """An 18-character ID by its region and birth date, whatever its check character: a mistyped
    or altered last character still tells who was born where and when (230102196102041010)."""
    text = digits_only(value.strip()).upper()
    return len(text) == 18 and text[:17].isdigit() and text[17] in ID_CHECK and _region_ok(text) \
        and _birth_date_ok(text[6:14])


def id_shaped(text: str) -> Iterator[Finding]:
    """The 18-character IDs in a text by their shape alone (is_id_shaped), whole or inside it: one
    rule for every text a person wrote (catalog texts, web addresses, feedback, file cells)."""
    for match in _confirmed(_ID18, is_id_shaped, reading_forms(text)):
        yield Finding("resident_id", text[match.start():match.end()], *match.span())


def is_mobile(value: str) -> bool:
    """A mainland mobile number, optionally with +86 / 0086 and separators."""
    text = digits_only(value.strip()).lstrip("+")
    for prefix in ("0086", "86"):
        if len(text) == 11 + len(prefix) and text.startswith(prefix):
            text = text[len(prefix):]
    return len(text) == 11 and text.isdigit() and text[0] == "1" and text[1] in "3456789"


def is_landline(value: str) -> bool:
    return bool(_LANDLINE.fullmatch(value.strip()))


def is_bank_card(value: str) -> bool:
    """A payment card number: 16 to 19 digits, issuer digit 3-6, valid Luhn check digit."""
    text = digits_only(value.strip())
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


def _confirmed(pattern: re.Pattern[str], confirm: Callable[[str], bool], text: str) -> Iterator[re.Match[str]]:
    """The pattern's matches that its rule confirms. After a refused match the search goes on from
    its next character, not its end: a number's groups may run on into the next number's
    (138 1234 5678 230103 19850312 1239 reads as an ID from 138 first)."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        if confirm(match.group()):
            yield match
            position = match.end()
        else:
            position = match.start() + 1


_KINDS: list[tuple[str, re.Pattern[str], Callable[[str], bool]]] = [
    ("resident_id", _ID18, is_resident_id),
    ("resident_id", _ID15, is_resident_id),
    ("bank_card", _CARD, is_bank_card),
    ("bank_card", _CARD_BY_BIN, is_bank_card),
    ("mobile", _MOBILE, is_mobile),
    ("mobile", CHINESE_MOBILE, bool),
    ("landline", _LANDLINE, is_landline),
    ("email", _EMAIL, is_email),
    ("vehicle_plate", _PLATE, bool),
    ("address", _ADDRESS, bool),
]


def _names(text: str) -> Iterator[Finding]:
    for match in _LABELLED_NAME.finditer(text):
        if not an_office(match.group(1) + _HAN_RUN.match(text, match.end(1)).group()):  # 综合办公|室
            yield Finding("person_name", match.group(1), match.start(1), match.end(1))
    for match in loose_names(text):
        yield Finding("person_name", match.group("name"), *match.span("name"))


def _ids_inside(text: str) -> Iterator[Finding]:
    """IDs with a wrong check character inside a longer text (户主证件230102196102041010, a note, a
    line): a cell that is only the number is judged by its check character, or by its shape under
    an ID or person-number header (a column of bare serials shaped so is no one's: columns.py)."""
    whole = text.strip()
    return (finding for finding in id_shaped(text) if finding.value.strip() != whole)


def _grouped_mobiles(text: str) -> Iterator[Finding]:
    for match in GROUPED_MOBILE.finditer(text):
        yield Finding("mobile", match.group("number"), *match.span("number"))


def find_all(text: str, kinds: frozenset[str] | set[str] | None = None) -> Iterator[Finding]:
    """Every confirmed piece of personal data in a text, left to right, without overlaps. `kinds`
    limits the kinds looked for (default: all but the optional ones)."""
    original, text = text, reading_forms(text)
    wanted = kinds if kinds is not None else {kind for kind, _, _ in _KINDS if kind not in OPTIONAL_KINDS} | {"person_name"}
    if not CANDIDATE.search(text) and not set(OPTIONAL_KINDS) & set(wanted):  # plates, addresses: few digits
        return
    taken: list[tuple[int, int]] = []
    found: list[Finding] = []
    candidates = [*(_names(text) if "person_name" in wanted else ()),
                  *(Finding(kind, match.group(), *match.span()) for kind, pattern, confirm in _KINDS
                    if kind in wanted for match in _confirmed(pattern, confirm, text)),
                  *(_ids_inside(text) if "resident_id" in wanted else ()),
                  *(_grouped_mobiles(text) if "mobile" in wanted else ())]
    for finding in candidates:
        if any(finding.start < end and start < finding.end for start, end in taken):
            continue
        taken.append((finding.start, finding.end))
        found.append(finding)
    yield from sorted((finding._replace(value=original[finding.start:finding.end]) for finding in found),
                      key=lambda finding: finding.start)
