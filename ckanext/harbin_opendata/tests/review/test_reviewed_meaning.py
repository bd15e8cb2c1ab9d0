"""A reviewed field counts as unchanged only when it says the same: the edit form's empty parts
(a data item's empty unit) change nothing, a change of JSON type does (true → 1, 1 → 1.0)."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.review.workflow import _same_meaning


@pytest.mark.parametrize("before, after, same", [
    ('[{"name": "企业名称"}]', '[{"name": "企业名称", "unit": "", "example": ""}]', True),
    ('[{"name": "企业名称", "required": true}]', '[{"name": "企业名称", "required": 1}]', False),
    ('[0]', '[false]', False),
    ('[1]', '[1.0]', False),
    ("哈尔滨市企业登记信息", "哈尔滨市企业登记信息（2025）", False),
])
def test_the_same_meaning(before, after, same):
    assert _same_meaning(before, after) is same
