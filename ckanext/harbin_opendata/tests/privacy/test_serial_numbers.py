"""Order and case numbers of 11 digits starting 13-19 are no mobiles (issue 16): a 政务服务办件登记表
numbers its cases 办件编号 15120300017, 15120300018, …, a 12345 hotline's work orders carry a
流水号 drawn at random; a real mobile column beside them (联系电话), and mobiles under a misleading
header (编号), stay flagged (serial_numbers.py)."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from ckanext.harbin_opendata.privacy.scan.serial_numbers import serial_run

from .agency_workbooks import agency_sheet, flagged_in, footer, write_gbk_csv

ROWS = 120
# Carrier prefixes as a Harbin list of applicants shows them.
_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156",
             "157", "158", "159", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "199")
_MATTERS = ("城乡居民最低生活保障申请", "临时救助申请", "残疾人两项补贴申请", "个体工商户设立登记", "户口迁移")


def _mobile(rng: random.Random) -> str:
    return rng.choice(_PREFIXES) + f"{rng.randrange(10 ** 8):08d}"


def _register(path, rng: random.Random) -> None:
    """A 政务服务办件登记表: consecutive case numbers, acceptance numbers sharing a date and window
    code, applicants' mobiles."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "办件登记", ["序号", "办件编号", "受理编号", "事项名称", "联系电话", "受理日期"])
    case = 15120300017
    for number in range(1, ROWS + 1):
        case += rng.choice((1, 1, 1, 2, 5))  # withdrawn cases leave gaps
        accepted = f"1812{rng.choice(('03', '04', '05'))}{number:05d}"
        sheet.append([number, str(case), accepted, rng.choice(_MATTERS), _mobile(rng), f"2025-03-{rng.randrange(1, 29):02d}"])
    footer(sheet)
    workbook.save(path)


def _hotline(path, rng: random.Random) -> None:
    """A 12345 hotline's work orders, GBK CSV as the hotline system exports them: random work-order
    numbers (some start with a prefix no carrier issues), callers' mobiles under 编号 (a misleading
    header kept from the phone system)."""
    lines = ["哈尔滨市12345政务服务便民热线工单明细（2025年3月）", "流水号,编号,来电时间,诉求类型,办理单位,快递单号"]
    for number in range(ROWS):
        serial = f"1{rng.randrange(3, 10)}{rng.randrange(10 ** 9):09d}"
        express = f"1{rng.randrange(3, 10)}{rng.randrange(10 ** 9):09d}"
        lines.append(f"{serial},{_mobile(rng)},2025-03-{number % 28 + 1:02d} 09:{number % 60:02d},"
                     f"{rng.choice(('咨询', '投诉', '求助', '建议'))},道里区城市管理局,{express}")
    lines.append("合计,,,,,")
    write_gbk_csv(path, lines)


def test_case_numbers_stay_unflagged_beside_mobiles(tmp_path):
    _register(tmp_path / "道里区政务服务办件登记表.xlsx", random.Random(16))
    flagged = flagged_in(tmp_path / "道里区政务服务办件登记表.xlsx")
    assert flagged == {"联系电话": ["mobile"]}, flagged


def test_work_order_numbers_stay_unflagged_and_mobiles_under_a_misleading_header_are_found(tmp_path):
    _hotline(tmp_path / "12345工单明细.csv", random.Random(12345))
    flagged = flagged_in(tmp_path / "12345工单明细.csv")
    assert flagged == {"编号": ["mobile"]}, flagged


def test_mobiles_under_an_order_number_header_are_found_when_clearly_mobiles(tmp_path):
    """A form whose 订单号 column was filled with the buyers' mobiles: varied carrier prefixes."""
    rng = random.Random(3)
    lines = ["订单号,商品,金额"] + [f"{_mobile(rng)},大米,{rng.randrange(20, 200)}.00" for _ in range(ROWS)]
    (tmp_path / "orders.csv").write_text("\n".join(lines), encoding="utf-8")
    flagged = flagged_in(tmp_path / "orders.csv")
    assert flagged == {"订单号": ["mobile"]}, flagged


@pytest.mark.parametrize("prefixes, run", [
    ({151: 120}, True),  # consecutive case numbers
    ({181: 118, 138: 1, 159: 1}, True),  # a date-led run with two strays
    ({138: 40, 154: 1, 139: 30, 186: 20}, True),  # 154 is issued to no carrier
    ({138: 40, 139: 30, 186: 20, 159: 10}, False),
    ({138: 1}, False),  # one cell: fail closed
    ({138: 1, 186: 1}, False),
    ({}, False),
])
def test_serial_run_rule(prefixes, run):
    assert serial_run(Counter(prefixes)) is run
