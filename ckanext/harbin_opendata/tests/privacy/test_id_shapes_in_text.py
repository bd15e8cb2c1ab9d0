"""Resident IDs with a wrong check character (outside probe F10): region, birth date and sequence of
a real person with the last character mistyped or altered. In every text a person wrote (file
cells with other text, catalog texts, web addresses, feedback) an 18-character number with a known
region and a valid birth date is an ID whatever its check character (detectors.id_shaped, the one
rule); a run of digits after a person-number label (卡号, 手机号, 电话) is personal whatever its
check digit or length. A cell that is only such a number is still judged by its check character
unless its header says ID (a column of bare serials shaped so is no one's)."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.metadata_check import REFUSED_KINDS
from ckanext.harbin_opendata.privacy.public_text import found_kinds
from ckanext.harbin_opendata.privacy.scan.detectors import find_all
from ckanext.harbin_opendata.privacy.scan.files import scan_file

LIMITS = Limits(max_unpacked_bytes=1 << 30)
# Valid IDs 23010219600101100X, 230102196102041013 … with the last character changed.
_BAD_CHECK = ("230102196001011000", "230102196102041010", "230102196203071020", "230102196304101030")


def test_an_id_with_a_wrong_check_character_inside_a_file_note_is_found(tmp_path):
    rows = ["哈尔滨市道里区2026年低保复核名单,,", "序号,户号,备注"]
    rows += [f"{number},DL{number:03d},户主证件{value}" for number, value in enumerate(_BAD_CHECK, start=1)]
    rows += ["5,DL005,复核日期2026-11-05，金额1300.00元", "6,DL006,无"]
    source = tmp_path / "低保复核.csv"
    source.write_bytes(("\r\n".join(rows) + "\r\n").encode("gbk"))
    notes = next(column for column in scan_file(str(source), LIMITS).columns if column["header"] == "备注")
    assert "resident_id" in notes["kinds"]


def test_the_exact_detectors_take_the_shape_inside_text_and_the_check_for_a_whole_cell():
    assert [finding.value for finding in find_all("户主证件230102196102041010，已核实")] == ["230102196102041010"]
    assert not list(find_all("230102196102041010"))  # a bare number: its check character decides


@pytest.mark.parametrize("text, kind", [
    ("举报人身份证号码：230102196506161050（核对用）", "resident_id"),
    ("户主 230102196506161050 已核实", "resident_id"),
    ("230102196506161050", "resident_id"),  # a public text that is only the number
    ("补发卡号6222021000001234570", "bank_card"),
    ("手机号：1384512300", "mobile"),
    ("电话：138451230001", "mobile"),
])
def test_a_catalog_text_refuses_a_person_number_whatever_its_check(text, kind):
    assert found_kinds(text, REFUSED_KINDS) == [kind]


@pytest.mark.parametrize("text", [
    "咨询电话：0451-86661234，12345政务服务便民热线",
    "统一社会信用代码：91230102MA1B2C3D4E，112301000000123456",
    "数据更新至2026-11-05，共1300条，金额1234567.89元",
    "订单号：202311051234567890，文号：哈政办发〔2023〕15号",
    "卡号位数：19位，身份证号码共18位",
])
def test_decoys_in_catalog_texts_stay_clear(text):
    assert found_kinds(text, REFUSED_KINDS) == []  # the catalog's kinds: an office's landline is public

