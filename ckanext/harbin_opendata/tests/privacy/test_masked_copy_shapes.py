"""Shapes of masked copies (probe3 L4, L6), through the real actions: a header the reader was not
sure of keeps its column names (摊主, not 摊*) while the names below are masked; IDs typed into a
workbook as numbers (their last digits lost) are masked as IDs (230102********12**), not as long
numbers showing the float's invented digits; a JSON file's nested objects keep their keys."""
from __future__ import annotations

import csv
import io
import json

import pytest

import ckan.model as model

from ckanext.harbin_opendata.privacy.jobs import file_of
from ckanext.harbin_opendata.privacy.model import states

from .conftest import upload
from .jobs import mask_now, run_scans

_STALLS = [("A00", "王建国", "蔬菜"), ("A01", "李秀梅", "蔬菜"), ("A02", "张伟", "水果"), ("A03", "刘德华", "水果"),
           ("A04", "赵丽娟", "肉类"), ("A05", "陈志强", "肉类")]


def _copy_bytes(copy_id: str) -> bytes:
    with file_of(model.Resource.get(copy_id)) as path:
        with open(path, "rb") as stream:
            return stream.read()


def _masked(people, data: bytes, filename: str, fmt: str) -> tuple[str, bytes]:
    original = upload(people.entry["id"], people.editor, data, filename, fmt)
    run_scans(people.entry["id"])
    copy_id = mask_now(people.editor, original["id"])
    return copy_id, _copy_bytes(copy_id)


@pytest.mark.usefixtures("storage")
def test_an_unsure_headers_column_names_are_kept(people):
    body = "\r\n".join(",".join(row) for row in [("摊位号", "摊主", "经营品种"), *_STALLS]).encode()
    _, copy = _masked(people, body, "stalls.csv", "CSV")
    rows = list(csv.reader(io.StringIO(copy.decode("utf-8-sig"))))
    assert rows[0] == ["摊位号", "摊主", "经营品种"]
    assert [row[1] for row in rows[1:]] == ["王**", "李**", "张*", "刘**", "赵**", "陈**"]


@pytest.mark.usefixtures("storage")
def test_a_name_in_an_unsure_header_row_is_still_masked(people):
    """The row taken for the header may be data: a name in it is masked (a list without header)."""
    body = "\r\n".join(",".join(row) for row in _STALLS).encode()
    _, copy = _masked(people, body, "stalls.csv", "CSV")
    text = copy.decode("utf-8-sig")
    assert not any(name in text for _, name, _ in _STALLS) and "王**" in text


def _ids_as_numbers() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["姓名", "身份证", "电话"])
    sheet.append(["王建国", 230102198503121232.0, "13812345678"])  # a float: read back as 230102198503121200
    sheet.append(["李秀梅", 230103197201014564.0, "13945671234"])
    sheet.append(["张伟", "230108199012247896", "15004512345"])
    sheet.append(["刘德华", "23018319661111002X", "18645001122"])
    sheet.append(["赵丽娟", "230102199306075550", "13704519988"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.usefixtures("storage")
def test_ids_typed_as_numbers_are_masked_as_ids(people):
    import openpyxl

    copy_id, copy = _masked(people, _ids_as_numbers(), "ids.xlsx", "XLSX")
    sheet = openpyxl.load_workbook(io.BytesIO(copy)).worksheets[0]
    ids = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == ["230102********12**", "230103********46**", "230108********7896", "230183********002X",
                   "230102********5550"]
    run_scans(people.entry["id"])
    assert states([people.entry["id"]])[people.entry["id"]][copy_id] == "clear"  # the strict rescan agrees


_NESTED = {"code": 0, "msg": "ok", "data": {"total": 3, "list": [
    {"id": 1, "unit": "哈尔滨某公司", "contact": {"person": "王建国", "tel": "13812345678"}, "cert": "230102198503121232"},
    {"id": 2, "unit": "哈尔滨某公司", "contact": {"person": "李秀梅", "tel": "13945671234"}, "cert": "230103197201014564"},
    {"id": 3, "unit": "哈尔滨某公司", "contact": {"person": "张伟", "tel": "15004512345"}, "cert": "230108199012247896"}]}}


@pytest.mark.usefixtures("storage")
def test_nested_json_objects_keep_their_keys(people):
    import openpyxl

    data = json.dumps(_NESTED, ensure_ascii=False).encode()
    _, copy = _masked(people, data, "nested.json", "JSON")
    sheet = openpyxl.load_workbook(io.BytesIO(copy)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("contact")
    contacts = [json.loads(row[column]) for row in rows[1:]]
    assert contacts == [{"person": "王**", "tel": "138****5678"}, {"person": "李**", "tel": "139****1234"},
                        {"person": "张*", "tel": "150****2345"}]
