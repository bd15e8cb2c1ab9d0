"""The kinds of personal data without a check rule (mobiles, landlines, e-mail, labelled names)
counted over a batch of text cells at once with Arrow's RE2 kernels, and the counts of one batch of
one column (vectorized.py gives the cells)."""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from .cell_bytes import any_holds
from .detectors import AT_SIGN, GROUP_SEPARATOR, reading_forms
from .labelled_names import COLON_LABELS, LABEL_LITERAL, LOOSE_RE2, SIGNED, loose_names
from .mobile_groupings import CHINESE_MOBILE_RE2, GROUPED_MOBILE_RE2

__all__ = ["BatchCounts", "TEXT_KINDS", "text_pool", "count_text_kinds"]

_EXAMPLES = 3
_B, _E = r"(?:^|[^0-9])", r"(?:$|[^0-9])"
# Kinds without a check rule are counted here; shapes with one (ID numbers, cards) go to detectors.py.
TEXT_KINDS = {
    "mobile": rf"{_B}(?:(?:\+|00)?86{GROUP_SEPARATOR})?1[3-9][0-9](?:{GROUP_SEPARATOR}[0-9]{{4}}){{2}}{_E}|{GROUPED_MOBILE_RE2}|{CHINESE_MOBILE_RE2}",
    "landline": rf"{_B}(?:\(0[1-9][0-9]{{1,2}}\)|（0[1-9][0-9]{{1,2}}）|0[1-9][0-9]{{1,2}}[ \-])[ ]?[1-9][0-9]{{6,7}}"
                rf"(?:-[0-9]{{1,4}})?{_E}",
    "email": rf"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]*[A-Za-z0-9])?{AT_SIGN}[\pL\pN](?:[\pL\pN\-]*[\pL\pN])?"
             r"(?:\.[\pL\pN](?:[\pL\pN\-]*[\pL\pN])?)*\.\pL{2,}",
    "person_name": rf"(?:{COLON_LABELS}){SIGNED}"
                   r"\s*[：:]\s*(?:[\x{4e00}-\x{9fff}]{1,8}[·•][\x{4e00}-\x{9fff}]{1,10}|[\x{4e00}-\x{9fff}]{2,4}|"
                   r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})",
}
_COLON_NAME = TEXT_KINDS["person_name"]
TEXT_KINDS["person_name"] = f"{_COLON_NAME}|{LOOSE_RE2}"  # those without a colon confirmed one by one


@dataclass
class BatchCounts:
    """What one batch of a column holds: non-empty cells, whole cells by kind (with a few raw
    examples), cells to check one by one, and name evidence."""
    cells: int = 0
    whole: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    embedded: Counter = field(default_factory=Counter)  # kinds inside longer text
    texts: list[str] = field(default_factory=list)  # cells for the exact detectors (check rules, examples)
    name_cells: int = 0  # under a name header: cells that hold letters and are not masked
    id_cells: int = 0  # under an ID header: cells holding an ID-shaped number
    card_cells: int = 0  # under a card or account header: cells that are a number of 15-19 digits
    long_numbers: int = 0  # cells that are only a number of 16-19 digits (a card's length)
    cut: Counter = field(default_factory=Counter)  # numbers cut to 15 significant digits, by kind
    floated: int = 0  # of the cut card numbers: those a program stored as floating-point values (16-17 digits kept)
    name_sampled: int = 0  # non-empty cells among the first of the batch
    name_shaped: int = 0  # of those, cells shaped like a Chinese name
    name_values: set[str] = field(default_factory=set)
    party_names: int = 0  # under a party's header: cells that are a person's name (name_cells.py)
    mobile_prefixes: Counter = field(default_factory=Counter)  # cells of 11 digits taken for mobiles, by first three digits

    def add_examples(self, kind: str, values: pa.Array) -> None:
        """A few raw values of a kind found by a rule without a check (numbers stored as numbers)."""
        room = _EXAMPLES - len(self.examples.get(kind, []))
        if room > 0 and len(values):
            self.examples.setdefault(kind, []).extend(values.slice(0, room).to_pylist())

    def add(self, kind: str, count: int, values: pa.Array) -> None:
        if count:
            self.whole[kind] += count
            room = _EXAMPLES - len(self.examples.get(kind, []))
            if room > 0:
                self.examples.setdefault(kind, []).extend(values.slice(0, room).to_pylist())


# How a whole cell of a number starts and ends (the detectors' values do).
_NUMBER_EDGES = {"mobile": r"(?s)^[0-9+].*[0-9]$", "landline": r"(?s)^[0-9(（].*[0-9]$"}
# Kinds found only in cells holding these (a literal test before their pattern runs).
_LITERALS = {"email": r"[@#]|[Aa][Tt] ?[\)\]）】]", "person_name": rf"[：:]|{LABEL_LITERAL}"}


@functools.lru_cache(maxsize=16)
def _any_text_pattern(kinds: frozenset[str]) -> str:
    """One pattern for the wanted kinds that need no literal (mobiles, landlines)."""
    return "|".join(f"(?:{pattern})" for kind, pattern in TEXT_KINDS.items()
                    if kind in kinds and kind not in _LITERALS) or "$^"


@functools.lru_cache(maxsize=16)
def _may_hold_pattern(kinds: frozenset[str]) -> str:
    """One pattern matching every cell that may hold a wanted kind without a check rule: the kinds
    that need no literal, and the literals of the others (one pass over the candidates instead of
    one per kind: most candidates, dates and serial numbers, hold none)."""
    return "|".join([*(f"(?:{pattern})" for kind, pattern in TEXT_KINDS.items() if kind in kinds and kind not in _LITERALS),
                     *(f"(?:{literal})" for kind, literal in _LITERALS.items() if kind in kinds)]) or "$^"


def _holds_text_kind(candidates: pa.Array, kinds: frozenset[str]) -> pa.Array:
    """Which candidates hold a kind without a check rule: the kinds needing a literal (an @, a colon)
    are matched only over the cells that hold it (their patterns are slow over every cell)."""
    found = pc.match_substring_regex(candidates, _any_text_pattern(kinds))
    for kind, literal in _LITERALS.items():
        if kind not in kinds:
            continue
        holding = pc.match_substring_regex(candidates, literal)
        if pc.any(holding).as_py():
            matched = pc.match_substring_regex(pc.filter(candidates, holding), TEXT_KINDS[kind])
            found = pc.or_(found, pc.replace_with_mask(holding, holding, matched))
    return found
# A cell ruled out for ID and card shapes (its only digits one run of 15-19) can still hold an
# e-mail, a labelled name (with or without a colon) or a mobile written 0086138…: such cells stay in the pool.
_POOL_AGAIN = rf"[@：:]|0086|{LABEL_LITERAL}"


def text_pool(candidates: pa.Array, ruled_out: pa.Array, kinds: frozenset[str]) -> pa.Array:
    """The candidates that hold a kind without a check rule (one pass of every such pattern over
    the cells not already ruled out: licence numbers such as 教民123011934514506号 are not read again)."""
    if pc.any(ruled_out).as_py():
        kept = pc.filter(candidates, ruled_out)
        if any_holds(kept, _POOL_AGAIN):  # one search over all of them first: most hold none
            again = pc.match_substring_regex(kept, _POOL_AGAIN)
            ruled_out = pc.replace_with_mask(ruled_out, ruled_out, pc.invert(again))
        candidates = pc.filter(candidates, pc.invert(ruled_out))
    if not len(candidates):
        return candidates
    candidates = pc.filter(candidates, pc.match_substring_regex(candidates, _may_hold_pattern(kinds)))
    if not len(candidates):
        return candidates
    return pc.filter(candidates, _holds_text_kind(candidates, kinds))


def count_text_kinds(pool: pa.Array, kinds: frozenset[str], counts: BatchCounts) -> None:
    """Count each kind without a check rule in the pool (whole cells and inside text)."""
    trimmed = pc.utf8_trim_whitespace(pool)
    for kind, pattern in TEXT_KINDS.items():
        if kind not in kinds:
            continue
        found = pc.match_substring_regex(pool, _LITERALS[kind]) if kind in _LITERALS else None
        if found is not None and not pc.any(found).as_py():
            continue
        matched = pc.match_substring_regex(pool, pattern)
        found = matched if found is None else pc.and_(found, matched)
        if kind == "person_name":
            found = _confirm_names(pool, found, _COLON_NAME)
        hits = int(pc.sum(found).as_py() or 0)
        if not hits:
            continue
        whole = pc.and_(found, pc.match_substring_regex(trimmed, f"^(?:{pattern})$")) if kind != "person_name" \
            else pc.and_(found, pa.scalar(False))
        if kind in _NUMBER_EDGES:  # the patterns' edges may take one character beside the number (a13812345678)
            whole = pc.and_(whole, pc.match_substring_regex(trimmed, _NUMBER_EDGES[kind]))
        whole_hits = int(pc.sum(whole).as_py() or 0)
        counts.add(kind, whole_hits, pc.filter(trimmed, whole))
        if kind == "mobile" and whole_hits:
            _tally_prefixes(pc.filter(trimmed, whole), counts)
        if hits > whole_hits:
            counts.embedded[kind] += hits - whole_hits
        counts.texts += pc.filter(pool, pc.and_(found, pc.invert(whole))).slice(0, _EXAMPLES).to_pylist()


def _tally_prefixes(mobiles: pa.Array, counts: BatchCounts) -> None:
    """The carrier prefixes of whole cells taken for mobiles though written grouped (151-2030-0017,
    +86 151 2030 0017): under an order or case number's header they are judged with the ungrouped
    ones (serial_numbers.py). Mobiles in Chinese numerals have no digits to tally: they stay mobiles."""
    digits = pc.replace_substring_regex(mobiles, "[^0-9]", "")
    digits = pc.filter(digits, pc.greater_equal(pc.utf8_length(digits), 11))
    prefixes = pc.value_counts(pc.utf8_slice_codeunits(digits, -11, -8))
    counts.mobile_prefixes.update({int(entry["values"].as_py()): entry["counts"].as_py() for entry in prefixes})


def _confirm_names(pool: pa.Array, found: pa.Array, colon_re2: str) -> pa.Array:
    """Of the cells `found` by the colon pattern or LOOSE_RE2, those that hold a labelled name:
    cells without a colon label are confirmed one by one (labelled_names.py), each distinct text
    once (a remarks column repeats its few sentences: 全体同志签字确认 on every other row)."""
    unsure = pc.and_(found, pc.invert(pc.match_substring_regex(pool, colon_re2)))
    if not pc.any(unsure).as_py():
        return found
    texts = pc.filter(pool, unsure)
    distinct = pc.unique(texts)
    named = pa.array([any(True for _ in loose_names(reading_forms(text))) for text in distinct.to_pylist()],
                     type=pa.bool_())
    confirmed = pc.is_in(texts, value_set=pc.filter(distinct, named))
    return pc.replace_with_mask(found, unsure, confirmed)
