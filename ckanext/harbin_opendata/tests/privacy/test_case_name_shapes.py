"""Case names of a 交通运输 行政处罚 list: a case about a thing whose first character is a surname's
(高速超限运输案: 高 + 速 is no one) names nobody, a case titled 关于王建国违规占用道路案 names 王建国."""
from __future__ import annotations

import csv
import io

import pytest

from ckanext.harbin_opendata.privacy.masked_copy import write_masked
from ckanext.harbin_opendata.privacy.masking import column_key, default_rules
from ckanext.harbin_opendata.privacy.scan.detectors import find_all
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, flagged_by_header

_THINGS = ["高速超限运输案", "高空抛物致人损害案", "农药违规使用案", "冷库违规储存案", "金融违规吸收存款案", "石油违法储存案"]


@pytest.mark.parametrize("text", _THINGS)
def test_a_case_about_a_thing_names_no_one(text):
    assert list(find_all(text)) == []


@pytest.mark.parametrize("text, name", [("关于王建国违规占用道路案", "王建国"), ("关于李秀英超限运输案", "李秀英"),
                                        ("关于欧阳娜娜无证经营案", "欧阳娜娜")])
def test_a_case_titled_about_a_person_names_them(text, name):
    assert [(finding.kind, finding.value) for finding in find_all(text)] == [("person_name", name)]


def _penalty_list(tmp_path):
    rows = [["哈尔滨市交通运输综合行政执法支队行政处罚案件信息公开", "", ""], ["案件名称", "当事人名称", "处罚结果"]]
    cases = [("黑龙江龙运物流有限公司高速超限运输案", "黑龙江龙运物流有限公司"), ("高速超限运输案", "哈尔滨市顺达货运有限公司"),
             ("农药违规使用案", "哈尔滨市绿源农资有限公司"), ("冷库违规储存案", "哈尔滨市冰城冷链物流有限公司")]
    for number, (case, party) in enumerate(cases * 3):
        rows.append([case, party, f"罚款{2000 + number}元"])
    source = tmp_path / "交通处罚案件.csv"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    source.write_bytes(out.getvalue().encode("gbk"))
    return source, rows


def test_cases_about_things_leave_the_case_column_clear(tmp_path):
    source, _ = _penalty_list(tmp_path)
    assert flagged_by_header(scan_file(str(source), LIMITS)) == {}


def test_a_case_about_a_person_is_found_and_masked_in_the_case_column(tmp_path):
    source, rows = _penalty_list(tmp_path)
    with open(source, "ab") as out:
        out.write("关于王建国违规占用道路案,王建国,罚款500元\r\n".encode("gbk"))
    result = scan_file(str(source), LIMITS)
    assert "person_name" in flagged_by_header(result)["案件名称"]
    [case_column] = [column for column in result.columns if column["header"] == "案件名称"]
    target = tmp_path / "masked.csv"
    rules = {**default_rules(result.columns), column_key(case_column["sheet"], case_column["column"]): "mask_found"}
    write_masked(str(source), LIMITS, str(target), rules, result.columns, {})
    masked = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))
    assert masked[-1][0] == "关于王**违规占用道路案" and masked[3][0] == "高速超限运输案"
