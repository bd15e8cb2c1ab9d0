"""Mobile numbers as people type them into a roster (outside probe, issue 16 finding 3): grouped
with dashes or spaces, with +86 or (0086), or in Chinese numerals as read aloud (一三八一二三四五六七八,
幺三九 一二三四 五六七八). All are found and masked; 11-digit serials under 订单号/流水号/编号, credit
codes, amounts, dates and ordinary text with numerals stay unflagged."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from ckanext.harbin_opendata.privacy.scan.detectors import find_all
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, agency_sheet, copy_texts, flagged_by_header, footer, scan_and_mask

# (as typed, its digits)
PHONES = [("138-1234-5678", "13812345678"), ("139 2345 6789", "13923456789"), ("+86 150 4512 3301", "15045123301"),
          ("(0086)13712340002", "13712340002"), ("一三八一二三四五六七八", "13812345678"),
          ("幺三九 一二三四 五六七八", "13912345678"), ("一八六〇四五一二三三〇", "18604512330"), ("15845671234", "15845671234")]
CHINESE = [typed for typed, _ in PHONES if not typed.isascii()]
_NUMERALS = str.maketrans("〇零一二三四五六七八九幺", "001234567891")


@pytest.mark.parametrize("typed,digits", PHONES)
def test_each_form_is_a_mobile(typed, digits):
    found = [finding for finding in find_all(f"联系方式{typed}，白天可打") if finding.kind == "mobile"]
    assert len(found) == 1 and re.sub(r"[^0-9]", "", found[0].value.translate(_NUMERALS)).endswith(digits)


@pytest.mark.parametrize("text", ["二〇二五年三月一日发放", "一二三四五六七八九十", "第一三八号文件", "共计一千三百八十二元",
                                  "一三八一二三四五六七八九", "订单号13812345678901", "统一社会信用代码91230102MA1B2C3D4E"])
def test_numerals_and_long_numbers_are_no_mobile(text):
    assert not [finding for finding in find_all(text) if finding.kind == "mobile"]


def test_roster_with_mobiles_in_every_form(tmp_path):
    """A 志愿者 roster: the phone column mixes the forms, the 备注 column holds one in Chinese numerals
    inside text (masked there only if found)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "志愿者花名册", ["序号", "姓名", "联系电话", "备注", "订单号", "流水号", "编号",
                                                    "统一社会信用代码", "补贴金额", "登记日期"])
    for number, (typed, _) in enumerate(PHONES, start=1):
        sheet.append([number, "王*", typed, f"家属电话{CHINESE[number % len(CHINESE)]}" if number % 2 else "无",
                      f"20250301{number:03d}", f"10{number:09d}", f"2301020{number:04d}", "12230100MB1931726Q",
                      1200 + number * 12.5, dt.datetime(2025, 3, number)])
    footer(sheet)
    path = tmp_path / "道里区志愿者花名册.xlsx"
    workbook.save(path)
    result, target = scan_and_mask(path, tmp_path)
    flagged = flagged_by_header(result)
    assert "mobile" in flagged.get("联系电话", []) and "mobile" in flagged.get("备注", [])
    assert not {"订单号", "流水号", "编号", "统一社会信用代码", "补贴金额", "登记日期"} & set(flagged), flagged
    copy = copy_texts(target)
    kept = [typed for typed, digits in PHONES if typed in copy or digits in copy or digits[3:] in copy.translate(_NUMERALS)]
    assert not kept
    assert not scan_file(str(target), LIMITS, strict=True).personal
