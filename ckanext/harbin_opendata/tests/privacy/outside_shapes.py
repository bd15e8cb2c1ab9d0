"""Shapes of personal data outside the other fixtures: full-width digits, letters and symbols (typed
with a Chinese input method in full-width mode), alone or mixed with ASCII, with full-width
separators; and separators between digit groups other than one ASCII space or dash (an outside
probe's files). Each item: (header, cell, kind, the value as ASCII digits/letters)."""
from __future__ import annotations

__all__ = ["SHAPES", "SEPARATED", "SEPARATED_PEOPLE", "SEPARATED_DECOYS", "wide"]

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
    # The @ written as Chinese sites write it against address harvesters
    ("电子邮箱", "hrbzwfw#163.com", "email", "hrbzwfw"),
    ("备注", "投诉邮箱：zhang.san(at)example.org（请将(at)换成@）", "email", "zhang.san"),
    ("联系方式", "wangwu [at] 例子.中国", "email", "wangwu"),
    ("邮箱", "zhaoliu＃qq.com", "email", "zhaoliu"),
    ("备注", "身份证" + wide("230102199412219") + "44X，已核实", "resident_id", "23010219941221944X"),
]

# Between digit groups: Unicode and doubled spaces, zero-width spaces, tabs, Unicode dashes, dots,
# middle dots, slashes, underscores (as the probe's files h_sep_*.csv and f_seps.csv wrote them).
SEPARATORS = {"nbsp": "\u00a0", "zwsp": "\u200b", "tab": "\t", "2space": "  ", "2xideo": "\u3000\u3000",
              "hyphen2010": "\u2010", "endash": "\u2013", "dot": ".", "middot": "·", "slash": "/", "underscore": "_"}
_ID, _MOBILE, _CARD = "230103198503121239", "13812345678", "6222021234567890128"
# (ID, mobile, card) written with each separator
SEPARATED_PEOPLE = [(separator.join(["230103", "19850312", "1239"]), separator.join(["138", "1234", "5678"]),
                     separator.join(["6222", "0212", "3456", "7890", "128"])) for separator in SEPARATORS.values()]
SEPARATED = [
    *(item for id_number, mobile, card in SEPARATED_PEOPLE for item in (
        ("证件号码", id_number, "resident_id", _ID), ("联系电话", mobile, "mobile", _MOBILE),
        ("备注", f"申请人身份证{id_number}，已核实", "resident_id", _ID),
        ("备注", f"联系电话{mobile}（本人）", "mobile", _MOBILE), ("银行卡号", card, "bank_card", _CARD))),
    ("证件号码", "2301 0319 8503 1212 39", "resident_id", _ID),  # grouped by four, as card numbers are
    ("备注", "身份证2301.0319.8503.1212.39", "resident_id", _ID),
]
# Numbers written with the same separators that are no personal data: dates, amounts, credit codes,
# order and serial numbers, office phones, IP addresses, version numbers. By column header.
SEPARATED_DECOYS = {
    "日期": ["2025.12.31", "2025-12-31", "2025/12/31", "2025\u00a012\u00a031", "2025年12月31日"],
    "金额": ["1,234,567.89", "12 345.67", "1\u00a0234\u00a0567.89", "98 765 432.10", "0.00"],
    "统一社会信用代码": ["91230100MA1BXXXX", "91230102MA1B2C3D4E", "12230100MB1234567X", "91230100-MA1BXXXX", "9123 0100 MA1B XXXX"],
    "订单号": ["DD2025123100012345", "2025-1231-0001-2345", "SN_2025_1231_0001", "NO.2025.000123", "2025/1231/00012345"],
    "办公电话": ["0451-86661234", "0451\u201386661234", "0451 8666 1234", "(0451)86661234", "0451·86661234"],
    "服务器地址": ["192.168.100.200", "139.224.101.12", "10.138.12.345", "172.16.138.12", "114.114.114.114"],
    "版本号": ["v13.8.1234", "2.4.18.1234", "1.3.8.1234", "10.15.7", "6.2.22021.234"],
    "说明": ["2025.12.31 发布，金额12 345.67元", "订单2025/1231/00012345已付", "服务器139.224.101.12",
             "统一社会信用代码91230100MA1BXXXX", "版本v13.8.1234于2025.12.31上线"],
}
