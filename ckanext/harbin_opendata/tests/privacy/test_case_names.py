"""A 行政处罚 公示's case named after the person it was against (案件名称 李秀英销售不合格商品案, outside probe
H4 n14): the name found and masked where it is; firms' cases, plans (方案, 预案) and anonymised
names stay as written."""
from __future__ import annotations

import csv
import io

import pytest

from ckanext.harbin_opendata.privacy.masked_copy import write_masked
from ckanext.harbin_opendata.privacy.masking import column_key, default_rules
from ckanext.harbin_opendata.privacy.scan.detectors import find_all
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, flagged_by_header


@pytest.mark.parametrize("text, name", [
    ("李秀英销售不合格商品案", "李秀英"), ("张伟未取得食品经营许可从事食品经营案", "张伟"), ("阿不都·热合曼涉嫌销售假药案", "阿不都·热合曼"),
    ("欧阳娜娜无证经营案", "欧阳娜娜"), ("（2026）王建国擅自改变房屋用途案", "王建国"),
])
def test_a_case_named_after_a_person_names_them(text, name):
    assert [(finding.kind, finding.value) for finding in find_all(text)] == [("person_name", name)]


@pytest.mark.parametrize("text", [
    "哈尔滨市道里区某某商店销售不合格商品案", "黑龙江省龙江食品有限责任公司销售过期食品案", "华联超市销售过期食品案", "王某销售过期食品案",
    "张某某无证经营案", "金融违规行为整治方案", "全市违法建设治理方案", "明年生产安全应急预案", "石油经营企业备案", "案件名称",
    "国美电器销售不合格商品案", "道里区市场监督管理局办理的销售过期食品案",
])
def test_cases_of_firms_plans_and_anonymised_names_name_no_one(text):
    assert list(find_all(text)) == []


def test_the_case_column_of_a_penalty_list_is_masked_where_the_name_is(tmp_path):
    rows = [["哈尔滨市道里区市场监督管理局行政处罚案件信息公开", "", ""], ["案件名称", "当事人名称", "处罚结果"]]
    for number, (case, party) in enumerate([("哈尔滨市道里区某某商店销售不合格商品案", "哈尔滨市道里区某某商店"),
                                            ("李秀英销售不合格商品案", "道里区李秀英副食店"),
                                            ("黑龙江省龙江食品有限责任公司销售过期食品案", "黑龙江省龙江食品有限责任公司")] * 4):
        rows.append([case, party, f"罚款{1000 + number}元"])
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    source = tmp_path / "处罚案件.csv"
    source.write_bytes(out.getvalue().encode("gbk"))
    result = scan_file(str(source), LIMITS)
    assert flagged_by_header(result) == {"案件名称": ["person_name"]}
    target = tmp_path / "masked.csv"
    # By default a column with a person's data is masked whole (a case named otherwise, 关于王建国违规…案,
    # would stay); the agency may choose to mask only where the name is.
    write_masked(str(source), LIMITS, str(target), default_rules(result.columns), result.columns, {})
    masked = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))
    assert "李秀英" not in masked[3][0] and "销售不合格商品案" not in masked[3][0]
    assert masked[3][1:] == ["道里区李秀英副食店", "罚款1001元"]
    assert not scan_file(str(target), LIMITS, strict=True).personal
    [case_column] = [column for column in result.columns if column["header"] == "案件名称"]
    rules = {**default_rules(result.columns), column_key(case_column["sheet"], case_column["column"]): "mask_found"}
    write_masked(str(source), LIMITS, str(target), rules, result.columns, {})
    masked = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))
    assert masked[3] == ["李**销售不合格商品案", "道里区李秀英副食店", "罚款1001元"]
    assert masked[2][0] == "哈尔滨市道里区某某商店销售不合格商品案"
    assert not scan_file(str(target), LIMITS, strict=True).personal
