"""The people who sign a table in its footer are found as names, whatever the footer's label (the
same signers common/tabular/footer.py knows: 审批人, 审定人, 校对人, 录入人 …, leaders who sign) and
with the place of a signature or stamp before the colon (审核人（签字）：); a count of them is none."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .samples import write_csv

LIMITS = Limits(max_unpacked_bytes=1 << 30)
_DATA = [["序号", "补贴项目", "金额（元）"], *[[str(n), "供暖补贴", "1200"] for n in range(1, 6)]]


@pytest.mark.parametrize("footer", [["审核人（签字）：李红梅", "", "审批人：张伟"], ["校对人：赵敏", "录入人：孙立新", ""],
                                    ["分管领导：王建国", "", ""], ["审定人（签名）：周杰", "", ""]])
def test_signers_in_a_footer_are_names(tmp_path, footer):
    scan = scan_file(write_csv(tmp_path / "register.csv", [["哈尔滨市某区供暖补贴发放表"], *_DATA, footer]), LIMITS)
    assert scan.personal, footer
    assert any("person_name" in column["kinds"] for column in scan.columns), scan.columns


def test_a_count_of_signers_is_no_name(tmp_path):
    scan = scan_file(write_csv(tmp_path / "register.csv", [*_DATA, ["审批人数：5", "校对人员：3名", ""]]), LIMITS)
    assert not scan.personal, scan.columns
