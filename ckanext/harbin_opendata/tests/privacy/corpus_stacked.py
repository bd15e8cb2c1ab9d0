"""Agency files that stack several tables in one sheet, as district offices fill them in: a merged
title, 表一 with its header and rows, a 合计 line, a blank line, 表二's title and its own header with
other columns (names now where 表一 had 性别 or file numbers), its rows, 小计, a 填表人/审核人 footer,
and a second sheet. The second table's names are not all surname-shaped (minority, five-character,
pinyin): only its own header says they are names."""
from __future__ import annotations

import csv
import io

from .samples import resident_id_with

__all__ = ["stacked_files", "too_many_stacked_csv"]

_IDS = [resident_id_with("230104", f"19{60 + n:02d}0{n % 9 + 1}1{n % 9}", f"{n + 20:03d}") for n in range(12)]
_SECOND_NAMES = ["阿依努尔·托合提", "司马相如之", "Li Na", "巴特尔", "欧阳春晓", "乌云毕力格"]
_FIRST_NAMES = ["王秀兰", "李建国", "张桂芬", "刘志强", "陈玉梅"]
_MOBILES = ["13904511234", "15545012345", "18745678901", "13351234567", "17604519876", "13836001122"]
_CARDS = ["6222021234567890128", "6212264000000000008", "6217000010001234566"]
_FILE_NUMBERS = ["HRB202600000101", "HRB202600000102", "HRB202600000103"]


def _roster_workbook() -> tuple[bytes, list[str]]:
    """困难群众救助花名册: 表一 城市低保 (户主姓名, 性别, 身份证号码, 联系电话), 合计, blank line, 表二
    临时救助 (申请人 under 表一's 性别, 银行卡号 under 保障金额, 手机号码 under 备注), 小计, footer;
    a second sheet 特困供养 with its own title and header."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "救助名单"
    sheet.append(["道外区2025年第四季度困难群众救助花名册"])
    sheet.append(["填报单位：道外区民政局（盖章）", None, None, None, None, "单位：元"])
    sheet.append(["表一：城市最低生活保障对象"])
    sheet.append(["序号", "户主姓名", "性别", "身份证号码", "家庭人口", "保障金额", "联系电话", "备注"])
    for number in range(25):
        sheet.append([number + 1, _FIRST_NAMES[number % 5], "男" if number % 2 else "女", _IDS[number % 6],
                      number % 4 + 1, 680 * (number % 4 + 1), _MOBILES[number % 3], None])
    sheet.append(["合计", None, None, None, 62, 42160, None, None])
    sheet.append([])
    sheet.append(["表二：临时救助对象"])
    sheet.append(["序号", "救助类别", "申请人", "公民身份号码", "开户银行", "银行卡号", "救助金额", "手机号码"])
    for number in range(12):
        sheet.append([number + 1, "临时救助", _SECOND_NAMES[number % 6], _IDS[6 + number % 6], "中国工商银行",
                      _CARDS[number % 3], 1500, _MOBILES[3 + number % 3]])
    sheet.append(["小计", None, None, None, None, None, 18000, None])
    sheet.append(["填表人：孙立新", None, None, "审核人：周海燕", None, "填表日期：2026年1月5日"])
    for title_row in (1, 3, 28):
        sheet.merge_cells(start_row=title_row, start_column=1, end_row=title_row, end_column=8)
    second = workbook.create_sheet("特困供养")
    second.append(["分散供养特困人员名册"])
    second.merge_cells("A1:E1")
    second.append(["序号", "供养对象", "身份证号", "监护人", "监护人电话"])
    for number in range(8):
        second.append([number + 1, _SECOND_NAMES[(number + 2) % 6], _IDS[number % 12], _FIRST_NAMES[number % 5],
                       _MOBILES[number % 6]])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), [*_IDS, *_SECOND_NAMES, *_FIRST_NAMES, *_MOBILES, *_CARDS, "孙立新", "周海燕"]


def _register_csv() -> tuple[bytes, list[str]]:
    """办件登记表 saved by Excel as GBK CSV: title lines with trailing commas, 表一 个人办件 (申请人),
    小计, a blank line, 表二 代办及补贴发放 with six columns (代办人 under 表一's 办件编号, ID numbers
    under 事项名称, cards under 申请人), 合计, and a footer of three key-value cells."""
    rows = [["哈尔滨市香坊区政务服务中心办件登记表", "", "", "", "", "", "", ""],
            ["表一：个人办件", "", "", "", "", "", "", ""],
            ["序号", "办件编号", "事项名称", "申请人", "身份证号", "联系电话", "受理日期", "办理状态"]]
    for number in range(30):
        rows.append([str(number + 1), _FILE_NUMBERS[number % 3], "居住证办理", _FIRST_NAMES[number % 5],
                     _IDS[number % 6], _MOBILES[number % 6], f"2025-12-{number % 28 + 1:02d}", "已办结"])
    rows += [["小计", "", "", "", "", "", "30件", ""], ["", "", "", "", "", "", "", ""], ["表二：代办及补贴发放"],
             ["序号", "代办人", "被代办人证件号码", "银行卡号", "发放金额（元）", "手机号码"]]
    for number in range(20):
        rows.append([str(number + 1), _SECOND_NAMES[number % 6], _IDS[6 + number % 6], _CARDS[number % 3], "1200.00",
                     _MOBILES[number % 6]])
    rows += [["合计", "", "", "", "24000.00", ""], ["填表人：吴桂芝", "审核人：郑国强", "填表日期：2026年1月6日"]]
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode("gbk"), [*_IDS, *_SECOND_NAMES, *_FIRST_NAMES, *_MOBILES, *_CARDS, "吴桂芝", "郑国强"]


def stacked_files() -> list[tuple[str, str, bytes, dict[str, set[str]], list[str]]]:
    """(name, declared format, body, planted columns by table, planted values) of each file."""
    roster, roster_values = _roster_workbook()
    register, register_values = _register_csv()
    return [
        ("救助花名册（多表）.xlsx", "XLSX", roster,
         {"救助名单": {"户主姓名", "身份证号码", "联系电话"},
          "救助名单·表2": {"序号", "申请人", "公民身份号码", "银行卡号", "手机号码"},
          "特困供养": {"供养对象", "身份证号", "监护人", "监护人电话"}}, roster_values),
        ("办件登记表（多表）.csv", "CSV", register,
         {"": {"申请人", "身份证号", "联系电话"},
          "表2": {"序号", "代办人", "被代办人证件号码", "银行卡号", "手机号码"}}, register_values),
    ]


def too_many_stacked_csv(tables: int) -> bytes:
    """A CSV of `tables` small tables stacked one below the other (title, header, one row, blank
    line); the header alternates 姓名 and 申请人 (a header repeated as it is starts nothing)."""
    rows: list[list[str]] = []
    for number in range(tables):
        header = ["序号", "姓名" if number % 2 else "申请人", "联系电话"]
        rows += [[f"表{number + 1}"], header, [str(number), "王伟", "13812345678"], []]
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue().encode("utf-8")
