"""Shapes of personal data outside the other fixtures: full-width digits, letters and symbols (typed
with a Chinese input method in full-width mode), alone or mixed with ASCII, with full-width
separators. Each item: (header, cell, kind, the value as ASCII digits/letters)."""
from __future__ import annotations

__all__ = ["SHAPES", "wide"]

_WIDE = {ord(char): ord(char) + 0xFEE0 for char in "0123456789Xx@-."}


def wide(text: str) -> str:
    """The text with its digits, X, @, dash and dot in full width (spaces become U+3000)."""
    return text.translate(_WIDE).replace(" ", "\u3000")


SHAPES = [
    ("身份证号", wide("23010219941221944X"), "resident_id", "23010219941221944X"),
    ("证件号码", wide("230102 19941221 944X"), "resident_id", "23010219941221944X"),
    ("联系电话", wide("13812345678"), "mobile", "13812345678"),
    ("手机", wide("138-1234-5678"), "mobile", "13812345678"),
    ("备注", "联系人手机" + wide("139") + "12345678", "mobile", "13912345678"),
    ("银行卡号", wide("6222021234567890128"), "bank_card", "6222021234567890128"),
    ("电子邮箱", "zhang.san＠example.com", "email", "zhang.san"),
    ("邮箱", wide("lisi@163.com"), "email", "lisi"),
    ("备注", "身份证" + wide("230102199412219") + "44X，已核实", "resident_id", "23010219941221944X"),
]
