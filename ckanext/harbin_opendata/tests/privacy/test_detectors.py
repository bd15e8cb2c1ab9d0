"""Each detector accepts real shapes and refuses look-alikes."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.privacy import detectors
from ckanext.harbin_opendata.privacy.columns import mask


@pytest.mark.parametrize("value, ok", [
    ("11010519491231002X", True),      # the GB 11643 example
    ("11010519491231002x", True),
    ("110105194912310021", False),     # wrong check character
    ("990105194912310025", False),     # no such province
    ("110105194913310029", False),     # month 13
    ("110105210012310023", False),     # born in the future
    ("110105491231002", True),         # 15-digit legacy
    ("110105491331002", False),
    ("1101051949123100", False),
])
def test_resident_id(value, ok):
    assert detectors.is_resident_id(value) is ok


@pytest.mark.parametrize("value, ok", [("13812345678", True), ("+86 138-1234-5678", True), ("8613812345678", True),
                                       ("12812345678", False), ("1381234567", False), ("0451-86300000", False)])
def test_mobile(value, ok):
    assert detectors.is_mobile(value) is ok


@pytest.mark.parametrize("value, ok", [("6222021234567890128", True), ("6222021234567890129", False), ("4111111111111111", True),
                                       ("6212 2640 0000 0000 008", None), ("1234567812345670", False)])
def test_bank_card(value, ok):
    if ok is None:  # a spaced UnionPay number: valid or not by its Luhn digit
        assert detectors.is_bank_card(value) == detectors.is_bank_card(value.replace(" ", ""))
    else:
        assert detectors.is_bank_card(value) is ok


def test_find_all_in_free_text_without_overlaps():
    text = "联系人张三，身份证11010519491231002X，手机13812345678，卡号4111111111111111，邮箱zhang@example.org"
    assert [(f.kind, f.value) for f in detectors.find_all(text)] == [
        ("resident_id", "11010519491231002X"), ("bank_card", "4111111111111111"),
        ("mobile", "13812345678"), ("email", "zhang@example.org")]


@pytest.mark.parametrize("kind, value, masked", [
    ("resident_id", "230102199001011234", "230102********1234"), ("mobile", "13812345678", "138****5678"),
    ("bank_card", "6222021234567890123", "622202*********0123"), ("person_name", "张三丰", "张**"),
    ("email", "zhang@example.org", "z***@example.org"),
])
def test_mask(kind, value, masked):
    assert mask(kind, value) == masked
