"""Order and case numbers written otherwise than as 11 bare digits (issue 16 decoys): grouped as a
mobile is (151-2030-0017) they are judged by the serial-column rule as bare ones are; a 16-digit
流水号 a payment system exported as a floating-point value (6217000010001234.0) is no card though
it passes Luhn. Mobiles so grouped under an order header, cards under card headers and cards in a
remarks column stay found; a card a program stored as a float says so in its reason."""
from __future__ import annotations

import random

import pytest

from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, flagged_in, write_gbk_csv

ROWS = 120
_TITLE = "哈尔滨市住房公积金缴存流水明细（2025年3月）"
_PREFIXES = ("130", "133", "135", "137", "138", "139", "150", "151", "152", "155", "157", "158", "159", "177",
             "180", "182", "185", "186", "187", "188", "189", "199")


def _luhn(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _grouped(number: str) -> str:
    return f"{number[:3]}-{number[3:7]}-{number[7:]}"


def _payments(path, serials: list[str], header: str = "流水号") -> None:
    lines = [_TITLE, f"{header},缴存单位,缴存金额（元）,缴存日期"]
    lines += [f"{serial},哈尔滨市道里区城市管理局,{1200 + index % 7 * 35}.00,2025-03-{index % 28 + 1:02d}"
              for index, serial in enumerate(serials)]
    write_gbk_csv(path, [*lines, "合计,,,", "制表：财务科"])


def test_grouped_case_numbers_stay_unflagged(tmp_path):
    """办件编号 numbered on from 15120300017, printed grouped 151-2030-0017 by the case system."""
    _payments(tmp_path / "办件.csv", [_grouped(str(15120300017 + index)) for index in range(ROWS)], "办件编号")
    assert flagged_in(tmp_path / "办件.csv") == {}


def test_grouped_mobiles_under_an_order_header_are_found(tmp_path):
    rng = random.Random(7)
    mobiles = [_grouped(rng.choice(_PREFIXES) + f"{rng.randrange(10 ** 8):08d}") for _ in range(ROWS)]
    _payments(tmp_path / "订单.csv", mobiles, "订单号")
    assert flagged_in(tmp_path / "订单.csv") == {"订单号": ["mobile"]}


def _luhn_numbers(start: int, count: int) -> list[str]:
    numbers, number = [], start
    while len(numbers) < count:
        numbers += [str(number)] if _luhn(str(number)) else []
        number += 1
    return numbers


@pytest.mark.parametrize("header, flagged", [("流水号", {}), ("交易流水号", {}), ("银行卡号", {"银行卡号": ["bank_card"]}),
                                             ("备注", {"备注": ["bank_card"]})])
def test_floating_point_serials_are_no_cards_under_a_serial_header(tmp_path, header, flagged):
    """Every 流水号 passes Luhn (the worst case: one in ten does by chance); under a card header or in
    remarks the same numbers are cards."""
    _payments(tmp_path / "流水.csv", [f"{number}.0" for number in _luhn_numbers(6217000010001234, ROWS)], header)
    assert flagged_in(tmp_path / "流水.csv") == flagged


def test_a_card_stored_as_a_float_says_so(tmp_path):
    """6.222021001123457e+18: a program's binary value (16-17 digits kept), not Excel's 15 digits."""
    cards = [f"6.2220210011234{index:02d}e+18" for index in range(10, 10 + ROWS)]
    _payments(tmp_path / "代发.csv", cards, "收款账户")
    result = scan_file(str(tmp_path / "代发.csv"), LIMITS)
    reason = next(column["reasons"]["bank_card"] for column in result.columns if column["header"] == "收款账户")
    assert "floating-point" in reason and "Excel" not in reason and "card or account header" in reason, reason
