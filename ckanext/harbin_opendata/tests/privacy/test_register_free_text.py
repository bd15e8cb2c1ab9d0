"""Registers the outside probe (probe3) published as clear (reader 10): names a 低保/救助 register's free
text gives by its cues, persons among inspected firms, a name in a title row, nested JSON keys, a
15-digit legacy ID after its label, an agency's own too-light masking and IDs typed as numbers under
证件. Every file is shaped as the probe uploaded it; the decoys beside them stay clear."""
from __future__ import annotations

import json

import pytest

from .agency_workbooks import flagged_in, write_gbk_csv


def _csv(tmp_path, lines: list[str], name: str = "register.csv"):
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


_FIRMS = [f"哈尔滨市道里区{brand}商贸有限公司" for brand in
          "华兴 恒达 鑫源 龙江 冰城 瑞丰 宏达 华信 远大 秋林 天鹅 博远 恒通 金鼎 北方 新区".split()]


@pytest.mark.parametrize("header, cells, kinds", [
    # 办理情况 of a 低保 register: the name before 户, after a kinship word, before 本人 / 签字
    ("办理情况", ["王建国户，因病致贫，已审批", "由其子张伟代领", "赵丽娟本人签字确认"], ["person_name"]),
    ("业户", ["王建国（个体）", "李秀梅（个体）", "张伟（个体）", "刘德华（个体）"], ["person_name"]),
    ("备注", ["法定代表人王建国，已整改", "法定代表人李秀梅，已整改", "法定代表人张伟，已整改"], ["person_name"]),
    ("咨询电话", ["0451-86301230转王建国", "0451-86301231转李秀梅", "0451-86301232转张伟"], ["landline", "person_name"]),
    ("备注", ["旧证号230102850312123", "已换发新证", "旧证号230103720101456"], ["resident_id"]),
    # two persons (个体户 without a trade name) among the inspected firms
    ("被检查单位", _FIRMS[:15] + ["王建国"] + _FIRMS[15:] + ["李秀梅"], ["person_name"]),
    ("受检单位", _FIRMS[:10] + ["赵丽娟"], ["person_name"]),
])
def test_register_columns_the_probe_passed_are_flagged(tmp_path, header, cells, kinds):
    rows = [f"{number},{cell},已处理" for number, cell in enumerate(cells, 1)]
    path = _csv(tmp_path, [f"序号,{header},结果"] + rows)
    assert flagged_in(path) == {header: kinds}


def test_a_name_in_a_title_row_is_flagged(tmp_path):
    path = tmp_path / "发放表.csv"
    write_gbk_csv(path, ["王建国等5户低保家庭补助发放表", "", "序号,区县,金额（元）",
                         *(f"{number},道里区,{400 + number * 20}" for number in range(1, 7)), "合计,,2820"])
    assert "person_name" in {kind for kinds in flagged_in(path).values() for kind in kinds}


@pytest.mark.parametrize("records", [
    [{"district": "道里区", "head": {"person": name, "role": "负责人"}} for name in ("王建国", "李秀梅", "张伟", "刘德华")],
    [{"区县": "道里区", "企业数": 12, "extra": {"person": "李秀梅", "note": "负责人"}},
     {"区县": "南岗区", "企业数": 30, "extra": {"person": "张伟", "note": "负责人"}}],
])
def test_a_name_under_a_nested_key_is_judged_by_that_key(tmp_path, records):
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    assert flagged_in(path) == {"person": ["person_name"]}


def test_a_register_masked_too_lightly_by_its_agency_is_personal(tmp_path):
    path = _csv(tmp_path, ["序号,姓名,身份证号,电话", "1,王*国,23010219850312****,1381234****",
                           "2,李*梅,23010319720101****,1394567****", "3,张*,23010819901224****,1500451****",
                           "4,刘*华,23018319661111****,1864500****"])
    assert flagged_in(path) == {"姓名": ["person_name"], "身份证号": ["resident_id"]}


def test_an_id_masked_too_lightly_counts_under_any_header(tmp_path):
    path = _csv(tmp_path, ["序号,事项,说明", "1,换证,原证23010219850312****已收回", "2,换证,已办结"])
    assert flagged_in(path) == {"说明": ["resident_id"]}


def test_a_register_masked_as_the_portal_masks_stays_clear(tmp_path):
    path = _csv(tmp_path, ["序号,姓名,身份证号,电话", "1,王**,2301**********1232,138****5678",
                           "2,李**,2301**********4567,139****1234", "3,张*,2301**********0017,150****2345"])
    assert flagged_in(path) == {}


def test_ids_typed_as_numbers_under_a_document_header_are_ids(tmp_path):
    path = _csv(tmp_path, ["编号,申请单位,证件", *(f"{number},哈尔滨某某商贸有限公司,2.3010{number}E+17" for number in range(2, 7))])
    assert flagged_in(path) == {"证件": ["resident_id"]}


def test_firms_places_and_cue_words_stay_clear(tmp_path):
    """Decoys shaped like the cues: firms and places holding a surname, households without a name,
    a signature without a signer."""
    rows = ["哈尔滨王家酒店有限公司,王岗镇,低保户，因病致贫，已审批", "张家口市某某物流有限公司,张家口,本人签字确认",
            "道里区华兴商贸有限公司,道里区,由其子女代领", "华信商贸（个体）,王家屯,王家屯户，已入户核实",
            "南岗区龙江食品有限公司,南岗区,申请人本人签字", "香坊区冰城商贸有限公司,香坊区,农业户，已核实",
            "宾县瑞丰农业发展有限公司,宾县,0451-86301230转人工", "尚志市远大物流有限公司,尚志市,法定代表人变更，已备案"]
    path = _csv(tmp_path, ["被检查单位,乡镇,办理情况", *rows])
    assert flagged_in(path) == {}
