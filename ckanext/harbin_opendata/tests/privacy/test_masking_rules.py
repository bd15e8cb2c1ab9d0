"""The masking rules cell by cell: "mask" gives each cell the shape of what it is (the shape the
owner's page shows), a cell of no known kind the generic rule; "mask_found" in a flagged column
also hides numbers the detectors do not recognise; no mask keeps more than most_kept."""
from __future__ import annotations

import re

import pytest

from ckanext.harbin_opendata.privacy.masking import mask_cell, mask_found, mask_value, most_kept
from ckanext.harbin_opendata.privacy.scan.light_masks import light_masks


@pytest.mark.parametrize("cell, masked", [
    ("13645671235", "136****1235"), ("wangwu1990@qq.com", "w*********@qq.com"), ("zhaoliu#qq.com", "z******#qq.com"),
    ("230102197505055019", "230102********5019"), ("6222021234567890128", "622202*********0128"),
    ("经办人：欧阳修", "经**:欧**"), ("1364567 1235", "136**** 1235"), ("13712 340002", "137** **0002"),
    ("1371234000 8", "137****000 8"), ("29712 340002", "29*** ****02"), ("0451-8612345", "0451-****345"), ("张伟", "张*"), ("阿依古丽·买买提", "阿***·***"),
    ("王芳（办公室）13812345678", "王*(***)138****5678"),
])
def test_mask_gives_each_cell_its_own_shape(cell, masked):
    assert mask_cell(cell) == masked


@pytest.mark.parametrize("kind, value", [("mobile", "13645671235"), ("email", "wangwu1990@qq.com"),
                                         ("resident_id", "230102197505055019")])
def test_the_copy_and_the_page_examples_agree(kind, value):
    assert mask_cell(value) == mask_value(kind, value)


@pytest.mark.parametrize("text, masked", [
    ("联系29712 340002", "联系29*** ****02"), ("2971234000 8", "29*******0 8"), ("联系13712 340002", "联系137** **0002"),
    ("日期2024-01-01 金额1234567.89", "日期2024-01-01 金额1234567.89"), ("共12人", "共12人"),
])
def test_mask_found_in_a_flagged_column_hides_unrecognised_long_numbers(text, masked):
    assert mask_found(text, flagged=True) == masked
    assert mask_found("联系29712 340002") == "联系29712 340002"  # a column without findings: only what is found


@pytest.mark.parametrize("value", ["13645671235", "+8613712340006", "230102197505055019", "6222021234567890128",
                                   "0451-86123456", "010-1234567", "0451-86123456-123", "13712 340002",
                                   "2301 0219 9001 0110 03", "123456789012345678901234", "wangwu1990@qq.com"])
def test_no_mask_keeps_more_than_most_kept_nor_fails_the_strict_rescan(value):
    for masked in (mask_cell(value), mask_found(value, flagged=True)):
        shown = re.sub(r"[^0-9]", "", masked.split("@")[0])
        assert len(shown) <= most_kept(len(re.sub(r"[^0-9]", "", value))) and light_masks(masked) == []
