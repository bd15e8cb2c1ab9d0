"""Text a workbook's cells carry that the cell reader does not show: the strings of an XLSX's
shared-string table no cell points to (a deleted 申请人 column whose strings the table kept),
phonetic runs (<rPh>) of shared and inline strings, and what an ODS cell shows (text:p) when its
value attribute is another text, or when it has no value type at all. Each is read as text outside
the cells; a workbook whose strings are all shown, or whose numbers are only formatted, gains no
finding."""
from __future__ import annotations

import html
import re
import zipfile

import pytest

from ckanext.harbin_opendata.privacy.scan.files import WORKBOOK_PARTS, scan_file
from ckanext.harbin_opendata.common.tabular.outside_parts import PHONETIC, SHOWN_TEXT, UNUSED_STRINGS
from ckanext.harbin_opendata.common.tabular.sniff import ODS, XLSX
from ckanext.harbin_opendata.common.tabular.workbook_text import workbook_texts

from .agency_workbooks import LIMITS, agency_sheet, copy_texts, footer, scan_and_mask

_HEADER = ["序号", "单位名称", "统一社会信用代码", "补贴金额（元）", "发放日期"]
_SHARED = "xl/sharedStrings.xml"


_INLINE = re.compile(r'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is><t>([^<]*)</t></is></c>')
_SHARED_REL = ('<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
               'Target="sharedStrings.xml" Id="rId9"/></Relationships>')
_SHARED_TYPE = ('<Override PartName="/xl/sharedStrings.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')


def _openpyxl_register(path) -> None:
    """A 登记表: title row merged over the table, the agency line, the header, rows of companies
    (amounts as text, dates in Chinese) and the signature footer; openpyxl writes inline strings."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "登记表", _HEADER)
    for number in range(1, 31):
        sheet.append([number, f"哈尔滨市第{number}粮油有限公司", "91230100MA1ABCDE1X", f"{1234.5 * number:.2f}",
                      f"2025年3月{number}日"])
    footer(sheet)
    workbook.save(path)


def _register(path) -> None:
    """The 登记表 as Excel saves it: every text in the shared-string table, the cells pointing to it."""
    _openpyxl_register(str(path) + ".inline.xlsx")
    strings: list[str] = []

    def shared(match: re.Match) -> str:
        strings.append(match.group(3))
        return f'<c r="{match.group(1)}"{match.group(2)} t="s"><v>{len(strings) - 1}</v></c>'

    edits = {"xl/worksheets/sheet1.xml": lambda xml: _INLINE.sub(shared, xml),
             "xl/_rels/workbook.xml.rels": lambda xml: xml.replace("</Relationships>", _SHARED_REL),
             "[Content_Types].xml": lambda xml: xml.replace("</Types>", _SHARED_TYPE)}
    with zipfile.ZipFile(str(path) + ".inline.xlsx") as original, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in original.infolist():
            data = original.read(member.filename).decode()
            copy.writestr(member, edits.get(member.filename, str)(data))
        copy.writestr(_SHARED, f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                               f'count="{len(strings)}" uniqueCount="{len(strings)}">'
                               + "".join(f"<si><t>{html.escape(html.unescape(text))}</t></si>" for text in strings)
                               + "</sst>")


def _part(findings: list[dict], part: str) -> dict:
    column = WORKBOOK_PARTS[part][0]
    return next((found for found in findings if found["column"] == column), {})


def _edited(path, target, name: str, edit) -> None:
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in original.infolist():
            data = original.read(member.filename)
            copy.writestr(member, edit(data.decode()).encode() if member.filename == name else data)


def _with_strings(tmp_path, strings: str):
    """The register whose shared-string table keeps strings no cell points to."""
    _register(tmp_path / "source.xlsx")
    path = tmp_path / "登记表.xlsx"
    _edited(tmp_path / "source.xlsx", path, _SHARED, lambda xml: xml.replace("</sst>", strings + "</sst>"))
    return path


_DELETED_COLUMN = "".join(f"<si><t>{text}</t></si>" for text in (
    "申请人姓名", "张伟", "李娜", "王秀英", "身份证号", "230103198503121239", "23010219900307002X"))


def test_strings_of_a_deleted_column_kept_in_the_table_block_and_stay_out_of_the_masked_copy(tmp_path):
    path = _with_strings(tmp_path, _DELETED_COLUMN)
    result, masked = scan_and_mask(path, tmp_path)
    assert result.personal, result.columns
    assert {"resident_id", "person_name"} <= set(_part(result.columns, UNUSED_STRINGS).get("kinds", [])), result.columns
    assert "230103198503121239" not in copy_texts(masked)


def test_a_second_string_table_the_cell_reader_never_opens_is_read_whole(tmp_path):
    _register(tmp_path / "source.xlsx")
    path = tmp_path / "登记表.xlsx"
    with zipfile.ZipFile(tmp_path / "source.xlsx") as source, zipfile.ZipFile(path, "w") as copy:
        for member in source.infolist():
            copy.writestr(member, source.read(member.filename))
        copy.writestr("xl/sharedStrings2.xml",
                      source.read(_SHARED).decode().replace("</sst>", _DELETED_COLUMN + "</sst>"))
    result = scan_file(str(path), LIMITS)
    assert {"resident_id", "person_name"} <= set(_part(result.columns, UNUSED_STRINGS).get("kinds", [])), result.columns


def test_a_string_only_in_rich_text_runs_or_phonetic_runs_of_the_table_is_read(tmp_path):
    path = _with_strings(tmp_path, '<si><r><t>联系电话</t></r><r><rPr><b/></rPr><t>：138</t></r><r><t>12345678</t></r></si>'
                                   '<si><t>王</t><rPh sb="0" eb="1"><t>wang 13912345678</t></rPh></si>')
    result = scan_file(str(path), LIMITS)
    assert "mobile" in _part(result.columns, UNUSED_STRINGS).get("kinds", []), result.columns


def test_the_phonetic_run_of_a_shown_string_is_read_not_the_string_again(tmp_path):
    _register(tmp_path / "source.xlsx")
    path = tmp_path / "登记表.xlsx"
    _edited(tmp_path / "source.xlsx", path, _SHARED, lambda xml: xml.replace(
        "<t>单位名称</t>", '<t>单位名称</t><rPh sb="0" eb="4"><t>联系人：张伟 13812345678</t></rPh>', 1))
    result = scan_file(str(path), LIMITS)
    assert "mobile" in _part(result.columns, PHONETIC).get("kinds", []), result.columns
    assert _texts(path, XLSX, UNUSED_STRINGS) == []


def test_the_phonetic_run_of_an_inline_string_is_read(tmp_path):
    _openpyxl_register(tmp_path / "source.xlsx")
    path = tmp_path / "登记表.xlsx"
    _edited(tmp_path / "source.xlsx", path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(
        r'<c r="A2" t="inlineStr"><is><t>[^<]*</t></is></c>',
        '<c r="A2" t="inlineStr"><is><r><t>填报单位：</t></r><r><t>道里区民政局</t></r>'
        '<rPh sb="0" eb="2"><t>经办人：李娜 13912345678</t></rPh></is></c>', xml, count=1))
    result = scan_file(str(path), LIMITS)
    assert "mobile" in _part(result.columns, PHONETIC).get("kinds", []), result.columns


def _texts(path, kind: str, part: str) -> list[str]:
    return [text for found, text in workbook_texts(str(path), kind, LIMITS) if found == part]


_DECOYS = ["91230100MA1ABCDE1X", "1234567.89", "2025年3月31日", "统一社会信用代码"]


@pytest.mark.parametrize("left", [[], _DECOYS])
def test_a_register_with_every_string_shown_or_only_decoys_left_gains_no_finding(tmp_path, left):
    """The strings the cells show are not read again (the decoys left are: the same texts as
    cells, no longer shown)."""
    path = _with_strings(tmp_path, "".join(f"<si><t>{text}</t></si>" for text in left))
    assert _texts(path, XLSX, UNUSED_STRINGS) == left
    result = scan_file(str(path), LIMITS)
    assert not result.personal, result.columns


_ODS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
             'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
             'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
             'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
             'office:version="1.3"><office:body><office:spreadsheet><table:table table:name="登记表">')
_ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"
_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
             'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
             '<manifest:file-entry manifest:full-path="/" '
             'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
             '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
             '</manifest:manifest>')


def _text(text: str) -> str:
    return (f'<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>{text}</text:p>'
            '</table:table-cell>')


def _row(*cells: str) -> str:
    return "<table:table-row>" + "".join(cells) + "</table:table-row>"


def _company(number: int, name_cell: str = "", amount_cell: str = "") -> str:
    amount = 1234567.89 * number
    return _row(f'<table:table-cell office:value-type="float" office:value="{number}" calcext:value-type="float">'
                f'<text:p>{number}</text:p></table:table-cell>',
                name_cell or _text(f"哈尔滨市第{number}粮油有限公司"), _text("91230100MA1ABCDE1X"),
                amount_cell or f'<table:table-cell office:value-type="currency" office:currency="CNY" '
                f'office:value="{amount:.2f}" calcext:value-type="currency"><text:p>¥{amount:,.2f}</text:p>'
                f'</table:table-cell>',
                f'<table:table-cell office:value-type="date" office:date-value="2025-03-{number:02d}" '
                f'calcext:value-type="date"><text:p>2025年3月{number}日 星期{"一二三四五六日"[number % 7]}</text:p>'
                f'</table:table-cell>',
                '<table:table-cell office:value-type="percentage" office:value="0.125" calcext:value-type="percentage">'
                '<text:p>12.50%</text:p></table:table-cell>')


def _ods(path, **planted: str) -> None:
    """A 登记表 as LibreOffice saves it: the title merged over six columns, the header, thirty rows
    of companies (amounts in yuan, dates in Chinese), the 制表人 line; `planted` replaces the second
    row's name or amount cell."""
    rows = [_row('<table:table-cell table:number-columns-spanned="6" office:value-type="string" '
                 'calcext:value-type="string">'
                 '<text:p>哈尔滨市道里区2025年度企业补贴发放登记表</text:p></table:table-cell>'
                 '<table:covered-table-cell table:number-columns-repeated="5"/>'),
            _row(*(_text(name) for name in _HEADER + ["完成率"]))]
    rows += [_company(number, **(planted if number == 2 else {})) for number in range(1, 31)]
    rows.append(_row(_text("制表人："), _text(""), _text("审核人：")))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", _ODS_HEAD + "".join(rows) + _ODS_TAIL)
        archive.writestr("META-INF/manifest.xml", _MANIFEST)


@pytest.mark.parametrize("planted", [
    {"name_cell": '<table:table-cell office:value-type="string" office:string-value="哈尔滨市第2粮油有限公司">'
                  '<text:p>联系人：张伟 13812345678</text:p></table:table-cell>'},
    {"name_cell": '<table:table-cell office:value-type="string" office:string-value="张伟 230103198503121239">'
                  '<text:p>哈尔滨市第2粮油有限公司</text:p></table:table-cell>'},
    {"amount_cell": '<table:table-cell office:value-type="float" office:value="2469135.78">'
                    '<text:p>联系电话 13812345678</text:p></table:table-cell>'},
    {"name_cell": "<table:table-cell><text:p>联系人：张伟 13812345678</text:p></table:table-cell>"}],
    ids=["shown_text_differs", "string_value_differs", "number_shows_text", "untyped_cell"])
def test_what_an_ods_cell_shows_and_its_value_are_both_read(tmp_path, planted):
    path = tmp_path / "登记表.ods"
    _ods(path, **planted)
    result = scan_file(str(path), LIMITS)
    assert result.personal, result.columns


def test_the_shown_text_of_an_ods_cell_is_reported_as_such(tmp_path):
    path = tmp_path / "登记表.ods"
    _ods(path, name_cell='<table:table-cell office:value-type="string" office:string-value="哈尔滨市第2粮油有限公司">'
                         '<text:p>联系人：张伟 13812345678</text:p></table:table-cell>')
    result = scan_file(str(path), LIMITS)
    assert {"mobile", "person_name"} <= set(_part(result.columns, SHOWN_TEXT).get("kinds", [])), result.columns


def test_an_ods_of_formatted_numbers_dates_and_merged_titles_gains_no_finding(tmp_path):
    path = tmp_path / "登记表.ods"
    _ods(path)
    assert _texts(path, ODS, SHOWN_TEXT) == []  # a number's, a date's, a percentage's formatting
    result = scan_file(str(path), LIMITS)
    assert result.tables and not result.personal, result.columns
