"""Each piece of personal data is reported in one place: an ODS's page footer under 页眉页脚 only
(styles.xml is also read whole for its other texts, without the footer again), and a table pandas
wrote to JSON (to_dict(orient="list"), to_json(orient="split"/"columns"/"index")) read as the
file's table under its column names, not once more among the document's other strings."""
from __future__ import annotations

import json

import pytest

from ckanext.harbin_opendata.common.tabular import tables_as_scanned
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS
from .test_workbook_text import _ods

_NAMES = ["王建国", "李秀英", "张伟", "刘淑芬", "赵德胜", "陈桂兰", "杨晓东", "周玉梅"]
_COLUMNS = ["xm", "sfzh", "sj", "jzje", "jd"]  # 姓名, 身份证号, 手机, 救助金额, 街道 as a program names them
_ROWS = [[name, f"2301021960{number + 1:02d}0110{number}X"[:18], f"138451230{number:02d}", 650.0 + number * 10, "新阳路街道"]
         for number, name in enumerate(_NAMES)]


def _found(result) -> list[tuple[str, str, list[str]]]:
    return [(column["sheet"], column["header"], column["kinds"]) for column in result.columns if column["kinds"]]


def test_an_ods_page_footer_is_reported_once(tmp_path):
    path = tmp_path / "企业名录.ods"
    _ods(path, footer="制表人：张伟<text:s/>13812345678")
    assert _found(scan_file(str(path), LIMITS)) == [("", "页眉页脚", ["mobile", "person_name"])]


def _pandas(orient: str):
    records = [dict(zip(_COLUMNS, row)) for row in _ROWS]
    if orient == "list":
        return {column: [record[column] for record in records] for column in _COLUMNS}
    if orient == "split":
        return {"columns": _COLUMNS, "index": list(range(len(_ROWS))), "data": _ROWS}
    if orient == "columns":
        return {column: {str(number): record[column] for number, record in enumerate(records)} for column in _COLUMNS}
    return {str(number): record for number, record in enumerate(records)}  # index


@pytest.mark.parametrize("orient", ["list", "split", "columns", "index"])
def test_a_pandas_table_in_json_is_reported_once_as_the_files_table(tmp_path, orient):
    path = tmp_path / "dibao_2025.json"
    path.write_text(json.dumps(_pandas(orient), ensure_ascii=False), encoding="utf-8")
    table = next(iter(tables_as_scanned(str(path), LIMITS)))
    assert table.header == _COLUMNS and [row[0] for row in table.rows()] == _NAMES
    assert _found(scan_file(str(path), LIMITS)) == [
        ("", "xm", ["person_name"]), ("", "sfzh", ["resident_id"]), ("", "sj", ["mobile"])]


def test_a_split_table_indexed_by_name_keeps_its_index_scanned(tmp_path):
    path = tmp_path / "dibao_2025.json"
    document = {"columns": _COLUMNS[3:], "index": _NAMES, "data": [row[3:] for row in _ROWS]}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert any("person_name" in kinds for _, _, kinds in _found(scan_file(str(path), LIMITS)))
