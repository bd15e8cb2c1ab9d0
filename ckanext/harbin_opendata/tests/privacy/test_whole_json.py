"""Every string of a JSON document is scanned, not only the records the table reader takes (issue 16,
outside probe H0, H0c): maps keyed by resident ID or by name, pandas' column maps, a second array of
records, records nested under the envelope, and the envelope itself. Decoys (order numbers, 统一社会
信用代码 and dates as keys, an API's code and message, a Table Schema's field names) stay clear, and
the masked copy carries none of what lies outside the table."""
from __future__ import annotations

import html
import json
import zipfile

import pytest

from ckanext.harbin_opendata.common.tabular import TableError
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, copy_texts, scan_and_mask

_PEOPLE = [("王建国", "23010219600101100X", "13845123000"), ("李秀英", "230102196102041013", "13845123037"),
           ("张伟", "230102196203071027", "13845123074"), ("刘淑芬", "230102196304101037", "13845123111"),
           ("赵德胜", "230102196405131040", "13845123148"), ("陈桂兰", "230102196506161054", "13845123185"),
           ("杨晓东", "230102196607191068", "13845123222"), ("周玉梅", "230102196708221078", "13845123259")]
_SUMMARY = [{"jd": street, "hs": households, "je": households * 650}
            for street, households in (("尚志大街街道", 120), ("新华街道", 98), ("安静街道", 77), ("经纬街道", 64))]
_DETAIL = [{"xm": name, "sfzh": number, "sj": mobile, "je": 650} for name, number, mobile in _PEOPLE]
_ENVELOPE = {"code": 0, "msg": "成功", "timestamp": "2026-11-30 10:21:33"}

_DOCUMENTS = {
    "keyed by ID": ({"data": {number: {"金额": 650, "月份": "2026-11"} for _, number, _ in _PEOPLE}}, "resident_id"),
    "keyed by name": ({name: {"月份": "2026-11", "金额": 650} for name, _, _ in _PEOPLE}, "person_name"),
    "pandas columns": ({"xm": {str(row): name for row, (name, _, _) in enumerate(_PEOPLE)},
                        "sfzh": {str(row): number for row, (_, number, _) in enumerate(_PEOPLE)}}, "resident_id"),
    "second array": ({**_ENVELOPE, "summary": _SUMMARY, "detail": _DETAIL}, "resident_id"),
    "nested array": ({**_ENVELOPE, "summary": _SUMMARY, "detail": {"total": 8, "rows": _DETAIL}}, "mobile"),
    "in the envelope": ({**_ENVELOPE, "data": _SUMMARY,
                         "meta": {"tbr": "制表人王建国", "lxdh": "13845123000", "shr": "230102196102041013"}},
                        "resident_id"),
    "operator": ({"result": {"records": _SUMMARY}, "operator": {"name": "王建国", "mobile": "13845123000"}},
                 "mobile"),
}


def _write(tmp_path, document) -> str:
    path = tmp_path / "dibao_2026-11.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return str(path)


def _kinds(result) -> set[str]:
    return {kind for column in result.columns for kind in column["kinds"]}


@pytest.mark.parametrize("shape", list(_DOCUMENTS))
def test_personal_data_anywhere_in_a_json_document_is_found(tmp_path, shape):
    document, kind = _DOCUMENTS[shape]
    result = scan_file(_write(tmp_path, document), LIMITS)
    assert kind in _kinds(result), result.columns


def test_a_second_array_is_judged_as_columns_under_its_keys(tmp_path):
    result = scan_file(_write(tmp_path, {**_ENVELOPE, "summary": _SUMMARY, "detail": _DETAIL}), LIMITS)
    found = {column["header"]: column["kinds"] for column in result.columns if column["kinds"]}
    assert found == {"xm": ["person_name"], "sfzh": ["resident_id"], "sj": ["mobile"]}, found
    assert [table["header"] for table in result.tables] == [["jd", "hs", "je"]]  # the table read is unchanged


def test_a_json_member_of_an_archive_is_read_whole(tmp_path):
    path = tmp_path / "低保.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("明细.json", json.dumps({"summary": _SUMMARY, "detail": _DETAIL}, ensure_ascii=False))
    assert "resident_id" in _kinds(scan_file(str(path), LIMITS))


def test_decoys_in_keys_and_the_envelope_stay_clear(tmp_path):
    document = {
        **_ENVELOPE, "success": True, "total": 2,
        "data": [{"dwmc": "哈尔滨市道里区民政局", "tyshxydm": "11230102MB1912345X", "je": 650.5},
                 {"dwmc": "哈尔滨市南岗区民政局", "tyshxydm": "11230103MB0198765A", "je": 700}],
        "schema": {"fields": [{"name": "dwmc", "type": "string"}, {"name": "tyshxydm", "type": "string"},
                              {"name": "je", "type": "number"}], "primaryKey": "tyshxydm"},
        "sections": [{"mc": "城乡低保", "je": 1300.5}, {"mc": "特困供养", "je": 0}],
        "orders": {"DD202611300001": {"je": 120.5, "rq": "2026-11-30"}, "202611300000123": {"je": 5, "rq": "2026-11-29"}},
        "byDate": {"2026-11-01": 650, "2026-11-02": 700, "2026年11月3日": 720},
        "credit": {"91230102MA1C2D3E4F": {"mc": "哈尔滨某某科技有限公司"}, "912301037028123456": {"mc": "黑龙江某某商贸有限公司"}},
        "bbmc": "2026年11月城乡低保资金发放汇总", "tbdw": "道里区民政局",
    }
    result = scan_file(_write(tmp_path, document), LIMITS)
    assert not result.personal, [column for column in result.columns if column["kinds"]]


def test_the_masked_copy_carries_nothing_from_outside_the_table(tmp_path):
    path = _write(tmp_path, {**_ENVELOPE, "summary": _SUMMARY, "detail": _DETAIL,
                             "meta": {"tbr": "制表人王建国", "shr": "230102196102041013"}})
    result, target = scan_and_mask(path, tmp_path)
    assert result.personal
    texts = html.unescape(copy_texts(target))  # openpyxl writes CJK as character references
    assert "尚志大街街道" in texts
    assert not any(value in texts for person in _PEOPLE for value in person), texts[-2000:]
    assert "230102196102041013" not in texts


def test_a_document_nested_beyond_the_reader_is_not_clear(tmp_path):
    document: dict = {"xm": "王建国"}
    for level in range(80):
        document = {f"level{level}": document}
    with pytest.raises(TableError):
        scan_file(_write(tmp_path, {"data": _SUMMARY, "meta": document}), LIMITS)
