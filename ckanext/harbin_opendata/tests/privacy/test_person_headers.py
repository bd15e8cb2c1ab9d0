"""A header naming who is subsidised, relieved, insured or paid (对象, 补贴对象, 救助对象, 申报主体, 参保人,
户主, 收款人, 持卡人) makes its column a name column: every cell with letters counts, whatever its
shape — a minority name of five or six characters with the middle dot, a pinyin name (Zhang Wei,
WANG Jianguo) — as agencies' registers hold them. Headers of a category or a count stay clear."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from ckanext.harbin_opendata.privacy.scan.files import scan_file
from ckanext.harbin_opendata.privacy.scan.names import is_name_header

from .agency_workbooks import LIMITS, agency_sheet, scan_and_mask

_PEOPLE = ["阿卜杜热依木·买买提", "Zhang Wei", "WANG Jianguo", "古丽米热·艾则孜", "Li Na", "热合曼·吐尔逊", "LIU Yang", "Batu"]
_HEADERS = ["对象", "补贴对象", "救助对象", "申报主体", "参保人", "户主", "收款人", "持卡人"]


@pytest.mark.parametrize("header, ok", [*((header, True) for header in _HEADERS), ("发放对象", True), ("申请主体", True),
                                        ("对象类型", False), ("对象数量", False), ("主体类型", False), ("补贴类别", False)])
def test_headers_of_who_is_paid_name_people(header, ok):
    assert is_name_header(header) is ok


def _gbk_register(path, header: str) -> str:
    out = io.StringIO()
    rows = [["哈尔滨市香坊区2025年城乡低保资金发放名册", "", "", ""], ["序号", header, "补贴类别", "发放金额（元）"]]
    rows += [[str(n), _PEOPLE[n % len(_PEOPLE)], "城市低保" if n % 2 else "农村低保", f"{680 + n}.00"] for n in range(1, 25)]
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("gbk"))
    return str(path)


@pytest.mark.parametrize("header", _HEADERS)
def test_minority_and_pinyin_names_under_a_persons_header_are_found(tmp_path, header):
    columns = scan_file(_gbk_register(tmp_path / "低保名册.csv", header), LIMITS).columns
    kinds = {column["header"]: column["kinds"] for column in columns}
    assert kinds[header] == ["person_name"] and kinds["补贴类别"] == [], kinds


def test_a_workbook_of_subsidy_recipients_is_masked(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "补贴名册", ["序号", "补贴对象", "申报主体", "补贴类别"])
    for number in range(1, 21):
        sheet.append([number, _PEOPLE[number % len(_PEOPLE)], _PEOPLE[(number + 3) % len(_PEOPLE)], "耕地地力保护补贴"])
    source = tmp_path / "补贴名册.xlsx"
    workbook.save(source)
    result, target = scan_and_mask(source, tmp_path)
    kinds = {column["header"]: column["kinds"] for column in result.columns}
    assert kinds["补贴对象"] == kinds["申报主体"] == ["person_name"] and kinds["补贴类别"] == [], kinds
    cells = {cell for row in openpyxl.load_workbook(target).active.iter_rows(values_only=True) for cell in row}
    assert not cells & set(_PEOPLE) and "耕地地力保护补贴" in cells
