"""Masking rules (脱敏). "mask" hides every non-empty cell of a column by a shape-preserving rule,
whether or not the detectors recognised the value (230102 ******** 944X, 138****5678, 张*,
Z**** ***); "mask_found" hides only the personal data found inside the text (notes, footers);
"drop" leaves the column out; "keep" copies it as it is (it then needs a reviewer's exemption)."""
from __future__ import annotations

import re
from typing import Any

from .scan.detectors import AT_SIGN, ascii_forms, find_all

__all__ = ["RULES", "FOUND_KINDS", "mask_value", "mask_found", "column_key", "default_rules", "primary_kind"]

RULES = ("mask", "mask_found", "drop", "keep")
# Characters kept at the start and the end of the value's letters and digits, by kind.
_KEEP = {"resident_id": (6, 4), "mobile": (3, 4), "bank_card": (6, 4), "landline": (4, 4), "person_name": (1, 0),
         "vehicle_plate": (2, 1), "address": (6, 0)}
# The rule that keeps least wins: a column of names with phones in it is masked as names.
_PRIORITY = ("person_name", "resident_id", "bank_card", "mobile", "email", "landline", "vehicle_plate", "address")


def _mask_positions(text: str, keep_start: int, keep_end: int) -> str:
    positions = [index for index, char in enumerate(text) if char.isalnum()]
    if len(positions) <= keep_start + keep_end:  # too short to keep both ends: keep only the first
        keep_start, keep_end = min(1, len(positions) - 1), 0
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


def mask_found(text: str, kinds: frozenset[str] = FOUND_KINDS) -> str:
    """The text with each piece of personal data in it masked. A cell that is only a card-shaped
    number is left alone: random serials pass the Luhn check one time in ten (a column of cards is
    masked whole, by "mask", and the strict rescan judges whole-cell cards by their share)."""
    pieces, position = [], 0
    for finding in find_all(text, kinds):
        if finding.kind == "bank_card" and finding.value == text.strip():
            continue
        pieces += [text[position:finding.start], mask_value(finding.kind, finding.value)]
        position = finding.end
    return "".join(pieces) + text[position:] if pieces else text


def column_key(sheet: str, index: int) -> str:
    """How a column is named in masking rules: "<sheet>:<index>" ("" sheet for CSV)."""
    return f"{sheet}:{index}"


def primary_kind(kinds: list[str]) -> str:
    """The kind whose rule masks a whole column ("" when none: keep one character at each end)."""
    return next((kind for kind in _PRIORITY if kind in kinds), "")


def default_rules(columns: list[dict[str, Any]]) -> dict[str, str]:
    """Columns with personal data in whole cells (or names) are masked cell by cell; personal data
    found inside text elsewhere (notes, footers) is masked where it is."""
    return {column_key(column["sheet"], column["column"]): "mask" if column.get("whole_kinds") else "mask_found"
            for column in columns}
