"""A workbook's author, last editor or a note's author in pinyin is a person's name (Zhang Wei, WANG
Jianguo, Jianguo Wang, zhang.wei, ZhangWei); a program's default account, an office's name and one
lower-case word (caiwu 财务 reads as zhangwei does) are not."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.privacy.scan.pinyin_names import looks_like_pinyin_name


@pytest.mark.parametrize("text, ok", [
    ("Zhang Wei", True), ("WANG Jianguo", True), ("Jianguo Wang", True), ("zhang.wei", True), ("ZhangWei", True),
    ("Wang Jian Guo", True), ("OUYANG Nana", True), ("li_na", True),
    ("Administrator", False), ("Microsoft Office User", False), ("Windows User", False), ("WPS Office", False),
    ("Data Center", False), ("Office 2016", False), ("caiwu", False), ("zhangwei", False), ("Chen", False),
    ("道里区民政局", False), ("Zhang Wei Li Na", False), ("HRB Gov", False)])
def test_pinyin_names(text, ok):
    assert looks_like_pinyin_name(text) is ok
