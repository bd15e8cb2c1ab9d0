"""Personal data in the parts of a workbook that no reader of its own read (issue 16, outside probe
H8): conditional formats' formulas (an officer highlighting one person's row), a table's column
names, number formats (shown in every formatted cell), cell-style names, filter values; an ODS's
number styles and conditional formats. Each is found, a macro project is not taken as clear, the
masked copy carries none of them, and the ordinary content of these parts stays clear."""
from __future__ import annotations

import html
import zipfile

import pytest

from ckanext.harbin_opendata.common.tabular import TableError
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, copy_texts, scan_and_mask
from .test_workbook_text import _ods, _plain_workbook
from .workbook_parts import with_parts

_ID, _MOBILE = "230102196607191068", "13845123259"
_FIRST, _LAST = 4, 43  # the data rows of _plain_workbook's sheet


def _conditional_format(workbook, sheet, formula: str) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    sheet.conditional_formatting.add(f"A{_FIRST}:E{_LAST}",
                                     FormulaRule(formula=[formula], fill=PatternFill(bgColor="FFC7CE")))


def _table(workbook, sheet, _=None) -> None:
    from openpyxl.worksheet.table import Table

    sheet.add_table(Table(displayName="企业名录表", ref=f"A3:E{_LAST}"))


def _number_format(workbook, sheet, number_format: str) -> None:
    for row in range(_FIRST, _LAST + 1):
        sheet.cell(row, 4).number_format = number_format


def _cell_style(workbook, sheet, name: str) -> None:
    from openpyxl.styles import Font, NamedStyle

    style = NamedStyle(name=name, font=Font(bold=True))
    workbook.add_named_style(style)
    sheet.cell(_FIRST, 2).style = name


def _filter(workbook, sheet, value: str) -> None:
    sheet.auto_filter.ref = f"A3:E{_LAST}"
    sheet.auto_filter.add_filter_column(2, [value])


def _workbook(tmp_path, *changes, parts: dict | None = None):
    workbook, sheet = _plain_workbook()
    for change, argument in changes:
        change(workbook, sheet, argument)
    path = tmp_path / "企业名录.xlsx"
    workbook.save(path)
    if parts:
        with_parts(path, tmp_path / "parts.xlsx", parts)
        path = tmp_path / "parts.xlsx"
    return path


def _renamed_column(path, tmp_path, name: str):
    """The workbook with its table's second column named `name` (the header cell keeps 企业名称)."""
    with zipfile.ZipFile(path) as archive:
        table = archive.read("xl/tables/table1.xml").decode()
    with_parts(path, tmp_path / "table.xlsx", {"xl/tables/table1.xml": table.split("?>", 1)[-1].replace(
        'name="企业名称"', f'name="{name}"')})
    return tmp_path / "table.xlsx"


_PERSONAL = {
    "conditional format": [(_conditional_format, f'$C{_FIRST}="{_ID}"')],
    "number format": [(_number_format, f'"经办人李秀英 {_ID} "0')],
    "cell style name": [(_cell_style, f"王建国{_MOBILE}")],
    "filter value": [(_filter, _ID)],
}


@pytest.mark.parametrize("place", list(_PERSONAL))
def test_personal_data_in_a_workbooks_other_parts_is_found_and_not_copied(tmp_path, place):
    result, target = scan_and_mask(_workbook(tmp_path, *_PERSONAL[place]), tmp_path)
    assert result.personal, result.columns
    texts = html.unescape(copy_texts(target))
    assert "哈尔滨市第1粮油有限公司" in texts and _ID not in texts and _MOBILE not in texts


def test_a_table_column_named_otherwise_than_its_header_cell_is_read(tmp_path):
    path = _renamed_column(_workbook(tmp_path, (_table, None)), tmp_path, f"企业名称王建国{_MOBILE}")
    result, target = scan_and_mask(path, tmp_path)
    assert "mobile" in {kind for column in result.columns for kind in column["kinds"]}, result.columns
    assert _MOBILE not in html.unescape(copy_texts(target))


def test_a_macro_project_is_not_taken_as_clear(tmp_path):
    path = _workbook(tmp_path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "经办人王建国".encode("utf-16-le"))
    with pytest.raises(TableError) as raised:
        scan_file(str(path), LIMITS)
    assert raised.value.params == {"kind": "binary_parts"}


def test_the_ordinary_content_of_a_workbooks_other_parts_stays_clear(tmp_path):
    path = _workbook(tmp_path, (_conditional_format, f"$D{_FIRST}>5000000"), (_table, None),
                     (_number_format, '#,##0.00"万元"'), (_cell_style, "重点企业"), (_filter, "哈尔滨市第1粮油有限公司"))
    path = _renamed_column(path, tmp_path, "企业名称")
    with zipfile.ZipFile(path, "a") as archive:  # the printer's name, as Excel keeps it
        archive.writestr("xl/printerSettings/printerSettings1.bin",
                         "HP LaserJet Pro M404-M405 PCL 6".ljust(32, "\0").encode("utf-16-le") + bytes(range(256)))
    result = scan_file(str(path), LIMITS)
    assert not result.personal, [column for column in result.columns if column["kinds"]]


_NUMBER = 'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
_CALC = 'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '


def _ods_with(path, tmp_path, styles: str = "", content: str = ""):
    with zipfile.ZipFile(path) as archive:
        old_styles, old_content = (archive.read(name).decode().split("?>", 1)[1] for name in ("styles.xml", "content.xml"))
    parts = {"styles.xml": old_styles.replace("<office:document-styles ", "<office:document-styles " + _NUMBER, 1)
             .replace("<office:master-styles>", f"<office:styles>{styles}</office:styles><office:master-styles>", 1),
             "content.xml": old_content.replace("<office:document-content ", "<office:document-content " + _CALC, 1)
             .replace("</table:table>", f"</table:table>{content}", 1)}
    with_parts(path, tmp_path / "parts.ods", parts)
    return tmp_path / "parts.ods"


def _number_style(text: str) -> str:
    return (f'<number:number-style style:name="N1"><number:text>{text}</number:text>'
            '<number:number number:min-integer-digits="1"/></number:number-style>')


def _ods_condition(value: str) -> str:
    return ('<calcext:conditional-formats><calcext:conditional-format calcext:target-range-address="Sheet1.A4:Sheet1.E43">'
            f'<calcext:condition calcext:apply-style-name="Bad" calcext:value="{html.escape(value)}" '
            'calcext:base-cell-address="Sheet1.A4"/></calcext:conditional-format></calcext:conditional-formats>')


@pytest.mark.parametrize("styles, content, personal", [
    (_number_style(f"经办人李秀英 {_ID} "), "", True),
    ("", _ods_condition(f'[.C4]="{_ID}"'), True),
    (_number_style("万元"), _ods_condition("[.D4]>5000000"), False)], ids=["number style", "condition", "decoys"])
def test_an_ods_number_styles_and_conditions_are_read(tmp_path, styles, content, personal):
    _ods(tmp_path / "企业名录.ods")
    result = scan_file(str(_ods_with(tmp_path / "企业名录.ods", tmp_path, styles, content)), LIMITS)
    assert result.tables and result.personal is personal, [column for column in result.columns if column["kinds"]]
