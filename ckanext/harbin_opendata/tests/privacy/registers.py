"""Registers (登记表) as agencies send them, with a column of mixed identity and contact data
(证件或联系方式), numbers grouped in ways the detectors may not know, and the checks a masked copy
of them must pass: no original value in it, none shown more than its kind's mask shows."""
from __future__ import annotations

import csv
import io
import re

__all__ = ["MIXED", "GROUPED", "register_csv", "register_xlsx", "groupings_csv", "under_masked", "digits"]

# (value, at most how many of its digits or local-part characters a mask may show)
MIXED = [
    ("230102197505055000", 10), ("230102197505055019", 10), ("230102197505055027", 10),
    ("13645671235", 7), ("wangwu1990@qq.com", 1), ("6222021234567890128", 10), ("经办人：欧阳修", 1),
    ("1364567 1235", 7), ("zhaoliu#qq.com", 1), ("13712 340002", 7), ("1371234000 8", 7),
]
GROUPED = [
    ("1371234 0001", "2301 0219 9001 0110 03"), ("13712 340002", "230102 19900101 1011"),
    ("137·1234·0003", "23010219900101102 X"), ("137 1234 0004", "2301021990 01011038"),
    ("137-12340005", "2 30102199001011046"), ("+8613712340006", "230102199001011-054"),
    ("13 712340007", "230102199001011062"), ("1371234000 8", "230102199001011070"),
]
_NAMES = ["张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷", "徐鹏"]


def digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def _rows() -> list[list[str]]:
    return [[str(number), name, value, "低保", "1200.00"]
            for number, (name, (value, _)) in enumerate(zip(_NAMES, MIXED), start=1)]


def register_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([["哈尔滨市道里区2025年城乡低保对象登记表", "", "", "", ""],
                      ["填报单位：道里区民政局", "", "", "", "单位：元"],
                      ["序号", "姓名", "证件或联系方式", "救助类别", "月救助金额"], *_rows(),
                      ["制表人：刘建国", "", "", "审核人：孙丽", ""]])
    return out.getvalue().encode("gbk")


def register_xlsx() -> bytes:
    """The same register as a workbook: the title and the agency's line merged over the columns."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "登记表"
    sheet.append(["哈尔滨市道里区2025年城乡低保对象登记表"])
    sheet.merge_cells("A1:E1")
    sheet.append(["填报单位：道里区民政局"])
    sheet.merge_cells("A2:E2")
    sheet.append(["序号", "姓名", "证件或联系方式", "救助类别", "月救助金额"])
    for row in _rows():
        sheet.append([int(row[0]), *row[1:4], float(row[4])])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def groupings_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["序号", "联系电话", "身份证号", "备注"])
    for number, (mobile, resident_id) in enumerate(GROUPED, start=1):
        writer.writerow([number, mobile, resident_id, f"联系{mobile} 证件{resident_id}"])
    return out.getvalue().encode("utf-8")


def under_masked(original: str, masked: str, most: int) -> bool:
    """Whether the masked cell shows more of the original than `most` of its digits (or, for an
    e-mail address, of its local part's characters), or the original itself."""
    if original in masked or (len(digits(original)) >= 7 and digits(original) in digits(masked)):
        return True
    if re.search(r"[@#]", original):
        local = re.split(r"[@#]", masked)[0]
        return sum(char.isalnum() for char in local) > most
    if len(digits(original)) >= 7:
        return len(digits(masked)) > most
    letters = [char for char in original if char.isalnum()]  # a (labelled) name: no two of its characters in a row
    return any(first + second in masked for first, second in zip(letters, letters[1:]))
