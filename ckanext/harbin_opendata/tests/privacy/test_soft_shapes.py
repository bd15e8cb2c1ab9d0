"""Personal data written the soft ways agencies write it: a name after a contact label without a
colon or on the next line (经办人李四已核实, 办理人：⏎崔永元), a name column under a pinyin header (xm),
mobiles grouped other than 3-4-4 (13712 340002), a person named in a sheet or archive member name
(张三丰名单.csv). Ordinary sentences, amounts, dates and table words (公示, 汇总) stay clear."""
from __future__ import annotations

import zipfile

import pytest

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.scan.detectors import find_all
from ckanext.harbin_opendata.privacy.scan.files import scan_file
from ckanext.harbin_opendata.privacy.scan.names import is_name_header, names_a_person

from .ordinary_sentences import LABEL_SENTENCES, OTHER_SENTENCES

LIMITS = Limits(max_unpacked_bytes=1 << 30)


def _found(text: str, kind: str) -> list[str]:
    return [finding.value for finding in find_all(text) if finding.kind == kind]


def _kinds(path) -> dict[str, list[str]]:
    return {column["header"]: column["kinds"] for column in scan_file(str(path), LIMITS).columns}


@pytest.mark.parametrize("text, name", [
    ("经办人李四已核实", "李四"), ("审核通过，申请人刘德华本人签字", "刘德华"), ("经办人张三已核实，联系人：欧阳娜娜", "张三"),
    ("办理人：\n崔永元\n13645671234", "崔永元"), ("办理人\n崔永元", "崔永元"), ("联系人 王伟，电话见附件", "王伟"),
    ("负责人欧阳娜娜", "欧阳娜娜"), ("联系人阿卜杜·买买提已核实", "阿卜杜·买买提"), ("办理人：高圆圆", "高圆圆"),
])
def test_a_name_after_a_label_without_a_colon_is_found(text, name):
    assert name in _found(text, "person_name")


def test_ordinary_sentences_after_a_label_name_no_one():
    sentences = LABEL_SENTENCES + OTHER_SENTENCES
    assert len(sentences) > 500
    assert [text for text in sentences if _found(text, "person_name")] == []


@pytest.mark.parametrize("cell", ["13712 340002", "13 712340007", "1371234000 8", "1 3712340009", "137123 40-001",
                                  "联系13712 340002 证件", "电话：1371 2340 002"])
def test_mobiles_grouped_otherwise_are_found(cell):
    assert _found(cell, "mobile")


@pytest.mark.parametrize("cell", ["1,371,234,000", "1371234000.8", "13712.340002", "2026-11-30 13:45", "13 712 340 007",
                                  "13712 3400 0123", "DD20261130000123456789", "2026113012345678", "91230100MA1ABCDE1X",
                                  "12 345678901", "10 371234000", "137123400 0 12"])
def test_numbers_grouped_so_that_are_no_mobiles_stay_clear(cell):
    assert _found(cell, "mobile") == []


def _write(path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_table_of_soft_forms_is_flagged_and_its_decoys_are_not(tmp_path):
    rows = ["序号,备注,联系电话,金额,办理结果"]
    rows += [f"{n},经办人李四已核实,13712 34000{n % 10},\"1,371,234,00{n % 10}\",办理人员已核实" for n in range(1, 30)]
    rows += ["30,申请人刘德华本人签字,13 712340007,1371234000.8,申请人数较上年增长",
             "31,办理人员已核实,1371234000 8,2026.11.30,联系人信息已更新"]
    kinds = _kinds(_write(tmp_path / "soft.csv", "\n".join(rows) + "\n"))
    assert kinds["备注"] == ["person_name"]
    assert kinds["联系电话"] == ["mobile"]
    assert kinds["金额"] == [] and kinds["办理结果"] == [] and kinds["序号"] == []


def test_a_name_on_the_line_after_its_label_in_a_cell_is_found(tmp_path):
    kinds = _kinds(_write(tmp_path / "cells.csv", '项目编号,内容,数量\nA4,"办理人：\n崔永元",4\nA5,已办结,5\n'))
    assert kinds["内容"] == ["person_name"]


@pytest.mark.parametrize("header, ok", [("xm", True), ("XM", True), ("xingming", True), ("name", True), ("fullname", True),
                                        ("姓名拼音", True), ("lxr", True), ("xmbh", False), ("xm_id", False),
                                        ("filename", False), ("username", False)])
def test_pinyin_name_headers_only_as_whole_headers(header, ok):
    assert is_name_header(header) is ok


def test_a_name_column_under_a_pinyin_header_is_flagged(tmp_path):
    kinds = _kinds(_write(tmp_path / "pinyin.csv", "xm,zjhm,xmbh\n高圆圆,230108197909097774,XM-001\n"))
    assert kinds["xm"] == ["person_name"] and kinds["xmbh"] == []
    records = tmp_path / "nested.json"
    records.write_text('{"code": 0, "data": {"list": [{"xm": "韩梅梅", "bz": "无"}]}}', encoding="utf-8")
    assert _kinds(records)["xm"] == ["person_name"]


@pytest.mark.parametrize("label, ok", [("张三丰名单", True), ("王伟信息表", True), ("张伟", True), ("公示", False),
                                       ("汇总", False), ("明细", False), ("附件", False), ("名单", False), ("统计", False),
                                       ("公示名单", False), ("低保对象名单", False), ("汇总表", False), ("通知", False)])
def test_sheet_and_member_names(label, ok):
    assert names_a_person(label) is ok


def test_an_archive_member_named_after_a_person_is_flagged(tmp_path):
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("张三丰名单.csv", "序号,金额\n1,100\n")
        archive.writestr("公示.csv", "序号,金额\n1,200\n")
    sheet_names = [column for column in scan_file(str(path), LIMITS).columns if column["column"] == -1]
    assert [(column["sheet"], column["kinds"]) for column in sheet_names] == [("张三丰名单.csv", ["person_name"])]
