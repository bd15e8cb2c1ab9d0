"""One rule says whether a cell is a person's name where a label or a party's header says a person
stands (names.a_persons_name): in a form right of 姓名： and in a party's column of firms alike, a
Chinese name or a pinyin one is, an anonymised one (王某, 张某某, as a 公示 publishes it) is not."""
from __future__ import annotations

from .agency_workbooks import flagged_in, write_gbk_csv
from .test_name_columns import _FIRMS, _penalties


def test_an_anonymised_name_in_a_form_names_no_one(tmp_path):
    lines = ["项目,内容"]
    for number, person in enumerate(["王某", "张某某", "李某", "刘某某"]):
        lines += [f"当事人,{person}", "事项,占道经营", f"罚款金额,{200 + number * 50}"]
    write_gbk_csv(tmp_path / "处罚决定公示.csv", lines)
    assert flagged_in(tmp_path / "处罚决定公示.csv") == {}


def test_a_named_form_is_still_found(tmp_path):
    lines = ["项目,内容", "当事人,王建国", "事项,占道经营", "当事人,Li Xiuying", "事项,无证经营"]
    write_gbk_csv(tmp_path / "处罚决定公示.csv", lines)
    assert flagged_in(tmp_path / "处罚决定公示.csv") == {"内容": ["person_name"]}


def test_a_pinyin_name_beside_firms_in_a_party_column_is_found(tmp_path):
    source = _penalties(tmp_path / "处罚公示.csv", _FIRMS[:5] + ["WANG Jianguo"] + _FIRMS[5:], "当事人名称")
    assert flagged_in(source) == {"当事人名称": ["person_name"]}
