"""Forms laid out label | value across a row (outside probe F4): a 健康证明登记表 workbook with one block
of rows per person (姓名 | 王建国 | 性别 | 男 | 年龄 | 30) and a CSV of 项目,内容 lines (申请人,王建国 /
事项,低保申请 / 金额,650). The names' columns have no name header and hold other values too, so
neither header nor content made them name columns: both files were scanned clear and published.
Decoys: a label beside an office or a company (负责人 | 市交通局, 法定代表人 | 哈尔滨某某有限公司) and a
roles table (角色 | 单位) stay clear."""
from __future__ import annotations

import html

import openpyxl

from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .agency_workbooks import LIMITS, copy_texts, flagged_by_header, flagged_in, scan_and_mask, write_gbk_csv

PEOPLE = ["王建国", "李秀英", "张伟", "刘淑芬", "赵德胜", "阿不都·热合曼", "Wang Jianguo"]


def _form_workbook(path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "登记表"
    sheet.append(["从业人员健康证明登记表"])
    sheet.merge_cells("A1:G1")
    for age, person in enumerate(PEOPLE, start=30):
        row = sheet.max_row + 1
        sheet.append(["姓名：", None, person, "性别", "男", "年龄", age])
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)  # a label over two cells
        sheet.append(["工作单位", None, "道里区某某餐饮店", "岗位", "厨师", "体检结果", "合格"])
        sheet.append([])
    workbook.save(path)


def test_names_right_of_form_labels_are_found_and_masked(tmp_path):
    source = tmp_path / "从业人员健康证明登记表.xlsx"
    _form_workbook(source)
    result, target = scan_and_mask(source, tmp_path)
    assert any("person_name" in kinds for kinds in flagged_by_header(result).values()), result.columns
    copy = html.unescape(copy_texts(target))
    assert not [person for person in PEOPLE if person in copy], copy
    assert not scan_file(str(target), LIMITS, strict=True).personal


def test_key_value_lines_are_a_form(tmp_path):
    lines = ["项目,内容"]
    for person in PEOPLE:
        lines += [f"申请人,{person}", "事项,低保申请", "金额,650"]
    write_gbk_csv(tmp_path / "申请事项.csv", lines)
    assert flagged_in(tmp_path / "申请事项.csv") == {"内容": ["person_name"]}


def test_labels_beside_offices_companies_and_roles_stay_clear(tmp_path):
    lines = ["项目,内容", "负责人,市交通局", "法定代表人,哈尔滨某某有限公司", "联系人,综合科", "申请人,道里区民政局",
             "事项,道路维修", "金额,650"]
    write_gbk_csv(tmp_path / "项目信息.csv", lines)
    roles = ["角色,单位,电话", "负责人,市交通局,0451-86300000", "联系人,综合办公室,0451-86300001",
             "经办人,道里区政务服务中心,0451-86300002"]
    write_gbk_csv(tmp_path / "角色.csv", roles)
    assert flagged_in(tmp_path / "项目信息.csv") == {}
    assert flagged_in(tmp_path / "角色.csv") == {}
