"""Mobile numbers grouped other than 3-4-4: 11 digits starting 1[3-9] with one or two separators
anywhere (13712 340002, 13 712340007, 1371234000 8). Without the usual grouping such a run is as
likely a piece of a longer number, so it counts only as a whole token: no digit may follow or
precede it across separators (1371234 0001 2345 is no mobile), and one dot alone is a decimal
point (1371234000.8 is an amount). The same shapes as a Python pattern (detectors.py) and for
Arrow's RE2 (text_kinds.py), written out group by group (RE2 cannot count separators).

Mobiles written in Chinese numerals (一三八一二三四五六七八, 幺三八 一二三四 五六七八: as read
aloud, to get past filters of digits) are found by their shape alone: eleven numerals starting
一 and 3-9, with a space or dash between any two."""
from __future__ import annotations

import itertools
import re

__all__ = ["GROUPED_MOBILE", "GROUPED_MOBILE_RE2", "CHINESE_MOBILE", "CHINESE_MOBILE_RE2"]

_SEP_CHARS = r" \-./_·"
_SEP = rf"[{_SEP_CHARS}]{{1,3}}"
_SEP_NO_POINT = rf"(?:[ \-/_·]|[{_SEP_CHARS}]{{2,3}})"  # one separator alone may not be a single dot


def _digits(first: int, width: int) -> str:
    """`width` digits starting at position `first` of the number (1 at 0, 3-9 at 1)."""
    head = {0: "1", 1: "[3-9]"}
    parts = [head.get(position, "[0-9]") for position in range(first, first + width)]
    return "".join(parts)


def _groupings() -> list[str]:
    shapes = []
    for cuts in [*itertools.combinations(range(1, 11), 1), *itertools.combinations(range(1, 11), 2)]:
        if cuts == (3, 7):  # 3-4-4, the usual grouping, is detectors._MOBILE's
            continue
        bounds = (0, *cuts, 11)
        groups = [_digits(start, stop - start) for start, stop in zip(bounds, bounds[1:])]
        separator = _SEP_NO_POINT if len(cuts) == 1 else _SEP
        shapes.append(separator.join(groups))
    return shapes


_SHAPES = "|".join(_groupings())
# Before and after: the start or end of the text, or a character that is neither digit nor separator
# (separators are allowed in between when no digit lies beyond them).
_OUTSIDE = rf"[^0-9{_SEP_CHARS}]"
GROUPED_MOBILE = re.compile(rf"(?:^|(?<={_OUTSIDE}))[{_SEP_CHARS}]*(?P<number>{_SHAPES})(?=[{_SEP_CHARS}]*(?:$|{_OUTSIDE}))")
GROUPED_MOBILE_RE2 = rf"(?:^|{_OUTSIDE})[{_SEP_CHARS}]*(?:{_SHAPES})[{_SEP_CHARS}]*(?:$|{_OUTSIDE})"

_NUMERAL = "〇零○一二三四五六七八九幺"  # 〇 and ○ (circle) for 0, 幺 for 1 as read aloud
# No numeral, unit (十百千万亿) or digit may stand before or after it: 一三八一二三四五六七八九 is none.
_NOT_BESIDE = f"{_NUMERAL}十百千万亿0-9"
CHINESE_MOBILE_RE2 = rf"[一幺][ \-]?[三四五六七八九](?:[ \-]?[{_NUMERAL}]){{9}}"
CHINESE_MOBILE = re.compile(rf"(?<![{_NOT_BESIDE}]){CHINESE_MOBILE_RE2}(?![{_NOT_BESIDE}])")
