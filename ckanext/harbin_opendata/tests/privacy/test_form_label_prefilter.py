"""The Arrow prefilter of form labels (form_labels._candidates) drops a column's distinct values
before the exact label test reads them in Python, for speed only: it must keep every value the
exact test takes for a person label, however written (colons, full-width letters and spaces,
control characters Python strips, labels padded past 12 characters)."""
from __future__ import annotations

import random

import pyarrow as pa

from ckanext.harbin_opendata.privacy.scan import form_labels

LABELS = ["姓名", "姓名：", "姓 名:", "姓　　名", "申请人", "户主 ：", "xm", "XM", "Name", "full name", "FULL NAME:",
          "contact name", "负责人", "承租人", "补贴对象", "申报主体", "联系人：", "ｎａｍｅ", "ＸＭ", "姓名（拼音）",
          "姓名(拼音)", "被检查人\t", "\x1c姓名\x1f", "申请人:: ", "法定代表人：", "Person_Name", "real_name", "获奖者",
          "  \u3000\u3000 法 定 代 表 人 ：：  ", "\u2003户\u2003主\u2003", "姓\u00a0名"]
DECOYS = ["王建国", "230102199412219447", "13812345678", "650.00", "2025-12-31", "单位名称", "是否本人", "个人",
          "道里区某某餐饮店", "负责人负责人负责人负责人负责人"]


def _random_cells(count: int) -> list[str]:
    alphabet = list("姓名申请人户主者对象体个是否王建国李秀英 :：\t\x1c\u3000（）()xmXMnamefulcotpsr_0123456789.-·，")
    rng = random.Random(16)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(count)]


def test_the_prefilter_keeps_every_label():
    cells = list(dict.fromkeys(LABELS + DECOYS + _random_cells(50000)))
    kept = set(form_labels._candidates(pa.array(cells)))
    labels = [cell for cell in cells if form_labels._is_label(cell)]
    assert set(LABELS) <= set(labels)
    assert [cell for cell in cells if form_labels._is_label(cell) and cell not in kept] == []
    assert not kept & set(DECOYS[:5])  # what makes it worth having


def test_the_trimmed_spaces_are_pythons():
    spaces = "".join(chr(code) for code in range(0x110000) if chr(code).isspace())
    assert sorted(form_labels._TRIMMED) == sorted(spaces + ":：")
