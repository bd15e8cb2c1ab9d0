"""Date cells of a workbook read as Excel shows them (common/tabular/serial_dates.py): a date-formatted
0 is 1900-01-00, serial 60 Excel's 1900-02-29, a licence valid to 23:59:59.999999 stays on its day;
in a workbook written by openpyxl and in one whose XML is shaped as WPS and Excel write it. Every
reader of a workbook (preview, DataStore load, downloads, privacy scan) reads these rows."""
from __future__ import annotations

import datetime as dt
import zipfile

from ckanext.harbin_opendata.common.tabular import Limits, tables_as_scanned

from ..workbooks import titled_sheet, workbook_bytes

_HEADER = ["序号", "许可证编号", "发证日期", "有效期至", "受理时间"]
_SHOWN = [  # the rows as Excel shows them
    ["1", "JY12301020000123", "2025-01-02", "2025-12-31 23:59:59.999999", "08:30:00"],
    ["2", "JY12301020000456", "1900-01-00", "1900-02-29", "00:00:00"],
    ["3", "JY12301020000789", "1900-02-28", "2026-06-30 23:59:59.999999", "23:59:59.999999"],
]


def _rows(path) -> list[list[str]]:
    table = next(iter(tables_as_scanned(str(path), Limits(max_unpacked_bytes=10_000_000))))
    assert table.header == _HEADER
    return list(table.rows())


def test_a_workbook_written_by_a_program_reads_as_excel_shows_it(tmp_path):
    workbook, sheet = titled_sheet("许可信息", "哈尔滨市食品经营许可证信息", _HEADER)
    end = dt.timedelta(hours=23, minutes=59, seconds=59, microseconds=999999)
    rows = [[1, "JY12301020000123", dt.date(2025, 1, 2), dt.datetime(2025, 12, 31) + end, dt.time(8, 30)],
            [2, "JY12301020000456", 0, 60, 0],  # a date the program left empty, written as 0
            [3, "JY12301020000789", 59, dt.datetime(2026, 6, 30) + end, dt.time(23, 59, 59, 999999)]]
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=3):
        cells[2].number_format, cells[3].number_format = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
        cells[4].number_format = "hh:mm:ss"
    path = tmp_path / "许可信息.xlsx"
    path.write_bytes(workbook_bytes(workbook))
    assert _rows(path) == _SHOWN


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '</Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>'),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {_NS} {_R}>'
        '<bookViews><workbookView windowWidth="28800" windowHeight="12300"/></bookViews>'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="144525"/></workbook>'),
    # WPS's own formats (176: yyyy/m/d;@, 177: the Chinese date) beside Excel's built-in 14, 22 and 21
    "xl/styles.xml": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet {_NS}>'
        '<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy/m/d;@"/>'
        '<numFmt numFmtId="177" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="177" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
    "xl/sharedStrings.xml": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst {_NS} count="9" uniqueCount="9">'
        + "".join(f"<si><t>{text}</t></si>" for text in [*_HEADER, *(row[1] for row in _SHOWN), "哈尔滨市食品经营许可证信息"])
        + "</sst>"),
}


def _sheet() -> str:
    """The sheet as WPS writes it: a merged title, shared strings, a row of spans, cells styled."""
    serials = [("45659", "1", "46022.999999999985", "3", "0.3541666666666667", "4"),  # 2025-01-02, 2025-12-31 23:59:59.999999
               ("0", "2", "60", "5", "0", "4"),
               ("59", "1", "46203.999999999985", "3", "0.99999999999884", "4")]  # 2026-06-30 23:59:59.999999
    rows = ['<row r="1" spans="1:5"><c r="A1" t="s"><v>8</v></c></row>',
            '<row r="2" spans="1:5">' + "".join(f'<c r="{column}2" t="s"><v>{index}</v></c>' for index, column in enumerate("ABCDE")) + "</row>"]
    for number, (cells, row) in enumerate(zip(serials, _SHOWN), 3):
        rows.append(f'<row r="{number}" spans="1:5"><c r="A{number}"><v>{row[0]}</v></c><c r="B{number}" t="s"><v>{number + 2}</v></c>'
                    f'<c r="C{number}" s="{cells[1]}"><v>{cells[0]}</v></c><c r="D{number}" s="{cells[3]}"><v>{cells[2]}</v></c>'
                    f'<c r="E{number}" s="{cells[5]}"><v>{cells[4]}</v></c></row>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS} {_R}>'
            '<sheetPr/><dimension ref="A1:E5"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr defaultColWidth="9" defaultRowHeight="13.5" outlineLevelCol="4"/>'
            f'<sheetData>{"".join(rows)}</sheetData><mergeCells count="1"><mergeCell ref="A1:E1"/></mergeCells>'
            '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>')


def test_a_workbook_as_wps_writes_it_reads_as_excel_shows_it(tmp_path):
    path = tmp_path / "许可信息.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in {**_PARTS, "xl/worksheets/sheet1.xml": _sheet()}.items():
            archive.writestr(name, text)
    assert _rows(path) == _SHOWN
