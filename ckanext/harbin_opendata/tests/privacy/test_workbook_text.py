"""Personal data in a workbook outside its cells' values (issue 16): sheet names, title rows, the
header row (kept as confirmed by a person), comments, page headers and footers. The scan finds each
and blocks the original; the masked copy keeps none of it."""
from __future__ import annotations

import datetime as dt

import pytest

from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, agency_sheet, copy_texts, footer, scan_and_mask

ROWS = 40


def _plain_workbook():
    """An agency workbook with nothing personal in its cells."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "企业名录", ["序号", "企业名称", "统一社会信用代码", "注册资本（万元）", "成立日期"])
    for number in range(1, ROWS + 1):
        sheet.append([number, f"哈尔滨市第{number}粮油有限公司", "91230100MA1ABCDE1X", 1234567.89,
                      dt.datetime(2010, 1, number % 28 + 1)])
    footer(sheet)
    return workbook, sheet


def _sheet_name(workbook, sheet, text):
    sheet.title = text


def _title_row(workbook, sheet, text):
    sheet["A2"] = f"填报单位：道里区民政局 {text}"


def _header_cell(workbook, sheet, text):
    sheet["E3"] = text


def _comment(workbook, sheet, text):
    from openpyxl.comments import Comment

    sheet["C5"].comment = Comment(text, "道里区民政局")


def _page_footer(workbook, sheet, text):
    sheet.oddFooter.center.text = text


def _page_header(workbook, sheet, text):
    sheet.oddHeader.left.text = text


_PLACES = {"sheet_name": (_sheet_name, "13812345678"), "bare_name_sheet": (_sheet_name, "张伟"),
           "title_row": (_title_row, "联系人：张伟 13812345678"), "header_row": (_header_cell, "联系人：张伟 13812345678"),
           "comment": (_comment, "联系人：张伟 13812345678"), "page_footer": (_page_footer, "制表人：张伟 13812345678"),
           "page_header": (_page_header, "联系人：张伟 13812345678"),
           "note_author": (_comment, "张伟:\n请核对第5行金额")}  # Excel starts a note with its author


def test_a_plain_agency_workbook_is_not_personal(tmp_path):
    workbook, _ = _plain_workbook()
    path = tmp_path / "企业名录.xlsx"
    workbook.save(path)
    result = scan_file(str(path), LIMITS)
    assert not result.personal, [column for column in result.columns if column["kinds"]]


def test_ordinary_sheet_names_and_notes_are_not_personal(tmp_path):
    from openpyxl.comments import Comment

    workbook, sheet = _plain_workbook()
    sheet["D5"].comment = Comment("单位：万元，数据截至2025年3月31日", "道里区民政局")
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    for name in ("周一", "汇总", "2025年3月", "Sheet1", "道里区"):
        workbook.create_sheet(name).append(["街道", "人数"])
    path = tmp_path / "企业名录.xlsx"
    workbook.save(path)
    result = scan_file(str(path), LIMITS)
    assert not result.personal, [column for column in result.columns if column["kinds"]]


@pytest.mark.parametrize("place", sorted(_PLACES))
def test_personal_data_outside_the_cells_blocks_and_stays_out_of_the_masked_copy(place, tmp_path):
    plant, text = _PLACES[place]
    workbook, sheet = _plain_workbook()
    plant(workbook, sheet, text)
    path = tmp_path / "企业名录.xlsx"
    workbook.save(path)
    # the header row as a person confirmed it on the entry's page (the layout alone doubts a header
    # holding a phone number, and then reads it as data)
    confirmed = {sheet.title: 2} if plant is _header_cell else None
    result, target = scan_and_mask(path, tmp_path, confirmed)
    assert result.personal, f"{place}: not found"
    copy = copy_texts(target)
    assert "13812345678" not in copy and "张伟" not in copy, place


def test_a_note_in_a_workbook_inside_an_archive_is_found(tmp_path):
    import zipfile

    workbook, sheet = _plain_workbook()
    _comment(workbook, sheet, "联系人：张伟 13812345678")
    inner = tmp_path / "企业名录.xlsx"
    workbook.save(inner)
    path = tmp_path / "企业名录.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(inner, "2025/企业名录.xlsx")
    result = scan_file(str(path), LIMITS)
    assert [column["kinds"] for column in result.columns if column["kinds"]] == [["mobile", "person_name"]]
