"""Masking rules (脱敏). "mask" hides every non-empty cell of a column, each by the shape of what
it is (the detectors' kinds: 230102 ******** 944X, 138****5678, w*********@qq.com, 经**:欧**) and
a cell of no known kind by the generic rule (the middle of its digits hidden, a quarter of them and
at most 4 kept at each end; of its letters and Han characters only the first); "mask_found" hides the personal data found
inside the text (notes, footers) and, in a column where the scan found personal data, every other
number of 7 or more digits (dates and amounts excepted); by default every column where a person's
data was found is masked whole ("mask"), free text too (default_rules); "drop" leaves the column out; "keep"
copies it as it is (it then needs a reviewer's exemption). No mask leaves more than most_kept(n)
of a value's n letters and digits: what the strict rescan of a masked copy holds it to."""
from __future__ import annotations

import re
from typing import Any

from .scan.detectors import AT_SIGN, GROUP_SEPARATOR, ascii_forms, find_all, is_id_shaped, is_resident_id, reading_forms
from .shown_counts import data_found

__all__ = ["RULES", "FOUND_KINDS", "mask_value", "mask_cell", "mask_found", "most_kept", "column_key", "default_rules"]

RULES = ("mask", "mask_found", "drop", "keep")
# Characters kept at the start and the end of the value's letters and digits, by kind.
_KEEP = {"resident_id": (6, 4), "mobile": (3, 4), "bank_card": (6, 4), "landline": (4, 4), "person_name": (1, 0),
         "vehicle_plate": (2, 1), "address": (6, 0)}


def most_kept(count: int) -> int:
    """How many of a value's `count` letters and digits a mask may leave: from 7 on, at most 10 and
    never all but 3 (the ID and card masks keep 6 + 4, the mobile mask 3 + 4 of 11)."""
    return count if count < 7 else min(count - 4, 10)


def _mask_positions(text: str, keep_start: int, keep_end: int) -> str:
    positions = [index for index, char in enumerate(text) if char.isalnum()]
    if len(positions) <= keep_start + keep_end:  # too short to keep both ends: keep only the first
        keep_start, keep_end = min(1, len(positions) - 1), 0
    while keep_start + keep_end > most_kept(len(positions)):  # a short landline: fewer kept at the end
        keep_end, keep_start = (keep_end - 1, keep_start) if keep_end else (0, keep_start - 1)
    chars = list(text)
    for index in positions[keep_start:len(positions) - keep_end]:
        chars[index] = "*"
    return "".join(chars)


def mask_value(kind: str, value: str) -> str:
    """The value with its identifying part hidden, same length and separators (full-width forms
    written as ASCII: the kept characters are the only ones left of the original)."""
    text = ascii_forms(value.strip())
    at_signs = list(re.finditer(AT_SIGN, text)) if kind == "email" else []
    if at_signs:  # (as written: @, #, (at))
        at = at_signs[-1]
        return _mask_positions(text[:at.start()], 1, 0) + text[at.start():]
    keep_start, keep_end = _KEEP.get(kind, (1, 1))
    return _mask_positions(text, keep_start, keep_end)


FOUND_KINDS = frozenset({"resident_id", "mobile", "landline", "bank_card", "email", "person_name"})
# A number of 7 or more digits, grouped as the detectors allow; in a flagged column "mask_found"
# hides such a number it does not recognise (13712 340002) but for a date or an amount.
_LONG_NUMBER = re.compile(rf"[0-9](?:{GROUP_SEPARATOR}[0-9]){{6,}}")
_DATE = re.compile(r"(?:19|20)[0-9]{2}([-./])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12][0-9]|3[01])")
_AMOUNT = re.compile(r"[0-9]+\.[0-9]{1,2}")


def _mask_generic(text: str, first: bool) -> str:
    """A text of no known kind: the middle half of its digits hidden (at most 4 kept at each end),
    every letter and Han character but the first (`first`: the text starts the cell)."""
    chars = list(ascii_forms(text))
    digits = [index for index, char in enumerate(chars) if char.isdecimal()]
    kept = min(len(digits) // 4, 4)
    hidden = digits[kept:len(digits) - kept]
    letters = [index for index, char in enumerate(chars) if char.isalnum() and not char.isdecimal()]
    if first and letters and letters[0] == next(index for index, char in enumerate(chars) if char.isalnum()):
        letters = letters[1:]
    for index in hidden + letters:
        chars[index] = "*"
    return "".join(chars)


def _pieces(text: str, kinds: frozenset[str], whole_cards: bool) -> tuple[list[str], list[str]]:
    """The text cut at the personal data found in it: the parts between (len(found) + 1) and the
    found pieces masked by their kind."""
    gaps, found, position = [], [], 0
    for finding in find_all(text, kinds):
        if not whole_cards and finding.kind == "bank_card" and finding.value == text.strip():
            continue
        gaps.append(text[position:finding.start])
        found.append(mask_value(finding.kind, finding.value))
        position = finding.end
    return gaps + [text[position:]], found


def _joined(gaps: list[str], found: list[str]) -> str:
    return "".join(part for pair in zip(gaps, found + [""]) for part in pair)


# An ID typed into a workbook as a number, read back with its last digits lost: 230102198503121232
# stored as 2.301021985031212e+17 and read as 230102198503121200, or cut by Excel to 15 digits
# (230102198503121000). Its region and birth date are still the person's.
_LOST_DIGITS_ID = re.compile(r"[1-9][0-9]{14,16}0{1,3}")


def _lost_digits_id(text: str) -> str | None:
    """An ID whose last digits were lost, masked as an ID (230102********12**): the region kept,
    the birth date hidden, and of the last four only the digits the number really held (the
    trailing zeros put in place of the lost ones are hidden too). A valid ID is masked as one."""
    value = text.strip()
    if len(value) != 18 or not _LOST_DIGITS_ID.fullmatch(value) or not is_id_shaped(value) or is_resident_id(value):
        return None
    masked = mask_value("resident_id", value)
    kept = masked[-4:].rstrip("0")
    return masked[:-4] + kept + "*" * (4 - len(kept))


def mask_cell(text: str) -> str:
    """A cell under "mask": a cell that is one value of a known kind is masked by that kind's shape
    (as the scan's examples show it); the personal data inside a longer text by theirs, and the
    rest of it (or a cell of no known kind) by the generic rule."""
    lost = _lost_digits_id(text)
    if lost is not None:
        return text.replace(text.strip(), lost)
    gaps, found = _pieces(text, FOUND_KINDS, whole_cards=True)
    if len(found) == 1 and not reading_forms(gaps[0] + gaps[1]).strip():
        return found[0]
    return _joined([_mask_generic(gap, first=number == 0) for number, gap in enumerate(gaps)], found)


def _mask_long_numbers(text: str) -> str:
    pieces, position = [], 0
    for match in _LONG_NUMBER.finditer(reading_forms(text)):
        if not (_DATE.fullmatch(match.group()) or _AMOUNT.fullmatch(match.group())):
            number = text[match.start():match.end()]
            pieces += [text[position:match.start()], _lost_digits_id(number) or _mask_generic(number, first=False)]
            position = match.end()
    return "".join(pieces) + text[position:]


def mask_found(text: str, kinds: frozenset[str] = FOUND_KINDS, flagged: bool = False) -> str:
    """The text with each piece of personal data in it masked; in a `flagged` column (one where the
    scan found personal data) also every other number of 7 or more digits, dates and amounts
    excepted: a grouping the detectors do not know may still be a phone or an ID. A cell that is
    only a card-shaped number is not taken for a card: random serials pass the Luhn check one time
    in ten (a column of cards is masked cell by cell, by "mask", and the strict rescan judges
    whole-cell cards by their share); in a flagged column it is hidden as a long number."""
    gaps, found = _pieces(text, kinds, whole_cards=False)
    if flagged:
        gaps = [_mask_long_numbers(gap) for gap in gaps]
    return _joined(gaps, found) if found or flagged else text


def column_key(sheet: str, index: int) -> str:
    """How a column is named in masking rules: "<sheet>:<index>" ("" sheet for CSV)."""
    return f"{sheet}:{index}"


def default_rules(columns: list[dict[str, Any]]) -> dict[str, str]:
    """Every cell of a column where the scan found a person's data is masked ("mask"): whole cells
    of it (a column of IDs, names) and inside free text alike (备注, 情况说明, a fixed-width line).
    A text that holds one person's ID, phone or labelled name holds people the detectors cannot
    tell from words (王建国户，因病致贫 / 由其子张伟代领 / 阿不都·热合曼家庭新增, a name beside its ID
    on a line), in its other rows too; masking only the spans found would publish them. Columns
    without findings in their data rows keep "mask_found" (a footer's 制表：王某 masked where it is;
    the agency may still pick "mask")."""
    return {column_key(column["sheet"], column["column"]):
            "mask" if column.get("whole_kinds") or FOUND_KINDS & _in_data_rows(column) else "mask_found"
            for column in columns}


def _in_data_rows(column: dict[str, Any]) -> set[str]:
    """The kinds found in the column's data rows: a signature line (制表：刘建华) below 序号 masks its
    names where they are, not the numbers above it. Scans before data_kinds: by their counts."""
    if "data_kinds" in column:
        return set(column["data_kinds"])
    return {kind for kind, cells in data_found(column).items() if cells}
