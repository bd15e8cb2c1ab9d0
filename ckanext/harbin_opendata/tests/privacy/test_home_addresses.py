"""Home addresses (outside probe, issue 16 finding 4): a 低保 roster published 道里区安静路12号3单元502室
under 家庭住址 because the address kind is optional and off. By content an address is a business's as
often as a person's, so the kind stays off; a header naming where a person lives makes its column one
(home_addresses.py). Business addresses (注册地址, 经营场所, 单位地址) and cells naming no place stay."""
from __future__ import annotations

import html

import pytest

from ckanext.harbin_opendata.privacy.scan.files import scan_file
from ckanext.harbin_opendata.privacy.scan.home_addresses import is_home_address_header

from .agency_workbooks import LIMITS, agency_sheet, copy_texts, flagged_by_header, footer, scan_and_mask

HOMES = {"家庭住址": "道里区安静路{n}2号3单元50{n}室", "户籍地址": "南岗区和兴小区{n}栋2单元301",
         "现 住 址": "香坊区幸福镇红星村{n}组", "居住地址": "平房区友协大街{n}6号院"}
BUSINESSES = {"注册地址": "南岗区长江路{n}88号", "经营场所": "道外区靖宇街{n}号", "单位地址": "哈尔滨市松北区世纪大道1号"}


@pytest.mark.parametrize("header,home", [("住址", True), ("家庭住址", True), ("户籍所在地", True), ("现居住地", True),
                                         ("Home Address", True), ("注册地址", False), ("经营场所", False),
                                         ("单位地址", False), ("企业住所", False), ("单位住址", False), ("地址", False),
                                         ("所属街道", False), ("address", False)])
def test_home_address_headers(header, home):
    assert is_home_address_header(header) is home


def test_roster_home_addresses_are_masked_business_ones_stay(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = agency_sheet(workbook, "低保对象", ["序号", "姓名", *HOMES, "备注", *BUSINESSES])
    for number in range(1, 9):
        sheet.append([number, "王*", *(shape.format(n=number) for shape in HOMES.values()), "同户籍" if number % 2 else "无",
                      *(shape.format(n=number) for shape in BUSINESSES.values())])
    footer(sheet)
    path = tmp_path / "道里区城市低保对象名册.xlsx"
    workbook.save(path)
    result, target = scan_and_mask(path, tmp_path)
    flagged = flagged_by_header(result)
    assert {header: flagged.get(header) for header in HOMES} == {header: ["address"] for header in HOMES}
    assert not set(BUSINESSES) & set(flagged)
    copy = html.unescape(copy_texts(target))  # the copy writes characters as references
    assert not [shape for shape in HOMES.values() for number in range(1, 9) if shape.format(n=number) in copy]
    assert all(shape.format(n=1) in copy for shape in BUSINESSES.values())
    assert not scan_file(str(target), LIMITS, strict=True).personal
