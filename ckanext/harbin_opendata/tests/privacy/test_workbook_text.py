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


def test_a_note_part_declaring_entities_is_refused_not_expanded(tmp_path):
    """A workbook has no DTD: a note part declaring entities (expanded a billion times, or naming a
    file on the server) is not read, and the file is unreadable, not clear."""
    import zipfile

    from ckanext.harbin_opendata.common.tabular.errors import TableError

    workbook, sheet = _plain_workbook()
    _comment(workbook, sheet, "核对人备注")
    plain = tmp_path / "plain.xlsx"
    workbook.save(plain)
    path = tmp_path / "带批注.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if "comment" in member.filename and member.filename.endswith(".xml"):
                data = b'<!DOCTYPE comments [<!ENTITY a "13812345678">]>' + data.split(b"?>", 1)[-1]
                data = data.replace("核对人备注".encode(), b"&a;")
            target.writestr(member, data)
    with pytest.raises(TableError):
        scan_file(str(path), LIMITS)


def test_page_footers_are_found_across_the_chunks_a_large_sheet_is_read_in(tmp_path, monkeypatch):
    from ckanext.harbin_opendata.common.tabular import workbook_text, xml_blocks

    workbook, sheet = _plain_workbook()
    sheet.oddFooter.center.text = "制表人：张伟 13812345678"
    sheet.evenHeader.right.text = "联系人：李娜"
    path = tmp_path / "企业名录.xlsx"
    workbook.save(path)
    whole = list(workbook_text.workbook_texts(str(path), "xlsx", LIMITS))
    monkeypatch.setattr(xml_blocks, "_CHUNK", 7)  # every tag cut somewhere
    assert list(workbook_text.workbook_texts(str(path), "xlsx", LIMITS)) == whole
    [text] = [text for kind, text in whole if kind == "header_footer"]  # the sheet's, one element
    assert "制表人：张伟 13812345678" in text and "联系人：李娜" in text


_ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"><office:body><office:spreadsheet>
<table:table table:name="企业名录">
<table:table-row><table:table-cell office:value-type="string"><text:p>企业名称</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>注册资本（万元）</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>哈尔滨市第1粮油有限公司</text:p>{note}</table:table-cell>
<table:table-cell office:value-type="float" office:value="1234567.89"><text:p>1234567.89</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"""
_ODS_STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.2"><office:master-styles><style:master-page style:name="Default">
<style:footer><style:region-center><text:p>{footer}</text:p></style:region-center></style:footer>
</style:master-page></office:master-styles></office:document-styles>"""


_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def _ods(path, note: str = "", footer: str = "第<text:page-number>1</text:page-number>页") -> None:
    import zipfile

    annotation = f"<office:annotation><dc:creator>道里区民政局</dc:creator><text:p>{note}</text:p></office:annotation>" \
        if note else ""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", _ODS_CONTENT.format(note=annotation).replace(">\n<", "><"))
        archive.writestr("styles.xml", _ODS_STYLES.format(footer=footer))
        archive.writestr("META-INF/manifest.xml", _MANIFEST)


@pytest.mark.parametrize("note, footer, personal", [
    ("", "第<text:page-number>1</text:page-number>页", False),
    ("联系人：张伟<text:s/>13812345678", "第<text:page-number>1</text:page-number>页", True),
    ("", "制表人：张伟 13812345678", True)])
def test_notes_and_footers_of_an_ods_are_read(tmp_path, note, footer, personal):
    path = tmp_path / "企业名录.ods"
    _ods(path, note, footer)
    result = scan_file(str(path), LIMITS)
    assert result.tables and result.personal is personal, result.columns
