"""统一社会信用代码 (unified social credit code) per GB 32100-2015."""
from __future__ import annotations

import re
from typing import Optional

__all__ = ["CHARSET", "check_character", "problem"]

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_WEIGHTS = [pow(3, i, 31) for i in range(17)]
# 登记管理部门码: 机构编制 1, 外交 2, 司法行政 3, 文化 4, 民政 5, 旅游 6, 宗教 7, 工会 8, 市场监管(工商) 9,
# 中央军委改革和编制办公室 A, 农业 N, 其他 Y.
_REGISTRATION_DEPARTMENTS = set("123456789ANY")
_SHAPE = re.compile(f"^[{CHARSET}]{{2}}[0-9]{{6}}[{CHARSET}]{{10}}$")


def check_character(first17: str) -> str:
    """The 18th character for the first 17 characters of a code."""
    total = sum(CHARSET.index(char) * weight for char, weight in zip(first17, _WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


def problem(code: str) -> Optional[str]:
    """None for a valid code, else the key of what is wrong: length, characters,
    department, region or check."""
    if len(code) != 18:
        return "length"
    if not _SHAPE.match(code):
        return "characters" if any(c not in CHARSET for c in code) else "region"
    if code[0] not in _REGISTRATION_DEPARTMENTS:
        return "department"
    if check_character(code[:17]) != code[17]:
        return "check"
    return None
